//! Improvement plans: which guidance and actions each team gets.
//!
//! The stage after scoring. From a team's scores (or, when they are withheld, the
//! organisation's), its facts in organisation.yaml, the model and the handbook's front matter it
//! picks the dimensions to work on and the strategies that build them and apply to the team
//! (here), the stage the team is at (`stage.rs`), the challenges likely at play, the actions
//! that fit best (`fit.rs`) and their targets (`target.rs`). A plan is a pure function of its inputs; it holds references
//! into the handbook (pages, action indices) so each language renders its own text. How many
//! dimensions, strategies and actions, the target and the dates are `plan:` settings
//! ([`PlanConfig`]); words and layout are composition's and the renderers' business.

mod fit;
pub mod followup;
mod stage;
mod target;

use std::collections::BTreeMap;

use crate::content::{EntryId, Handbook, Kind, PageId};
use crate::model::{ChallengeRef, Signal, StageRef, TrustModel};
use crate::project::PlanConfig;
use crate::scoring::{Assessment, Figures, Reported};
use crate::survey::Date;
use fit::Fit;
use followup::{Committed, FollowUps, Status};
use stage::team_stage;

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
    follow_ups: &FollowUps,
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
        .map(|focus| {
            target::target(model, rules, &scores.teams, own?.dimensions[focus.dimension].shown()?, focus.dimension)
        })
        .collect();
    let concepts = focus.iter().map(|f| assessment.instrument.dimensions[f.dimension].concept).collect();
    let finished = wave
        .checked_sub(1)
        .map(|previous| follow_ups.of(previous, team))
        .unwrap_or_default()
        .iter()
        .filter(|c| matches!(c.status, Status::Done | Status::Dropped))
        .filter_map(|c| match c.what {
            Committed::Strategy { page, action } => Some((page, action)),
            Committed::Own { .. } => None,
        })
        .collect();
    let fit =
        Fit { handbook, concepts, stage: stage.map(|s| s.stage), challenges: &challenges, focus: &focus, finished };
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
