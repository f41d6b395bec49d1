//! What the charts of several series (radar, trend) share: each series' marker, the legend of
//! line samples with markers and names, and the table of every series' figures.

use super::spec::Series;
use super::{Anchor, Cells, DataRow, DataTable, MarkerShape, Shape, Stroke, TextRole, number, palette};

/// Series `index`'s marker at (x, y).
pub(super) fn marker(index: usize, x: f64, y: f64) -> Shape {
    Shape::Marker { x, y, shape: MarkerShape::of_series(index), colour: palette::series(index).0 }
}

/// Series `index`'s line: its colour and dash pattern, `width` px wide.
pub(super) fn stroke(index: usize, width: f64) -> Stroke {
    let (colour, dash) = palette::series(index);
    Stroke { colour, width: Some(width), dash: Some(dash) }
}

/// One entry per series along a line at `y`, from the left: a line sample with the marker on
/// it, then the name.
pub(super) fn legend(series: &[Series], y: f64, shapes: &mut Vec<Shape>) {
    let mut x = 20.0;
    for (index, s) in series.iter().enumerate() {
        shapes.push(Shape::Line { from: (x, y), to: (x + 28.0, y), stroke: stroke(index, 2.5) });
        shapes.push(marker(index, x + 14.0, y));
        let name = Shape::text(x + 36.0, y + 4.0, Anchor::Start, TextRole::Legend, &s.name);
        let Shape::Text { width, .. } = name else { unreachable!("a text shape") };
        shapes.push(name);
        x += 52.0 + width;
    }
}

/// A row per label, a column per series, figures with `decimals` places.
pub(super) fn table(labels: &[String], series: &[Series], decimals: usize) -> DataTable {
    let rows = labels
        .iter()
        .enumerate()
        .map(|(index, label)| DataRow {
            label: label.clone(),
            cells: Cells::Values(
                series
                    .iter()
                    .map(|s| s.values.get(index).copied().flatten().map_or("–".to_string(), |v| number(v, decimals)))
                    .collect(),
            ),
        })
        .collect();
    DataTable { columns: series.iter().map(|s| s.name.clone()).collect(), rows }
}
