//! The exported rows: one per instrument × group × wave × measure, each figure's columns
//! filled from the scored model, withheld ones left empty with the reason.

use serde::Serialize;

use crate::scoring::{
    Assessment, Comparison, Distribution, Figures, GroupRef, GroupScores, Interval, ItemScore, Reported, Score,
    ScoredModel,
};
use crate::survey::Instrument;

/// One exported row: a group's figures on one dimension in one wave.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub wave: String,
    pub wave_date: String,
    pub instrument: String,
    pub group_type: &'static str,
    pub group_id: String,
    pub group_name: String,
    pub parent_unit: String,
    /// `overall`, `dimension`, `item` (a dimension's item) or `outcome` (an outcome item, by
    /// its id in `dimension`).
    pub measure: &'static str,
    pub dimension: String,
    /// The item's id, on `item` and `outcome` rows.
    pub item: String,
    pub respondents: Option<usize>,
    pub headcount: Option<u32>,
    pub response_rate: Option<f64>,
    pub n: Option<usize>,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// The mean's standard error and 95% interval.
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub favourable_pct: Option<f64>,
    /// The favourable share's 95% interval, in percent.
    pub fav_ci_low: Option<f64>,
    pub fav_ci_high: Option<f64>,
    pub neutral_pct: Option<f64>,
    pub unfavourable_pct: Option<f64>,
    pub alpha: Option<f64>,
    pub diff_mean_vs_org: Option<f64>,
    pub diff_fav_pp_vs_org: Option<f64>,
    pub gap_flag: Option<bool>,
    /// The tests behind the gap flag: against the rest of the organisation (the group's people
    /// removed), Welch's t for the mean and the clustered two-share test for favourable %, with
    /// Benjamini-Hochberg q values across the wave's teams (or units).
    pub diff_mean_vs_rest: Option<f64>,
    pub diff_fav_pp_vs_rest: Option<f64>,
    pub p_vs_rest: Option<f64>,
    pub q_vs_rest: Option<f64>,
    pub p_fav_vs_rest: Option<f64>,
    pub q_fav_vs_rest: Option<f64>,
    /// The favourable difference's 95% interval against the rest of the organisation, in
    /// percentage points (Newcombe's for an item, the linearised SEs' for a pooled share).
    pub diff_fav_pp_vs_rest_low: Option<f64>,
    pub diff_fav_pp_vs_rest_high: Option<f64>,
    /// People in the rest of the organisation.
    pub n_rest: Option<u32>,
    /// Against the rest of the parent unit (its other people): the differences, the flag,
    /// the tests and the people in that rest. Empty where there is no such rest to show.
    pub diff_mean_vs_unit_rest: Option<f64>,
    pub diff_fav_pp_vs_unit_rest: Option<f64>,
    pub unit_gap_flag: Option<bool>,
    pub p_vs_unit_rest: Option<f64>,
    pub q_vs_unit_rest: Option<f64>,
    pub p_fav_vs_unit_rest: Option<f64>,
    pub q_fav_vs_unit_rest: Option<f64>,
    pub n_unit_rest: Option<u32>,
    /// Against the selected external benchmark's figure (a fixed value): the differences, the
    /// flag and the tests (one-sample t for the mean, z for the favourable share).
    pub diff_mean_vs_benchmark: Option<f64>,
    pub diff_fav_pp_vs_benchmark: Option<f64>,
    pub benchmark_gap_flag: Option<bool>,
    pub p_vs_benchmark: Option<f64>,
    pub q_vs_benchmark: Option<f64>,
    pub p_fav_vs_benchmark: Option<f64>,
    pub q_fav_vs_benchmark: Option<f64>,
    pub trend_mean: Option<f64>,
    pub trend_fav_pp: Option<f64>,
    pub trend_flag: Option<bool>,
    /// The tests behind the trend flag, the two waves as independent samples.
    pub p_trend: Option<f64>,
    pub p_fav_trend: Option<f64>,
    pub q_trend: Option<f64>,
    pub q_fav_trend: Option<f64>,
    pub suppressed: String,
}

/// Every row of the scored model, the default instrument first, then in wave, group and
/// dimension order.
pub fn rows(assessment: &Assessment, name: &dyn Fn(&crate::project::Localized) -> String) -> Vec<Row> {
    let mut rows = instrument_rows(assessment, &assessment.instrument, &assessment.scores, name);
    for further in &assessment.further {
        rows.extend(instrument_rows(assessment, &further.instrument, &further.scores, name));
    }
    rows
}

