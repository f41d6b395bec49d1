//! The statistics, as plain functions over numbers: means and variances, Cronbach's alpha
//! (pairwise or listwise deletion), ICC(1) and ICC(2) from a one-way ANOVA, and r_wg(j).
//! Formulas follow `../shared/reference-data/README.md` and the R packages `psych` and
//! `multilevel`; the integration tests check them against those packages' figures.

use crate::project::AlphaMethod;

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Sample variance (denominator n - 1); `None` below two values.
pub fn variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    Some(values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (values.len() - 1) as f64)
}

pub fn sd(values: &[f64]) -> Option<f64> {
    variance(values).map(f64::sqrt)
}

/// Sample covariance of two columns over the rows where both are present, with each column's
/// mean taken over those same rows (pandas' and R's pairwise-complete convention).
fn pairwise_covariance(a: &[Option<f64>], b: &[Option<f64>]) -> Option<f64> {
    let pairs = || a.iter().zip(b).filter_map(|(x, y)| Some(((*x)?, (*y)?)));
    let (mut n, mut sum_a, mut sum_b) = (0usize, 0.0, 0.0);
    for (x, y) in pairs() {
        n += 1;
        sum_a += x;
        sum_b += y;
    }
    if n < 2 {
        return None;
    }
    let (mean_a, mean_b) = (sum_a / n as f64, sum_b / n as f64);
    // Two passes (means first) keep the precision of the textbook formula.
    let products: f64 = pairs().map(|(x, y)| (x - mean_a) * (y - mean_b)).sum();
    Some(products / (n - 1) as f64)
}

/// Cronbach's alpha of `items` (one column per item, one entry per person, `None` when not
/// answered): k/(k-1) × (1 - Σ item variances / Σ all covariances). `None` when it is not
/// defined (fewer than two items or people, or no variance at all).
pub fn cronbach_alpha(items: &[Vec<Option<f64>>], method: AlphaMethod) -> Option<f64> {
    let k = items.len();
    if k < 2 {
        return None;
    }
    let complete: Vec<Vec<Option<f64>>>;
    let columns: &[Vec<Option<f64>>] = match method {
        AlphaMethod::Pairwise => items,
        AlphaMethod::Listwise => {
            let people = items[0].len();
            let keep: Vec<bool> = (0..people).map(|p| items.iter().all(|column| column[p].is_some())).collect();
            complete = items
                .iter()
                .map(|column| column.iter().zip(&keep).filter(|(_, k)| **k).map(|(v, _)| *v).collect())
                .collect();
            &complete
        }
    };
    let mut diagonal = 0.0;
    let mut total = 0.0;
    let mut magnitude = 0.0;
    // The covariance matrix is symmetric: each pair once, counted twice off the diagonal.
    for i in 0..k {
        for j in i..k {
            let covariance = pairwise_covariance(&columns[i], &columns[j])?;
            let times = if i == j { 1.0 } else { 2.0 };
            total += times * covariance;
            magnitude += times * covariance.abs();
            if i == j {
                diagonal += covariance;
            }
        }
    }
    // Items that cancel out leave a total variance of rounding noise (1e-18), not 0; alpha
    // would then be -7e15.
    if total <= 1e-12 * magnitude {
        return None;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - diagonal / total))
}

/// ICC(1) and ICC(2) from a one-way ANOVA of `groups` (each a list of person scores):
/// ICC(1) = (MSB - MSW) / (MSB + (k - 1) MSW) with k the mean group size, ICC(2) =
/// (MSB - MSW) / MSB. `None` with fewer than two groups, no within-group variation, or no
/// difference between the group means.
pub fn icc(groups: &[Vec<f64>]) -> Option<(f64, f64)> {
    let groups: Vec<&Vec<f64>> = groups.iter().filter(|g| !g.is_empty()).collect();
    let g = groups.len();
    let n: usize = groups.iter().map(|group| group.len()).sum();
    if g < 2 || n <= g {
        return None;
    }
    let grand = groups.iter().flat_map(|group| group.iter()).sum::<f64>() / n as f64;
    let mut between = 0.0;
    let mut within = 0.0;
    for group in &groups {
        let m = mean(group)?;
        between += group.len() as f64 * (m - grand) * (m - grand);
        within += group.iter().map(|v| (v - m) * (v - m)).sum::<f64>();
    }
    // Group means that agree up to rounding (0.1 + 0.2 + 0.3 against 0.3 + 0.2 + 0.1) leave a
    // between-group sum of squares of 1e-33 rather than 0, and ICC(2) would divide by it.
    if between <= 1e-12 * (between + within) {
        return None;
    }
    let msb = between / (g - 1) as f64;
    let msw = within / (n - g) as f64;
    let k = n as f64 / g as f64;
    Some(((msb - msw) / (msb + (k - 1.0) * msw), (msb - msw) / msb))
}

