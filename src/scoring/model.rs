//! The scored model: aggregate figures per wave for the organisation, every unit and every
//! team. It holds no respondent-level record; comments are kept only where the comment
//! threshold allows, and sorted so their order says nothing about who wrote them.

use serde::Serialize;

use super::drivers::Correlation;
pub use super::inference::{Interval, Test};
use super::inference::{Moments, ShareMoments};

use crate::survey::{Date, DimensionId, WaveId};

/// A figure that is either shown or withheld for anonymity. A withheld one carries only the
/// reason: there is no number inside to print by mistake.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", content = "value", rename_all = "snake_case")]
pub enum Reported<T> {
    Shown(T),
    Suppressed(Suppression),
}

impl<T> Reported<T> {
    pub fn shown(&self) -> Option<&T> {
        match self {
            Reported::Shown(value) => Some(value),
            Reported::Suppressed(_) => None,
        }
    }

    pub fn suppression(&self) -> Option<&Suppression> {
        match self {
            Reported::Shown(_) => None,
            Reported::Suppressed(why) => Some(why),
        }
    }

    pub fn is_shown(&self) -> bool {
        matches!(self, Reported::Shown(_))
    }

    pub fn shown_mut(&mut self) -> Option<&mut T> {
        match self {
            Reported::Shown(value) => Some(value),
            Reported::Suppressed(_) => None,
        }
    }

    /// `value` when `withheld` is `None`; otherwise only the reason.
    pub fn unless(withheld: Option<Suppression>, value: T) -> Reported<T> {
        withheld.map_or(Reported::Shown(value), Reported::Suppressed)
    }
}

impl Reported<Score> {
    /// The mean, when the figure is shown and has one.
    pub fn mean(&self) -> Option<f64> {
        self.shown().and_then(|s| s.mean)
    }

    /// The favourable share in percent, when the figure is shown and has answers.
    pub fn favourable(&self) -> Option<f64> {
        self.shown().and_then(|s| s.distribution.favourable)
    }
}

impl Reported<ItemScore> {
    /// The mean, when the figure is shown and has one.
    pub fn mean(&self) -> Option<f64> {
        self.shown().and_then(|s| s.mean)
    }
}

/// Why figures are withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Suppression {
    /// The group has fewer respondents than `privacy.min_respondents`.
    FewerResponses { threshold: u32 },
    /// Fewer than `privacy.min_respondents` people answered what this one figure rests on (an
    /// item, or enough of a dimension's items), though the group itself has enough respondents.
    FewerAnswers { threshold: u32 },
    /// Withheld so that a suppressed sibling cannot be derived by subtraction from its parent.
    Complementary { threshold: u32 },
    /// Fewer people commented than `privacy.min_comments`.
    FewerComments { threshold: u32 },
}

impl Suppression {
    /// A short English reason, as used in exports.
    pub fn reason(&self) -> String {
        match self {
            Suppression::FewerResponses { threshold } => {
                format!("fewer than {threshold} responses")
            }
            Suppression::FewerAnswers { threshold } => format!("fewer than {threshold} answers"),
            Suppression::Complementary { .. } => "withheld to protect a smaller group".to_string(),
            Suppression::FewerComments { threshold } => format!("fewer than {threshold} comments"),
        }
    }
}