fn instrument_rows(
    assessment: &Assessment,
    instrument: &Instrument,
    scores: &ScoredModel,
    name: &dyn Fn(&crate::project::Localized) -> String,
) -> Vec<Row> {
    let organisation = &assessment.organisation;
    let for_team = |t: usize| instrument.applies_to_team(&organisation.teams[t]);
    let covers = |group: GroupRef| match group {
        GroupRef::Organisation => true,
        GroupRef::Unit(u) => organisation.teams_below(u).into_iter().any(for_team),
        GroupRef::Team(t) => for_team(t),
    };
    let mut rows = Vec::new();
    for wave in &scores.waves {
        let groups = std::iter::once(&wave.organisation).chain(&wave.units).chain(&wave.teams);
        for group in groups.filter(|g| covers(g.group)) {
            let (group_type, group_id, group_name, parent_unit) = match group.group {
                GroupRef::Organisation => ("organisation", String::new(), name(&organisation.name), String::new()),
                GroupRef::Unit(u) => {
                    let unit = &organisation.units[u];
                    let parent = unit.parent.map_or(String::new(), |p| organisation.units[p].id.to_string());
                    ("unit", unit.id.to_string(), name(&unit.name), parent)
                }
                GroupRef::Team(t) => {
                    let team = &organisation.teams[t];
                    ("team", team.id.to_string(), name(&team.name), organisation.units[team.unit].id.to_string())
                }
            };
            let item_id = |i: usize| instrument.items[i].id.to_string();
            let measures = std::iter::once((Measured::Overall, "overall".to_string(), String::new()))
                .chain(
                    scores
                        .dimensions
                        .iter()
                        .enumerate()
                        .map(|(d, id)| (Measured::Dimension(d), id.to_string(), String::new())),
                )
                .chain(instrument.dimensions.iter().flat_map(|dimension| {
                    dimension.items.iter().map(|i| (Measured::Item(*i), dimension.id.to_string(), item_id(*i)))
                }))
                .chain(
                    instrument.outcomes.iter().map(|o| (Measured::Outcome(o.item), item_id(o.item), item_id(o.item))),
                );
            for (measured, dimension, item) in measures {
                let base = Row {
                    wave: wave.wave.to_string(),
                    wave_date: wave.date.to_string(),
                    instrument: instrument.id.clone(),
                    group_type,
                    group_id: group_id.clone(),
                    group_name: group_name.clone(),
                    parent_unit: parent_unit.clone(),
                    measure: measured.name(),
                    dimension,
                    item,
                    respondents: None,
                    headcount: None,
                    response_rate: None,
                    n: None,
                    mean: None,
                    sd: None,
                    se: None,
                    ci_low: None,
                    ci_high: None,
                    favourable_pct: None,
                    fav_ci_low: None,
                    fav_ci_high: None,
                    neutral_pct: None,
                    unfavourable_pct: None,
                    alpha: None,
                    diff_mean_vs_org: None,
                    diff_fav_pp_vs_org: None,
                    gap_flag: None,
                    diff_mean_vs_rest: None,
                    diff_fav_pp_vs_rest: None,
                    p_vs_rest: None,
                    q_vs_rest: None,
                    p_fav_vs_rest: None,
                    q_fav_vs_rest: None,
                    diff_fav_pp_vs_rest_low: None,
                    diff_fav_pp_vs_rest_high: None,
                    n_rest: None,
                    diff_mean_vs_unit_rest: None,
                    diff_fav_pp_vs_unit_rest: None,
                    unit_gap_flag: None,
                    p_vs_unit_rest: None,
                    q_vs_unit_rest: None,
                    p_fav_vs_unit_rest: None,
                    q_fav_vs_unit_rest: None,
                    n_unit_rest: None,
                    diff_mean_vs_benchmark: None,
                    diff_fav_pp_vs_benchmark: None,
                    benchmark_gap_flag: None,
                    p_vs_benchmark: None,
                    q_vs_benchmark: None,
                    p_fav_vs_benchmark: None,
                    q_fav_vs_benchmark: None,
                    trend_mean: None,
                    trend_fav_pp: None,
                    trend_flag: None,
                    p_trend: None,
                    p_fav_trend: None,
                    q_trend: None,
                    q_fav_trend: None,
                    suppressed: String::new(),
                };
                rows.push(fill(base, group, measured));
            }
        }
    }
    rows
}

/// Which figure of a group a row carries.
#[derive(Clone, Copy)]
enum Measured {
    Overall,
    /// Index into the instrument's dimensions.
    Dimension(usize),
    /// Index of a dimension's item in the instrument's items.
    Item(usize),
    /// Index of the outcome item in the instrument's items.
    Outcome(usize),
}

impl Measured {
    fn name(self) -> &'static str {
        match self {
            Measured::Overall => "overall",
            Measured::Dimension(_) => "dimension",
            Measured::Item(_) => "item",
            Measured::Outcome(_) => "outcome",
        }
    }
}

