//! The impact-versus-score chart: one marked point per dimension, its score across and its
//! weight in an outcome (its share of what the dimensions together explain) up, with guide
//! lines at the points' averages. The top-left corner (weighs much, scores low) is where
//! improvement pays most, and the chart says so there.

use super::spec::ScatterPoint;
use super::{Anchor, Cells, DataRow, DataTable, Drawing, Shape, Stroke, TextRole, number, palette, series};

/// The axes' names and the corner's words.
pub(super) struct Labels<'a> {
    pub x: &'a str,
    pub y: &'a str,
    pub priority: &'a str,
}

pub(super) fn draw(labels: &Labels<'_>, points: &[ScatterPoint], (x_min, x_max): (f64, f64), y_max: f64) -> Drawing {
    let (width, height) = (560u32, 340u32);
    let (left, right, top, bottom) = (64.0, 520.0, 28.0, 270.0);
    let x_of = |v: f64| left + (right - left) * ((v - x_min) / (x_max - x_min)).clamp(0.0, 1.0);
    let y_of = |v: f64| bottom - (bottom - top) * (v / y_max).clamp(0.0, 1.0);
    let mut shapes = Vec::new();
    // Gridlines: every half point of the score, every tenth of the weight.
    let x_steps = ((x_max - x_min) / 0.5).round().max(1.0) as usize;
    for step in 0..=x_steps {
        let value = x_min + (x_max - x_min) * step as f64 / x_steps as f64;
        let x = x_of(value);
        shapes.push(Shape::Line { from: (x, top), to: (x, bottom), stroke: Stroke::rule(palette::GRID_LIGHT) });
        shapes.push(Shape::text(x, bottom + 16.0, Anchor::Middle, TextRole::Tick, &number(value, 1)));
    }
    let y_steps = (y_max / 10.0).round().max(1.0) as usize;
    for step in 0..=y_steps {
        let value = y_max * step as f64 / y_steps as f64;
        let y = y_of(value);
        shapes.push(Shape::Line { from: (left, y), to: (right, y), stroke: Stroke::rule(palette::GRID_LIGHT) });
        shapes.push(Shape::text(left - 8.0, y + 4.0, Anchor::End, TextRole::Tick, &format!("{value:.0}%")));
    }
    shapes.push(Shape::text((left + right) / 2.0, bottom + 38.0, Anchor::Middle, TextRole::Axis, labels.x));
    shapes.push(Shape::text(left - 8.0, top - 12.0, Anchor::Start, TextRole::Axis, labels.y));
    // Guides at the averages: what lies left of and above them is the priority.
    if !points.is_empty() {
        let n = points.len() as f64;
        let (mean_x, mean_y) =
            (points.iter().map(|p| p.x).sum::<f64>() / n, points.iter().map(|p| p.y).sum::<f64>() / n);
        let guide = Stroke { colour: palette::GRID, width: Some(1.5), dash: Some(&[5.0, 4.0]) };
        shapes.push(Shape::Line { from: (x_of(mean_x), top), to: (x_of(mean_x), bottom), stroke: guide });
        shapes.push(Shape::Line { from: (left, y_of(mean_y)), to: (right, y_of(mean_y)), stroke: guide });
        shapes.push(Shape::text(left + 6.0, top + 14.0, Anchor::Start, TextRole::Note, labels.priority));
    }
    for (index, point) in points.iter().enumerate() {
        let (x, y) = (x_of(point.x), y_of(point.y));
        shapes.push(series::marker(index, x, y));
        // Beside the point, on the side with room.
        let (dx, anchor) = if x > right - 120.0 { (-9.0, Anchor::End) } else { (9.0, Anchor::Start) };
        shapes.push(Shape::text(x + dx, y + 4.0, anchor, TextRole::Label, &point.label));
    }
    let table = DataTable {
        columns: vec![labels.x.to_string(), labels.y.to_string()],
        rows: points
            .iter()
            .map(|p| DataRow {
                label: p.label.clone(),
                cells: Cells::Values(vec![number(p.x, 2), format!("{}%", number(p.y, 0))]),
            })
            .collect(),
    };
    Drawing { kind: "scatter", width, height, shapes, table }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_is_marked_and_named_where_its_figures_put_it() {
        let points = vec![
            ScatterPoint { label: "能力".into(), x: 3.8, y: 25.0 },
            ScatterPoint { label: "诚信".into(), x: 3.6, y: 45.0 },
            ScatterPoint { label: "善意".into(), x: 3.7, y: 30.0 },
        ];
        let labels = Labels { x: "Score", y: "Weight", priority: "Priority" };
        let drawing = draw(&labels, &points, (3.0, 4.5), 60.0);
        let markers: Vec<(f64, f64)> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Marker { x, y, .. } => Some((*x, *y)),
                _ => None,
            })
            .collect();
        assert_eq!(markers.len(), 3);
        // Integrity weighs most and scores lowest: furthest up and left.
        assert!(markers[1].1 < markers[2].1 && markers[2].1 < markers[0].1, "{markers:?}");
        assert!(markers[1].0 < markers[2].0 && markers[2].0 < markers[0].0, "{markers:?}");
        let named = drawing.shapes.iter().filter(|s| matches!(s, Shape::Text { text, .. } if text == "诚信")).count();
        assert_eq!(named, 1);
        assert_eq!(drawing.table.rows[1].cells, Cells::Values(vec!["3.60".into(), "45%".into()]));
    }
}