/// Which group a set of figures belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "index", rename_all = "snake_case")]
pub enum GroupRef {
    Organisation,
    /// Index into the organisation's units.
    Unit(usize),
    /// Index into the organisation's teams.
    Team(usize),
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoredModel {
    /// Dimension ids in instrument order; `Figures::dimensions` follows it.
    pub dimensions: Vec<DimensionId>,
    /// Waves in date order.
    pub waves: Vec<WaveScores>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaveScores {
    pub wave: WaveId,
    pub date: Date,
    pub organisation: GroupScores,
    /// Parallel to the organisation's units.
    pub units: Vec<GroupScores>,
    /// Parallel to the organisation's teams.
    pub teams: Vec<GroupScores>,
    /// Whether team-level reporting is justified, per dimension.
    pub reliability: Vec<Reliability>,
    /// How each dimension goes with each outcome item across the organisation's people.
    pub drivers: Vec<Drivers>,
}

/// The dimensions against one outcome item, at organisation level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drivers {
    /// Index into the instrument's outcomes.
    pub outcome: usize,
    /// People with every dimension score and an answer to the outcome item.
    pub n: usize,
    /// Per dimension, its correlation with the outcome.
    pub correlations: Vec<Option<Correlation>>,
    /// Per dimension, its exact LMG share of R², and the full model's R².
    pub shares: Option<Vec<f64>>,
    pub r_squared: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupScores {
    pub group: GroupRef,
    pub figures: Reported<Figures>,
    pub comments: Reported<Vec<crate::survey::Comment>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub respondents: usize,
    pub headcount: Option<u32>,
    /// Respondents / headcount, 0 to 1.
    pub response_rate: Option<f64>,
    /// The mean of people's dimension scores, and answers pooled over all items. Every figure
    /// below is withheld on its own when too few people answered it, or to protect another.
    pub overall: Reported<Score>,
    /// Parallel to [`ScoredModel::dimensions`].
    pub dimensions: Vec<Reported<Score>>,
    /// Parallel to the instrument's items.
    pub items: Vec<Reported<ItemScore>>,
    /// Indices of the three shown items furthest above the organisation, best first.
    pub strengths: Vec<usize>,
    /// Indices of the three shown items furthest below the organisation, weakest first.
    pub opportunities: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// People with a score.
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// The mean's standard error and 95% interval (Student's t; corrected for a finite
    /// headcount); `None` below two people.
    pub interval: Option<Interval>,
    pub distribution: Distribution,
    /// The pooled favourable share's standard error and 95% interval, in percent and
    /// percentage points (the ratio estimator's linearised SE: answers cluster within people).
    pub favourable_interval: Option<Interval>,
    pub alpha: Option<f64>,
    pub vs_organisation: Option<Box<Comparison>>,
    /// Against the rest of the parent unit (its other teams or sub-units), where that rest
    /// has people and its figures may be shown.
    pub vs_unit: Option<Box<Comparison>>,
    /// Against the selected external benchmark's figure, where it has one: the mean tested
    /// against the benchmark's as a fixed value (one-sample t), the share likewise (z).
    pub vs_benchmark: Option<Box<Comparison>>,
    pub trend: Option<Box<Comparison>>,
    /// What the scores and the favourable answers add up to, for the tests against the rest of
    /// the organisation and the previous wave. Stays inside scoring.
    #[serde(skip)]
    pub(in crate::scoring) moments: Moments,
    #[serde(skip)]
    pub(in crate::scoring) share_moments: ShareMoments,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemScore {
    pub n: usize,
    pub mean: Option<f64>,
    /// The mean's standard error and 95% interval, as for a dimension.
    pub interval: Option<Interval>,
    pub distribution: Distribution,
    /// Wilson's 95% interval for the favourable share (one answer per person), in percent.
    pub favourable_interval: Option<Interval>,
    pub vs_organisation: Option<Box<Comparison>>,
    /// Against the rest of the parent unit, as for a dimension.
    pub vs_unit: Option<Box<Comparison>>,
    /// Against the benchmark's figure for the item, as for a dimension (the share by the
    /// one-proportion z-test).
    pub vs_benchmark: Option<Box<Comparison>>,
    pub trend: Option<Box<Comparison>>,
    /// What the answers add up to, and how many were favourable, for the tests. Stays inside
    /// scoring.
    #[serde(skip)]
    pub(in crate::scoring) moments: Moments,
    #[serde(skip)]
    pub(in crate::scoring) favourable_count: usize,
}

/// Shares of valid answers, in percent; `None` when there are no answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub answers: usize,
    pub favourable: Option<f64>,
    pub neutral: Option<f64>,
    pub unfavourable: Option<f64>,
}

/// A difference (this group or wave minus the reference) and whether it is large enough to flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub mean: Option<f64>,
    pub favourable_pp: Option<f64>,
    /// Whether each difference is clearly there: it reaches its size threshold and, unless
    /// `scoring.significance` is `off`, its test is significant (after the false discovery
    /// rate control across a wave's teams, when that is on).
    pub mean_flag: bool,
    pub favourable_flag: bool,
    /// The tests behind the flags. Against the organisation they compare with the rest of it
    /// (the group's own people removed), so their differences are against the rest; against
    /// the unit, `mean` and `favourable_pp` are against its rest too; against the previous
    /// wave they compare the two waves as independent samples.
    pub mean_test: Option<Test>,
    pub favourable_test: Option<Test>,
    /// Benjamini-Hochberg adjusted p values across the family the group belongs to (the
    /// teams of a wave, or its units), per figure.
    pub mean_q: Option<f64>,
    pub favourable_q: Option<f64>,
    /// The difference reached its size threshold but its test was not significant: within
    /// the noise that a few people's answers make, so not flagged.
    pub within_noise: bool,
    /// Against the organisation or the unit: team means of this dimension (or of the item's)
    /// do not reliably differ in this wave (its ICC(2) is below `scoring.min_icc2`), so the gap
    /// is not flagged.
    pub means_unreliable: bool,
    /// People in the rest of the group compared against (the organisation's or the unit's
    /// other people who answered), for a comparison with a rest; `None` for a trend.
    pub rest_n: Option<u32>,
}

/// Which way a flagged difference goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    /// The mean and the favourable share move in opposite directions.
    Mixed,
}

