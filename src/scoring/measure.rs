//! Measuring one group: every respondent scored once ([`Person`]), then a group's figures
//! (means, shares, intervals, alpha, what its tests need) before anonymity decides which may
//! be shown ([`Measured`]), and the organisation's reliability per dimension.

use super::inference::{self, Moments, ShareMoments};
use super::model::{Distribution, Figures, Interval, ItemScore, Reliability, Reported, Score, Suppression};
use super::stats;
use crate::project::ScoringConfig;
use crate::survey::{Category, Comment, Instrument, Response};

/// One respondent, scored. Lives only inside scoring.
pub(super) struct Person {
    pub(super) team: usize,
    /// Reverse-coded answers per item.
    pub(super) coded: Vec<Option<f64>>,
    /// Where each coded answer falls on its scale, worked out once per person.
    pub(super) categories: Vec<Option<Category>>,
    /// Dimension scores; `None` when too few of the dimension's items were answered.
    pub(super) dimensions: Vec<Option<f64>>,
    pub(super) overall: Option<f64>,
    pub(super) comment: Option<Comment>,
}

impl Person {
    pub(super) fn new(response: &Response, instrument: &Instrument, min_answered: f64) -> Person {
        let coded: Vec<Option<f64>> = response
            .answers
            .iter()
            .enumerate()
            .map(|(i, answer)| {
                let item = &instrument.items[i];
                let scale = instrument.scale_of(i);
                answer.map(|value| if item.reverse { scale.reverse(value) } else { value } as f64)
            })
            .collect();
        let dimensions: Vec<Option<f64>> = instrument
            .dimensions
            .iter()
            .map(|dimension| {
                let answered: Vec<f64> = dimension.items.iter().filter_map(|i| coded[*i]).collect();
                let share = answered.len() as f64 / dimension.items.len().max(1) as f64;
                if answered.is_empty() || share < min_answered { None } else { stats::mean(&answered) }
            })
            .collect();
        let present: Vec<f64> = dimensions.iter().flatten().copied().collect();
        let categories = coded
            .iter()
            .enumerate()
            .map(|(i, value)| value.map(|v| instrument.scale_of(i).category(v as i64)))
            .collect();
        Person {
            team: response.team,
            overall: stats::mean(&present),
            coded,
            categories,
            dimensions,
            comment: response.comment.clone(),
        }
    }
}

/// The pooled favourable share's interval from what its people's favourable and valid answers
/// add up to: their ratio and its linearised SE, corrected for a known headcount.
fn pooled_interval(shares: &ShareMoments, headcount: Option<u32>) -> Option<Interval> {
    inference::pooled_share_of(shares, inference::fpc(shares.m.round() as usize, headcount))
}

/// The interval of the mean of `values` (people's scores), corrected for a known headcount.
fn mean_interval(values: &[f64], headcount: Option<u32>) -> Option<Interval> {
    let (mean, sd) = (stats::mean(values)?, stats::sd(values)?);
    inference::mean_interval(mean, sd, values.len(), inference::fpc(values.len(), headcount))
}

/// A group's figures before anyone has decided which may be shown. Never leaves scoring.
pub(super) struct Measured {
    respondents: usize,
    headcount: Option<u32>,
    response_rate: Option<f64>,
    overall: Score,
    dimensions: Vec<Score>,
    items: Vec<ItemScore>,
}

impl Measured {
    /// People behind each statistic, in the node order of [`Tree::of_instrument`].
    pub(super) fn people(&self) -> Vec<usize> {
        std::iter::once(self.overall.n)
            .chain(self.dimensions.iter().map(|d| d.n))
            .chain(self.items.iter().map(|i| i.n))
            .collect()
    }

    /// Valid answers pooled into each statistic, in the same order.
    pub(super) fn answers(&self) -> Vec<usize> {
        std::iter::once(&self.overall.distribution)
            .chain(self.dimensions.iter().map(|d| &d.distribution))
            .chain(self.items.iter().map(|i| &i.distribution))
            .map(|d| d.answers)
            .collect()
    }

    /// The figures with each statistic shown or withheld as `cells` (one per statistic node) says.
    pub(super) fn reported(self, cells: &[Option<Suppression>]) -> Figures {
        let dimensions = self.dimensions.len();
        Figures {
            respondents: self.respondents,
            headcount: self.headcount,
            response_rate: self.response_rate,
            overall: Reported::unless(cells[0], self.overall),
            dimensions: self.dimensions.into_iter().zip(&cells[1..]).map(|(d, c)| Reported::unless(*c, d)).collect(),
            items: self.items.into_iter().zip(&cells[1 + dimensions..]).map(|(i, c)| Reported::unless(*c, i)).collect(),
            strengths: Vec::new(),
            opportunities: Vec::new(),
        }
    }
}

pub(super) struct Scorer<'a> {
    pub(super) instrument: &'a Instrument,
    pub(super) people: &'a [Person],
    pub(super) scoring: &'a ScoringConfig,
}

