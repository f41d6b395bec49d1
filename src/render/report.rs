//! Reports as documents: the team improvement plan and the organisation summary.
//!
//! A report is a Tera template of the theme (`templates/reports/*.md`) that writes Markdown with
//! chart blocks; the result is parsed into the same document model as the handbook, so every
//! renderer draws it. This module prepares what the templates see: names and figures already
//! formatted for the language, charts as JSON, links as `@/` paths. A withheld team's context
//! holds no figure at all, so no template can print one.

use serde::Serialize;

use super::RenderInput;
use super::theme::Theme;
use crate::content::{Challenge, Handbook, PageId, Stage, markdown};
use crate::diagnostics::Diagnostic;
use crate::document::{Chart, ChartKind, Document, HeatRow, Series, StackedRow};
use crate::plan::{Basis, Reason, TeamPlan, team_plan};
use crate::project::{Lang, Localized};
use crate::scoring::{Assessment, Comparison, Figures, Reported, Score, Suppression};

/// Where a report lives in the output, relative to the output root.
pub fn team_file(lang: &Lang, team_id: &str) -> String {
    format!("{lang}/teams/{team_id}/index.html")
}

pub fn summary_file(lang: &Lang) -> String {
    format!("{lang}/summary/index.html")
}

/// A rendered report: its title, the Markdown its template wrote, and the parsed document.
pub struct Report {
    pub title: String,
    pub markdown: String,
    pub document: Document,
}

/// Formats figures for one language, and looks up names.
struct Words<'a> {
    theme: &'a Theme,
    lang: &'a Lang,
    default: &'a Lang,
}

impl Words<'_> {
    fn t(&self, key: &str) -> String {
        self.theme.text(self.lang, key).to_string()
    }

    fn name(&self, text: &Localized) -> String {
        text.get(self.lang, self.default).to_string()
    }

    fn mean(value: Option<f64>) -> String {
        value.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
    }

    fn percent(value: Option<f64>) -> String {
        value.map_or_else(|| "–".to_string(), |v| format!("{v:.0}%"))
    }

    fn signed(value: Option<f64>, decimals: usize, suffix: &str) -> String {
        match value {
            Some(v) if v.abs() < 0.5 * 10f64.powi(-(decimals as i32)) => format!("±0{suffix}"),
            Some(v) if v > 0.0 => format!("+{v:.decimals$}{suffix}"),
            Some(v) => format!("−{:.decimals$}{suffix}", v.abs()),
            None => String::new(),
        }
    }

    fn withheld(&self, why: &Suppression) -> String {
        let (key, n) = match why {
            Suppression::FewerResponses { threshold } => ("withheld_fewer", threshold),
            Suppression::Complementary { threshold } => ("withheld_complementary", threshold),
            Suppression::FewerComments { threshold } => ("withheld_comments", threshold),
        };
        self.t(key).replace("{n}", &n.to_string())
    }

    fn gap_words(&self, comparison: Option<&Comparison>) -> String {
        match comparison {
            Some(c) if c.flagged() => self.t("flag_below_organisation"),
            _ => String::new(),
        }
    }

    fn trend_words(&self, comparison: Option<&Comparison>) -> String {
        match comparison {
            Some(c) if c.flagged() && c.mean.or(c.favourable_pp).unwrap_or(0.0) < 0.0 => self.t("flag_falling"),
            Some(c) if c.flagged() => self.t("flag_rising"),
            _ => String::new(),
        }
    }

    fn stage(&self, stage: Stage) -> String {
        self.t(&format!("stage_{}", snake(&stage)))
    }

    fn challenge(&self, challenge: Challenge) -> String {
        self.t(&format!("challenge_{}", snake(&challenge)))
    }
}

fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn chart_json(chart: &Chart) -> String {
    serde_json::to_string(chart).unwrap_or_default()
}

#[derive(Serialize)]
struct Named {
    name: String,
}

#[derive(Serialize)]
struct WaveInfo {
    id: String,
    date: String,
}

#[derive(Serialize)]
struct DimensionRow {
    name: String,
    mean: String,
    favourable: String,
    vs_organisation: String,
    vs_organisation_pp: String,
    gap: String,
    trend: String,
    trend_pp: String,
    trend_words: String,
}

