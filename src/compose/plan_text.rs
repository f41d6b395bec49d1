//! A team's plan in words: focus dimensions with their reasons, strategies and conversation
//! questions, the process stage, likely challenges, and the dated action list, each linking
//! into the handbook by its `@/` path.

use serde::Serialize;

use super::words::{DimensionNames, Words};
use crate::content::{Handbook, PageId};
use crate::model::{Respondents, Signal, StageRef};
use crate::plan::{Basis, Reason, StageBasis, TargetBasis, TeamPlan, signals};
use crate::project::Lang;
use crate::scoring::{Assessment, InstrumentRef, Measure};

#[derive(Serialize)]
struct StrategyInfo {
    title: String,
    path: String,
    summary: String,
}

#[derive(Serialize)]
struct FocusInfo {
    name: String,
    reason: String,
    strategies: Vec<StrategyInfo>,
    /// For results about a person (the leader module): who takes them up, and how; after the
    /// strategies. Empty otherwise.
    about_note: String,
    /// The conversation guide's questions; none for results about a person, whose guide says
    /// instead who leads that conversation (`guide_note`): members asked face to face by the
    /// person they rated are not anonymous.
    questions: Vec<String>,
    guide_note: String,
}

/// A likely challenge, its page, and what in the results points to it.
#[derive(Serialize)]
struct ChallengeInfo {
    name: String,
    path: String,
    because: String,
}

#[derive(Serialize)]
struct ActionRow {
    text: String,
    strategy: String,
    owner: String,
    frequency: String,
    due: String,
    measure: String,
    target: String,
}

/// The team's stage, its page, and why it is that stage.
#[derive(Serialize)]
struct StageInfo {
    name: String,
    path: String,
    reason: String,
}

#[derive(Serialize)]
pub(super) struct PlanInfo {
    general: bool,
    focus: Vec<FocusInfo>,
    /// "Also flagged but not taken up this round: …", or empty.
    also_flagged: String,
    stage: Option<StageInfo>,
    /// How each target's size was set, one line per dimension with a target.
    target_rules: Vec<String>,
    challenges: Vec<ChallengeInfo>,
    actions: Vec<ActionRow>,
    next_survey: String,
}

fn page_link(handbook: &Handbook, page: PageId, lang: &Lang) -> StrategyInfo {
    let entry = &handbook.page(page).entry;
    let variant = entry.variant(lang);
    StrategyInfo { title: variant.title.clone(), path: format!("@/{}", entry.path), summary: variant.summary.clone() }
}

