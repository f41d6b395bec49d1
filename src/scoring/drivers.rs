//! Drivers: how strongly each dimension goes with an outcome item (overall trust, willingness to
//! rely) across the people of the organisation. Pearson's r with its p value and a 95% interval
//! by Fisher's z, and each dimension's relative importance: its exact LMG (Shapley) share of the
//! R² of the outcome regressed on all dimensions, averaged over every order of entering them.
//! Only arithmetic on given columns; which people and figures enter is the scorer's business.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// A correlation with its test and interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Correlation {
    pub n: usize,
    pub r: f64,
    /// Two-sided, from t = r √((n − 2)/(1 − r²)) with n − 2 degrees of freedom.
    pub p: f64,
    pub low: f64,
    pub high: f64,
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Pearson's r of two equally long columns; `None` below four pairs or without spread.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<Correlation> {
    let n = x.len();
    if n != y.len() || n < 4 {
        return None;
    }
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    let r = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let df = n as f64 - 2.0;
    let p = if r.abs() >= 1.0 {
        0.0
    } else {
        let t = r * (df / (1.0 - r * r)).sqrt();
        2.0 * StudentsT::new(0.0, 1.0, df).ok()?.sf(t.abs())
    };
    let z = r.atanh();
    let half = Normal::standard().inverse_cdf(0.975) / (n as f64 - 3.0).sqrt();
    Some(Correlation { n, r, p, low: (z - half).tanh(), high: (z + half).tanh() })
}

/// The correlation matrix of `columns` (all equally long).
fn correlations(columns: &[&[f64]]) -> Option<Vec<Vec<f64>>> {
    let k = columns.len();
    let mut matrix = vec![vec![1.0; k]; k];
    for i in 0..k {
        for j in i + 1..k {
            let r = pearson(columns[i], columns[j])?.r;
            (matrix[i][j], matrix[j][i]) = (r, r);
        }
    }
    Some(matrix)
}

/// R² of the outcome on the predictors in `subset`, from their correlations: r′ R⁻¹ r, solved
/// by Gaussian elimination with partial pivoting. `None` when the predictors are collinear.
fn r_squared(between: &[Vec<f64>], with_outcome: &[f64], subset: &[usize]) -> Option<f64> {
    let k = subset.len();
    if k == 0 {
        return Some(0.0);
    }
    let mut a: Vec<Vec<f64>> = subset
        .iter()
        .map(|&i| subset.iter().map(|&j| between[i][j]).chain(std::iter::once(with_outcome[i])).collect())
        .collect();
    for col in 0..k {
        let pivot = (col..k).max_by(|x, y| a[*x][col].abs().total_cmp(&a[*y][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col].clone();
        for (row, values) in a.iter_mut().enumerate() {
            if row != col {
                let factor = values[col] / pivot_row[col];
                for (value, above) in values.iter_mut().zip(&pivot_row).skip(col) {
                    *value -= factor * above;
                }
            }
        }
    }
    Some(subset.iter().enumerate().map(|(row, &i)| with_outcome[i] * a[row][k] / a[row][row]).sum())
}

/// Each predictor's exact LMG share of R²: the average, over every order of entering the
/// predictors, of the increase in R² when it enters (equivalently, Shapley values over all
/// subsets). Returns the shares, in the predictors' order, and the full model's R². `None`
/// when a column has no spread or the predictors are collinear. 2^k subsets: for a handful.
pub fn lmg(predictors: &[&[f64]], outcome: &[f64]) -> Option<(Vec<f64>, f64)> {
    let k = predictors.len();
    if k == 0 || k > 12 {
        return None;
    }
    let between = correlations(predictors)?;
    let with_outcome: Vec<f64> = predictors.iter().map(|p| pearson(p, outcome).map(|c| c.r)).collect::<Option<_>>()?;
    let members = |mask: usize| (0..k).filter(move |i| mask & (1 << i) != 0).collect::<Vec<_>>();
    let mut r2 = vec![0.0; 1 << k];
    for (mask, value) in r2.iter_mut().enumerate() {
        *value = r_squared(&between, &with_outcome, &members(mask))?;
    }
    let factorial = |n: usize| (1..=n).map(|i| i as f64).product::<f64>();
    let shares = (0..k)
        .map(|p| {
            (0..1usize << k)
                .filter(|mask| mask & (1 << p) == 0)
                .map(|mask| {
                    let s = mask.count_ones() as usize;
                    factorial(s) * factorial(k - s - 1) / factorial(k) * (r2[mask | (1 << p)] - r2[mask])
                })
                .sum()
        })
        .collect();
    Some((shares, r2[(1 << k) - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_predictor_takes_the_whole_r_squared() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let y = [1.2, 1.9, 3.3, 3.8, 5.1, 6.2];
        let r = pearson(&x, &y).unwrap().r;
        let (shares, r2) = lmg(&[&x], &y).unwrap();
        assert!((r2 - r * r).abs() < 1e-12 && (shares[0] - r2).abs() < 1e-12);
    }

    #[test]
    fn shares_add_up_to_r_squared_and_collinear_predictors_give_none() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        let b = [2.0, 1.0, 4.0, 3.0, 6.0, 5.0, 7.0];
        let y = [1.0, 3.0, 2.0, 5.0, 4.0, 7.0, 6.0];
        let (shares, r2) = lmg(&[&a, &b], &y).unwrap();
        assert!((shares.iter().sum::<f64>() - r2).abs() < 1e-12);
        assert_eq!(lmg(&[&a, &a], &y), None);
        assert_eq!(pearson(&a[..3], &y[..3]), None);
    }
}
