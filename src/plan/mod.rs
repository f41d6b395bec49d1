//! Improvement plans: which guidance and actions each team gets.
//!
//! The stage after scoring. From a team's scores (or, when they are withheld, the
//! organisation's), its customers' scores where a customer instrument is for it, its facts in
//! organisation.yaml, the model and the handbook's front matter it picks the dimensions to work
//! on and the strategies that build them, apply to the team and build the trust of the people
//! who showed the gap (here), the stage the team is at (`stage.rs`), the challenges likely at play, the actions
//! that fit best (`fit.rs`) and their targets (`target.rs`). A plan is a pure function of its inputs; it holds references
//! into the handbook (pages, action indices) so each language renders its own text. How many
//! dimensions, strategies and actions, the target and the dates are `plan:` settings
//! ([`PlanConfig`]); words and layout are composition's and the renderers' business.

mod fit;
pub mod followup;
mod items;
mod stage;
mod target;

use crate::content::{EntryId, Handbook, Kind, PageId};
use crate::model::{ChallengeRef, Signal, StageRef, TrustModel};
use crate::project::PlanConfig;
use crate::scoring::{Assessment, Figures, InstrumentRef, Measure, Reported};
use crate::survey::Date;
use fit::Fit;
use followup::{Committed, FollowUps, Status};
pub use items::check_action_items;
use stage::team_stage;

#[derive(Debug, Clone, PartialEq)]
pub struct TeamPlan {
    pub team: usize,
    /// Index into the scored waves.
    pub wave: usize,
    /// Whether the plan rests on the team's own figures or, withheld, on the organisation's.
    pub basis: Basis,
    pub focus: Vec<Focus>,
    /// Dimensions also clearly flagged that the plan does not take up this round (at most
    /// `plan.max_focus` focus dimensions), so the report can say so.
    pub also_flagged: Vec<(Measure, Reason)>,
    /// The stage the team is at, and why; `None` when nothing tells.
    pub stage: Option<StageChoice>,
    /// Challenges the results point to, each with what points to it and the handbook page
    /// about it when there is one.
    pub challenges: Vec<ChallengeChoice>,
    pub actions: Vec<PlannedAction>,
    pub next_survey: Date,
}

/// A challenge likely at play, and the evidence: a focus whose signal the model says suggests it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChallengeChoice {
    pub challenge: ChallengeRef,
    pub page: Option<PageId>,
    /// The focus dimension that shows the signal.
    pub because: Measure,
    pub signal: Signal,
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
    /// Its dates point to a later stage than its overall favourable share (percent) does:
    /// `months` since it formed, or since its leader took over when `leader`.
    ScoresBelowAge { months: u32, leader: bool, percent: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Team,
    /// The team's figures are withheld: a general plan from the organisation's results.
    Organisation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    /// The dimension, and whose view of it (the members' or the customers').
    pub measure: Measure,
    pub reason: Reason,
    /// Strategy pages that build this dimension, best match first.
    pub strategies: Vec<PageId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Flagged below the organisation (for a customer instrument: below all the teams it
    /// rated).
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
    /// The focus dimension this action serves.
    pub measure: Measure,
    /// Already in last time's plan and not started: offered again, and the report says so.
    pub carried: bool,
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
    /// `above_cap` is the cap it exceeds, when it does (a target for two rounds, then).
    OnePerson { people: usize, above_cap: Option<f64> },
    /// Capped at what teams gained between the last two waves (75th percentile of `teams`).
    ObservedCap { teams: usize },
    /// Capped at the model's default: fewer than ten teams were measured in two waves.
    DefaultCap,
}

/// What every team's plan is chosen from: the model, the scores, the plans teams recorded, the
/// handbook, the `plan:` rules, and the day the results reach the teams.
#[derive(Clone, Copy)]
pub struct Planner<'a> {
    pub model: &'a TrustModel,
    pub assessment: &'a Assessment,
    pub follow_ups: &'a FollowUps,
    pub handbook: &'a Handbook,
    pub rules: &'a PlanConfig,
    /// The delivery date: actions are due counting from it, or from the survey's close when
    /// that is later, so no action is overdue on the day the team receives its plan.
    pub delivered: Date,
}

impl Planner<'_> {
    /// The plan for `team` in wave `wave` (an index into `assessment.scores.waves`).
    pub fn team_plan(&self, team: usize, wave: usize) -> TeamPlan {
        team_plan(self, team, wave)
    }
}