#[derive(Serialize)]
struct ItemRow {
    text: String,
    team: String,
    organisation: String,
    difference: String,
}

#[derive(Serialize)]
struct Glance {
    overall: String,
    favourable: String,
    strongest: String,
    weakest: String,
    sentence: String,
}

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

#[derive(Serialize)]
struct Link {
    name: String,
    path: String,
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

#[derive(Serialize)]
struct PlanInfo {
    general: bool,
    focus: Vec<FocusInfo>,
    stage: Option<Link>,
    challenges: Vec<Link>,
    actions: Vec<ActionRow>,
    next_survey: String,
}

#[derive(Serialize)]
struct Charts {
    radar: String,
    items: String,
    trend: Option<String>,
}

#[derive(Serialize)]
struct TeamContext {
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
    charts: Option<Charts>,
    strengths: Vec<ItemRow>,
    opportunities: Vec<ItemRow>,
    plan: PlanInfo,
    comments: Vec<String>,
    comments_withheld: Option<String>,
}

/// The team report for `team` in `wave` (index into the scored waves), in `lang`.
pub fn team_report(
    input: RenderInput<'_>,
    assessment: &Assessment,
    team: usize,
    wave: usize,
    lang: &Lang,
) -> Result<Report, Diagnostic> {
    let words = Words { theme: input.theme, lang, default: input.project.default_lang() };
    let organisation = &assessment.organisation;
    let instrument = &assessment.instrument;
    let scores = &assessment.scores.waves[wave];
    let team_info = &organisation.teams[team];
    let plan = team_plan(assessment, input.handbook, team, wave);
    let org_figures = scores.organisation.figures.shown();
    let dimension_names: Vec<String> = instrument.dimensions.iter().map(|d| words.name(&d.name)).collect();

    let (figures, withheld) = match &scores.teams[team].figures {
        Reported::Shown(figures) => (Some(figures), None),
        Reported::Suppressed(why) => (None, Some(words.withheld(why))),
    };
    let glance = figures.map(|f| glance(&words, f, &dimension_names));
    let dimensions = figures
        .map(|f| {
            f.dimensions
                .iter()
                .zip(&dimension_names)
                .map(|(score, name)| dimension_row(&words, name.clone(), score))
                .collect()
        })
        .unwrap_or_default();
    let charts = figures.map(|f| Charts {
        radar: chart_json(&radar(&words, f, org_figures, &dimension_names)),
        items: chart_json(&items_chart(&words, assessment, f)),
        trend: trend_chart(&words, assessment, team, wave, &dimension_names).map(|c| chart_json(&c)),
    });
    let item_rows = |indices: &[usize]| -> Vec<ItemRow> {
        let Some(f) = figures else { return Vec::new() };
        indices
            .iter()
            .map(|i| ItemRow {
                text: item_label(&words, &instrument.items[*i]),
                team: Words::mean(f.items[*i].mean),
                organisation: Words::mean(org_figures.and_then(|o| o.items[*i].mean)),
                difference: Words::signed(f.items[*i].vs_organisation.as_ref().and_then(|c| c.mean), 2, ""),
            })
            .collect()
    };
    let (comments, comments_withheld) = match (&scores.teams[team].comments, figures) {
        (Reported::Shown(list), Some(_)) => (list.clone(), None),
        (Reported::Suppressed(why), Some(_)) => (Vec::new(), Some(words.withheld(why))),
        _ => (Vec::new(), None),
    };
    let context = TeamContext {
        organisation: words.name(&organisation.name),
        unit_path: organisation
            .unit_path(team_info.unit)
            .iter()
            .map(|u| words.name(&organisation.units[*u].name))
            .collect(),
        team: Named { name: words.name(&team_info.name) },
        wave: WaveInfo { id: scores.wave.to_string(), date: scores.date.to_string() },
        threshold: input.project.config.privacy.min_respondents,
        respondents: figures.map(|f| f.respondents.to_string()),
        response_rate: figures.and_then(|f| f.response_rate).map(|r| Words::percent(Some(100.0 * r))),
        withheld,
        glance,
        dimensions,
        charts,
        strengths: figures.map(|f| item_rows(&f.strengths)).unwrap_or_default(),
        opportunities: figures.map(|f| item_rows(&f.opportunities)).unwrap_or_default(),
        plan: plan_info(&words, input.handbook, assessment, &plan, &dimension_names),
        comments,
        comments_withheld,
    };
    let title = format!("{} · {}", context.team.name, words.t("report_title"));
    let (markdown, document) = render_markdown(input, lang, "team.md", &context)?;
    Ok(Report { title, markdown, document })
}

/// An item's text, marked when it is reverse-worded: its score is turned round, so a high
/// score on "people look after themselves only" is good news, and the reader must know.
fn item_label(words: &Words<'_>, item: &crate::survey::Item) -> String {
    let text = words.name(&item.text);
    if item.reverse { format!("{text}{}", words.t("reverse_marker")) } else { text }
}

fn glance(words: &Words<'_>, figures: &Figures, names: &[String]) -> Glance {
    let means: Vec<(usize, f64)> =
        figures.dimensions.iter().enumerate().filter_map(|(d, s)| Some((d, s.mean?))).collect();
    let strongest = means.iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))).map(|(d, _)| names[*d].clone());
    let weakest = means.iter().min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))).map(|(d, _)| names[*d].clone());
    let overall = Words::mean(figures.overall.mean);
    let flagged: Vec<String> = figures
        .dimensions
        .iter()
        .zip(names)
        .filter(|(s, _)| s.vs_organisation.as_ref().is_some_and(Comparison::flagged))
        .map(|(_, n)| n.clone())
        .collect();
    let key = if flagged.is_empty() { "glance_sentence" } else { "glance_sentence_flagged" };
    let sentence = words
        .t(key)
        .replace("{score}", &overall)
        .replace("{strongest}", strongest.as_deref().unwrap_or("–"))
        .replace("{weakest}", weakest.as_deref().unwrap_or("–"))
        .replace("{flagged}", &flagged.join(words.t("list_separator").as_str()));
    Glance {
        overall,
        favourable: Words::percent(figures.overall.distribution.favourable),
        strongest: strongest.unwrap_or_default(),
        weakest: weakest.unwrap_or_default(),
        sentence,
    }
}

