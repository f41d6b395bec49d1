//! Improvement plans: which guidance and actions each team gets.
//!
//! The stage after scoring. From a team's scores (or, when they are withheld, the
//! organisation's) and the handbook's front matter it picks the dimensions to work on, the
//! strategies that build them, the process stage to focus on, the challenges likely at play and
//! dated actions with targets. A plan is a pure function of its inputs; it holds references
//! into the handbook (pages, action indices) so each language renders its own text. How many
//! dimensions, strategies and actions, the target and the dates are `plan:` settings
//! ([`PlanConfig`]); words and layout are composition's and the renderers' business.

use std::collections::BTreeMap;

use crate::content::{EntryId, Handbook, Kind, PageId};
use crate::model::{ChallengeRef, DimensionRef, Signal, StageRef, TrustModel, band_of};
use crate::project::PlanConfig;
use crate::scoring::{Assessment, Figures, GroupScores, Reported, Score};
use crate::survey::{Date, Team};

#[derive(Debug, Clone, PartialEq)]
pub struct TeamPlan {
    pub team: usize,
    /// Index into the scored waves.
    pub wave: usize,
    /// Whether the plan rests on the team's own figures or, withheld, on the organisation's.
    pub basis: Basis,
    pub focus: Vec<Focus>,
    /// The stage the team is at, and why; `None` when nothing tells.
    pub stage: Option<StageChoice>,
    /// Challenges likely at play, with the handbook page about each when there is one.
    pub challenges: Vec<(ChallengeRef, Option<PageId>)>,
    pub actions: Vec<PlannedAction>,
    pub next_survey: Date,
}

/// The team's stage, and what says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageChoice {
    pub stage: StageRef,
    pub basis: StageBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageBasis {
    /// `stage:` in organisation.yaml.
    Given,
    /// Months since the team formed.
    Formed { months: u32 },
    /// Months since its leader took over (later than it formed).
    LeaderSince { months: u32 },
    /// No dates: the team's overall favourable share, in percent.
    Favourable { percent: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Team,
    /// The team's figures are withheld: a general plan from the organisation's results.
    Organisation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    /// Index into the instrument's dimensions.
    pub dimension: usize,
    pub reason: Reason,
    /// Strategy pages that build this dimension, best match first.
    pub strategies: Vec<PageId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Flagged below the organisation.
    BelowOrganisation,
    /// Flagged as falling since the previous wave.
    Falling,
    /// Nothing flagged: the team's lowest dimension.
    Lowest,
    /// The organisation's lowest dimension (basis is the organisation).
    OrganisationLowest,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedAction {
    pub strategy: PageId,
    /// Index into the strategy page's actions (the same in every language).
    pub action: usize,
    /// Index into the instrument's dimensions this action serves.
    pub dimension: usize,
    pub due: Date,
    /// Favourable % to reach on the dimension by the next survey, when the team's own figure
    /// gives a baseline.
    pub target: Option<Target>,
}

/// A target for a dimension's favourable share, and the rule that set its size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// Percent favourable to reach, at most 100.
    pub favourable: f64,
    /// Percentage points above today's share.
    pub gain: f64,
    pub basis: TargetBasis,
}

/// Which rule decided a target's gain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetBasis {
    /// The planned gain (`plan.target_gain_pp`).
    Planned,
    /// Raised to one more person's answers: smaller changes a team of `people` cannot show.
    OnePerson { people: usize },
    /// Capped at what teams gained between the last two waves (75th percentile of `teams`).
    ObservedCap { teams: usize },
    /// Capped at the model's default: fewer than ten teams were measured in two waves.
    DefaultCap,
}

