//! How sure a figure is: standard errors and 95% intervals for a group's mean (Student's t,
//! with the finite population correction when the headcount is known), for an item's
//! favourable share (Wilson's score interval) and for a dimension's pooled favourable share
//! (the ratio estimator's linearised standard error, since one person gives several answers).
//! Only arithmetic on given numbers; which figures get an interval is the scorer's business.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// The confidence level of every interval.
const LEVEL: f64 = 0.95;

/// A standard error with the interval it gives.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    pub se: f64,
    pub low: f64,
    pub high: f64,
}

/// The two-sided critical value of Student's t with `df` degrees of freedom. Whole degrees
/// of freedom up to [`TABLED_DF`] (every mean's, n − 1) come from a table worked out once:
/// the quantile is an iterative search, and a wave of a thousand teams asks for it tens of
/// thousands of times.
pub fn t_critical(df: f64) -> Option<f64> {
    if df.fract() == 0.0 && (1.0..=TABLED_DF as f64).contains(&df) {
        return Some(t_table()[df as usize]);
    }
    exact_t_critical(df)
}

/// The critical value for fractional degrees of freedom (Welch's), interpolated linearly in
/// 1/df between the tabled whole degrees of freedom around `df`, the textbook way to read a t
/// table. It moves continuously with `df` (so the order answers are summed in cannot flip it
/// between two table rows), and since t is convex in 1/df it is never below the exact value:
/// at most a little wider. Below one degree of freedom it is t(1).
pub fn t_critical_between(df: f64) -> Option<f64> {
    let (below, above) = (df.floor().max(1.0), df.ceil().max(1.0));
    if below == above || above > TABLED_DF as f64 {
        return t_critical(below);
    }
    let (t_below, t_above) = (t_critical(below)?, t_critical(above)?);
    let weight = (1.0 / below - 1.0 / df) / (1.0 / below - 1.0 / above);
    Some(t_below + (t_above - t_below) * weight)
}

/// Degrees of freedom with a tabled critical value.
const TABLED_DF: usize = 2_000;

fn t_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::iter::once(f64::NAN)
            .chain((1..=TABLED_DF).map(|df| exact_t_critical(df as f64).unwrap_or(f64::NAN)))
            .collect()
    })
}

fn exact_t_critical(df: f64) -> Option<f64> {
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(t.inverse_cdf(0.5 + LEVEL / 2.0))
}

/// The two-sided critical value of the standard normal distribution, worked out once.
fn z_critical() -> f64 {
    static Z: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *Z.get_or_init(|| Normal::standard().inverse_cdf(0.5 + LEVEL / 2.0))
}

/// The finite population correction for `n` of `headcount` people: the share of the
/// sampling variance left when most of a team answered. `None` when it does not apply.
pub fn fpc(n: usize, headcount: Option<u32>) -> Option<f64> {
    let population = f64::from(headcount?);
    let n = n as f64;
    (population > 1.0).then(|| ((population - n).max(0.0) / (population - 1.0)).sqrt())
}

/// A mean's interval from its people's scores: SE = sd / √n (times the correction), and
/// mean ± t(0.975, n − 1) · SE. `None` below two people.
pub fn mean_interval(mean: f64, sd: f64, n: usize, correction: Option<f64>) -> Option<Interval> {
    if n < 2 {
        return None;
    }
    let se = sd / (n as f64).sqrt() * correction.unwrap_or(1.0);
    let t = t_critical(n as f64 - 1.0)?;
    Some(Interval { se, low: mean - t * se, high: mean + t * se })
}

/// Wilson's score interval for `favourable` of `answers`, in percent; the SE is the usual
/// √(p(1 − p)/n), in percentage points. `None` without answers.
pub fn wilson(favourable: usize, answers: usize) -> Option<Interval> {
    if answers == 0 {
        return None;
    }
    let (k, n) = (favourable as f64, answers as f64);
    let p = k / n;
    let z = z_critical();
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval {
        se: 100.0 * (p * (1.0 - p) / n).sqrt(),
        low: 100.0 * (centre - half),
        high: 100.0 * (centre + half),
    })
}

/// A pooled favourable share over people who each gave several answers, as the ratio
/// R = Σ favourable / Σ valid: SE = √(Σ (fᵢ − R vᵢ)² / (m (m − 1))) / mean(vᵢ) over the m people
/// with a valid answer (times the correction), and R ± t(0.975, m − 1) · SE, in percent.
/// `None` below two such people.
pub fn pooled_share(people: &[(usize, usize)], correction: Option<f64>) -> Option<Interval> {
    pooled_share_of(&ShareMoments::of(people), correction)
}

