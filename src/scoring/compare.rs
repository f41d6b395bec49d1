//! Comparisons: a group's figures against the organisation's (gaps, and the strengths and
//! opportunities they rank) and against its previous wave (changes), each with the flag its
//! thresholds set. Which groups are compared, and when, is the scorer's business.

use super::inference::{self, Moments, ShareMoments};
use super::model::{Comparison, Figures, GroupRef, GroupScores, ItemScore, Reported, Score, WaveScores};
use crate::project::{FdrMethod, Thresholds};
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
    Comparison::by_size(mean, favourable_pp, mean_flag, favourable_flag)
}

/// `score` against the figures `reference` (mean, favourable %) as a difference with its size
/// flags, and the tests of `score`'s people against `against` (a rest, or the previous wave).
fn tested(
    score: &Score,
    reference: (Option<f64>, Option<f64>),
    against: (&Moments, &ShareMoments),
    rule: Rule<'_>,
) -> Comparison {
    let mut comparison = difference(key(score), reference, rule);
    comparison.mean_test = inference::welch(&score.moments, against.0).map(|(test, _, _)| test);
    comparison.favourable_test = inference::share_test(&score.share_moments, against.1);
    comparison
}

/// What an item's tests are run against: the answers' moments and the favourable ones.
struct ItemAnswers {
    moments: Moments,
    favourable: usize,
}

impl ItemAnswers {
    fn of(item: &ItemScore) -> ItemAnswers {
        ItemAnswers { moments: item.moments, favourable: item.favourable_count }
    }

    /// `self` without the answers of `part` (which are among them).
    fn without(&self, part: &ItemScore) -> ItemAnswers {
        ItemAnswers {
            moments: self.moments.without(&part.moments),
            favourable: self.favourable.saturating_sub(part.favourable_count),
        }
    }

    fn n(&self) -> usize {
        self.moments.n.round() as usize
    }

    fn key(&self) -> (Option<f64>, Option<f64>) {
        let n = self.n();
        (self.moments.mean(), (n > 0).then(|| 100.0 * self.favourable as f64 / n as f64))
    }
}

/// An item against `reference` (mean, favourable %): the two-proportion test of the favourable
/// answers (with Newcombe's interval) against `against`. An item is flagged on its favourable
/// share alone: the mean of one five-point question is ordinal, its difference is shown but not
/// tested (and a t-test per item and comparison would multiply the cost of scoring).
fn tested_item(
    item: &ItemScore,
    reference: (Option<f64>, Option<f64>),
    against: &ItemAnswers,
    rule: Rule<'_>,
) -> Comparison {
    let mut comparison = difference((item.mean, item.distribution.favourable), reference, rule);
    comparison.mean_flag = false;
    comparison.favourable_test = inference::proportions(item.favourable_count, item.n, against.favourable, against.n());
    comparison
}

pub(super) fn key(score: &Score) -> (Option<f64>, Option<f64>) {
    (score.mean, score.distribution.favourable)
}

/// What a group is compared with: the organisation, or its parent unit. Either way the tests
/// are against the rest of it, the group's own people taken out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Whole {
    /// The difference is against the organisation's figure, as readers know it.
    Organisation,
    /// The difference is against the rest of the unit too: the unit's figure includes the
    /// group, which may be half of it.
    Unit,
}