/// The plan for `team` in wave `wave` (an index into `assessment.scores.waves`).
pub fn team_plan(
    model: &TrustModel,
    assessment: &Assessment,
    handbook: &Handbook,
    rules: &PlanConfig,
    team: usize,
    wave: usize,
) -> TeamPlan {
    let scores = &assessment.scores.waves[wave];
    let organisation = scores.organisation.figures.shown();
    let (basis, figures) = match &scores.teams[team].figures {
        Reported::Shown(figures) => (Basis::Team, Some(figures)),
        Reported::Suppressed(_) => (Basis::Organisation, organisation),
    };
    let focus_dimensions = match (basis, figures) {
        (Basis::Team, Some(figures)) => team_focus(figures, rules.max_focus),
        (_, Some(figures)) => lowest(figures).map(|d| vec![(d, Reason::OrganisationLowest)]).unwrap_or_default(),
        (_, None) => Vec::new(),
    };
    let focus: Vec<Focus> = focus_dimensions
        .into_iter()
        .map(|(dimension, reason)| Focus {
            dimension,
            reason,
            strategies: strategies_for(assessment, handbook, dimension, team, rules.strategies_per_focus),
        })
        .collect();

    let chosen: Vec<PageId> = focus.iter().flat_map(|f| f.strategies.iter().copied()).collect();
    let stage =
        team_stage(model, &assessment.organisation.teams[team], scores.date, scores.teams[team].figures.shown());
    let mut challenge_counts: BTreeMap<ChallengeRef, usize> = BTreeMap::new();
    for page in &chosen {
        for challenge in &handbook.page(*page).entry.meta.challenges {
            *challenge_counts.entry(*challenge).or_default() += 1;
        }
    }
    let mut challenges: Vec<ChallengeRef> = {
        let mut ranked: Vec<(ChallengeRef, usize)> = challenge_counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(rules.max_challenges).map(|(c, _)| c).collect()
    };
    // What the results show suggests challenges of its own (in the trust power model, falling
    // trust suggests a past disappointment): the model says which.
    let signals = [(Reason::Falling, Signal::Falling), (Reason::BelowOrganisation, Signal::BelowOrganisation)];
    for (reason, signal) in signals {
        if focus.iter().any(|f| f.reason == reason) {
            for challenge in model.suggested_by(signal) {
                if !challenges.contains(&challenge) {
                    challenges.push(challenge);
                }
            }
        }
    }
    let challenge_pages = challenges.iter().map(|c| (*c, challenge_page(handbook, *c))).collect();

    let wave_date = scores.date;
    // A general plan from the organisation's results sets no target for the team.
    let own = if basis == Basis::Team { figures } else { None };
    let targets: Vec<Option<Target>> = focus
        .iter()
        .map(|focus| target(model, rules, &scores.teams, own?.dimensions[focus.dimension].shown()?, focus.dimension))
        .collect();
    let concepts = focus.iter().map(|f| assessment.instrument.dimensions[f.dimension].concept).collect();
    let fit = Fit { handbook, concepts, stage: stage.map(|s| s.stage), challenges: &challenges, focus: &focus };
    let actions = fit
        .best(rules.max_actions)
        .into_iter()
        .enumerate()
        .map(|(n, (f, strategy, action))| PlannedAction {
            strategy,
            action,
            dimension: focus[f].dimension,
            due: wave_date.add_days(i64::from(rules.action_interval_days) * (n as i64 + 1)),
            target: targets[f],
        })
        .collect();
    let next_survey = assessment
        .scores
        .waves
        .get(wave + 1)
        .map_or(wave_date.add_days(i64::from(rules.next_survey_days)), |next| next.date);
    TeamPlan { team, wave, basis, focus, stage, challenges: challenge_pages, actions, next_survey }
}

/// The target for one dimension of a team: today's favourable share plus the planned gain,
/// raised to one more person's answers (100 / people points: a smaller change cannot show in
/// a team this size), and at most what teams gained between the last two waves (their 75th
/// percentile, once ten teams were measured twice; before that the model's default cap), unless
/// one person's answers are more than that; never above 100 %.
fn target(
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
        .filter_map(|t| t.figures.shown()?.dimensions[dimension].shown()?.trend.as_ref()?.favourable_pp)
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
        (gain, basis) = (one_person, TargetBasis::OnePerson { people: score.n });
    }
    let favourable = (baseline + gain).min(100.0).round();
    Some(Target { favourable, gain: favourable - baseline.round(), basis })
}

/// The `p` quantile of sorted `values`, interpolated between neighbours (as R's type 7 and
/// numpy's default).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = p * (sorted.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
}

/// One action of one strategy, with its place in the ranking: (−fit, strategy rank, action).
struct Candidate {
    order: (i64, usize, usize),
    focus: usize,
    page: PageId,
    action: usize,
}

/// How well each action of the focus strategies fits the team, for ranking them.
struct Fit<'a> {
    handbook: &'a Handbook,
    /// The model dimension of each focus.
    concepts: Vec<DimensionRef>,
    stage: Option<StageRef>,
    challenges: &'a [ChallengeRef],
    focus: &'a [Focus],
}