fn dimension_row(words: &Words<'_>, name: String, score: &Score) -> DimensionRow {
    let vs = score.vs_organisation.as_ref();
    let trend = score.trend.as_ref();
    DimensionRow {
        name,
        mean: Words::mean(score.mean),
        favourable: Words::percent(score.distribution.favourable),
        vs_organisation: Words::signed(vs.and_then(|c| c.mean), 2, ""),
        vs_organisation_pp: Words::signed(vs.and_then(|c| c.favourable_pp), 1, &words.t("pp")),
        gap: words.gap_words(vs),
        trend: Words::signed(trend.and_then(|c| c.mean), 2, ""),
        trend_pp: Words::signed(trend.and_then(|c| c.favourable_pp), 1, &words.t("pp")),
        trend_words: words.trend_words(trend),
    }
}

fn radar(words: &Words<'_>, figures: &Figures, organisation: Option<&Figures>, names: &[String]) -> Chart {
    let mut series =
        vec![Series { name: words.t("this_team"), values: figures.dimensions.iter().map(|s| s.mean).collect() }];
    if let Some(o) = organisation {
        series.push(Series { name: words.t("organisation"), values: o.dimensions.iter().map(|s| s.mean).collect() });
    }
    Chart {
        title: words.t("chart_radar_title"),
        description: words.t("chart_radar_description"),
        data_label: words.t("chart_data"),
        kind: ChartKind::Radar { axes: names.to_vec(), series, min: 1.0, max: 5.0 },
    }
}

fn items_chart(words: &Words<'_>, assessment: &Assessment, figures: &Figures) -> Chart {
    let rows = figures
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.distribution.answers > 0)
        .map(|(i, item)| {
            let item_info = &assessment.instrument.items[i];
            StackedRow {
                label: format!("{} {}", item_info.id, item_label(words, item_info)),
                values: [
                    item.distribution.favourable.unwrap_or(0.0),
                    item.distribution.neutral.unwrap_or(0.0),
                    item.distribution.unfavourable.unwrap_or(0.0),
                ],
            }
        })
        .collect();
    Chart {
        title: words.t("chart_items_title"),
        description: words.t("chart_items_description"),
        data_label: words.t("chart_data"),
        kind: ChartKind::StackedBars {
            categories: [words.t("favourable"), words.t("neutral"), words.t("unfavourable")],
            rows,
        },
    }
}