/// Compares every shown figure of a group with the same figure of `whole`, where that is
/// shown. The rest (the whole without the group's people) is tested against only when it has
/// at least `threshold` people; a comparison with the rest of a unit is given only then.
/// Anonymity has made sure that the rest of a shown figure within a shown one is empty or large
/// enough: the check keeps a smaller rest from ever being printed, whatever the caller passes.
pub(super) fn compare_with(
    figures: &mut Figures,
    whole: &Figures,
    kind: Whole,
    thresholds: &Thresholds,
    threshold: u32,
) {
    let rule = Rule::Gap(thresholds);
    let enough = |people: f64| people.round() as usize >= (threshold as usize).max(1);
    let place = |slots: (&mut Option<Box<Comparison>>, &mut Option<Box<Comparison>>), comparison: Comparison| {
        let slot = if kind == Whole::Organisation { slots.0 } else { slots.1 };
        *slot = Some(Box::new(comparison));
    };
    let compare = |score: &mut Reported<Score>, reference: &Reported<Score>| {
        let (Some(score), Some(reference)) = (score.shown_mut(), reference.shown()) else { return };
        let rest = (reference.moments.without(&score.moments), reference.share_moments.without(&score.share_moments));
        let tested_rest = enough(rest.0.n);
        let mut comparison = match kind {
            Whole::Organisation => difference(key(score), key(reference), rule),
            Whole::Unit if tested_rest => difference(key(score), (rest.0.mean(), rest.1.share()), rule),
            Whole::Unit => return,
        };
        if tested_rest {
            comparison.mean_test = inference::welch(&score.moments, &rest.0).map(|(test, _, _)| test);
            comparison.favourable_test = inference::share_test(&score.share_moments, &rest.1);
        }
        comparison.rest_n = Some(rest.0.n.round() as u32);
        place((&mut score.vs_organisation, &mut score.vs_unit), comparison);
    };
    compare(&mut figures.overall, &whole.overall);
    for (score, reference) in figures.dimensions.iter_mut().zip(&whole.dimensions) {
        compare(score, reference);
    }
    for (item, reference) in figures.items.iter_mut().zip(&whole.items) {
        let (Some(item), Some(reference)) = (item.shown_mut(), reference.shown()) else { continue };
        let rest = ItemAnswers::of(reference).without(item);
        let tested_rest = enough(rest.moments.n);
        let mut comparison = match kind {
            Whole::Organisation => difference((item.mean, item.distribution.favourable), item_key(reference), rule),
            Whole::Unit if tested_rest => difference((item.mean, item.distribution.favourable), rest.key(), rule),
            Whole::Unit => continue,
        };
        // An item is flagged on its favourable share alone (see `tested_item`).
        comparison.mean_flag = false;
        if tested_rest {
            comparison.favourable_test =
                inference::proportions(item.favourable_count, item.n, rest.favourable, rest.n());
        }
        comparison.rest_n = Some(rest.n() as u32);
        place((&mut item.vs_organisation, &mut item.vs_unit), comparison);
    }
}

fn item_key(item: &ItemScore) -> (Option<f64>, Option<f64>) {
    (item.mean, item.distribution.favourable)
}

/// Strengths and opportunities: shown items ranked by their mean against the organisation's.
/// Outcome items are what the dimensions explain, not one of them.
pub(super) fn rank_items(instrument: &Instrument, figures: &mut Figures) {
    let mut ranked: Vec<(usize, f64)> = instrument
        .dimension_items()
        .filter_map(|i| Some((i, figures.items[i].shown()?.vs_organisation.as_deref()?.mean?)))
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
                    score.trend = Some(Box::new(tested(score, key(old), (&old.moments, &old.share_moments), rule)));
                }
            };
            change(&mut now.overall, &before.overall);
            for (score, old) in now.dimensions.iter_mut().zip(&before.dimensions) {
                change(score, old);
            }
            for (item, old) in now.items.iter_mut().zip(&before.items) {
                if let (Some(item), Some(old)) = (item.shown_mut(), old.shown()) {
                    let reference = (old.mean, old.distribution.favourable);
                    item.trend = Some(Box::new(tested_item(item, reference, &ItemAnswers::of(old), rule)));
                }
            }
        }
    }
}

/// Settles every flag of `waves`: a difference that reaches its size is flagged only when its
/// test is significant at `significance` (unless that is `off`). With false discovery rate
/// control, the p values are adjusted (Benjamini-Hochberg) within each family: the teams of a
/// wave, and its units, per figure, per comparison and per kind of test. The adjusted values
/// are kept either way. `item_dimensions` gives each item's dimension, if it has one: where a
/// dimension's team means do not reliably differ, neither do its items'.
pub(super) fn settle_flags(
    waves: &mut [WaveScores],
    item_dimensions: &[Option<usize>],
    significance: Option<f64>,
    fdr: FdrMethod,
    min_icc2: f64,
) {
    for wave in waves {
        // The organisation is a family of its own (its change, its gap to a benchmark).
        for family in [std::slice::from_mut(&mut wave.organisation), &mut wave.units, &mut wave.teams] {
            settle_family(family, significance, fdr);
        }
        // Where team means do not reliably differ, a team's gap says nothing about the team.
        let dimensions = wave.reliability.len();
        let unreliable: Vec<bool> =
            wave.reliability.iter().map(|r| r.icc2.is_none_or(|icc2| icc2 < min_icc2)).collect();
        let statistics = (0..dimensions)
            .map(|d| (1 + d, Some(d)))
            .chain(item_dimensions.iter().enumerate().map(|(i, d)| (1 + dimensions + i, *d)));
        for (s, dimension) in statistics {
            if !dimension.is_some_and(|d| unreliable[d]) {
                continue;
            }
            for team in &mut wave.teams {
                for which in [Which::Organisation, Which::Unit] {
                    if let Some(c) = comparison(team, s, which) {
                        c.means_unreliable = true;
                        (c.mean_flag, c.favourable_flag, c.within_noise) = (false, false, false);
                    }
                }
            }
        }
    }
}

