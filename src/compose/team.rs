//! The team improvement plan: what its template sees (scores at a glance, dimension rows,
//! strengths and opportunities, charts, the plan, comments) for one team in one language.

use serde::Serialize;

use super::further::{self, FurtherSection};
use super::item_results::{ItemResults, item_results};
use super::last_plan::{self, LastPlanRow};
use super::masthead::{Audience, Masthead, masthead};
use super::outcomes::{OutcomeRow, outcome_rows, source_note};
use super::plan_text::{PlanInfo, plan_info, tagged_name};
use super::team_charts::{items_chart, radar, trend_chart};
use super::words::{
    DimensionNames, DimensionRow, ItemRow, Named, ShownComment, WaveInfo, Words, dimension_row, item_rows,
};
use super::{ComposeInput, Report, Subject, chart_json, render_markdown};
use crate::diagnostics::Diagnostic;
use crate::model::Signal;
use crate::plan::{TeamPlan, signals};
use crate::project::Lang;
use crate::scoring::{Assessment, Figures, InstrumentRef, Measure, Reported, Score};
use crate::survey::TeamId;

#[derive(Serialize)]
struct Glance {
    overall: String,
    favourable: String,
    strongest: String,
    weakest: String,
    sentence: String,
}

/// The size thresholds of the flags, as printed.
#[derive(Serialize)]
struct Thresholds {
    gap_mean: String,
    gap_pp: String,
    trend_mean: String,
    trend_pp: String,
}

impl Thresholds {
    fn of(scoring: &crate::project::ScoringConfig) -> Thresholds {
        Thresholds {
            gap_mean: format!("{:.2}", scoring.gap.mean.abs()),
            gap_pp: format!("{}", scoring.gap.favourable_pp.abs()),
            trend_mean: format!("{:.2}", scoring.trend.mean),
            trend_pp: format!("{}", scoring.trend.favourable_pp),
        }
    }
}

#[derive(Serialize)]
struct Charts {
    radar: String,
    items: String,
    trend: Option<String>,
}

#[derive(Serialize)]
struct TeamContext {
    masthead: Masthead,
    organisation: String,
    unit_path: Vec<String>,
    team: Named,
    wave: WaveInfo,
    threshold: u32,
    respondents: Option<String>,
    response_rate: Option<String>,
    withheld: Option<String>,
    glance: Option<Glance>,
    dimensions: Vec<DimensionRow>,
    /// Whether any figure is compared with the rest of the team's unit: the column is shown
    /// only then.
    unit_column: bool,
    /// Whether the dimensions, and the items, have benchmark figures: their columns are shown
    /// only then, with the benchmark's source below.
    benchmark_column: bool,
    item_benchmark_column: bool,
    benchmark_note: String,
    /// The flag thresholds, as the item table's introduction quotes them.
    thresholds: Thresholds,
    /// "The rest of the unit is the people of the other teams of Product engineering (41
    /// answered)."; empty without a comparison with the rest of the unit.
    rest_of_unit: String,
    /// Every item, by dimension.
    item_results: Vec<ItemResults>,
    /// The outcome items (overall trust), which belong to no dimension.
    outcomes: Vec<OutcomeRow>,
    /// Where the questionnaire's items come from, in the instrument's words; may be empty.
    instrument_source: String,
    charts: Option<Charts>,
    strengths: Vec<ItemRow>,
    opportunities: Vec<ItemRow>,
    /// Results on further instruments for the team (its customers' ratings).
    further: Vec<FurtherSection>,
    /// Which items the chart and lists leave out to protect anonymity, as a sentence; empty
    /// when none.
    items_withheld: String,
    plan: PlanInfo,
    /// What the team committed to after the previous wave, and how far it got.
    last_plan: Vec<LastPlanRow>,
    last_plan_wave: String,
    comments: Vec<ShownComment>,
    comments_withheld: Option<String>,
}

/// The team report for `team` in the input's wave, in `lang`.
pub(super) fn team_report(input: ComposeInput<'_>, team: usize, id: TeamId, lang: &Lang) -> Result<Report, Diagnostic> {
    let leader = input.assessment.organisation.teams[team].leader.as_ref();
    team_report_for(input, team, id, lang, Audience::Team(leader))
}