fn team_plan(planner: &Planner<'_>, team: usize, wave: usize) -> TeamPlan {
    let Planner { model, assessment, follow_ups, handbook, rules, delivered } = *planner;
    let scores = &assessment.scores.waves[wave];
    let organisation = scores.organisation.figures.shown();
    let (basis, figures) = match &scores.teams[team].figures {
        Reported::Shown(figures) => (Basis::Team, Some(figures)),
        Reported::Suppressed(_) => (Basis::Organisation, organisation),
    };
    // Each dimension's importance for overall trust (the first outcome item), where the
    // instrument has outcome items and the wave enough people to weigh them.
    let importance = scores.drivers.first().and_then(|d| d.shares.as_deref());
    let members: Vec<(Measure, Reason)> = match (basis, figures) {
        (Basis::Team, Some(figures)) => team_focus(figures, importance),
        (_, Some(figures)) => lowest(figures).map(|d| vec![(d, Reason::OrganisationLowest)]).unwrap_or_default(),
        (_, None) => Vec::new(),
    }
    .into_iter()
    .map(|(d, reason)| (Measure::of_default(d), reason))
    .collect();
    // Each further instrument for the team (its customers' view, its members' view of their
    // leader): its weakest clearly flagged dimension, one at most each (the plan is the
    // team's; its own trust keeps a place).
    let facts = &assessment.organisation.teams[team];
    let further: Vec<(Measure, Reason)> = assessment
        .further
        .iter()
        .enumerate()
        .filter_map(|(index, f)| {
            if !f.instrument.applies_to_team(facts) {
                return None;
            }
            let figures = f.scores.waves[wave].teams[team].figures.shown()?;
            let (dimension, reason, _) = flagged(figures, None).into_iter().next()?;
            let measure = Measure { instrument: InstrumentRef::Further(index), dimension };
            // Answers about someone else (the leader module) set a focus only where the handbook
            // has guidance written for them; otherwise the report shows them as flagged.
            if f.instrument.about.is_some() && strategies_for(assessment, handbook, measure, team, 1).is_empty() {
                return None;
            }
            Some((measure, reason))
        })
        .collect();
    // Answers about someone else are that person's to work on, not the team's: they take a
    // focus of their own beyond the cap, with an action of their own beyond the team's.
    let about_others = |m: &Measure| assessment.instrument(m.instrument).about.is_some();
    let (own, extra): (Vec<_>, Vec<_>) = further.into_iter().partition(|(m, _)| !about_others(m));
    // One order for all: below the comparison before only falling, before merely the lowest;
    // the team's own view before a further instrument's at the same level; then weakest first.
    let class = |reason: Reason| match reason {
        Reason::BelowOrganisation => 0,
        Reason::Falling => 1,
        Reason::Lowest | Reason::OrganisationLowest => 2,
    };
    let mut focus_measures: Vec<(Measure, Reason)> = members;
    focus_measures.extend(own);
    // Within a level, a dimension both below the comparison and falling comes first.
    let flags = |measure: &Measure| std::cmp::Reverse(signals(assessment, team, wave, *measure).len());
    focus_measures.sort_by_key(|(measure, reason)| (class(*reason), flags(measure), measure.instrument));
    focus_measures.truncate(rules.max_focus);
    let extra_focus = extra.len();
    focus_measures.extend(extra);
    let also_flagged: Vec<(Measure, Reason)> = flagged_everywhere(assessment, team, wave)
        .into_iter()
        .filter(|(measure, _)| !focus_measures.iter().any(|(m, _)| m == measure))
        .collect();
    let focus: Vec<Focus> = focus_measures
        .into_iter()
        .map(|(measure, reason)| Focus {
            measure,
            reason,
            strategies: strategies_for(assessment, handbook, measure, team, rules.strategies_per_focus),
        })
        .collect();

    let stage =
        team_stage(model, &assessment.organisation.teams[team], scores.date, scores.teams[team].figures.shown());
    // Challenges only where the results point to them: a dimension clearly falling or below the
    // others (a focus or one also flagged) is a signal, and the model says which challenges a
    // signal on which dimension suggests (in the trust power model, falling trust suggests a
    // past disappointment). Each is shown with its strongest evidence: the largest change or
    // gap in favourable points among the signals that suggest it. Strategies' tags do not name
    // challenges; they only rank actions for the challenges named.
    let flagged_measures = focus.iter().map(|f| f.measure).chain(also_flagged.iter().map(|(m, _)| *m));
    let mut evidence: Vec<(ChallengeChoice, f64)> = Vec::new();
    for measure in flagged_measures {
        for signal in signals(assessment, team, wave, measure) {
            let strength = signal_strength(assessment, team, wave, measure, signal);
            for challenge in model.suggested_by(signal, assessment.dimension(measure).concept) {
                let choice =
                    ChallengeChoice { challenge, page: challenge_page(handbook, challenge), because: measure, signal };
                match evidence.iter_mut().find(|(c, _)| c.challenge == challenge) {
                    Some(known) if strength > known.1 => *known = (choice, strength),
                    Some(_) => {}
                    None => evidence.push((choice, strength)),
                }
            }
        }
    }
    let challenges: Vec<ChallengeChoice> = evidence.into_iter().take(rules.max_challenges).map(|(c, _)| c).collect();
    let challenge_refs: Vec<ChallengeRef> = challenges.iter().map(|c| c.challenge).collect();

    let wave_date = scores.date;
    // Actions start when the plan reaches the team: on delivery, never before the survey has
    // closed. (Rebuilding an old wave's reports with its SOURCE_DATE_EPOCH gives its dates.)
    let closed = assessment.organisation.waves[wave].closes.unwrap_or(wave_date);
    let starts = closed.max(delivered);
    let targets: Vec<Option<Target>> = focus
        .iter()
        .map(|focus| {
            // A general plan from the organisation's results sets no target for the team.
            if focus.measure.instrument == InstrumentRef::Default && basis != Basis::Team {
                return None;
            }
            let teams = &assessment.scores_of(focus.measure.instrument).waves[wave].teams;
            let score = teams[team].figures.shown()?.dimensions[focus.measure.dimension].shown()?;
            target::target(model, rules, teams, score, focus.measure.dimension)
        })
        .collect();
    let concepts = focus.iter().map(|f| assessment.dimension(f.measure).concept).collect();
    let last_time = wave.checked_sub(1).map(|previous| follow_ups.of(previous, team)).unwrap_or_default();
    let strategy_actions = |statuses: &[Status]| -> Vec<(PageId, usize)> {
        last_time
            .iter()
            .filter(|c| statuses.contains(&c.status))
            .filter_map(|c| match c.what {
                Committed::Strategy { page, action } => Some((page, action)),
                Committed::Own { .. } => None,
            })
            .collect()
    };
    // Under way, it continues (last time's plan shows it); done or dropped, it is over.
    let finished = strategy_actions(&[Status::Doing, Status::Done, Status::Dropped]);
    // Planned and never started: it may be offered again, marked as such.
    let not_started = strategy_actions(&[Status::Planned]);
    // Each focus's items, and those the team is weak on: actions measured by one of them fit
    // better, actions measured by another dimension's item worse.
    let items: Vec<(Vec<String>, Vec<String>)> = focus
        .iter()
        .map(|f| {
            let figures = assessment.scores_of(f.measure.instrument).waves[wave].teams[team].figures.shown();
            items::focus_items(assessment, figures, f.measure)
        })
        .collect();
    let fit = Fit {
        handbook,
        concepts,
        stage: stage.map(|s| s.stage),
        challenges: &challenge_refs,
        focus: &focus,
        finished,
        items,
    };
    let actions = fit
        .best(rules.max_actions + extra_focus)
        .into_iter()
        .enumerate()
        .map(|(n, (f, strategy, action))| PlannedAction {
            strategy,
            action,
            measure: focus[f].measure,
            carried: not_started.contains(&(strategy, action)),
            due: starts.add_days(i64::from(rules.action_interval_days) * (n as i64 + 1)),
            target: targets[f],
        })
        .collect();
    let next_survey = assessment
        .scores
        .waves
        .get(wave + 1)
        .map_or(wave_date.add_days(i64::from(rules.next_survey_days)), |next| next.date);
    TeamPlan { team, wave, basis, focus, also_flagged, stage, challenges, actions, next_survey }
}