/// Which comparison of a figure.
#[derive(Clone, Copy)]
enum Which {
    Organisation,
    Unit,
    Benchmark,
    Trend,
}

fn settle_family(groups: &mut [GroupScores], significance: Option<f64>, fdr: FdrMethod) {
    let statistics =
        groups.iter().find_map(|g| g.figures.shown()).map_or(0, |f| 1 + f.dimensions.len() + f.items.len());
    let adjusted = |ps: &[Option<f64>]| match fdr {
        FdrMethod::BenjaminiHochberg => inference::benjamini_hochberg(ps),
        FdrMethod::Off => ps.to_vec(),
    };
    let clear = |q: Option<f64>| significance.is_none_or(|level| q.is_some_and(|q| q <= level));
    // Both tests of a comparison are read, and settled, in one pass over the family.
    for s in 0..statistics {
        for which in [Which::Organisation, Which::Unit, Which::Benchmark, Which::Trend] {
            let (mut mean_ps, mut favourable_ps) = (Vec::with_capacity(groups.len()), Vec::with_capacity(groups.len()));
            for group in groups.iter_mut() {
                let c = comparison(group, s, which);
                mean_ps.push(c.as_ref().and_then(|c| c.mean_test).map(|t| t.p));
                favourable_ps.push(c.and_then(|c| c.favourable_test).map(|t| t.p));
            }
            let (mean_any, favourable_any) =
                (mean_ps.iter().any(Option::is_some), favourable_ps.iter().any(Option::is_some));
            if !mean_any && !favourable_any {
                continue;
            }
            let mean_qs = if mean_any { adjusted(&mean_ps) } else { mean_ps };
            let favourable_qs = if favourable_any { adjusted(&favourable_ps) } else { favourable_ps };
            for ((group, mean_q), favourable_q) in groups.iter_mut().zip(mean_qs).zip(favourable_qs) {
                let Some(c) = comparison(group, s, which) else { continue };
                let (mean_clear, favourable_clear) = (clear(mean_q), clear(favourable_q));
                // Within noise: a figure reached its size, and nothing is flagged.
                let noise = (c.mean_flag && !mean_clear) || (c.favourable_flag && !favourable_clear);
                c.mean_flag &= mean_clear;
                c.favourable_flag &= favourable_clear;
                (c.mean_q, c.favourable_q) = (mean_q, favourable_q);
                c.within_noise = (c.within_noise || noise) && !c.flagged();
            }
        }
    }
}

/// The comparison `which` of statistic `s` of a shown group: 0 overall, then the dimensions,
/// then the items (the node order of the instrument's tree).
fn comparison(group: &mut GroupScores, s: usize, which: Which) -> Option<&mut Comparison> {
    let figures = group.figures.shown_mut()?;
    let dimensions = figures.dimensions.len();
    let pick = |vs_organisation, vs_unit, vs_benchmark, trend| match which {
        Which::Organisation => vs_organisation,
        Which::Unit => vs_unit,
        Which::Benchmark => vs_benchmark,
        Which::Trend => trend,
    };
    let chosen: &mut Option<Box<Comparison>> = if s <= dimensions {
        let score =
            if s == 0 { figures.overall.shown_mut()? } else { figures.dimensions.get_mut(s - 1)?.shown_mut()? };
        pick(&mut score.vs_organisation, &mut score.vs_unit, &mut score.vs_benchmark, &mut score.trend)
    } else {
        let item = figures.items.get_mut(s - 1 - dimensions)?.shown_mut()?;
        pick(&mut item.vs_organisation, &mut item.vs_unit, &mut item.vs_benchmark, &mut item.trend)
    };
    chosen.as_deref_mut()
}
