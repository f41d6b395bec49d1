//! What later stages get from scoring: the [`Assessment`] (instruments, organisation and
//! scores, no responses), and the references into it that plans and reports hold
//! ([`InstrumentRef`], [`Measure`]). It computes nothing.

use super::ScoredModel;
use crate::survey::{Instrument, Organisation};

/// What later stages get from the survey: its design and the scores, and no responses. Built
/// by consuming the [`Survey`], so individual answers cannot travel further down the pipeline.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The default instrument, answered by every team's members.
    pub instrument: Instrument,
    pub organisation: Organisation,
    pub scores: ScoredModel,
    /// Further instruments (customers rating their account team, say), each scored on its own
    /// over the same organisation: its own respondents, thresholds and comparisons.
    pub further: Vec<FurtherAssessment>,
    /// The external benchmark the default instrument's figures are compared with, if any.
    pub benchmark: Option<crate::survey::Benchmark>,
}

/// A further instrument and its scores. Teams it is not for have no respondents, so their
/// figures are withheld like any group without enough answers.
#[derive(Debug, Clone)]
pub struct FurtherAssessment {
    pub instrument: Instrument,
    pub scores: ScoredModel,
}

/// One of an assessment's instruments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InstrumentRef {
    Default,
    /// Index into [`Assessment::further`].
    Further(usize),
}

/// A dimension of one instrument: what a plan's focus, an action or a commitment works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Measure {
    pub instrument: InstrumentRef,
    /// Index into that instrument's dimensions.
    pub dimension: usize,
}

impl Measure {
    /// A dimension of the default instrument.
    pub fn of_default(dimension: usize) -> Measure {
        Measure { instrument: InstrumentRef::Default, dimension }
    }
}

impl Assessment {
    /// Every instrument, the default one first.
    pub fn instruments(&self) -> impl Iterator<Item = &Instrument> {
        std::iter::once(&self.instrument).chain(self.further.iter().map(|f| &f.instrument))
    }

    pub fn instrument(&self, which: InstrumentRef) -> &Instrument {
        match which {
            InstrumentRef::Default => &self.instrument,
            InstrumentRef::Further(f) => &self.further[f].instrument,
        }
    }

    pub fn scores_of(&self, which: InstrumentRef) -> &ScoredModel {
        match which {
            InstrumentRef::Default => &self.scores,
            InstrumentRef::Further(f) => &self.further[f].scores,
        }
    }

    pub fn dimension(&self, measure: Measure) -> &crate::survey::Dimension {
        &self.instrument(measure.instrument).dimensions[measure.dimension]
    }

    /// The instrument whose respondents are `respondents` and that is for `team`: the default
    /// one for members, else the first further one, in id order.
    pub fn instrument_for(&self, team: usize, respondents: crate::survey::Respondents) -> Option<InstrumentRef> {
        if respondents == crate::survey::Respondents::Members {
            return Some(InstrumentRef::Default);
        }
        let facts = &self.organisation.teams[team];
        self.further
            .iter()
            .position(|f| f.instrument.respondents == respondents && f.instrument.applies_to_team(facts))
            .map(InstrumentRef::Further)
    }
}