/// [`pooled_share`] from what the people's answers add up to (the same sums, gathered once).
pub fn pooled_share_of(shares: &ShareMoments, correction: Option<f64>) -> Option<Interval> {
    let (ratio, variance) = shares.ratio_and_variance()?;
    let se = variance.sqrt() * correction.unwrap_or(1.0);
    let t = t_critical(shares.m - 1.0)?;
    Some(Interval { se: 100.0 * se, low: 100.0 * (ratio - t * se), high: 100.0 * (ratio + t * se) })
}

/// What a group's scores add up to: enough to give its mean and variance, and to take one
/// group's people out of another's (the rest of the organisation) by subtraction.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Moments {
    pub n: f64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl Moments {
    pub fn of(values: &[f64]) -> Moments {
        values.iter().fold(Moments::default(), |m, v| Moments {
            n: m.n + 1.0,
            sum: m.sum + v,
            sum_sq: m.sum_sq + v * v,
        })
    }

    /// `self` without the people of `part` (who are among them).
    pub fn without(&self, part: &Moments) -> Moments {
        Moments { n: self.n - part.n, sum: self.sum - part.sum, sum_sq: self.sum_sq - part.sum_sq }
    }

    fn mean_unchecked(&self) -> f64 {
        self.sum / self.n
    }

    /// The mean, `None` without anyone.
    pub fn mean(&self) -> Option<f64> {
        (self.n >= 0.5).then(|| self.mean_unchecked())
    }

    /// The sample variance (n − 1), never below zero (rounding in the subtraction).
    fn variance(&self) -> f64 {
        ((self.sum_sq - self.sum * self.sum / self.n) / (self.n - 1.0)).max(0.0)
    }
}

/// Per-person favourable and valid answer counts of a pooled share, added up.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShareMoments {
    /// People with a valid answer.
    pub m: f64,
    pub f: f64,
    pub v: f64,
    pub ff: f64,
    pub fv: f64,
    pub vv: f64,
}

impl ShareMoments {
    pub fn of(people: &[(usize, usize)]) -> ShareMoments {
        people.iter().filter(|(_, v)| *v > 0).fold(ShareMoments::default(), |s, (f, v)| {
            let (f, v) = (*f as f64, *v as f64);
            ShareMoments { m: s.m + 1.0, f: s.f + f, v: s.v + v, ff: s.ff + f * f, fv: s.fv + f * v, vv: s.vv + v * v }
        })
    }

    pub fn without(&self, part: &ShareMoments) -> ShareMoments {
        ShareMoments {
            m: self.m - part.m,
            f: self.f - part.f,
            v: self.v - part.v,
            ff: self.ff - part.ff,
            fv: self.fv - part.fv,
            vv: self.vv - part.vv,
        }
    }

    /// The pooled favourable share in percent, `None` without answers.
    pub fn share(&self) -> Option<f64> {
        (self.v > 0.5).then(|| 100.0 * self.f / self.v)
    }

    /// The ratio and its linearised variance (uncorrected), `None` below two people.
    fn ratio_and_variance(&self) -> Option<(f64, f64)> {
        if self.m < 2.0 || self.v <= 0.0 {
            return None;
        }
        let r = self.f / self.v;
        let spread = (self.ff - 2.0 * r * self.fv + r * r * self.vv).max(0.0);
        let mean_v = self.v / self.m;
        Some((r, spread / (self.m * (self.m - 1.0)) / (mean_v * mean_v)))
    }
}

/// A test of one difference: its size, its 95% interval and the two-sided p value.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Test {
    pub difference: f64,
    /// The difference's 95% interval: Welch's for means, the normal one on the linearised SEs
    /// for pooled shares, Newcombe's hybrid score interval for an item's favourable share.
    pub low: f64,
    pub high: f64,
    pub p: f64,
}

/// Welch's unequal-variance t-test of `a`'s mean against `b`'s: (difference, t, df, p).
pub fn welch(a: &Moments, b: &Moments) -> Option<(Test, f64, f64)> {
    if a.n < 2.0 || b.n < 2.0 {
        return None;
    }
    let (va, vb) = (a.variance() / a.n, b.variance() / b.n);
    let se2 = va + vb;
    if se2 <= 0.0 {
        return None;
    }
    let difference = a.mean_unchecked() - b.mean_unchecked();
    let t = difference / se2.sqrt();
    let df = se2 * se2 / (va * va / (a.n - 1.0) + vb * vb / (b.n - 1.0));
    let p = 2.0 * StudentsT::new(0.0, 1.0, df).ok()?.sf(t.abs());
    // The interval's critical value comes from the table, interpolated between the whole
    // degrees of freedom around Welch's: no iterative quantile search per test (a wave of a
    // thousand teams runs tens of thousands of them).
    let half = t_critical_between(df)? * se2.sqrt();
    Some((Test { difference, low: difference - half, high: difference + half, p }, t, df))
}