fn fill(mut row: Row, group: &GroupScores, measured: Measured) -> Row {
    let figures: &Figures = match group.figures.shown() {
        Some(figures) => figures,
        None => {
            row.suppressed = group.figures.suppression().map(|s| s.reason()).unwrap_or_default();
            return row;
        }
    };
    row.respondents = Some(figures.respondents);
    row.headcount = figures.headcount;
    row.response_rate = figures.response_rate;
    let reported: &Reported<Score> = match measured {
        Measured::Overall => &figures.overall,
        Measured::Dimension(d) => &figures.dimensions[d],
        Measured::Item(i) | Measured::Outcome(i) => return fill_item(row, &figures.items[i]),
    };
    let score = match reported {
        Reported::Shown(score) => score,
        Reported::Suppressed(why) => {
            row.suppressed = why.reason();
            return row;
        }
    };
    let intervals = (score.interval.as_ref(), score.favourable_interval.as_ref());
    fill_common(&mut row, score.n, score.mean, &score.distribution, intervals);
    row.sd = score.sd;
    row.alpha = score.alpha;
    fill_comparisons(&mut row, [&score.vs_organisation, &score.vs_unit, &score.vs_benchmark, &score.trend]);
    row
}

/// An item's row: its n, mean, shares, gaps and change (items have no sd or alpha).
fn fill_item(mut row: Row, reported: &Reported<ItemScore>) -> Row {
    match reported {
        Reported::Shown(score) => {
            let intervals = (score.interval.as_ref(), score.favourable_interval.as_ref());
            fill_common(&mut row, score.n, score.mean, &score.distribution, intervals);
            fill_comparisons(&mut row, [&score.vs_organisation, &score.vs_unit, &score.vs_benchmark, &score.trend]);
        }
        Reported::Suppressed(why) => row.suppressed = why.reason(),
    }
    row
}

/// The comparison columns: against the organisation (tested against its rest), against the
/// rest of the unit, against the benchmark and against the previous wave.
fn fill_comparisons(row: &mut Row, [vs, unit, benchmark, trend]: [&Option<Box<Comparison>>; 4]) {
    let (vs, unit, benchmark, trend) = (vs.as_deref(), unit.as_deref(), benchmark.as_deref(), trend.as_deref());
    (row.diff_mean_vs_org, row.diff_fav_pp_vs_org, row.gap_flag) = columns(vs);
    if let Some(vs) = vs {
        (row.diff_mean_vs_rest, row.p_vs_rest) = (vs.mean_test.map(|t| t.difference), vs.mean_test.map(|t| t.p));
        (row.diff_fav_pp_vs_rest, row.p_fav_vs_rest) =
            (vs.favourable_test.map(|t| t.difference), vs.favourable_test.map(|t| t.p));
        (row.diff_fav_pp_vs_rest_low, row.diff_fav_pp_vs_rest_high) =
            (vs.favourable_test.map(|t| t.low), vs.favourable_test.map(|t| t.high));
        (row.q_vs_rest, row.q_fav_vs_rest) = (vs.mean_q, vs.favourable_q);
        row.n_rest = vs.rest_n;
    }
    (row.diff_mean_vs_unit_rest, row.diff_fav_pp_vs_unit_rest, row.unit_gap_flag) = columns(unit);
    if let Some(unit) = unit {
        (row.p_vs_unit_rest, row.p_fav_vs_unit_rest) = (unit.mean_test.map(|t| t.p), unit.favourable_test.map(|t| t.p));
        (row.q_vs_unit_rest, row.q_fav_vs_unit_rest) = (unit.mean_q, unit.favourable_q);
        row.n_unit_rest = unit.rest_n;
    }
    (row.diff_mean_vs_benchmark, row.diff_fav_pp_vs_benchmark, row.benchmark_gap_flag) = columns(benchmark);
    if let Some(benchmark) = benchmark {
        (row.p_vs_benchmark, row.p_fav_vs_benchmark) =
            (benchmark.mean_test.map(|t| t.p), benchmark.favourable_test.map(|t| t.p));
        (row.q_vs_benchmark, row.q_fav_vs_benchmark) = (benchmark.mean_q, benchmark.favourable_q);
    }
    (row.trend_mean, row.trend_fav_pp, row.trend_flag) = columns(trend);
    if let Some(trend) = trend {
        (row.p_trend, row.p_fav_trend) = (trend.mean_test.map(|t| t.p), trend.favourable_test.map(|t| t.p));
        (row.q_trend, row.q_fav_trend) = (trend.mean_q, trend.favourable_q);
    }
}

/// The columns a dimension's row and an item's row share.
fn fill_common(
    row: &mut Row,
    n: usize,
    mean: Option<f64>,
    shares: &Distribution,
    (interval, favourable): (Option<&Interval>, Option<&Interval>),
) {
    row.n = Some(n);
    row.mean = mean;
    (row.se, row.ci_low, row.ci_high) = (interval.map(|i| i.se), interval.map(|i| i.low), interval.map(|i| i.high));
    (row.fav_ci_low, row.fav_ci_high) = (favourable.map(|i| i.low), favourable.map(|i| i.high));
    row.favourable_pct = shares.favourable;
    row.neutral_pct = shares.neutral;
    row.unfavourable_pct = shares.unfavourable;
}

/// A comparison as its three export columns: mean difference, pp difference, flagged.
fn columns(comparison: Option<&Comparison>) -> (Option<f64>, Option<f64>, Option<bool>) {
    match comparison {
        Some(c) => (c.mean, c.favourable_pp, Some(c.flagged())),
        None => (None, None, None),
    }
}
