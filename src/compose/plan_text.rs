//! A team's plan in words: focus dimensions with their reasons, strategies and conversation
//! questions, the process stage, likely challenges, and the dated action list, each linking
//! into the handbook by its `@/` path.

use serde::Serialize;

use super::words::{DimensionNames, Words};
use crate::content::{Handbook, PageId};
use crate::model::{Respondents, Signal, StageRef};
use crate::plan::{Basis, Reason, StageBasis, TargetBasis, TeamPlan};
use crate::project::Lang;
use crate::scoring::Assessment;

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
    questions: Vec<String>,
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
            let whose = assessment.instrument(focus.measure.instrument).respondents;
            let (given, generic) = match whose {
                Respondents::Members => (&concept.questions, "question_generic"),
                Respondents::Customers => (&concept.customer_questions, "question_customers_generic"),
            };
            let questions: Vec<String> = if given.is_empty() {
                (1..=3).map(|n| words.t(&format!("{generic}_{n}"))).collect()
            } else {
                given.iter().map(|q| words.name(q)).collect()
            };
            FocusInfo {
                name: names.of(focus.measure).to_string(),
                reason: words.t(match (focus.reason, assessment.instrument(focus.measure.instrument).respondents) {
                    (Reason::BelowOrganisation, Respondents::Customers) => "reason_customers_below",
                    (Reason::Falling, Respondents::Customers) => "reason_customers_falling",
                    (Reason::BelowOrganisation, _) => "reason_below",
                    (Reason::Falling, _) => "reason_falling",
                    (Reason::Lowest, _) => "reason_lowest",
                    (Reason::OrganisationLowest, _) => "reason_organisation",
                }),
                strategies: focus.strategies.iter().map(|p| page_link(handbook, *p, lang)).collect(),
                questions,
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
                text: action.text.clone(),
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
                            .replace("{dimension}", names.of(planned.measure))
                            .replace("{target}", &format!("{:.0}%", t.favourable))
                    })
                    .unwrap_or_default(),
            })
        })
        .collect();
    PlanInfo {
        general: plan.basis == Basis::Organisation,
        focus,
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
                let customers = assessment.instrument(choice.because.instrument).respondents == Respondents::Customers;
                let key = match (choice.signal, customers) {
                    (Signal::Falling, _) => "challenge_because_falling",
                    (Signal::BelowOrganisation, false) => "challenge_because_below",
                    (Signal::BelowOrganisation, true) => "challenge_because_customers_below",
                };
                ChallengeInfo {
                    name: words.challenge(choice.challenge),
                    path: choice.page.map(|p| format!("@/{}", handbook.page(p).entry.path)).unwrap_or_default(),
                    because: words.t(key).replace("{dimension}", names.of(choice.because)),
                }
            })
            .collect(),
        actions,
        next_survey: plan.next_survey.to_string(),
    }
}

/// Why the plan names this stage: "the team formed 4 months ago".
fn stage_reason(words: &Words<'_>, basis: StageBasis) -> String {
    // Two years and more read better in years.
    let (key, n) = match basis {
        StageBasis::Given => ("stage_given", 0),
        StageBasis::Formed { months } if months >= 24 => ("stage_formed_years", months / 12),
        StageBasis::Formed { months: 1 } => ("stage_formed_one", 1),
        StageBasis::Formed { months } => ("stage_formed", months),
        StageBasis::LeaderSince { months } if months >= 24 => ("stage_leader_years", months / 12),
        StageBasis::LeaderSince { months: 1 } => ("stage_leader_one", 1),
        StageBasis::LeaderSince { months } => ("stage_leader", months),
        StageBasis::Favourable { percent } => ("stage_scores", percent),
    };
    words.t(key).replace("{n}", &n.to_string())
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
            let (key, n) = match target.basis {
                TargetBasis::Planned => ("target_rule_planned", 0.0),
                TargetBasis::OnePerson { people } => ("target_rule_one_person", people as f64),
                TargetBasis::ObservedCap { teams } => ("target_rule_observed", teams as f64),
                TargetBasis::DefaultCap => ("target_rule_default", default_cap),
            };
            words
                .t(key)
                .replace("{dimension}", names.of(measure))
                .replace("{gain}", &format!("{:.0}", target.gain))
                .replace("{n}", &format!("{n:.0}"))
        })
        .collect()
}
