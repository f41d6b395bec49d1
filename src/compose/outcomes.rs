//! The outcome items of a team report (overall trust, willingness to rely on the team) and
//! the note on where the questionnaire's items come from. Outcome items belong to no
//! dimension, so they get their own table rather than a place among the dimensions' items.

use serde::Serialize;

use super::words::Words;
use crate::scoring::Figures;
use crate::survey::Instrument;

/// One outcome item as the report's table prints it.
#[derive(Serialize)]
pub(super) struct OutcomeRow {
    pub name: String,
    pub text: String,
    pub mean: String,
    pub favourable: String,
    pub vs_organisation: String,
    pub vs_organisation_pp: String,
    /// Why the row has no figures, when it has none.
    pub withheld: String,
}

/// The team's `figures` on each outcome item of `instrument`, against the organisation's.
pub(super) fn outcome_rows(words: &Words<'_>, instrument: &Instrument, figures: &Figures) -> Vec<OutcomeRow> {
    instrument
        .outcomes
        .iter()
        .map(|outcome| {
            let reported = &figures.items[outcome.item];
            let score = reported.shown();
            let vs = score.and_then(|s| s.vs_organisation.as_deref());
            OutcomeRow {
                name: words.name(&outcome.name),
                text: words.name(&instrument.items[outcome.item].text),
                mean: Words::mean(score.and_then(|s| s.mean)),
                favourable: Words::percent(score.and_then(|s| s.distribution.favourable)),
                vs_organisation: Words::signed(vs.and_then(|c| c.mean), 2, ""),
                vs_organisation_pp: Words::signed(vs.and_then(|c| c.favourable_pp), 1, &words.t("pp")),
                withheld: reported.suppression().map(|why| words.withheld_short(why)).unwrap_or_default(),
            }
        })
        .collect()
}

/// The instrument's own note on the scales it adapts, in the report's language; empty when
/// the instrument says nothing.
pub(super) fn source_note(words: &Words<'_>, instrument: &Instrument) -> String {
    instrument.source.as_ref().and_then(|s| s.note.as_ref()).map(|note| words.name(note)).unwrap_or_default()
}
