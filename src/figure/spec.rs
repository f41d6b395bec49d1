//! What a chart shows, as composition writes it (JSON in a fenced `chart` block of a report
//! template) and the figure module reads it: the data, not the geometry.

use serde::Serialize;

/// A chart with all its data, so each renderer can draw it (SVG in HTML, vector graphics in
/// PDF) and list its figures as a table.
// No `deny_unknown_fields` here: serde does not support it together with `flatten`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
pub struct Chart {
    pub title: String,
    /// One or two sentences saying what the chart shows, for screen readers and captions.
    pub description: String,
    /// Label of the table that lists the chart's figures ("Show the figures").
    #[serde(default)]
    pub data_label: String,
    #[serde(flatten)]
    pub kind: ChartKind,
    /// Series colours in place of the default ones (the brand's `colours.chart`), in order;
    /// empty for the default palette.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub palette: Vec<super::Colour>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChartKind {
    /// Values of a few series on shared axes (dimensions), drawn as overlaid polygons.
    Radar { axes: Vec<String>, series: Vec<Series>, min: f64, max: f64 },
    /// Per row, favourable / neutral / unfavourable shares adding up to 100.
    StackedBars { categories: [String; 3], rows: Vec<StackedRow> },
    /// Series over time: one point per wave.
    Trend { points: Vec<String>, series: Vec<Series>, min: f64, max: f64 },
    /// Rows (teams, grouped) against columns (dimensions); empty cells carry a note.
    Heatmap { columns: Vec<String>, rows: Vec<HeatRow>, min: f64, max: f64 },
    /// Points (dimensions) by score across and weight in an outcome up; boxed, as it carries
    /// more than the other kinds.
    Scatter(Box<Scatter>),
}

/// Points by score across and weight in an outcome up, in percent; the corner of high weight
/// and low score is named by `priority`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scatter {
    pub x_label: String,
    pub y_label: String,
    pub priority: String,
    pub points: Vec<ScatterPoint>,
    pub x_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScatterPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    /// One per axis or point; `None` where there is no figure.
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StackedRow {
    pub label: String,
    /// Favourable, neutral, unfavourable, in percent.
    pub values: [f64; 3],
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HeatRow {
    pub label: String,
    /// A heading the row belongs under (a unit), repeated on each row of the group.
    #[serde(default)]
    pub group: String,
    pub cells: Vec<Option<f64>>,
    /// Shown instead of empty cells (why the figures are withheld).
    #[serde(default)]
    pub note: String,
}