/// Dimensions flagged below the organisation or falling, weakest first; else the lowest one.
fn team_focus(figures: &Figures, importance: Option<&[f64]>) -> Vec<(usize, Reason)> {
    let flagged = flagged(figures, importance);
    if flagged.is_empty() {
        return lowest(figures).map(|d| vec![(d, Reason::Lowest)]).unwrap_or_default();
    }
    flagged.into_iter().map(|(d, reason, _)| (d, reason)).collect()
}

/// Every clearly flagged dimension of the team's own figures on every instrument for it, the
/// default instrument first, weakest first within each.
fn flagged_everywhere(assessment: &Assessment, team: usize, wave: usize) -> Vec<(Measure, Reason)> {
    let instruments = std::iter::once(InstrumentRef::Default).chain(
        (0..assessment.further.len())
            .map(InstrumentRef::Further)
            .filter(|r| assessment.instrument(*r).applies_to_team(&assessment.organisation.teams[team])),
    );
    instruments
        .flat_map(|instrument| {
            let figures = assessment.scores_of(instrument).waves[wave].teams[team].figures.shown();
            figures
                .map(|f| flagged(f, None))
                .unwrap_or_default()
                .into_iter()
                .map(move |(dimension, reason, _)| (Measure { instrument, dimension }, reason))
        })
        .collect()
}

