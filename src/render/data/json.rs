//! The parts of `scores.json` besides its rows: per wave the organisation's reliability and
//! drivers, further instruments, and the selected benchmark.

use serde::Serialize;

use super::Row;
use crate::scoring::{Reliability, ScoredModel};
use crate::survey::Instrument;

#[derive(Serialize)]
pub(super) struct JsonDocument<'a> {
    pub(super) generator: &'static str,
    /// The default instrument, whose waves follow.
    pub(super) instrument: &'a str,
    pub(super) waves: Vec<JsonWave<'a>>,
    /// Further instruments, each with its own waves.
    pub(super) further: Vec<JsonInstrument<'a>>,
    /// The external benchmark the `*_vs_benchmark` columns compare with, if one is selected.
    pub(super) benchmark: Option<JsonBenchmark<'a>>,
    pub(super) rows: &'a [Row],
}

#[derive(Serialize)]
pub(super) struct JsonBenchmark<'a> {
    pub(super) id: &'a str,
    pub(super) label: String,
    pub(super) source: String,
    pub(super) year: u16,
    pub(super) n: u32,
}

#[derive(Serialize)]
pub(super) struct JsonInstrument<'a> {
    pub(super) id: &'a str,
    pub(super) respondents: &'static str,
    pub(super) waves: Vec<JsonWave<'a>>,
}

pub(super) fn json_waves<'a>(instrument: &'a Instrument, scores: &'a ScoredModel) -> Vec<JsonWave<'a>> {
    scores
        .waves
        .iter()
        .map(|wave| JsonWave {
            id: wave.wave.as_str(),
            date: wave.date.to_string(),
            reliability: wave.reliability.iter().map(|r| reliability(scores, r)).collect(),
            drivers: wave
                .drivers
                .iter()
                .map(|d| JsonDrivers {
                    outcome: instrument.items[instrument.outcomes[d.outcome].item].id.as_str(),
                    n: d.n,
                    r_squared: d.r_squared,
                    dimensions: scores
                        .dimensions
                        .iter()
                        .enumerate()
                        .map(|(i, id)| JsonDriver {
                            dimension: id.as_str(),
                            correlation: d.correlations[i],
                            lmg_share: d.shares.as_ref().map(|s| s[i]),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct JsonWave<'a> {
    id: &'a str,
    date: String,
    reliability: Vec<JsonReliability>,
    /// Per outcome item, how each dimension goes with it across the organisation's people.
    drivers: Vec<JsonDrivers<'a>>,
}

#[derive(Serialize)]
struct JsonDrivers<'a> {
    outcome: &'a str,
    n: usize,
    r_squared: Option<f64>,
    dimensions: Vec<JsonDriver<'a>>,
}

#[derive(Serialize)]
struct JsonDriver<'a> {
    dimension: &'a str,
    /// Pearson's r with `n`, `p` and the Fisher-z interval `low`, `high`.
    correlation: Option<crate::scoring::drivers::Correlation>,
    lmg_share: Option<f64>,
}

#[derive(Serialize)]
struct JsonReliability {
    dimension: String,
    alpha: Option<f64>,
    icc1: Option<f64>,
    icc2: Option<f64>,
    rwg_j_mean: Option<f64>,
    teams: usize,
}

fn reliability(scores: &ScoredModel, r: &Reliability) -> JsonReliability {
    JsonReliability {
        dimension: scores.dimensions[r.dimension].to_string(),
        alpha: r.alpha,
        icc1: r.icc1,
        icc2: r.icc2,
        rwg_j_mean: r.rwg_j,
        teams: r.teams,
    }
}