/// The team's dimension means over every wave up to `wave` in which its figures were shown.
fn trend_chart(
    words: &Words<'_>,
    assessment: &Assessment,
    team: usize,
    wave: usize,
    names: &[String],
) -> Option<Chart> {
    let waves: Vec<(&str, &Figures)> = assessment.scores.waves[..=wave]
        .iter()
        .filter_map(|w| Some((w.wave.as_str(), w.teams[team].figures.shown()?)))
        .collect();
    if waves.len() < 2 {
        return None;
    }
    let series = names
        .iter()
        .enumerate()
        .map(|(d, name)| Series {
            name: name.clone(),
            values: waves.iter().map(|(_, f)| f.dimensions[d].mean).collect(),
        })
        .collect();
    Some(Chart {
        title: words.t("chart_trend_title"),
        description: words.t("chart_trend_description"),
        data_label: words.t("chart_data"),
        kind: ChartKind::Trend {
            points: waves.iter().map(|(w, _)| w.to_string()).collect(),
            series,
            min: 1.0,
            max: 5.0,
        },
    })
}

fn page_link(handbook: &Handbook, page: PageId, lang: &Lang) -> StrategyInfo {
    let entry = &handbook.page(page).entry;
    let variant = entry.variant(lang);
    StrategyInfo { title: variant.title.clone(), path: format!("@/{}", entry.path), summary: variant.summary.clone() }
}

fn plan_info(
    words: &Words<'_>,
    handbook: &Handbook,
    assessment: &Assessment,
    plan: &TeamPlan,
    names: &[String],
) -> PlanInfo {
    let lang = words.lang;
    let focus = plan
        .focus
        .iter()
        .map(|focus| {
            let id = assessment.instrument.dimensions[focus.dimension].id.as_str();
            let key = if crate::plan::handbook_dimension(id).is_some() { id } else { "generic" };
            FocusInfo {
                name: names[focus.dimension].clone(),
                reason: words.t(match focus.reason {
                    Reason::BelowOrganisation => "reason_below",
                    Reason::Falling => "reason_falling",
                    Reason::Lowest => "reason_lowest",
                    Reason::OrganisationLowest => "reason_organisation",
                }),
                strategies: focus.strategies.iter().map(|p| page_link(handbook, *p, lang)).collect(),
                questions: (1..=3).map(|n| words.t(&format!("question_{key}_{n}"))).collect(),
            }
        })
        .collect();
    let stage_page = |stage: Stage| {
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
                    .target_favourable
                    .map(|t| {
                        words
                            .t("target_favourable")
                            .replace("{dimension}", &names[planned.dimension])
                            .replace("{target}", &format!("{t:.0}%"))
                    })
                    .unwrap_or_default(),
            })
        })
        .collect();
    PlanInfo {
        general: plan.basis == Basis::Organisation,
        focus,
        stage: plan.stage.map(|stage| Link {
            name: words.stage(stage),
            path: stage_page(stage).map(|p| format!("@/{}", p.entry.path)).unwrap_or_default(),
        }),
        challenges: plan
            .challenges
            .iter()
            .map(|(challenge, page)| Link {
                name: words.challenge(*challenge),
                path: page.map(|p| format!("@/{}", handbook.page(p).entry.path)).unwrap_or_default(),
            })
            .collect(),
        actions,
        next_survey: plan.next_survey.to_string(),
    }
}

#[derive(Serialize)]
struct SummaryContext {
    organisation: String,
    wave: WaveInfo,
    threshold: u32,
    participation: Vec<ParticipationRow>,
    dimensions: Vec<DimensionRow>,
    charts: SummaryCharts,
    units: Vec<UnitRow>,
    reliability: Vec<ReliabilityRow>,
    teams: Vec<TeamLink>,
    withheld_teams: usize,
}

#[derive(Serialize)]
struct SummaryCharts {
    heatmap: String,
    trend: Option<String>,
}

#[derive(Serialize)]
struct ParticipationRow {
    wave: String,
    date: String,
    respondents: String,
    response_rate: String,
}

#[derive(Serialize)]
struct UnitRow {
    name: String,
    depth: usize,
    respondents: String,
    overall: String,
    dimensions: Vec<String>,
    withheld: String,
}