impl Fit<'_> {
    /// Up to `count` actions, best fit first, each at most once: `(focus index, strategy,
    /// action index)`. Fit, in this order of weight: the focus it serves (the first focus
    /// before the second), whether the strategy names that dimension first, whether it is for
    /// the team's stage, how many of the plan's challenges it addresses, and whether it is
    /// written for teams like this one (`applies_to`); ties go to the strategy offered first,
    /// then the action listed first. A strategy gives a second action only when every chosen
    /// strategy has given one, so the plan spreads over strategies.
    fn best(&self, count: usize) -> Vec<(usize, PageId, usize)> {
        let mut candidates: Vec<Candidate> = Vec::new();
        for (f, focus) in self.focus.iter().enumerate() {
            for (rank, page) in focus.strategies.iter().enumerate() {
                let meta = &self.handbook.page(*page).entry.meta;
                let first = meta.dimensions.first() == Some(&self.concepts[f]);
                let score = 100 * (self.focus.len() - f) as i64
                    + if first { 20 } else { 10 }
                    + if self.stage.is_some_and(|s| meta.stages.contains(&s)) { 8 } else { 0 }
                    + 4 * meta.challenges.iter().filter(|c| self.challenges.contains(c)).count() as i64
                    + if meta.applies_to.is_empty() { 0 } else { 2 };
                let actions = self.handbook.page(*page).entry.variants.values().next().map_or(0, |v| v.actions.len());
                for action in 0..actions {
                    candidates.push(Candidate { order: (-score, rank, action), focus: f, page: *page, action });
                }
            }
        }
        candidates.sort_by_key(|c| c.order);
        let mut chosen: Vec<(usize, PageId, usize)> = Vec::new();
        // Round by round: in round r, a strategy may give its r-th action.
        for round in 0.. {
            let before = chosen.len();
            for candidate in &candidates {
                if chosen.len() == count {
                    return chosen;
                }
                let given = chosen.iter().filter(|c| c.1 == candidate.page).count();
                let taken = chosen.iter().any(|c| c.1 == candidate.page && c.2 == candidate.action);
                if given == round && !taken {
                    chosen.push((candidate.focus, candidate.page, candidate.action));
                }
            }
            if chosen.len() == before {
                break;
            }
        }
        chosen
    }
}

/// Dimensions flagged below the organisation or falling, weakest first; else the lowest one.
fn team_focus(figures: &Figures, max_focus: usize) -> Vec<(usize, Reason)> {
    let mut flagged: Vec<(usize, Reason, f64)> = figures
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(d, score)| {
            let score = score.shown()?;
            let mean = score.mean?;
            if score.vs_organisation.as_ref().is_some_and(|c| c.flagged()) {
                Some((d, Reason::BelowOrganisation, mean))
            } else if score.trend.as_ref().is_some_and(|t| t.flagged() && t.mean.unwrap_or(0.0) < 0.0) {
                Some((d, Reason::Falling, mean))
            } else {
                None
            }
        })
        .collect();
    flagged.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
    if flagged.is_empty() {
        return lowest(figures).map(|d| vec![(d, Reason::Lowest)]).unwrap_or_default();
    }
    flagged.into_iter().take(max_focus).map(|(d, reason, _)| (d, reason)).collect()
}

fn lowest(figures: &Figures) -> Option<usize> {
    figures
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(d, s)| Some((d, s.mean()?)))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(d, _)| d)
}