impl Comparison {
    /// Differences with their size flags, before any test has been run.
    pub fn by_size(mean: Option<f64>, favourable_pp: Option<f64>, mean_flag: bool, favourable_flag: bool) -> Self {
        Comparison {
            mean,
            favourable_pp,
            mean_flag,
            favourable_flag,
            mean_test: None,
            favourable_test: None,
            mean_q: None,
            favourable_q: None,
            within_noise: false,
            means_unreliable: false,
            rest_n: None,
        }
    }

    pub fn flagged(&self) -> bool {
        self.mean_flag || self.favourable_flag
    }

    /// The direction of what is flagged, `None` when nothing is. When the mean and the
    /// favourable share visibly move apart (a mean up by 0.01 with a favourable share down by 9
    /// points, flagged), the difference is mixed, neither a rise nor a fall.
    pub fn direction(&self) -> Option<Direction> {
        if !self.flagged() {
            return None;
        }
        // A figure that reports round to zero (±0.00, ±0.0 pp) points nowhere.
        let sign = |value: Option<f64>, zero: f64| match value {
            Some(v) if v >= zero => Some(Direction::Up),
            Some(v) if v <= -zero => Some(Direction::Down),
            _ => None,
        };
        match (sign(self.mean, 0.005), sign(self.favourable_pp, 0.05)) {
            (Some(a), Some(b)) if a != b => Some(Direction::Mixed),
            (Some(a), _) | (None, Some(a)) => Some(a),
            (None, None) => None,
        }
    }

    /// Flagged, and down.
    pub fn falling(&self) -> bool {
        self.direction() == Some(Direction::Down)
    }
}

/// Organisation-level reliability of one dimension in one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reliability {
    /// Index into [`ScoredModel::dimensions`].
    pub dimension: usize,
    pub alpha: Option<f64>,
    pub icc1: Option<f64>,
    pub icc2: Option<f64>,
    /// Mean r_wg(j) over the teams with at least two respondents.
    pub rwg_j: Option<f64>,
    /// Teams that entered ICC and r_wg(j).
    pub teams: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comparison(mean: f64, favourable_pp: f64, mean_flag: bool, favourable_flag: bool) -> Comparison {
        Comparison::by_size(Some(mean), Some(favourable_pp), mean_flag, favourable_flag)
    }

    #[test]
    fn a_direction_comes_from_the_flagged_figures_only() {
        // A mean up by 0.01 and a favourable share down by 9.4 points (flagged): mixed.
        assert_eq!(comparison(0.01, -9.4, false, true).direction(), Some(Direction::Mixed));
        assert!(!comparison(0.01, -9.4, false, true).falling());
        // A mean that reports as ±0.00 points nowhere: the share decides.
        assert_eq!(comparison(0.004, -9.4, false, true).direction(), Some(Direction::Down));
        assert!(comparison(0.004, -9.4, false, true).falling());
        assert_eq!(comparison(0.3, 2.0, true, false).direction(), Some(Direction::Up));
        assert_eq!(comparison(-0.3, -12.0, true, true).direction(), Some(Direction::Down));
        assert_eq!(comparison(0.25, -11.0, true, true).direction(), Some(Direction::Mixed));
        assert_eq!(comparison(-0.1, -3.0, false, false).direction(), None);
    }
}