/// The team report, read by `audience` (a unit's head, when it is part of the unit's pack).
pub(super) fn team_report_for(
    input: ComposeInput<'_>,
    team: usize,
    id: TeamId,
    lang: &Lang,
    audience: Audience<'_>,
) -> Result<Report, Diagnostic> {
    let (assessment, wave) = (input.assessment, input.wave);
    let words = Words::of(&input, lang);
    let organisation = &assessment.organisation;
    let instrument = &assessment.instrument;
    let scores = &assessment.scores.waves[wave];
    let team_info = &organisation.teams[team];
    let plan = input.planner().team_plan(team, wave);
    let org_figures = scores.organisation.figures.shown();
    let names = DimensionNames::new(&words, assessment);
    let dimension_names: Vec<String> = names.plain(InstrumentRef::Default).to_vec();

    let (figures, withheld) = match &scores.teams[team].figures {
        Reported::Shown(figures) => (Some(figures), None),
        Reported::Suppressed(why) => (None, Some(words.withheld(why))),
    };
    let glance = figures.map(|f| glance(&words, assessment, f, &plan, &names));
    let dimensions = figures
        .map(|f| {
            f.dimensions
                .iter()
                .zip(&dimension_names)
                .map(|(score, name)| {
                    let mut row = dimension_row(&words, name.clone(), score);
                    row.note = alpha_note(&words, score, &input.project.config.scoring);
                    row
                })
                .collect()
        })
        .unwrap_or_default();
    let charts = figures.map(|f| Charts {
        radar: chart_json(&radar(&words, f, org_figures, &dimension_names)),
        items: chart_json(&items_chart(&words, assessment, f)),
        trend: trend_chart(&words, assessment, team, wave, &dimension_names).map(|c| chart_json(&c)),
    });
    let item_rows = |indices: &[usize]| -> Vec<ItemRow> {
        figures.map(|f| item_rows(&words, instrument, f, org_figures, indices)).unwrap_or_default()
    };
    let (comments, comments_withheld) = match (&scores.teams[team].comments, figures) {
        (Reported::Shown(list), Some(_)) => (words.comments(list), None),
        (Reported::Suppressed(why), Some(_)) => (Vec::new(), Some(words.withheld(why))),
        // The team's results are withheld, and its comments with them: say so, not "none".
        (_, None) => (Vec::new(), Some(words.t("comments_withheld_with_results"))),
    };
    let context = TeamContext {
        masthead: masthead(&input, &words, audience),
        organisation: words.name(&organisation.name),
        unit_path: organisation
            .unit_path(team_info.unit)
            .iter()
            .map(|u| words.name(&organisation.units[*u].name))
            .collect(),
        team: Named { name: words.name(&team_info.name) },
        wave: WaveInfo {
            id: scores.wave.to_string(),
            name: words.wave_name(organisation, wave),
            date: scores.date.to_string(),
        },
        threshold: input.project.config.privacy.min_respondents,
        respondents: figures.map(|f| f.respondents.to_string()),
        response_rate: figures.and_then(|f| f.response_rate).map(|r| Words::percent(Some(100.0 * r))),
        withheld,
        glance,
        unit_column: figures.is_some_and(compared_with_unit),
        benchmark_column: figures
            .is_some_and(|f| f.dimensions.iter().filter_map(Reported::shown).any(|d| d.vs_benchmark.is_some())),
        item_benchmark_column: figures
            .is_some_and(|f| f.items.iter().filter_map(Reported::shown).any(|i| i.vs_benchmark.is_some())),
        benchmark_note: words.benchmark_note(assessment),
        thresholds: Thresholds::of(&input.project.config.scoring),
        rest_of_unit: figures
            .and_then(|f| f.overall.shown()?.vs_unit.as_deref()?.rest_n)
            .map(|n| {
                words
                    .t("rest_of_unit_means")
                    .replace("{unit}", &words.name(&organisation.units[team_info.unit].name))
                    .replace("{n}", &n.to_string())
            })
            .unwrap_or_default(),
        item_results: figures.map(|f| item_results(&words, instrument, f, &dimension_names)).unwrap_or_default(),
        dimensions,
        outcomes: figures.map(|f| outcome_rows(&words, instrument, f)).unwrap_or_default(),
        instrument_source: source_note(&words, instrument),
        charts,
        strengths: figures.map(|f| item_rows(&f.strengths)).unwrap_or_default(),
        items_withheld: figures
            .map(|f| items_withheld(&words, assessment, f, input.project.config.privacy.min_respondents))
            .unwrap_or_default(),
        opportunities: figures.map(|f| item_rows(&f.opportunities)).unwrap_or_default(),
        further: further::sections(&words, assessment, &names, team, wave),
        plan: plan_info(&words, input.handbook, assessment, &plan, &names),
        last_plan: last_plan::rows(&words, input.handbook, assessment, input.follow_ups, team, wave, &names),
        last_plan_wave: wave.checked_sub(1).map_or_else(String::new, |p| words.wave_name(organisation, p)),
        comments,
        comments_withheld,
    };
    let title = format!("{} · {}", context.team.name, words.t("report_title"));
    let (markdown, document) = render_markdown(input, lang, "team.md", &context)?;
    Ok(Report { subject: Subject::Team { index: team, id }, lang: lang.clone(), title, markdown, document })
}

