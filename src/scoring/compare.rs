//! Comparisons: a group's figures against the organisation's (gaps, and the strengths and
//! opportunities they rank) and against its previous wave (changes), each with the flag its
//! thresholds set. Which groups are compared, and when, is the scorer's business.

use super::model::{Comparison, Figures, GroupRef, Reported, Score, WaveScores};
use crate::project::Thresholds;
use crate::survey::Instrument;

/// How a difference is judged: as a gap below the organisation, or as a change either way.
#[derive(Clone, Copy)]
pub(super) enum Rule<'a> {
    /// Flagged at or below the (negative) thresholds.
    Gap(&'a Thresholds),
    /// Flagged when at least the thresholds, up or down.
    Change(&'a Thresholds),
}

/// How far a difference may miss its threshold and still count as reaching it. A difference
/// that is exactly -0.2 in arithmetic comes out as -0.19999999999999996 or -0.20000000000000004
/// depending on the order the answers were summed in; the order of the responses in a file must
/// not decide a flag.
const AT_THRESHOLD: f64 = 1e-9;

impl Rule<'_> {
    fn flags(self, mean: f64, favourable_pp: f64) -> (bool, bool) {
        match self {
            Rule::Gap(t) => (mean <= t.mean + AT_THRESHOLD, favourable_pp <= t.favourable_pp + AT_THRESHOLD),
            Rule::Change(t) => {
                (mean.abs() >= t.mean - AT_THRESHOLD, favourable_pp.abs() >= t.favourable_pp - AT_THRESHOLD)
            }
        }
    }
}

/// `this - reference` in mean and favourable percentage points, with its flags.
pub(super) fn difference(
    (mean, favourable): (Option<f64>, Option<f64>),
    (reference_mean, reference_favourable): (Option<f64>, Option<f64>),
    rule: Rule<'_>,
) -> Comparison {
    let mean = mean.zip(reference_mean).map(|(a, b)| a - b);
    let favourable_pp = favourable.zip(reference_favourable).map(|(a, b)| a - b);
    let (mean_flag, favourable_flag) = rule.flags(mean.unwrap_or(f64::NAN), favourable_pp.unwrap_or(f64::NAN));
    Comparison { mean, favourable_pp, mean_flag, favourable_flag }
}

pub(super) fn key(score: &Score) -> (Option<f64>, Option<f64>) {
    (score.mean, score.distribution.favourable)
}

/// Compares every shown figure with the organisation's, where the organisation's is shown too.
pub(super) fn compare_with_organisation(
    instrument: &Instrument,
    figures: &mut Figures,
    organisation: &Figures,
    thresholds: &Thresholds,
) {
    let rule = Rule::Gap(thresholds);
    let compare = |score: &mut Reported<Score>, reference: &Reported<Score>| {
        if let (Some(score), Some(reference)) = (score.shown_mut(), reference.shown()) {
            score.vs_organisation = Some(difference(key(score), key(reference), rule));
        }
    };
    compare(&mut figures.overall, &organisation.overall);
    for (score, reference) in figures.dimensions.iter_mut().zip(&organisation.dimensions) {
        compare(score, reference);
    }
    for (item, reference) in figures.items.iter_mut().zip(&organisation.items) {
        if let (Some(item), Some(reference)) = (item.shown_mut(), reference.shown()) {
            let this = (item.mean, item.distribution.favourable);
            item.vs_organisation = Some(difference(this, (reference.mean, reference.distribution.favourable), rule));
        }
    }
    // Strengths and opportunities: shown items ranked by their mean against the organisation's.
    // Outcome items are what the dimensions explain, not one of them.
    let mut ranked: Vec<(usize, f64)> = instrument
        .dimension_items()
        .filter_map(|i| Some((i, figures.items[i].shown()?.vs_organisation.as_ref()?.mean?)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // A strength is at or above the organisation, an opportunity below it.
    figures.strengths = ranked.iter().filter(|(_, d)| *d >= 0.0).take(3).map(|(i, _)| *i).collect();
    figures.opportunities = ranked.iter().rev().filter(|(_, d)| *d < 0.0).take(3).map(|(i, _)| *i).collect();
}

/// Adds each group's change since its previous wave with responses, where both waves show
/// figures.
pub(super) fn add_trends(
    waves: &mut [WaveScores],
    respondents: &[(usize, Vec<usize>, Vec<usize>)],
    thresholds: &Thresholds,
    comparable: &dyn Fn(usize, crate::survey::Date) -> bool,
) {
    for w in 1..waves.len() {
        let (earlier, later) = waves.split_at_mut(w);
        let current = &mut later[0];
        let groups = std::iter::once((GroupRef::Organisation, &mut current.organisation))
            .chain(current.units.iter_mut().enumerate().map(|(u, g)| (GroupRef::Unit(u), g)))
            .chain(current.teams.iter_mut().enumerate().map(|(t, g)| (GroupRef::Team(t), g)));
        for (group, scores) in groups {
            let count = |wave: usize| match group {
                GroupRef::Organisation => respondents[wave].0,
                GroupRef::Unit(u) => respondents[wave].1[u],
                GroupRef::Team(t) => respondents[wave].2[t],
            };
            let Some(previous) = (0..w).rev().find(|p| count(*p) > 0) else {
                continue;
            };
            // A team whose rated person changed since then is not compared with itself.
            if let GroupRef::Team(t) = group
                && !comparable(t, earlier[previous].date)
            {
                continue;
            }
            let previous = match group {
                GroupRef::Organisation => &earlier[previous].organisation,
                GroupRef::Unit(u) => &earlier[previous].units[u],
                GroupRef::Team(t) => &earlier[previous].teams[t],
            };
            let (Reported::Shown(now), Reported::Shown(before)) = (&mut scores.figures, &previous.figures) else {
                continue;
            };
            let rule = Rule::Change(thresholds);
            // A change is shown only between two shown figures: it would give either away.
            let change = |score: &mut Reported<Score>, old: &Reported<Score>| {
                if let (Some(score), Some(old)) = (score.shown_mut(), old.shown()) {
                    score.trend = Some(difference(key(score), key(old), rule));
                }
            };
            change(&mut now.overall, &before.overall);
            for (score, old) in now.dimensions.iter_mut().zip(&before.dimensions) {
                change(score, old);
            }
        }
    }
}