/// Two pooled favourable shares compared with their linearised standard errors (answers
/// cluster within people, so the answers are not independent): z = difference / √(SE₁² + SE₂²).
/// The difference is in percentage points.
pub fn share_test(a: &ShareMoments, b: &ShareMoments) -> Option<Test> {
    let ((ra, va), (rb, vb)) = (a.ratio_and_variance()?, b.ratio_and_variance()?);
    let se = (va + vb).sqrt();
    if se <= 0.0 {
        return None;
    }
    let z = (ra - rb) / se;
    let half = 100.0 * z_critical() * se;
    let difference = 100.0 * (ra - rb);
    Some(Test { difference, low: difference - half, high: difference + half, p: 2.0 * Normal::standard().sf(z.abs()) })
}

/// The pooled two-proportion z-test of `ka` of `na` against `kb` of `nb` (one answer per
/// person, as for an item), with Newcombe's interval; the difference is in percentage points.
pub fn proportions(ka: usize, na: usize, kb: usize, nb: usize) -> Option<Test> {
    if na == 0 || nb == 0 {
        return None;
    }
    let (low, high) = newcombe(ka, na, kb, nb)?;
    let (ka, na, kb, nb) = (ka as f64, na as f64, kb as f64, nb as f64);
    let pooled = (ka + kb) / (na + nb);
    let se = (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
    if se <= 0.0 {
        return None;
    }
    let difference = ka / na - kb / nb;
    let p = 2.0 * Normal::standard().sf((difference / se).abs());
    Some(Test { difference: 100.0 * difference, low, high, p })
}

/// Newcombe's hybrid score interval (his method 10) for the difference of two proportions,
/// `ka / na − kb / nb`, from each one's Wilson interval; in percentage points.
pub fn newcombe(ka: usize, na: usize, kb: usize, nb: usize) -> Option<(f64, f64)> {
    let (a, b) = (wilson(ka, na)?, wilson(kb, nb)?);
    let (pa, pb) = (100.0 * ka as f64 / na as f64, 100.0 * kb as f64 / nb as f64);
    let difference = pa - pb;
    let below = ((pa - a.low).powi(2) + (b.high - pb).powi(2)).sqrt();
    let above = ((a.high - pa).powi(2) + (pb - b.low).powi(2)).sqrt();
    Some((difference - below, difference + above))
}

/// A mean against a fixed value (a published benchmark's): the one-sample t-test on the
/// group's scores, with n − 1 degrees of freedom. Like the tests against the rest and the
/// previous wave, it takes the group as a sample (no finite population correction).
pub fn against_value(scores: &Moments, value: f64) -> Option<Test> {
    if scores.n < 2.0 {
        return None;
    }
    let se = (scores.variance() / scores.n).sqrt();
    let difference = scores.mean_unchecked() - value;
    let df = scores.n - 1.0;
    let t = t_critical(df)?;
    let p = if se > 0.0 {
        2.0 * StudentsT::new(0.0, 1.0, df).ok()?.sf((difference / se).abs())
    } else if difference == 0.0 {
        1.0
    } else {
        // Everyone gave the same score, and it is not the value.
        0.0
    };
    Some(Test { difference, low: difference - t * se, high: difference + t * se, p })
}

/// A pooled favourable share against a fixed share, on the ratio estimator's linearised SE.
pub fn pooled_share_against_value(shares: &ShareMoments, value: f64) -> Option<Test> {
    let (ratio, variance) = shares.ratio_and_variance()?;
    share_against_value(100.0 * ratio, Some(100.0 * variance.sqrt()), shares.m as usize, value)
}

/// A favourable share in percent against a fixed share: with `se` the share's standard error
/// in points (`None`: the one-proportion test's, √(p₀(1 − p₀)/n), for one answer per person).
pub fn share_against_value(share: f64, se: Option<f64>, n: usize, value: f64) -> Option<Test> {
    if n == 0 {
        return None;
    }
    let null = value / 100.0;
    let se = se.unwrap_or_else(|| 100.0 * (null * (1.0 - null) / n as f64).sqrt());
    let difference = share - value;
    let half = z_critical() * se;
    let p = if se > 0.0 {
        2.0 * Normal::standard().sf((difference / se).abs())
    } else if difference == 0.0 {
        1.0
    } else {
        0.0
    };
    Some(Test { difference, low: difference - half, high: difference + half, p })
}

/// Benjamini-Hochberg adjusted p values (q) for a family of tests, in the order given; a
/// missing p stays missing and does not count towards the family.
pub fn benjamini_hochberg(ps: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut present: Vec<(usize, f64)> = ps.iter().enumerate().filter_map(|(i, p)| Some((i, (*p)?))).collect();
    present.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let m = present.len() as f64;
    let mut q = vec![None; ps.len()];
    let mut running = 1.0f64;
    for (rank, (index, p)) in present.iter().enumerate().rev() {
        running = running.min(p * m / (rank as f64 + 1.0));
        q[*index] = Some(running.min(1.0));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_values_are_the_textbook_ones() {
        // t(0.975) for 1, 10 and 30 degrees of freedom, and z(0.975), to the printed digits.
        assert!((t_critical(1.0).unwrap() - 12.706_204_736).abs() < 1e-8);
        assert!((t_critical(10.0).unwrap() - 2.228_138_852).abs() < 1e-8);
        assert!((t_critical(30.0).unwrap() - 2.042_272_456).abs() < 1e-8);
        assert!((z_critical() - 1.959_963_985).abs() < 1e-8);
    }

    #[test]
    fn interpolated_critical_values_are_continuous_and_never_below_the_exact_ones() {
        for df in [1.2, 1.5, 2.7, 4.01, 9.5, 29.99, 150.3] {
            let (interpolated, exact) = (t_critical_between(df).unwrap(), exact_t_critical(df).unwrap());
            // Wide only where the table's rows are far apart (below two degrees of freedom).
            let slack = if df < 2.0 { 1.2 } else { 1.02 };
            assert!(
                interpolated >= exact - 1e-12 && interpolated < exact * slack,
                "df {df}: {interpolated} against {exact}"
            );
        }
        // Either side of a whole number of degrees of freedom, the value barely moves.
        let (below, above) = (t_critical_between(2.0 - 1e-12).unwrap(), t_critical_between(2.0 + 1e-12).unwrap());
        assert!((below - above).abs() < 1e-9 && (below - t_critical(2.0).unwrap()).abs() < 1e-9);
        assert_eq!(t_critical_between(0.4), t_critical(1.0));
    }

    #[test]
    fn the_table_holds_the_exact_values() {
        for df in [1.0, 2.0, 9.0, 57.0, 1999.0, 2000.0] {
            assert_eq!(t_critical(df), exact_t_critical(df), "df {df}");
        }
        assert_eq!(t_critical(2000.5), exact_t_critical(2000.5));
        assert!((t_critical(10.5).unwrap() - exact_t_critical(10.5).unwrap()).abs() < 1e-15);
    }

    #[test]
    fn a_census_has_no_sampling_error() {
        assert_eq!(fpc(12, Some(12)), Some(0.0));
        assert_eq!(fpc(5, None), None);
        assert_eq!(fpc(3, Some(1)), None);
        let interval = mean_interval(4.0, 0.5, 12, fpc(12, Some(12))).unwrap();
        assert_eq!((interval.low, interval.high), (4.0, 4.0));
    }

    #[test]
    fn no_interval_from_one_person() {
        assert_eq!(mean_interval(4.0, 0.0, 1, None), None);
        assert_eq!(pooled_share(&[(3, 5)], None), None);
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn a_mean_at_the_critical_distance_from_a_value_has_p_of_five_percent() {
        // t(0.975, 9) = 2.262157: a mean that far (in SEs) from the value is just significant.
        // Ten scores with mean 4 and SD √(10/4): SE = 0.5.
        let scores = Moments { n: 10.0, sum: 40.0, sum_sq: 160.0 + 9.0 * 2.5 };
        let value = 4.0 - 2.262_157_163 * 0.5;
        let test = against_value(&scores, value).unwrap();
        assert!((test.p - 0.05).abs() < 1e-8, "{test:?}");
        assert!(test.low.abs() < 1e-8 && (test.high - 2.0 * 2.262_157_163 * 0.5).abs() < 1e-8, "{test:?}");
        // Everyone gave the same score: it is that score, or it is not.
        let same = Moments::of(&[3.0; 6]);
        assert_eq!(against_value(&same, 3.2).unwrap().p, 0.0);
        assert_eq!(against_value(&same, 3.0).unwrap().p, 1.0);
        // One share against a fixed one: the null SE √(p₀(1 − p₀)/n); z = 1.959964 gives 0.05.
        let se = 100.0 * (0.5f64 * 0.5 / 100.0).sqrt();
        let share = share_against_value(50.0 + 1.959_963_985 * se, None, 100, 50.0).unwrap();
        assert!((share.p - 0.05).abs() < 1e-8, "{share:?}");
    }

    #[test]
    fn wilson_stays_inside_zero_and_a_hundred() {
        let all = wilson(5, 5).unwrap();
        assert!(all.high <= 100.0 + 1e-12 && all.low > 40.0, "{all:?}");
        let none = wilson(0, 5).unwrap();
        assert!(none.low.abs() < 1e-12 && none.high < 60.0, "{none:?}");
    }
}
