//! The charts of a team report, as specs for the figure module: the team against the
//! organisation per dimension (radar), each item's answer split (stacked bars), and the team's
//! dimensions over the waves (trend).

use super::words::{Words, item_label};
use crate::document::{Chart, ChartKind, Series, StackedRow};
use crate::scoring::{Assessment, Figures, Reported, Score};

pub(super) fn radar(words: &Words<'_>, figures: &Figures, organisation: Option<&Figures>, names: &[String]) -> Chart {
    let mut series = vec![Series {
        name: words.t("this_team"),
        values: figures.dimensions.iter().map(Reported::<Score>::mean).collect(),
    }];
    if let Some(o) = organisation {
        series.push(Series {
            name: words.t("organisation"),
            values: o.dimensions.iter().map(Reported::<Score>::mean).collect(),
        });
    }
    Chart {
        title: words.t("chart_radar_title"),
        description: words.t("chart_radar_description"),
        data_label: words.t("chart_data"),
        palette: words.palette.clone(),
        kind: ChartKind::Radar { axes: names.to_vec(), series, min: 1.0, max: 5.0 },
    }
}

pub(super) fn items_chart(words: &Words<'_>, assessment: &Assessment, figures: &Figures) -> Chart {
    // The dimensions' items; outcome items have their own table.
    let rows = assessment
        .instrument
        .dimension_items()
        .filter_map(|i| Some((i, figures.items[i].shown()?)))
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
        palette: words.palette.clone(),
        kind: ChartKind::StackedBars {
            categories: [words.t("favourable"), words.t("neutral"), words.t("unfavourable")],
            rows,
        },
    }
}

/// The team's dimension means over every wave up to `wave` in which its figures were shown.
pub(super) fn trend_chart(
    words: &Words<'_>,
    assessment: &Assessment,
    team: usize,
    wave: usize,
    names: &[String],
) -> Option<Chart> {
    let waves: Vec<(String, &Figures)> = assessment.scores.waves[..=wave]
        .iter()
        .enumerate()
        .filter_map(|(i, w)| Some((words.wave_name(&assessment.organisation, i), w.teams[team].figures.shown()?)))
        .collect();
    if waves.len() < 2 {
        return None;
    }
    let series = names
        .iter()
        .enumerate()
        .map(|(d, name)| Series {
            name: name.clone(),
            values: waves.iter().map(|(_, f)| f.dimensions[d].mean()).collect(),
        })
        .collect();
    Some(Chart {
        title: words.t("chart_trend_title"),
        description: words.t("chart_trend_description"),
        data_label: words.t("chart_data"),
        palette: words.palette.clone(),
        kind: ChartKind::Trend { points: waves.iter().map(|(w, _)| w.clone()).collect(), series, min: 1.0, max: 5.0 },
    })
}
