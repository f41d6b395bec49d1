//! The organisation summary: participation per wave, the organisation's dimension scores,
//! a heat map of every team, units in tree order, the customers' ratings of the teams they
//! rate, reliability of each scale, and links to the team reports (withheld teams marked).

use super::further::{FurtherTable, summary_tables};
use super::last_plan::{self, UnitFollowThrough};
use crate::plan::followup::Status;
use serde::Serialize;

use super::words::{DimensionRow, WaveInfo, Words, dimension_row};
use super::{ComposeInput, Report, Subject, chart_json, render_markdown};
use crate::diagnostics::Diagnostic;
use crate::document::{Chart, ChartKind, HeatRow, Series};
use crate::project::Lang;
use crate::routes::Route;
use crate::scoring::{Figures, Reported, Score, Suppression};

#[derive(Serialize)]
struct SummaryContext {
    masthead: super::masthead::Masthead,
    organisation: String,
    wave: WaveInfo,
    threshold: u32,
    participation: Vec<ParticipationRow>,
    dimensions: Vec<DimensionRow>,
    /// Whether the organisation's dimensions have benchmark figures, and the benchmark's source.
    benchmark_column: bool,
    benchmark_note: String,
    charts: SummaryCharts,
    units: Vec<UnitRow>,
    reliability: Vec<ReliabilityRow>,
    teams: Vec<TeamLink>,
    withheld_teams: usize,
    /// How far each unit's teams got with what they committed to after the previous wave.
    follow_through: Vec<UnitFollowThrough>,
    follow_through_wave: String,
    statuses: Vec<String>,
    /// Further instruments (customers' ratings), one table each.
    further: Vec<FurtherTable>,
    /// What drives each outcome item (overall trust), across the organisation's people.
    drivers: Vec<super::drivers::DriverTable>,
}

#[derive(Serialize)]
struct SummaryCharts {
    heatmap: String,
    trend: Option<String>,
    /// Impact against score, for the first outcome item.
    impact: Option<String>,
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

/// The organisation summary for the input's wave, in `lang`.
pub(super) fn summary_report(input: ComposeInput<'_>, lang: &Lang) -> Result<Report, Diagnostic> {
    let (assessment, wave) = (input.assessment, input.wave);
    let words = Words::of(&input, lang);
    let organisation = &assessment.organisation;
    let scores = &assessment.scores.waves[wave];
    let names: Vec<String> = assessment.instrument.dimensions.iter().map(|d| words.name(&d.name)).collect();
    let participation = assessment.scores.waves[..=wave]
        .iter()
        .enumerate()
        .map(|(index, w)| {
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
            ParticipationRow {
                wave: words.wave_name(organisation, index),
                date: w.date.to_string(),
                respondents,
                response_rate: rate,
            }
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
                    cells: f.dimensions.iter().map(Reported::<Score>::mean).collect(),
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
        palette: words.palette.clone(),
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
    let org_waves: Vec<(String, &Figures)> = assessment.scores.waves[..=wave]
        .iter()
        .enumerate()
        .filter_map(|(i, w)| Some((words.wave_name(organisation, i), w.organisation.figures.shown()?)))
        .collect();
    let trend = (org_waves.len() >= 2).then(|| Chart {
        title: words.t("chart_org_trend_title"),
        description: words.t("chart_org_trend_description"),
        data_label: words.t("chart_data"),
        palette: words.palette.clone(),
        kind: ChartKind::Trend {
            points: org_waves.iter().map(|(w, _)| w.clone()).collect(),
            series: names
                .iter()
                .enumerate()
                .map(|(d, n)| Series {
                    name: n.clone(),
                    values: org_waves.iter().map(|(_, f)| f.dimensions[d].mean()).collect(),
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
                    overall: Words::mean(f.overall.mean()),
                    dimensions: f.dimensions.iter().map(|s| Words::mean(s.mean())).collect(),
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
                link: Route::TeamPage(lang, team.id.as_str()).relative_from(&Route::SummaryPage(lang)),
                status: scores.teams[*t].figures.suppression().map(|w| words.withheld(w)).unwrap_or_default(),
            }
        })
        .collect();
    let context = SummaryContext {
        masthead: super::masthead::masthead(&input, &words, super::masthead::Audience::Organisation),
        organisation: words.name(&organisation.name),
        wave: WaveInfo {
            id: scores.wave.to_string(),
            name: words.wave_name(organisation, wave),
            date: scores.date.to_string(),
        },
        threshold: input.project.config.privacy.min_respondents,
        participation,
        dimensions,
        benchmark_column: scores.organisation.figures.shown().is_some_and(|f| {
            f.dimensions.iter().filter_map(crate::scoring::Reported::shown).any(|d| d.vs_benchmark.is_some())
        }),
        benchmark_note: words.benchmark_note(assessment),
        charts: SummaryCharts {
            heatmap: chart_json(&heatmap),
            trend: trend.map(|c| chart_json(&c)),
            impact: super::drivers::impact_chart(&words, assessment, scores, &names).map(|c| chart_json(&c)),
        },
        drivers: super::drivers::tables(&words, assessment, scores, &names),
        units,
        reliability,
        teams,
        withheld_teams: scores.teams.iter().filter(|t| !t.figures.is_shown()).count(),
        follow_through: last_plan::by_unit(&words, assessment, input.follow_ups, &unit_order, wave),
        follow_through_wave: wave.checked_sub(1).map_or_else(String::new, |p| words.wave_name(organisation, p)),
        statuses: Status::ALL.iter().map(|s| words.t(&format!("status_{}", s.name()))).collect(),
        further: summary_tables(&words, assessment, &team_order, wave),
    };
    let title = format!("{} · {}", context.organisation, words.t("summary_title"));
    let (markdown, document) = render_markdown(input, lang, "summary.md", &context)?;
    Ok(Report { subject: Subject::Summary, lang: lang.clone(), title, markdown, document })
}