/// Dimensions flagged below the organisation or falling, with their means: below before only
/// falling, below and falling before below alone. Then, where the outcome items' drivers give
/// each dimension an importance (its LMG share of overall trust), the larger gap weighted by
/// importance first; else the weakest first.
fn flagged(figures: &Figures, importance: Option<&[f64]>) -> Vec<(usize, Reason, f64)> {
    let mut flagged: Vec<(usize, Reason, f64)> = figures
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(d, score)| {
            let score = score.shown()?;
            let mean = score.mean?;
            if score.vs_organisation.as_deref().is_some_and(|c| c.flagged()) {
                Some((d, Reason::BelowOrganisation, mean))
            } else if score.trend.as_deref().is_some_and(|t| t.falling()) {
                Some((d, Reason::Falling, mean))
            } else {
                None
            }
        })
        .collect();
    let falling =
        |d: usize| figures.dimensions[d].shown().and_then(|s| s.trend.as_deref()).is_some_and(|t| t.falling());
    let rank = |(d, reason, _): &(usize, Reason, f64)| (*reason != Reason::BelowOrganisation, !falling(*d));
    // How far the flagged figure is off, times how much the dimension matters for trust.
    let urgency = |(d, reason, _): &(usize, Reason, f64)| -> f64 {
        let score = figures.dimensions[*d].shown();
        let comparison = match reason {
            Reason::BelowOrganisation => score.and_then(|s| s.vs_organisation.as_deref()),
            _ => score.and_then(|s| s.trend.as_deref()),
        };
        let gap = comparison.and_then(|c| c.mean).unwrap_or(0.0).abs();
        gap * importance.and_then(|shares| shares.get(*d)).copied().unwrap_or(0.0)
    };
    flagged.sort_by(|a, b| {
        let weighed = if importance.is_some() { urgency(b).total_cmp(&urgency(a)) } else { std::cmp::Ordering::Equal };
        rank(a).cmp(&rank(b)).then(weighed).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0))
    });
    flagged
}

/// What the team's own figure on `measure` shows: clearly below the organisation, clearly
/// falling, both or neither (nothing when it is withheld).
pub fn signals(assessment: &Assessment, team: usize, wave: usize, measure: Measure) -> Vec<Signal> {
    let figures = assessment.scores_of(measure.instrument).waves[wave].teams[team].figures.shown();
    let Some(score) = figures.and_then(|f| f.dimensions[measure.dimension].shown()) else { return Vec::new() };
    let mut found = Vec::new();
    if score.vs_organisation.as_deref().is_some_and(|c| c.flagged()) {
        found.push(Signal::BelowOrganisation);
    }
    if score.trend.as_deref().is_some_and(|t| t.falling()) {
        found.push(Signal::Falling);
    }
    found
}

/// How strong a signal is: the size of the change or gap in favourable points (else in mean).
fn signal_strength(assessment: &Assessment, team: usize, wave: usize, measure: Measure, signal: Signal) -> f64 {
    let figures = assessment.scores_of(measure.instrument).waves[wave].teams[team].figures.shown();
    let score = figures.and_then(|f| f.dimensions[measure.dimension].shown());
    let comparison = score.and_then(|s| match signal {
        Signal::Falling => s.trend.as_deref(),
        Signal::BelowOrganisation => s.vs_organisation.as_deref(),
    });
    comparison.and_then(|c| c.favourable_pp.or(c.mean.map(|m| 25.0 * m))).map_or(0.0, f64::abs)
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
/// its attributes) and build the trust of the measure's respondents (a gap the customers see
/// gets strategies for customers' trust; one the members see, strategies for the team's own):
/// those naming the dimension first come first, then reading order.
fn strategies_for(
    assessment: &Assessment,
    handbook: &Handbook,
    measure: Measure,
    team: usize,
    count: usize,
) -> Vec<PageId> {
    let facts = &assessment.organisation.teams[team].attributes;
    let wanted = assessment.dimension(measure).concept;
    let instrument = assessment.instrument(measure.instrument);
    let whose = instrument.respondents;
    // A strategy is for the trust of the people it names (`respondents`) in the team itself;
    // guidance for trust in someone else (the leader module) names that instrument.
    let for_instrument = |named: &Option<String>| match named {
        Some(id) => *id == instrument.id,
        None => instrument.about.is_none(),
    };
    let mut ranked: Vec<(usize, usize, PageId)> = handbook
        .reading_order()
        .into_iter()
        .enumerate()
        .filter_map(|(order, id)| match id {
            EntryId::Page(page) => {
                let meta = &handbook.page(page).entry.meta;
                let position = meta.dimensions.iter().position(|d| *d == wanted)?;
                let applies = meta.respondents == whose
                    && for_instrument(&meta.instrument)
                    && meta.applies_to.iter().all(|condition| condition.holds(facts));
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