#[derive(Serialize)]
struct ReliabilityRow {
    name: String,
    alpha: String,
    icc1: String,
    icc2: String,
    rwg: String,
    reading: String,
}

#[derive(Serialize)]
struct TeamLink {
    name: String,
    unit: String,
    link: String,
    status: String,
}

/// The organisation summary for `wave`, in `lang`.
pub fn summary_report(
    input: RenderInput<'_>,
    assessment: &Assessment,
    wave: usize,
    lang: &Lang,
) -> Result<Report, Diagnostic> {
    let words = Words { theme: input.theme, lang, default: input.project.default_lang() };
    let organisation = &assessment.organisation;
    let scores = &assessment.scores.waves[wave];
    let names: Vec<String> = assessment.instrument.dimensions.iter().map(|d| words.name(&d.name)).collect();
    let participation = assessment.scores.waves[..=wave]
        .iter()
        .map(|w| {
            let (respondents, rate) = match w.organisation.figures.shown() {
                Some(f) => (
                    f.respondents.to_string(),
                    f.response_rate.map(|r| Words::percent(Some(100.0 * r))).unwrap_or_default(),
                ),
                None => (
                    words.withheld(
                        w.organisation.figures.suppression().unwrap_or(&Suppression::FewerResponses { threshold: 0 }),
                    ),
                    String::new(),
                ),
            };
            ParticipationRow { wave: w.wave.to_string(), date: w.date.to_string(), respondents, response_rate: rate }
        })
        .collect();
    let dimensions = scores
        .organisation
        .figures
        .shown()
        .map(|f| f.dimensions.iter().zip(&names).map(|(s, n)| dimension_row(&words, n.clone(), s)).collect())
        .unwrap_or_default();

    // Teams grouped by unit, in tree order.
    let mut team_order: Vec<usize> = Vec::new();
    let mut unit_order: Vec<(usize, usize)> = Vec::new();
    fn walk(
        org: &crate::survey::Organisation,
        unit: usize,
        depth: usize,
        teams: &mut Vec<usize>,
        units: &mut Vec<(usize, usize)>,
    ) {
        units.push((unit, depth));
        teams.extend(org.units[unit].teams.iter().copied());
        for sub in &org.units[unit].units {
            walk(org, *sub, depth + 1, teams, units);
        }
    }
    for root in organisation.roots() {
        walk(organisation, root, 0, &mut team_order, &mut unit_order);
    }
    let heat_rows: Vec<HeatRow> = team_order
        .iter()
        .map(|t| {
            let team = &organisation.teams[*t];
            let group = words.name(&organisation.units[team.unit].name);
            match &scores.teams[*t].figures {
                Reported::Shown(f) => HeatRow {
                    label: words.name(&team.name),
                    group,
                    cells: f.dimensions.iter().map(|s| s.mean).collect(),
                    note: String::new(),
                },
                Reported::Suppressed(_) => HeatRow {
                    label: words.name(&team.name),
                    group,
                    cells: vec![None; names.len()],
                    note: words.t("withheld_short"),
                },
            }
        })
        .collect();
    let heatmap = Chart {
        title: words.t("chart_heatmap_title"),
        description: words.t("chart_heatmap_description"),
        data_label: words.t("chart_data"),
        kind: {
            // Colour over the range the teams actually span (to half points): on 1-5 most teams
            // would look alike. Every cell also prints its value.
            let values: Vec<f64> = heat_rows.iter().flat_map(|r: &HeatRow| r.cells.iter().flatten().copied()).collect();
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let (min, max) =
                if low < high { ((low * 2.0).floor() / 2.0, (high * 2.0).ceil() / 2.0) } else { (1.0, 5.0) };
            ChartKind::Heatmap { columns: names.clone(), rows: heat_rows, min, max }
        },
    };
    let org_waves: Vec<(&str, &Figures)> = assessment.scores.waves[..=wave]
        .iter()
        .filter_map(|w| Some((w.wave.as_str(), w.organisation.figures.shown()?)))
        .collect();
    let trend = (org_waves.len() >= 2).then(|| Chart {
        title: words.t("chart_org_trend_title"),
        description: words.t("chart_org_trend_description"),
        data_label: words.t("chart_data"),
        kind: ChartKind::Trend {
            points: org_waves.iter().map(|(w, _)| w.to_string()).collect(),
            series: names
                .iter()
                .enumerate()
                .map(|(d, n)| Series {
                    name: n.clone(),
                    values: org_waves.iter().map(|(_, f)| f.dimensions[d].mean).collect(),
                })
                .collect(),
            min: 1.0,
            max: 5.0,
        },
    });
    let units = unit_order
        .iter()
        .map(|(u, depth)| {
            let name = words.name(&organisation.units[*u].name);
            match &scores.units[*u].figures {
                Reported::Shown(f) => UnitRow {
                    name,
                    depth: *depth,
                    respondents: f.respondents.to_string(),
                    overall: Words::mean(f.overall.mean),
                    dimensions: f.dimensions.iter().map(|s| Words::mean(s.mean)).collect(),
                    withheld: String::new(),
                },
                Reported::Suppressed(why) => UnitRow {
                    name,
                    depth: *depth,
                    respondents: String::new(),
                    overall: String::new(),
                    dimensions: Vec::new(),
                    withheld: words.withheld(why),
                },
            }
        })
        .collect();
    let reliability = scores
        .reliability
        .iter()
        .map(|r| {
            let reading = match (r.alpha, r.icc1, r.icc2, r.rwg_j) {
                (Some(a), Some(i1), Some(i2), Some(rwg)) if a >= 0.7 && i1 >= 0.05 && i2 >= 0.7 && rwg >= 0.7 => {
                    words.t("reliability_good")
                }
                (Some(a), _, _, _) if a < 0.7 => words.t("reliability_low_alpha"),
                _ => words.t("reliability_weak_teams"),
            };
            ReliabilityRow {
                name: names[r.dimension].clone(),
                alpha: Words::mean(r.alpha),
                icc1: r.icc1.map_or("–".into(), |v| format!("{v:.3}")),
                icc2: Words::mean(r.icc2),
                rwg: Words::mean(r.rwg_j),
                reading,
            }
        })
        .collect();
    let teams = team_order
        .iter()
        .map(|t| {
            let team = &organisation.teams[*t];
            TeamLink {
                name: words.name(&team.name),
                unit: words.name(&organisation.units[team.unit].name),
                link: format!("../teams/{}/index.html", team.id),
                status: scores.teams[*t].figures.suppression().map(|w| words.withheld(w)).unwrap_or_default(),
            }
        })
        .collect();
    let context = SummaryContext {
        organisation: words.name(&organisation.name),
        wave: WaveInfo { id: scores.wave.to_string(), date: scores.date.to_string() },
        threshold: input.project.config.privacy.min_respondents,
        participation,
        dimensions,
        charts: SummaryCharts { heatmap: chart_json(&heatmap), trend: trend.map(|c| chart_json(&c)) },
        units,
        reliability,
        teams,
        withheld_teams: scores.teams.iter().filter(|t| !t.figures.is_shown()).count(),
    };
    let title = format!("{} · {}", context.organisation, words.t("summary_title"));
    let (markdown, document) = render_markdown(input, lang, "summary.md", &context)?;
    Ok(Report { title, markdown, document })
}

/// Renders a report template to Markdown and parses it; a bad template or chart names the
/// template file.
fn render_markdown<T: Serialize>(
    input: RenderInput<'_>,
    lang: &Lang,
    template: &str,
    context: &T,
) -> Result<(String, Document), Diagnostic> {
    let mut tera_context = tera::Context::from_serialize(context)
        .map_err(|error| Diagnostic::error(format!("cannot prepare the report for its template: {error}")))?;
    tera_context.insert("t", input.theme.locale(lang));
    tera_context.insert("lang", lang.as_str());
    let text = input.theme.render_report(template, &tera_context)?;
    let parsed = markdown::parse(&text, "reports");
    if let Some(problem) = parsed.references.iter().find_map(|r| match &r.kind {
        markdown::ReferenceKind::Invalid(message) => Some(message.clone()),
        _ => None,
    }) {
        return Err(Diagnostic::error(format!("the report template produced invalid Markdown: {problem}"))
            .in_file(input.theme.origin(&format!("templates/reports/{template}"))));
    }
    Ok((text, parsed.document))
}