pub(super) fn plan_info(
    words: &Words<'_>,
    handbook: &Handbook,
    assessment: &Assessment,
    plan: &TeamPlan,
    names: &DimensionNames,
) -> PlanInfo {
    let lang = words.lang;
    let focus = plan
        .focus
        .iter()
        .map(|focus| {
            // The model's questions for the dimension, as the people who showed the gap see it;
            // else the theme's generic ones.
            let concept = words.model.dimension_concept(assessment.dimension(focus.measure).concept);
            let instrument = assessment.instrument(focus.measure.instrument);
            // The model's questions are about the team itself; an instrument about someone
            // else (the leader module) gets the theme's questions for any part of a survey.
            let no_questions = Vec::new();
            let (given, generic) = match (instrument.respondents, &instrument.about) {
                (Respondents::Members, None) => (&concept.questions, "question_generic"),
                (Respondents::Members, Some(_)) => (&no_questions, "question_instrument_generic"),
                (Respondents::Customers, _) => (&concept.customer_questions, "question_customers_generic"),
            };
            let further_members = focus.measure.instrument != InstrumentRef::Default;
            let questions: Vec<String> = if given.is_empty() {
                (1..=3).map(|n| words.t(&format!("{generic}_{n}"))).collect()
            } else {
                given.iter().map(|q| words.name(q)).collect()
            };
            let about = instrument.about.as_ref().map(|a| words.name(a));
            let (questions, guide_note) = match &about {
                Some(about) => (Vec::new(), words.t("guide_about_note").replace("{about}", about)),
                None => (questions, String::new()),
            };
            let reason_key = match (focus.reason, instrument.respondents) {
                (Reason::BelowOrganisation, Respondents::Customers) => "reason_customers_below",
                (Reason::Falling, Respondents::Customers) => "reason_customers_falling",
                (Reason::BelowOrganisation, _) if about.is_some() => "reason_about_below",
                (Reason::Falling, _) if about.is_some() => "reason_about_falling",
                (Reason::BelowOrganisation, _) if further_members => "reason_instrument_below",
                (Reason::Falling, _) if further_members => "reason_instrument_falling",
                (Reason::BelowOrganisation, _) => "reason_below",
                (Reason::Falling, _) => "reason_falling",
                (Reason::Lowest, _) => "reason_lowest",
                (Reason::OrganisationLowest, _) => "reason_organisation",
            };
            let covered = assessment.organisation.teams.iter().filter(|t| instrument.applies_to_team(t)).count();
            let reason = words
                .t(reason_key)
                .replace("{teams}", &covered.to_string())
                .replace("{about}", about.as_deref().unwrap_or_default());
            // Results about a person are for that person to take up first, with support.
            let about_note =
                about.as_ref().map_or_else(String::new, |about| words.t("about_note").replace("{about}", about));
            FocusInfo {
                name: names.of(focus.measure).to_string(),
                reason,
                strategies: focus.strategies.iter().map(|p| page_link(handbook, *p, lang)).collect(),
                about_note,
                questions,
                guide_note,
            }
        })
        .collect();
    let stage_page = |stage: StageRef| {
        handbook
            .pages
            .iter()
            .find(|p| p.entry.meta.kind == Some(crate::content::Kind::Process) && p.entry.meta.stages == [stage])
    };
    let actions = plan
        .actions
        .iter()
        .filter_map(|planned| {
            let page = &handbook.page(planned.strategy).entry;
            let variant = page.variant(lang);
            let action = variant.actions.get(planned.action)?;
            Some(ActionRow {
                text: if planned.carried {
                    format!("{}{}", action.text, words.t("action_carried"))
                } else {
                    action.text.clone()
                },
                strategy: variant.title.clone(),
                owner: action.owner.clone(),
                frequency: action.frequency.clone(),
                due: planned.due.to_string(),
                measure: action.measure.clone(),
                target: planned
                    .target
                    .map(|t| {
                        words
                            .t("target_favourable")
                            .replace("{dimension}", &names.in_sentence(words, planned.measure))
                            .replace("{target}", &format!("{:.0}%", t.favourable))
                    })
                    .unwrap_or_default(),
            })
        })
        .collect();
    let also: Vec<String> = plan
        .also_flagged
        .iter()
        .map(|(measure, _)| tagged_name(words, assessment, plan, *measure, None, names))
        .collect();
    PlanInfo {
        general: plan.basis == Basis::Organisation,
        focus,
        also_flagged: if also.is_empty() {
            String::new()
        } else {
            words.t("also_flagged").replace("{list}", &also.join(words.t("list_separator").as_str()))
        },
        target_rules: target_rules(words, words.model.default_target_cap_pp, plan, names),
        stage: plan.stage.map(|choice| StageInfo {
            name: words.stage(choice.stage),
            path: stage_page(choice.stage).map(|p| format!("@/{}", p.entry.path)).unwrap_or_default(),
            reason: stage_reason(words, choice.basis),
        }),
        challenges: plan
            .challenges
            .iter()
            .map(|choice| {
                let key = match choice.signal {
                    Signal::Falling => "challenge_because_falling",
                    Signal::BelowOrganisation => comparison_key(
                        assessment,
                        choice.because,
                        [
                            "challenge_because_below",
                            "challenge_because_customers_below",
                            "challenge_because_about_below",
                        ],
                    ),
                };
                ChallengeInfo {
                    name: words.challenge(choice.challenge),
                    path: choice.page.map(|p| format!("@/{}", handbook.page(p).entry.path)).unwrap_or_default(),
                    because: challenge_evidence(words, assessment, plan, choice, key, names),
                }
            })
            .collect(),
        actions,
        next_survey: plan.next_survey.to_string(),
    }
}

