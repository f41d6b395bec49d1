//! How big a plan's targets are: the planned gain, capped by what teams in the organisation
//! actually gained between waves, raised to what one person's answers can show.

use super::{Target, TargetBasis};
use crate::model::TrustModel;
use crate::project::PlanConfig;
use crate::scoring::{GroupScores, Score};

/// The target for one dimension of a team: today's favourable share plus the planned gain,
/// raised to one more person's answers (100 / people points: a smaller change cannot show in
/// a team this size), and at most what teams gained between the last two waves (their 75th
/// percentile, once ten teams were measured twice; before that the model's default cap), unless
/// one person's answers are more than that; never above 100 %.
pub(super) fn target(
    model: &TrustModel,
    rules: &PlanConfig,
    teams: &[GroupScores],
    score: &Score,
    dimension: usize,
) -> Option<Target> {
    let baseline = score.distribution.favourable?;
    if baseline >= 100.0 || score.n == 0 {
        return None;
    }
    let one_person = 100.0 / score.n as f64;
    let mut gains: Vec<f64> = teams
        .iter()
        .filter_map(|t| t.figures.shown()?.dimensions[dimension].shown()?.trend.as_deref()?.favourable_pp)
        .collect();
    let (cap, capped) = if gains.len() >= 10 {
        gains.sort_by(f64::total_cmp);
        (percentile(&gains, 0.75), TargetBasis::ObservedCap { teams: gains.len() })
    } else {
        (model.default_target_cap_pp, TargetBasis::DefaultCap)
    };
    let (mut gain, mut basis) = (rules.target_gain_pp, TargetBasis::Planned);
    if gain > cap {
        (gain, basis) = (cap, capped);
    }
    if gain < one_person {
        let above_cap = (one_person > cap).then_some(cap.round());
        (gain, basis) = (one_person, TargetBasis::OnePerson { people: score.n, above_cap });
    }
    // Whole points, the one-person step rounded up (a smaller step cannot show), so teams of
    // one size get one gain whatever their baseline's decimals.
    let gain = if matches!(basis, TargetBasis::OnePerson { .. }) { gain.ceil() } else { gain.round() };
    let favourable = (baseline.round() + gain).min(100.0);
    Some(Target { favourable, gain: favourable - baseline.round(), basis })
}

/// The `p` quantile of sorted `values`, interpolated between neighbours (as R's type 7 and
/// numpy's default).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = p * (sorted.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_numpy() {
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.75), 3.25);
        assert_eq!(percentile(&[5.0], 0.75), 5.0);
    }
}
