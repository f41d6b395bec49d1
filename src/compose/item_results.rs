//! The item-level results of a team report: every item of the default instrument, under its
//! dimension, with n, mean, the three shares, the change since the last survey and the
//! differences against the organisation, the rest of the unit and a benchmark, noted with the same honest
//! flags as the dimensions. Outcome items have their own table (`outcomes`); which items may
//! be shown was settled by scoring.

use serde::Serialize;

use super::words::{Words, item_label};
use crate::scoring::{Comparison, Figures, Reported};
use crate::survey::Instrument;

/// One dimension's items.
#[derive(Serialize)]
pub(super) struct ItemResults {
    pub name: String,
    pub rows: Vec<ItemResultRow>,
}

#[derive(Serialize)]
pub(super) struct ItemResultRow {
    text: String,
    n: String,
    mean: String,
    /// "62 / 25 / 13": favourable, neutral and unfavourable, in percent.
    shares: String,
    change: String,
    vs_organisation: String,
    vs_unit: String,
    vs_benchmark: String,
    /// Which differences are flagged: the template sets them apart.
    change_flag: bool,
    vs_organisation_flag: bool,
    vs_unit_flag: bool,
    vs_benchmark_flag: bool,
    /// What is flagged, in words; differences within noise are not noted item by item (the
    /// dimension rows say it), so that the table shows what stands out.
    notes: String,
}

/// The item tables of a team's `figures`, one per dimension, with `names` the dimensions'.
pub(super) fn item_results(
    words: &Words<'_>,
    instrument: &Instrument,
    figures: &Figures,
    names: &[String],
) -> Vec<ItemResults> {
    instrument
        .dimensions
        .iter()
        .zip(names)
        .map(|(dimension, name)| ItemResults {
            name: name.clone(),
            rows: dimension.items.iter().map(|i| row(words, instrument, figures, *i)).collect(),
        })
        .collect()
}

fn row(words: &Words<'_>, instrument: &Instrument, figures: &Figures, i: usize) -> ItemResultRow {
    let text = item_label(words, &instrument.items[i]);
    let item = match &figures.items[i] {
        Reported::Shown(item) => item,
        Reported::Suppressed(why) => {
            let dash = Words::mean(None);
            return ItemResultRow {
                text,
                n: dash.clone(),
                mean: dash.clone(),
                shares: dash.clone(),
                change: dash.clone(),
                vs_organisation: dash.clone(),
                vs_unit: dash.clone(),
                vs_benchmark: dash,
                change_flag: false,
                vs_organisation_flag: false,
                vs_unit_flag: false,
                vs_benchmark_flag: false,
                notes: words.withheld_short(why),
            };
        }
    };
    let shares = &item.distribution;
    let share = |value: Option<f64>| value.map_or_else(|| "–".to_string(), |v| format!("{v:.0}"));
    // "−1.07 / −63": the mean's difference, then the favourable share's in points.
    let difference = |c: Option<&Comparison>| match c {
        Some(c) if c.mean.is_some() => {
            format!("{} / {}", Words::signed(c.mean, 2, ""), Words::signed(c.favourable_pp, 0, ""))
        }
        _ => Words::mean(None),
    };
    let flagged = |c: Option<&Comparison>| c.is_some_and(Comparison::flagged);
    let (organisation, unit, trend) = (item.vs_organisation.as_deref(), item.vs_unit.as_deref(), item.trend.as_deref());
    let benchmark = item.vs_benchmark.as_deref();
    let gap = if flagged(organisation) { words.t("flag_below_organisation") } else { String::new() };
    let unit_gap = if flagged(unit) { words.t("flag_below_unit") } else { String::new() };
    let benchmark_gap = if flagged(benchmark) { words.t("flag_below_benchmark") } else { String::new() };
    let change = if flagged(trend) { words.trend_words(trend) } else { String::new() };
    ItemResultRow {
        text,
        n: item.n.to_string(),
        mean: words.mean_with(item.mean, item.interval.as_ref()),
        shares: format!("{} / {} / {}", share(shares.favourable), share(shares.neutral), share(shares.unfavourable)),
        change: difference(trend),
        vs_organisation: difference(organisation),
        vs_unit: difference(unit),
        vs_benchmark: difference(benchmark),
        change_flag: flagged(trend),
        vs_organisation_flag: flagged(organisation),
        vs_unit_flag: flagged(unit),
        vs_benchmark_flag: flagged(benchmark),
        notes: words.clauses(&[gap, unit_gap, benchmark_gap, change]),
    }
}