/// Whether any figure of the team is compared with the rest of its unit.
fn compared_with_unit(figures: &Figures) -> bool {
    figures.dimensions.iter().filter_map(Reported::shown).any(|d| d.vs_unit.is_some())
        || figures.items.iter().filter_map(Reported::shown).any(|i| i.vs_unit.is_some())
}

/// "The items of this dimension disagree within the team (alpha 0.52)." when the team's own
/// alpha is low with enough people for alpha to mean something; else empty.
fn alpha_note(words: &Words<'_>, score: &Reported<Score>, scoring: &crate::project::ScoringConfig) -> String {
    let Some(score) = score.shown() else { return String::new() };
    match score.alpha {
        Some(alpha) if score.n >= scoring.team_alpha_min_n && alpha < scoring.min_team_alpha => {
            words.t("note_low_team_alpha").replace("{alpha}", &format!("{alpha:.2}"))
        }
        _ => String::new(),
    }
}

/// "Not shown, to protect anonymity: IN1, IN2." for the items a shown team withholds.
fn items_withheld(words: &Words<'_>, assessment: &Assessment, figures: &Figures, threshold: u32) -> String {
    let ids: Vec<String> = figures
        .items
        .iter()
        .zip(&assessment.instrument.items)
        .filter(|(score, _)| !score.is_shown())
        .map(|(_, item)| item.id.to_string())
        .collect();
    if ids.is_empty() {
        return String::new();
    }
    words
        .t("items_withheld_note")
        .replace("{items}", &ids.join(words.t("list_separator").as_str()))
        .replace("{n}", &threshold.to_string())
}

/// The overview. It names the plan's focus, so the overview, the plan and its conversation
/// questions always speak of the same dimensions.
fn glance(
    words: &Words<'_>,
    assessment: &Assessment,
    figures: &Figures,
    plan: &TeamPlan,
    all_names: &DimensionNames,
) -> Glance {
    let names = all_names.plain(InstrumentRef::Default);
    let means: Vec<(usize, f64)> =
        figures.dimensions.iter().enumerate().filter_map(|(d, s)| Some((d, s.mean()?))).collect();
    let strongest_index = means.iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))).map(|(d, _)| *d);
    let strongest = strongest_index.map(|d| names[d].clone());
    let strongest_in_sentence = strongest_index.map(|d| all_names.in_sentence(words, Measure::of_default(d)));
    let weakest = means.iter().min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))).map(|(d, _)| names[*d].clone());
    let overall = Words::mean(figures.overall.mean());
    // A focus on ratings of a person (the leader module) is named without how it compares: page
    // 1 may be shared with the team, the section that rates the person is for them and the HR
    // partner.
    let focus: Vec<String> = plan
        .focus
        .iter()
        .map(|f| match assessment.instrument(f.measure.instrument).about {
            Some(_) => all_names.in_sentence(words, f.measure),
            None => tagged_name(words, assessment, plan, f.measure, Some(f.reason), all_names),
        })
        .collect();
    // The strongest dimension may itself be below the organisation or falling: say so, so the
    // sentence never calls a weak dimension a strength.
    let strength = strongest_index.map_or_else(String::new, |d| {
        let flags = signals(assessment, plan.team, plan.wave, Measure::of_default(d));
        let key = if flags.contains(&Signal::BelowOrganisation) {
            "glance_strength_below"
        } else if flags.contains(&Signal::Falling) {
            "glance_strength_falling"
        } else {
            "glance_strength"
        };
        words.t(key).replace("{strongest}", strongest_in_sentence.as_deref().unwrap_or("–"))
    });
    let sentence = words
        .t("glance_sentence")
        .replace("{score}", &overall)
        .replace("{strength}", &strength)
        .replace("{focus}", &words.list(&focus));
    Glance {
        overall,
        favourable: Words::percent(figures.overall.favourable()),
        strongest: strongest.unwrap_or_default(),
        weakest: weakest.unwrap_or_default(),
        sentence,
    }
}