/// r_wg(j) of one group on J items with A answer options: J(1 - s̄²/σ²) / (J(1 - s̄²/σ²) + s̄²/σ²),
/// where s̄² is the mean of the items' sample variances in the group and σ² = (A² - 1)/12 the
/// variance of uniformly random answers. As in R's `multilevel::rwg.j`, a group whose mean
/// variance exceeds σ² gets 0. `None` for groups with fewer than two answers on some item.
pub fn rwg_j(items: &[Vec<f64>], options: i64) -> Option<f64> {
    let j = items.len() as f64;
    if items.is_empty() || options < 2 {
        return None;
    }
    let variances: Option<Vec<f64>> = items.iter().map(|answers| variance(answers)).collect();
    let mean_variance = mean(&variances?)?;
    let expected = ((options * options - 1) as f64) / 12.0;
    let ratio = mean_variance / expected;
    if mean_variance > expected {
        return Some(0.0);
    }
    Some(j * (1.0 - ratio) / (j * (1.0 - ratio) + ratio))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn alpha_is_undefined_when_the_items_cancel_out_up_to_rounding() {
        let items = [vec![Some(0.1), Some(0.2), Some(0.3)], vec![Some(0.3), Some(0.2), Some(0.1)]];
        assert_eq!(cronbach_alpha(&items, AlphaMethod::Pairwise), None);
    }

    #[test]
    fn icc_is_undefined_when_group_means_differ_only_by_rounding() {
        let groups = [vec![0.1, 0.2, 0.3], vec![0.3, 0.2, 0.1]];
        assert_ne!(mean(&groups[0]), mean(&groups[1]), "the sums round apart");
        assert_eq!(icc(&groups), None);
    }

    #[test]
    fn mean_and_variance() {
        assert_eq!(mean(&[1.0, 2.0, 3.0]), Some(2.0));
        assert_eq!(variance(&[1.0, 2.0, 3.0]), Some(1.0));
        assert_eq!(variance(&[1.0]), None);
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn alpha_of_identical_items_is_one_and_of_unrelated_items_is_low() {
        let column = vec![Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
        assert!(close(cronbach_alpha(&[column.clone(), column.clone()], AlphaMethod::Pairwise).unwrap(), 1.0));
        let opposite = vec![Some(4.0), Some(3.0), Some(2.0), Some(1.0)];
        assert!(cronbach_alpha(&[column, opposite], AlphaMethod::Listwise).is_none(), "total variance 0");
    }

    #[test]
    fn icc_of_perfectly_separated_groups_is_one() {
        let (icc1, icc2) = icc(&[vec![1.0, 1.0, 1.0], vec![5.0, 5.0, 5.0]]).unwrap_or((0.0, 0.0));
        // No within-group variance: MSW = 0.
        assert!(close(icc1, 1.0) && close(icc2, 1.0));
        assert!(icc(&[vec![1.0, 2.0]]).is_none());
    }

    #[test]
    fn rwg_j_is_one_under_full_agreement_and_zero_beyond_random() {
        assert_eq!(rwg_j(&[vec![4.0, 4.0, 4.0], vec![3.0, 3.0, 3.0]], 5), Some(1.0));
        assert_eq!(rwg_j(&[vec![1.0, 5.0, 1.0, 5.0]], 5), Some(0.0));
    }
}