/// Strategy pages for a dimension that apply to `team` (every `applies_to` condition holds for
/// its attributes): those naming the dimension first come first, then reading order.
fn strategies_for(
    assessment: &Assessment,
    handbook: &Handbook,
    dimension: usize,
    team: usize,
    count: usize,
) -> Vec<PageId> {
    let facts = &assessment.organisation.teams[team].attributes;
    let wanted = assessment.instrument.dimensions[dimension].concept;
    let mut ranked: Vec<(usize, usize, PageId)> = handbook
        .reading_order()
        .into_iter()
        .enumerate()
        .filter_map(|(order, id)| match id {
            EntryId::Page(page) => {
                let meta = &handbook.page(page).entry.meta;
                let position = meta.dimensions.iter().position(|d| *d == wanted)?;
                let applies = meta.applies_to.iter().all(|condition| condition.holds(facts));
                (meta.kind == Some(Kind::Strategy) && applies).then_some((position, order, page))
            }
            EntryId::Section(_) => None,
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(count).map(|(_, _, page)| page).collect()
}

fn challenge_page(handbook: &Handbook, challenge: ChallengeRef) -> Option<PageId> {
    handbook.reading_order().into_iter().find_map(|id| match id {
        EntryId::Page(page) => {
            let meta = &handbook.page(page).entry.meta;
            (meta.kind == Some(Kind::Challenge) && meta.challenges.contains(&challenge)).then_some(page)
        }
        EntryId::Section(_) => None,
    })
}

/// The stage the team is at: as organisation.yaml says; else by months since it formed or its
/// leader took over, whichever is later, in the model's `stage_by_months` bands; else by its
/// own overall favourable share in `stage_by_favourable`. `None` when nothing tells.
fn team_stage(model: &TrustModel, team: &Team, on: Date, figures: Option<&Figures>) -> Option<StageChoice> {
    if let Some(stage) = team.stage {
        return Some(StageChoice { stage, basis: StageBasis::Given });
    }
    let since = |date: Option<Date>| date.map(|d| months_between(d, on));
    let dated = match (since(team.formed), since(team.leader_since)) {
        (Some(formed), Some(leader)) if leader < formed => Some(StageBasis::LeaderSince { months: leader }),
        (Some(formed), _) => Some(StageBasis::Formed { months: formed }),
        (None, Some(leader)) => Some(StageBasis::LeaderSince { months: leader }),
        (None, None) => None,
    };
    if let Some(basis) = dated {
        let months = match basis {
            StageBasis::Formed { months } | StageBasis::LeaderSince { months } => months,
            _ => 0,
        };
        if let Some(stage) = band_of(&model.stage_by_months, f64::from(months)) {
            return Some(StageChoice { stage, basis });
        }
    }
    let favourable = figures?.overall.favourable()?;
    let stage = band_of(&model.stage_by_favourable, favourable)?;
    Some(StageChoice { stage, basis: StageBasis::Favourable { percent: favourable.round() as u32 } })
}

/// Whole months from `from` to `to` (0 when `from` is later).
fn months_between(from: Date, to: Date) -> u32 {
    let ((y1, m1, d1), (y2, m2, d2)) = (from.ymd(), to.ymd());
    let months = (y2 - y1) * 12 + i64::from(m2) - i64::from(m1) - i64::from(d2 < d1);
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.75), 3.25);
        assert_eq!(percentile(&[5.0], 0.75), 5.0);
    }

    #[test]
    fn months_are_whole_months_between_dates() {
        assert_eq!(months_between(date("2026-05-16"), date("2026-09-15")), 3);
        assert_eq!(months_between(date("2026-05-15"), date("2026-09-15")), 4);
        assert_eq!(months_between(date("2015-04-01"), date("2026-09-15")), 137);
        assert_eq!(months_between(date("2026-10-01"), date("2026-09-15")), 0);
    }

    #[test]
    fn the_stage_comes_from_the_team_then_its_dates() {
        let model = TrustModel::default();
        let on = date("2026-09-15");
        let mut team = Team {
            id: crate::survey::TeamId::new("t").unwrap(),
            name: crate::project::Localized::default(),
            unit: 0,
            headcount: None,
            attributes: Vec::new(),
            formed: Some(date("2015-04-01")),
            leader_since: None,
            stage: None,
        };
        let stage_named = |choice: Option<StageChoice>| model.stage_concept(choice.unwrap().stage).id.clone();
        assert_eq!(stage_named(team_stage(&model, &team, on, None)), "consolidation");
        // A leader new four months ago starts the relationship again.
        team.leader_since = Some(date("2026-05-10"));
        let choice = team_stage(&model, &team, on, None).unwrap();
        assert_eq!(choice.basis, StageBasis::LeaderSince { months: 4 });
        assert_eq!(model.stage_concept(choice.stage).id, "initial_contact");
        team.stage = Some(model.stage("deeper_understanding").unwrap());
        assert_eq!(team_stage(&model, &team, on, None).unwrap().basis, StageBasis::Given);
        // Nothing to go on: no stage.
        let bare = Team { formed: None, leader_since: None, stage: None, ..team };
        assert_eq!(team_stage(&model, &bare, on, None), None);
    }
}
