//! Scoring: from checked responses to the figures reports show.
//!
//! After `survey`, before `plan` and `compose`. Per wave it scores every person (reverse coding, dimension
//! means with a minimum share answered), every team, unit (with its sub-units) and the whole
//! organisation, gives every figure its standard error and interval (`inference`), compares each
//! group with the organisation and with its previous wave and flags a difference only when it is
//! large enough and significant (`compare`), measures reliability and the dimensions' weight in
//! the outcome items (`drivers`), and withholds figures for anonymity. The definitions are in the
//! README's scoring reference. Its output, [`ScoredModel`], holds aggregates only.

pub mod anonymity;
mod assessment;
mod benchmark;
mod compare;
pub mod drivers;
pub mod inference;
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
use crate::survey::{Benchmark, Category, Comment, Instrument, Organisation, Respondents, Response, Survey};
use anonymity::{Counts, decide};
use compare::{add_trends, compare_with_organisation, compare_with_unit, settle_flags};
use inference::{Moments, ShareMoments};
use tree::Tree;

/// One respondent, scored. Lives only inside this module.
struct Person {
    team: usize,
    /// Reverse-coded answers per item.
    coded: Vec<Option<f64>>,
    /// Where each coded answer falls on its scale, worked out once per person.
    categories: Vec<Option<Category>>,
    /// Dimension scores; `None` when too few of the dimension's items were answered.
    dimensions: Vec<Option<f64>>,
    overall: Option<f64>,
    comment: Option<Comment>,
}

impl Person {
    fn new(response: &Response, instrument: &Instrument, min_answered: f64) -> Person {
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
                compare_with_organisation(instrument, figures, reference, &scoring.gap);
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
                compare_with_unit(figures, reference, &scoring.gap, threshold);
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

/// The pooled favourable share's interval from each person's favourable and valid answers:
/// their ratio and its linearised SE, corrected for a known headcount.
fn pooled_interval(counts: &[(usize, usize)], headcount: Option<u32>) -> Option<Interval> {
    let answering = counts.iter().filter(|(_, valid)| *valid > 0).count();
    inference::pooled_share(counts, inference::fpc(answering, headcount))
}

/// The interval of the mean of `values` (people's scores), corrected for a known headcount.
fn mean_interval(values: &[f64], headcount: Option<u32>) -> Option<Interval> {
    let (mean, sd) = (stats::mean(values)?, stats::sd(values)?);
    inference::mean_interval(mean, sd, values.len(), inference::fpc(values.len(), headcount))
}

/// A group's figures before anyone has decided which may be shown. Never leaves this module.
struct Measured {
    respondents: usize,
    headcount: Option<u32>,
    response_rate: Option<f64>,
    overall: Score,
    dimensions: Vec<Score>,
    items: Vec<ItemScore>,
}

impl Measured {
    /// People behind each statistic, in the node order of [`Tree::of_instrument`].
    fn people(&self) -> Vec<usize> {
        std::iter::once(self.overall.n)
            .chain(self.dimensions.iter().map(|d| d.n))
            .chain(self.items.iter().map(|i| i.n))
            .collect()
    }

    /// Valid answers pooled into each statistic, in the same order.
    fn answers(&self) -> Vec<usize> {
        std::iter::once(&self.overall.distribution)
            .chain(self.dimensions.iter().map(|d| &d.distribution))
            .chain(self.items.iter().map(|i| &i.distribution))
            .map(|d| d.answers)
            .collect()
    }

    /// The figures with each statistic shown or withheld as `cells` (one per statistic node) says.
    fn reported(self, cells: &[Option<Suppression>]) -> Figures {
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

struct Scorer<'a> {
    instrument: &'a Instrument,
    people: &'a [Person],
    scoring: &'a ScoringConfig,
}

impl Scorer<'_> {
    fn measure(&self, members: &[usize], headcount: Option<u32>) -> Measured {
        let instrument = self.instrument;
        let people: Vec<&Person> = members.iter().map(|p| &self.people[*p]).collect();
        let all_items: Vec<usize> = instrument.dimension_items().collect();
        let overall_scores: Vec<f64> = people.iter().filter_map(|p| p.overall).collect();
        let overall_counts = self.answer_counts(&people, &all_items);
        let overall = Score {
            interval: mean_interval(&overall_scores, headcount),
            favourable_interval: pooled_interval(&overall_counts, headcount),
            moments: Moments::of(&overall_scores),
            share_moments: ShareMoments::of(&overall_counts),
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
            .enumerate()
            .map(|(d, dimension)| {
                let scores: Vec<f64> = people.iter().filter_map(|p| p.dimensions[d]).collect();
                let columns: Vec<Vec<Option<f64>>> =
                    dimension.items.iter().map(|i| people.iter().map(|p| p.coded[*i]).collect()).collect();
                let counts = self.answer_counts(&people, &dimension.items);
                Score {
                    interval: mean_interval(&scores, headcount),
                    favourable_interval: pooled_interval(&counts, headcount),
                    moments: Moments::of(&scores),
                    share_moments: ShareMoments::of(&counts),
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
    fn reliability(&self, team_members: &[Vec<usize>]) -> Vec<Reliability> {
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
