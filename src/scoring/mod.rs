//! Scoring: from checked responses to the figures reports show.
//!
//! After `survey`, before `plan` and `compose`. Per wave it scores every person and measures
//! every team, unit (with its sub-units) and the whole organisation (`measure`), gives every
//! figure its standard error and interval (`inference`), compares each group with the
//! organisation, the rest of its unit and its previous wave and flags a difference only when it
//! is large enough and significant (`compare`), compares with an external benchmark when one is
//! selected (`benchmark`), measures reliability and the dimensions' weight in the outcome items
//! (`drivers`), and withholds figures for anonymity (`anonymity`, `recovery`). The definitions
//! are in the README's scoring reference. Its output, [`ScoredModel`], holds aggregates only.

pub mod anonymity;
mod assessment;
mod benchmark;
mod compare;
pub mod drivers;
pub mod inference;
mod measure;
pub mod model;
pub mod recovery;
pub mod stats;
pub mod tree;

pub use assessment::{Assessment, FurtherAssessment, InstrumentRef, Measure};
pub use model::{
    Comparison, Direction, Distribution, Drivers, Figures, GroupRef, GroupScores, Interval, ItemScore, Reliability,
    Reported, Score, ScoredModel, Suppression, WaveScores,
};

use crate::project::{PrivacyConfig, ScoringConfig};
use crate::survey::{Benchmark, Comment, Instrument, Organisation, Respondents, Response, Survey};
use anonymity::{Counts, decide};
use compare::{Whole, add_trends, compare_with, rank_items, settle_flags};
use measure::{Measured, Person, Scorer};
use tree::Tree;

/// Scores the survey and drops its responses.
pub fn assess(survey: Survey, scoring: &ScoringConfig, privacy: &PrivacyConfig) -> Assessment {
    let scores = score(&survey, scoring, privacy);
    let further = survey
        .further
        .iter()
        .map(|f| FurtherAssessment {
            instrument: f.instrument.clone(),
            scores: score_instrument(&f.instrument, &survey.organisation, &f.responses, None, scoring, privacy),
        })
        .collect();
    Assessment {
        instrument: survey.instrument,
        organisation: survey.organisation,
        scores,
        further,
        benchmark: survey.benchmark,
    }
}

impl ScoredModel {
    /// Groups withheld per wave: (wave id, units, teams).
    pub fn suppressed(&self) -> Vec<(&str, usize, usize)> {
        self.waves
            .iter()
            .map(|wave| {
                let units = wave.units.iter().filter(|g| !g.figures.is_shown()).count();
                let teams = wave.teams.iter().filter(|g| !g.figures.is_shown()).count();
                (wave.wave.as_str(), units, teams)
            })
            .collect()
    }
}

/// Scores every wave of the survey's default instrument.
pub fn score(survey: &Survey, scoring: &ScoringConfig, privacy: &PrivacyConfig) -> ScoredModel {
    let benchmark = survey.benchmark.as_ref();
    score_instrument(&survey.instrument, &survey.organisation, &survey.responses, benchmark, scoring, privacy)
}