/// A dimension with what the team's own figures show about it: "诚信（明显低于组织整体、比上次
/// 明显下降）", "ability (the team's lowest dimension)". The tags are the figure's own flags, not
/// the rule's general wording, so a rising dimension is never called falling; `reason` adds
/// why an unflagged focus was chosen.
/// Which of `[organisation, rated teams, ratings of a person]` a measure below the rest is
/// said against, as its section says it: an instrument for some teams compares with the teams it
/// rates; ratings of a person (the leader module) with everyone's ratings of theirs.
fn comparison_key(assessment: &Assessment, measure: Measure, keys: [&'static str; 3]) -> &'static str {
    let instrument = assessment.instrument(measure.instrument);
    match (instrument.applies_to.is_empty(), instrument.about.is_some()) {
        (false, _) => keys[1],
        (true, true) => keys[2],
        (true, false) => keys[0],
    }
}

pub(super) fn tagged_name(
    words: &Words<'_>,
    assessment: &Assessment,
    plan: &TeamPlan,
    measure: Measure,
    reason: Option<Reason>,
    names: &DimensionNames,
) -> String {
    let below_key =
        comparison_key(assessment, measure, ["focus_tag_below", "focus_tag_customers_below", "focus_tag_about_below"]);
    let mut tags: Vec<String> = signals(assessment, plan.team, plan.wave, measure)
        .into_iter()
        .map(|signal| {
            words.t(match signal {
                Signal::BelowOrganisation => below_key,
                Signal::Falling => "focus_tag_falling",
            })
        })
        .collect();
    match reason {
        Some(Reason::Lowest) => tags.push(words.t("focus_tag_lowest")),
        Some(Reason::OrganisationLowest) => tags.push(words.t("focus_tag_organisation")),
        _ => {}
    }
    let name = names.in_sentence(words, measure);
    if tags.is_empty() {
        return name;
    }
    format!(
        "{name}{}{}{}",
        words.t("paren_open"),
        tags.join(words.t("list_separator").as_str()),
        words.t("paren_close")
    )
}

/// What points to a challenge: the focus, its change or gap as figures, and, for a fall, a
/// new leader between the two surveys (the earlier result was another leader's).
fn challenge_evidence(
    words: &Words<'_>,
    assessment: &Assessment,
    plan: &TeamPlan,
    choice: &crate::plan::ChallengeChoice,
    key: &str,
    names: &DimensionNames,
) -> String {
    let waves = &assessment.scores_of(choice.because.instrument).waves;
    let score =
        waves[plan.wave].teams[plan.team].figures.shown().and_then(|f| f.dimensions[choice.because.dimension].shown());
    let comparison = score.and_then(|s| match choice.signal {
        Signal::Falling => s.trend.as_deref(),
        Signal::BelowOrganisation => s.vs_organisation.as_deref(),
    });
    let change = comparison.map_or_else(String::new, |c| {
        words
            .t("change_figures")
            .replace("{mean}", &Words::signed(c.mean, 2, ""))
            .replace("{pp}", &Words::signed(c.favourable_pp, 1, &words.t("pp")))
    });
    let mut text =
        words.t(key).replace("{dimension}", &names.in_sentence(words, choice.because)).replace("{change}", &change);
    let leader_since = assessment.organisation.teams[plan.team].leader_since;
    let previous = plan.wave.checked_sub(1).map(|p| waves[p].date);
    let new_leader = matches!((leader_since, previous), (Some(since), Some(before)) if since > before && since <= waves[plan.wave].date);
    if choice.signal == Signal::Falling && new_leader {
        // Insert before the closing parenthesis of the locale's text.
        let close = words.t("paren_close");
        match text.rfind(close.as_str()) {
            Some(at) => text.insert_str(at, &words.t("challenge_leader_changed")),
            None => text.push_str(&words.t("challenge_leader_changed")),
        }
    }
    text
}

/// Why the plan names this stage, in parentheses: "(the team formed 4 months ago)".
fn stage_reason(words: &Words<'_>, basis: StageBasis) -> String {
    // Two years and more read better in years.
    let age = |months: u32, leader: bool| {
        let (key, n) = match (months, leader) {
            (m, false) if m >= 24 => ("stage_formed_years", m / 12),
            (1, false) => ("stage_formed_one", 1),
            (m, false) => ("stage_formed", m),
            (m, true) if m >= 24 => ("stage_leader_years", m / 12),
            (1, true) => ("stage_leader_one", 1),
            (m, true) => ("stage_leader", m),
        };
        words.t(key).replace("{n}", &n.to_string())
    };
    let why = match basis {
        StageBasis::Given => words.t("stage_given"),
        StageBasis::Formed { months } => age(months, false),
        StageBasis::LeaderSince { months } => age(months, true),
        StageBasis::Favourable { percent } => words.t("stage_scores").replace("{n}", &percent.to_string()),
        StageBasis::ScoresBelowAge { months, leader, percent } => {
            words.t("stage_but_scores").replace("{age}", &age(months, leader)).replace("{n}", &percent.to_string())
        }
    };
    format!("{}{why}{}", words.t("paren_open"), words.t("paren_close"))
}

/// "Integrity: 10 points more than today, the planned gain." once per targeted dimension.
fn target_rules(words: &Words<'_>, default_cap: f64, plan: &TeamPlan, names: &DimensionNames) -> Vec<String> {
    let mut seen = Vec::new();
    plan.actions
        .iter()
        .filter_map(|action| Some((action.measure, action.target?)))
        .filter(|(measure, _)| {
            let new = !seen.contains(measure);
            seen.push(*measure);
            new
        })
        .map(|(measure, target)| {
            let mut above = None;
            let (key, n) = match target.basis {
                TargetBasis::Planned => ("target_rule_planned", 0.0),
                TargetBasis::OnePerson { people, above_cap: None } => ("target_rule_one_person", people as f64),
                TargetBasis::OnePerson { people, above_cap: Some(cap) } => {
                    above = Some(cap);
                    ("target_rule_one_person_above", people as f64)
                }
                TargetBasis::ObservedCap { teams } => ("target_rule_observed", teams as f64),
                TargetBasis::DefaultCap => ("target_rule_default", default_cap),
            };
            words
                .t(key)
                .replace("{dimension}", names.of(measure))
                .replace("{gain}", &format!("{:.0}", target.gain))
                .replace("{n}", &format!("{n:.0}"))
                .replace("{cap}", &above.map_or_else(String::new, |c| format!("{c:.0}")))
        })
        .collect()
}
