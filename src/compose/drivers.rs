//! What drives trust, for the organisation summary: per outcome item, each dimension's
//! correlation with it (with its 95% interval) and its share of what the dimensions together
//! explain (exact LMG), and for the first outcome the impact-versus-score chart. The figures
//! are scoring's (`scoring::drivers`); nothing is computed here but their wording.

use serde::Serialize;

use super::words::Words;
use crate::document::{Chart, ChartKind, Scatter, ScatterPoint};
use crate::scoring::{Assessment, WaveScores};

#[derive(Serialize)]
pub(super) struct DriverTable {
    /// The outcome item's name and question.
    outcome: String,
    /// "n = 258 people; together the dimensions explain 62% of its variance (R²)."
    basis: String,
    rows: Vec<DriverRow>,
}

#[derive(Serialize)]
struct DriverRow {
    name: String,
    mean: String,
    /// "0.71 (0.64 to 0.77)"
    correlation: String,
    /// Share of the explained variance, "44%".
    share: String,
}

/// One table per outcome item with drivers in `wave`.
pub(super) fn tables(
    words: &Words<'_>,
    assessment: &Assessment,
    wave: &WaveScores,
    names: &[String],
) -> Vec<DriverTable> {
    let instrument = &assessment.instrument;
    let organisation = wave.organisation.figures.shown();
    wave.drivers
        .iter()
        .filter(|d| d.r_squared.is_some())
        .map(|drivers| {
            let outcome = &instrument.outcomes[drivers.outcome];
            let r_squared = drivers.r_squared.unwrap_or(0.0);
            let exact: Vec<Option<f64>> =
                (0..names.len()).map(|d| relative_share(drivers.shares.as_deref(), d, r_squared)).collect();
            let rounded = rounded_to_hundred(&exact);
            DriverTable {
                outcome: format!(
                    "{}{}{}",
                    words.name(&outcome.name),
                    words.t("colon"),
                    words.name(&instrument.items[outcome.item].text)
                ),
                basis: words
                    .t("drivers_basis")
                    .replace("{n}", &drivers.n.to_string())
                    .replace("{r2}", &format!("{:.0}", 100.0 * r_squared)),
                rows: names
                    .iter()
                    .enumerate()
                    .map(|(d, name)| DriverRow {
                        name: name.clone(),
                        mean: Words::mean(organisation.and_then(|f| f.dimensions[d].mean())),
                        correlation: drivers.correlations[d].as_ref().map_or_else(
                            || Words::mean(None),
                            |c| {
                                let range = words.t("interval_range");
                                format!(
                                    "{:.2}{}{:.2}{range}{:.2}{}",
                                    c.r,
                                    words.t("paren_open"),
                                    c.low,
                                    c.high,
                                    words.t("paren_close")
                                )
                            },
                        ),
                        share: rounded[d].map_or_else(|| Words::mean(None), |s| format!("{s}%")),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Whole percentages that add up to 100 as the exact ones do (largest remainders get the
/// points rounding down lost), so a table of shares never sums to 99 or 101.
fn rounded_to_hundred(exact: &[Option<f64>]) -> Vec<Option<i64>> {
    if exact.iter().any(Option::is_none) {
        return exact.iter().map(|v| v.map(|v| v.round() as i64)).collect();
    }
    let values: Vec<f64> = exact.iter().flatten().copied().collect();
    let mut floors: Vec<i64> = values.iter().map(|v| v.floor() as i64).collect();
    let missing = (values.iter().sum::<f64>().round() as i64 - floors.iter().sum::<i64>()).max(0) as usize;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order
        .sort_by(|a, b| (values[*b] - values[*b].floor()).total_cmp(&(values[*a] - values[*a].floor())).then(a.cmp(b)));
    for i in order.into_iter().take(missing) {
        floors[i] += 1;
    }
    floors.into_iter().map(Some).collect()
}

/// Dimension `d`'s part of the explained variance, in percent of R².
fn relative_share(shares: Option<&[f64]>, d: usize, r_squared: f64) -> Option<f64> {
    let share = shares?.get(d)?;
    (r_squared > 0.0).then(|| 100.0 * share / r_squared)
}

/// The impact-versus-score chart for the first outcome item with drivers, where the
/// organisation's dimension means are shown.
pub(super) fn impact_chart(
    words: &Words<'_>,
    assessment: &Assessment,
    wave: &WaveScores,
    names: &[String],
) -> Option<Chart> {
    let drivers = wave.drivers.iter().find(|d| d.r_squared.is_some_and(|r2| r2 > 0.0))?;
    let organisation = wave.organisation.figures.shown()?;
    let r_squared = drivers.r_squared?;
    let points: Vec<ScatterPoint> = names
        .iter()
        .enumerate()
        .filter_map(|(d, name)| {
            Some(ScatterPoint {
                label: name.clone(),
                x: organisation.dimensions[d].mean()?,
                y: relative_share(drivers.shares.as_deref(), d, r_squared)?,
            })
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    let scale = &assessment.instrument.scale;
    // The score axis spans the points, in half points, within the scale.
    let low = points.iter().map(|p| p.x).fold(f64::MAX, f64::min);
    let high = points.iter().map(|p| p.x).fold(f64::MIN, f64::max);
    let x_min = ((low - 0.25) * 2.0).floor().max(2.0 * scale.min as f64) / 2.0;
    let x_max = ((high + 0.25) * 2.0).ceil().min(2.0 * scale.max as f64) / 2.0;
    let top = points.iter().map(|p| p.y).fold(0.0, f64::max);
    let outcome = &assessment.instrument.outcomes[drivers.outcome];
    Some(Chart {
        title: words.t("impact_chart_title").replace("{outcome}", &words.name(&outcome.name)),
        description: words.t("impact_chart_description"),
        data_label: words.t("chart_data"),
        palette: words.palette.clone(),
        kind: ChartKind::Scatter(Box::new(Scatter {
            x_label: words.t("impact_chart_x"),
            y_label: words.t("impact_chart_y"),
            priority: words.t("impact_chart_priority"),
            points,
            x_min,
            x_max: x_max.max(x_min + 0.5),
            y_max: ((top + 5.0) / 10.0).ceil() * 10.0,
        })),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_rounded_to_add_up_to_a_hundred() {
        // 35.7 + 44.5 + 19.8 = 100, but rounded one by one they make 101.
        let exact = [Some(35.7), Some(44.5), Some(19.8)];
        assert_eq!(rounded_to_hundred(&exact), [Some(36), Some(44), Some(20)]);
        assert_eq!(rounded_to_hundred(&[Some(50.0), Some(50.0)]), [Some(50), Some(50)]);
        assert_eq!(rounded_to_hundred(&[Some(40.4), None]), [Some(40), None]);
    }
}