/// Scores every wave of one instrument's responses (per wave, parallel to the organisation's),
/// comparing every group with `benchmark` too when there is one (for this instrument).
pub fn score_instrument(
    instrument: &Instrument,
    organisation: &Organisation,
    responses: &[Vec<Response>],
    benchmark: Option<&Benchmark>,
    scoring: &ScoringConfig,
    privacy: &PrivacyConfig,
) -> ScoredModel {
    let mut waves = Vec::new();
    let mut respondents_per_wave = Vec::new();
    let group_tree = Tree::of_organisation(organisation);
    let statistic_tree = Tree::of_instrument(instrument);
    for (w, wave) in organisation.waves.iter().enumerate() {
        let people: Vec<Person> =
            responses[w].iter().map(|r| Person::new(r, instrument, scoring.min_answered)).collect();
        let mut team_members = vec![Vec::new(); organisation.teams.len()];
        for (p, person) in people.iter().enumerate() {
            team_members[person.team].push(p);
        }
        let unit_teams: Vec<Vec<usize>> = (0..organisation.units.len()).map(|u| organisation.teams_below(u)).collect();
        let unit_members: Vec<Vec<usize>> = unit_teams
            .iter()
            .map(|teams| {
                let mut members: Vec<usize> = teams.iter().flat_map(|t| team_members[*t].iter().copied()).collect();
                members.sort_unstable();
                members
            })
            .collect();
        let everyone: Vec<usize> = (0..people.len()).collect();
        // A response rate counts members; customers are not part of any headcount.
        let team_headcount =
            |t: usize| organisation.teams[t].headcount.filter(|_| instrument.respondents == Respondents::Members);
        let headcount =
            |teams: &mut dyn Iterator<Item = usize>| -> Option<u32> { teams.map(team_headcount).sum::<Option<u32>>() };

        let scorer = Scorer { instrument, people: &people, scoring };
        let org_measured = scorer.measure(&everyone, headcount(&mut (0..organisation.teams.len())));
        let unit_measured: Vec<Measured> = unit_members
            .iter()
            .zip(&unit_teams)
            .map(|(members, teams)| scorer.measure(members, headcount(&mut teams.iter().copied())))
            .collect();
        let team_measured: Vec<Measured> =
            team_members.iter().enumerate().map(|(t, members)| scorer.measure(members, team_headcount(t))).collect();

        let counts: Vec<usize> = team_members.iter().map(Vec::len).collect();
        let unit_counts: Vec<usize> = unit_members.iter().map(Vec::len).collect();
        let threshold = privacy.min_respondents;
        let decision = decide(
            organisation,
            &Counts { organisation: people.len(), units: &unit_counts, teams: &counts },
            threshold,
        );
        let measured: Vec<Measured> = std::iter::once(org_measured).chain(unit_measured).chain(team_measured).collect();
        let behind_people: Vec<Vec<usize>> = measured.iter().map(Measured::people).collect();
        let behind_answers: Vec<Vec<usize>> = measured.iter().map(Measured::answers).collect();
        let behind = anonymity::Behind { people: &behind_people, answers: &behind_answers };
        let cells = anonymity::cells(&group_tree, &statistic_tree, &decision.nodes(), behind, threshold);
        let members = std::iter::once(&everyone).chain(&unit_members).chain(&team_members);
        let groups = std::iter::once(GroupRef::Organisation)
            .chain((0..organisation.units.len()).map(GroupRef::Unit))
            .chain((0..organisation.teams.len()).map(GroupRef::Team));
        let mut scored: Vec<GroupScores> = measured
            .into_iter()
            .zip(&cells)
            .zip(members.zip(groups).zip(decision.nodes()))
            .map(|((measured, cells), ((members, group), withheld))| GroupScores {
                group,
                figures: Reported::unless(withheld, measured.reported(cells)),
                comments: match withheld {
                    Some(why) => Reported::Suppressed(why),
                    None => comments(&people, members, privacy.min_comments),
                },
            })
            .collect();
        let org_figures = scored[0].figures.shown().cloned();
        for group in &mut scored[1..] {
            if let (Some(figures), Some(reference)) = (group.figures.shown_mut(), &org_figures) {
                compare_with(figures, reference, Whole::Organisation, &scoring.gap, threshold);
                rank_items(instrument, figures);
            }
        }
        // Every team against the rest of its unit, every sub-unit against the rest of its parent.
        let unit_figures: Vec<Option<Figures>> =
            scored[1..1 + organisation.units.len()].iter().map(|g| g.figures.shown().cloned()).collect();
        let parent = |node: usize| match node.checked_sub(1 + organisation.units.len()) {
            Some(t) => Some(organisation.teams[t].unit),
            None => organisation.units[node - 1].parent,
        };
        for (node, group) in scored.iter_mut().enumerate().skip(1) {
            let reference = parent(node).and_then(|u| unit_figures[u].as_ref());
            if let (Some(figures), Some(reference)) = (group.figures.shown_mut(), reference) {
                compare_with(figures, reference, Whole::Unit, &scoring.gap, threshold);
            }
        }
        if let Some(benchmark) = benchmark {
            for group in &mut scored {
                if let Some(figures) = group.figures.shown_mut() {
                    benchmark::compare_with_benchmark(figures, benchmark, &scoring.gap);
                }
            }
        }
        let reliability = scorer.reliability(&team_members);
        let teams = scored.split_off(1 + organisation.units.len());
        let units = scored.split_off(1);
        let organisation_scores = scored.pop().expect("the organisation is the first group");
        waves.push(WaveScores {
            wave: wave.id.clone(),
            date: wave.date,
            organisation: organisation_scores,
            units,
            teams,
            reliability,
            drivers: drivers_of(instrument, &people, privacy.min_respondents),
        });
        respondents_per_wave.push((people.len(), unit_counts, counts));
    }
    let comparable = |team: usize, date| {
        instrument.rated_since.is_none_or(|fact| fact.same_person_since(&organisation.teams[team], date))
    };
    add_trends(&mut waves, &respondents_per_wave, &scoring.trend, &comparable);
    let item_dimensions: Vec<Option<usize>> = instrument.items.iter().map(|item| item.measures.dimension()).collect();
    settle_flags(&mut waves, &item_dimensions, scoring.significance, scoring.fdr, scoring.min_icc2);
    ScoredModel { dimensions: instrument.dimensions.iter().map(|d| d.id.clone()).collect(), waves }
}

/// Each outcome item against the dimensions, over the people with every dimension score and
/// an answer to it; nothing below the anonymity threshold.
fn drivers_of(instrument: &Instrument, people: &[Person], threshold: u32) -> Vec<Drivers> {
    instrument
        .outcomes
        .iter()
        .enumerate()
        .map(|(o, outcome)| {
            let complete: Vec<(&[Option<f64>], f64)> = people
                .iter()
                .filter(|p| p.dimensions.iter().all(Option::is_some))
                .filter_map(|p| Some((p.dimensions.as_slice(), p.coded[outcome.item]?)))
                .collect();
            let n = complete.len();
            let enough = n >= (threshold as usize).max(4);
            let columns: Vec<Vec<f64>> = (0..instrument.dimensions.len())
                .map(|d| complete.iter().filter_map(|(scores, _)| scores[d]).collect())
                .collect();
            let outcome_values: Vec<f64> = complete.iter().map(|(_, y)| *y).collect();
            let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
            let importance = enough.then(|| drivers::lmg(&slices, &outcome_values)).flatten();
            Drivers {
                outcome: o,
                n,
                correlations: columns
                    .iter()
                    .map(|x| enough.then(|| drivers::pearson(x, &outcome_values)).flatten())
                    .collect(),
                shares: importance.as_ref().map(|(shares, _)| shares.clone()),
                r_squared: importance.map(|(_, r2)| r2),
            }
        })
        .collect()
}

/// Comments of a group, sorted so that their order reveals nothing about who wrote them.
fn comments(people: &[Person], members: &[usize], threshold: u32) -> Reported<Vec<Comment>> {
    let mut texts: Vec<Comment> = members.iter().filter_map(|p| people[*p].comment.clone()).collect();
    // No comments at all hides nothing.
    if !texts.is_empty() && texts.len() < threshold as usize {
        return Reported::Suppressed(Suppression::FewerComments { threshold });
    }
    texts.sort();
    Reported::Shown(texts)
}