impl Scorer<'_> {
    pub(super) fn measure(&self, members: &[usize], headcount: Option<u32>) -> Measured {
        let instrument = self.instrument;
        let people: Vec<&Person> = members.iter().map(|p| &self.people[*p]).collect();
        let all_items: Vec<usize> = instrument.dimension_items().collect();
        // Each person's favourable and valid answers per dimension; the overall ones are their
        // sums (every dimension item belongs to one dimension).
        let dimension_counts: Vec<Vec<(usize, usize)>> =
            instrument.dimensions.iter().map(|dimension| self.answer_counts(&people, &dimension.items)).collect();
        let overall_counts: Vec<(usize, usize)> = (0..people.len())
            .map(|p| dimension_counts.iter().fold((0, 0), |(f, v), counts| (f + counts[p].0, v + counts[p].1)))
            .collect();
        let overall_scores: Vec<f64> = people.iter().filter_map(|p| p.overall).collect();
        let overall_shares = ShareMoments::of(&overall_counts);
        let overall = Score {
            interval: mean_interval(&overall_scores, headcount),
            favourable_interval: pooled_interval(&overall_shares, headcount),
            moments: Moments::of(&overall_scores),
            share_moments: overall_shares,
            n: overall_scores.len(),
            mean: stats::mean(&overall_scores),
            sd: stats::sd(&overall_scores),
            distribution: self.distribution(&people, &all_items),
            alpha: None,
            vs_organisation: None,
            vs_unit: None,
            vs_benchmark: None,
            trend: None,
        };
        let dimensions = instrument
            .dimensions
            .iter()
            .zip(&dimension_counts)
            .enumerate()
            .map(|(d, (dimension, counts))| {
                let scores: Vec<f64> = people.iter().filter_map(|p| p.dimensions[d]).collect();
                let columns: Vec<Vec<Option<f64>>> =
                    dimension.items.iter().map(|i| people.iter().map(|p| p.coded[*i]).collect()).collect();
                let shares = ShareMoments::of(counts);
                Score {
                    interval: mean_interval(&scores, headcount),
                    favourable_interval: pooled_interval(&shares, headcount),
                    moments: Moments::of(&scores),
                    share_moments: shares,
                    n: scores.len(),
                    mean: stats::mean(&scores),
                    sd: stats::sd(&scores),
                    distribution: self.distribution(&people, &dimension.items),
                    alpha: stats::cronbach_alpha(&columns, self.scoring.alpha),
                    vs_organisation: None,
                    vs_unit: None,
                    vs_benchmark: None,
                    trend: None,
                }
            })
            .collect();
        let items = (0..instrument.items.len())
            .map(|i| {
                let values: Vec<f64> = people.iter().filter_map(|p| p.coded[i]).collect();
                let favourable = people.iter().filter(|p| p.categories[i] == Some(Category::Favourable)).count();
                ItemScore {
                    interval: mean_interval(&values, headcount),
                    favourable_interval: inference::wilson(favourable, values.len()),
                    moments: Moments::of(&values),
                    favourable_count: favourable,
                    n: values.len(),
                    mean: stats::mean(&values),
                    distribution: self.distribution(&people, &[i]),
                    vs_organisation: None,
                    vs_unit: None,
                    vs_benchmark: None,
                    trend: None,
                }
            })
            .collect();
        Measured {
            respondents: members.len(),
            headcount,
            response_rate: headcount.map(|h| members.len() as f64 / h as f64),
            overall,
            dimensions,
            items,
        }
    }

    /// Each person's favourable and valid answers to `items`.
    fn answer_counts(&self, people: &[&Person], items: &[usize]) -> Vec<(usize, usize)> {
        people
            .iter()
            .map(|person| {
                let answered = items.iter().filter_map(|i| person.categories[*i]);
                answered.fold((0, 0), |(f, v), c| (f + usize::from(c == Category::Favourable), v + 1))
            })
            .collect()
    }

    /// Favourable, neutral and unfavourable shares pooled over all valid answers to `items`.
    fn distribution(&self, people: &[&Person], items: &[usize]) -> Distribution {
        let (mut favourable, mut neutral, mut unfavourable) = (0usize, 0usize, 0usize);
        for &i in items {
            for person in people {
                match person.categories[i] {
                    Some(Category::Favourable) => favourable += 1,
                    Some(Category::Neutral) => neutral += 1,
                    Some(Category::Unfavourable) => unfavourable += 1,
                    None => {}
                }
            }
        }
        let answers = favourable + neutral + unfavourable;
        let share = |count: usize| (answers > 0).then(|| 100.0 * count as f64 / answers as f64);
        Distribution {
            answers,
            favourable: share(favourable),
            neutral: share(neutral),
            unfavourable: share(unfavourable),
        }
    }

    /// Organisation-level alpha, ICC(1), ICC(2) and mean r_wg(j), per dimension, over teams.
    pub(super) fn reliability(&self, team_members: &[Vec<usize>]) -> Vec<Reliability> {
        self.instrument
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, dimension)| {
                let columns: Vec<Vec<Option<f64>>> =
                    dimension.items.iter().map(|i| self.people.iter().map(|p| p.coded[*i]).collect()).collect();
                let groups: Vec<Vec<f64>> = team_members
                    .iter()
                    .map(|members| members.iter().filter_map(|p| self.people[*p].dimensions[d]).collect())
                    .collect();
                let icc = stats::icc(&groups);
                let agreement: Vec<f64> = team_members
                    .iter()
                    .filter(|members| members.len() >= 2)
                    .filter_map(|members| {
                        let items: Vec<Vec<f64>> = dimension
                            .items
                            .iter()
                            .map(|i| members.iter().filter_map(|p| self.people[*p].coded[*i]).collect())
                            .collect();
                        stats::rwg_j(&items, dimension.scale.points())
                    })
                    .collect();
                Reliability {
                    dimension: d,
                    alpha: stats::cronbach_alpha(&columns, self.scoring.alpha),
                    icc1: icc.map(|v| v.0),
                    icc2: icc.map(|v| v.1),
                    rwg_j: stats::mean(&agreement),
                    teams: groups.iter().filter(|g| !g.is_empty()).count(),
                }
            })
            .collect()
    }
}
