//! Comparisons with an external benchmark: every shown figure of a group against the
//! benchmark's published figure for it, where the benchmark has one. The benchmark is a fixed
//! value (its own sampling error is unknown and, for a large benchmark, small), so the mean is
//! tested with a one-sample t-test and the favourable share with a z-test (on the linearised
//! SE for a pooled share, the one-proportion test's for an item); the flags are then settled
//! like every other comparison's (`compare`).

use super::compare::{Rule, difference, key};
use super::inference;
use super::model::{Comparison, Figures, Reported, Score};
use crate::project::Thresholds;
use crate::survey::{Benchmark, Reference};

/// Compares `figures` with `benchmark`, below it by `thresholds` being a gap.
pub(super) fn compare_with_benchmark(figures: &mut Figures, benchmark: &Benchmark, thresholds: &Thresholds) {
    let rule = Rule::Gap(thresholds);
    let compare = |score: &mut Reported<Score>, reference: Option<&Reference>| {
        if let (Some(score), Some(reference)) = (score.shown_mut(), reference) {
            score.vs_benchmark = Some(Box::new(against_score(score, reference, rule)));
        }
    };
    compare(&mut figures.overall, benchmark.overall.as_ref());
    for (score, reference) in figures.dimensions.iter_mut().zip(&benchmark.dimensions) {
        compare(score, reference.as_ref());
    }
    for (item, reference) in figures.items.iter_mut().zip(&benchmark.items) {
        if let (Some(item), Some(reference)) = (item.shown_mut(), reference) {
            let mut comparison =
                difference((item.mean, item.distribution.favourable), (reference.mean, reference.favourable), rule);
            // Flagged on the favourable share alone, as against the organisation.
            comparison.mean_flag = false;
            comparison.favourable_test = item
                .distribution
                .favourable
                .zip(reference.favourable)
                .and_then(|(share, value)| inference::share_against_value(share, None, item.n, value));
            item.vs_benchmark = Some(Box::new(comparison));
        }
    }
}

fn against_score(score: &Score, reference: &Reference, rule: Rule<'_>) -> Comparison {
    let mut comparison = difference(key(score), (reference.mean, reference.favourable), rule);
    comparison.mean_test = reference.mean.and_then(|value| inference::against_value(&score.moments, value));
    comparison.favourable_test =
        reference.favourable.and_then(|value| inference::pooled_share_against_value(&score.share_moments, value));
    comparison
}
