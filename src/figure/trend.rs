//! The trend chart: series over time, one point per wave, on gridlines at every whole step of
//! the scale, each point labelled with its value beside it (left of the point, right of it in
//! the last wave), the labels of one wave spread apart vertically so that close values never
//! print over each other.

use super::spec::Series;
use super::{Anchor, Drawing, Shape, Stroke, TextRole, number, palette, series};

pub(super) fn draw(points: &[String], series: &[Series], min: f64, max: f64) -> Drawing {
    let (width, height) = (560u32, 300u32);
    let (left, right, top, bottom) = (48.0, 530.0, 20.0, 230.0);
    let x_of = |i: usize| {
        if points.len() <= 1 {
            (left + right) / 2.0
        } else {
            left + 50.0 + (right - left - 100.0) * i as f64 / (points.len() - 1) as f64
        }
    };
    let y_of = |v: f64| bottom - (bottom - top) * ((v - min) / (max - min)).clamp(0.0, 1.0);
    let mut shapes = Vec::new();
    let steps = (max - min).round().max(1.0) as usize;
    for step in 0..=steps {
        let value = min + (max - min) * step as f64 / steps as f64;
        let y = y_of(value);
        shapes.push(Shape::Line { from: (left, y), to: (right, y), stroke: Stroke::rule(palette::GRID_LIGHT) });
        shapes.push(Shape::text(left - 8.0, y + 4.0, Anchor::End, TextRole::Tick, &number(value, 0)));
    }
    for (i, label) in points.iter().enumerate() {
        shapes.push(Shape::text(x_of(i), bottom + 20.0, Anchor::Middle, TextRole::Axis, label));
    }
    for (index, s) in series.iter().enumerate() {
        let present: Vec<(f64, f64)> =
            s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x_of(i), y_of(v)))).collect();
        if present.len() >= 2 {
            shapes.push(Shape::Polyline { points: present.clone(), stroke: series::stroke(index, 2.5) });
        }
        for (x, y) in present {
            shapes.push(series::marker(index, x, y));
        }
    }
    for i in 0..points.len() {
        let mut column: Vec<(f64, f64)> =
            series.iter().filter_map(|s| s.values.get(i).copied().flatten()).map(|v| (y_of(v), v)).collect();
        column.sort_by(|a, b| a.0.total_cmp(&b.0));
        let centres = spread(&column.iter().map(|(y, _)| *y).collect::<Vec<_>>(), LABEL_GAP, top, bottom);
        let last = i + 1 == points.len() && points.len() > 1;
        let (dx, anchor) = if last { (9.0, Anchor::Start) } else { (-9.0, Anchor::End) };
        for ((_, value), centre) in column.iter().zip(centres) {
            shapes.push(Shape::text(x_of(i) + dx, centre + 4.0, anchor, TextRole::Value, &number(*value, 2)));
        }
    }
    series::legend(series, f64::from(height) - 18.0, &mut shapes);
    Drawing { kind: "trend", width, height, shapes, table: series::table(points, series, 2) }
}

/// Vertical distance between the centres of two value labels: their text height and a little.
const LABEL_GAP: f64 = 13.0;

/// Label centres for points at `ys` (sorted, top first): each as near its point as it can be,
/// at least `gap` apart, the group kept centred on its points and inside `top..=bottom`.
fn spread(ys: &[f64], gap: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut placed: Vec<f64> = Vec::with_capacity(ys.len());
    for y in ys {
        let lowest = placed.last().map_or(f64::MIN, |p| p + gap);
        placed.push(y.max(lowest));
    }
    if placed.is_empty() {
        return placed;
    }
    // Pushing down moved the group off its points: move it back up by half of that.
    let shift = placed.iter().zip(ys).map(|(p, y)| p - y).sum::<f64>() / placed.len() as f64 / 2.0;
    let first = placed[0] - shift;
    let last = placed[placed.len() - 1] - shift;
    let fit = if first < top {
        top - first
    } else if last > bottom {
        bottom - last
    } else {
        0.0
    };
    placed.iter().map(|p| p - shift + fit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_is_labelled_with_its_value() {
        let series = vec![Series { name: "a".into(), values: vec![Some(3.25), None, Some(4.0)] }];
        let points = ["W1".to_string(), "W2".into(), "W3".into()];
        let drawing = draw(&points, &series, 1.0, 5.0);
        let values: Vec<&str> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, role: TextRole::Value, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(values, ["3.25", "4.00"]);
    }

    #[test]
    fn labels_of_close_values_keep_apart() {
        // Three dimensions within 0.11 of each other: 6 pixels apart on the scale.
        let series: Vec<Series> = [3.22, 3.20, 3.31]
            .iter()
            .map(|v| Series { name: "d".into(), values: vec![Some(*v), Some(*v + 0.01)] })
            .collect();
        let drawing = draw(&["W1".to_string(), "W2".into()], &series, 1.0, 5.0);
        let mut by_x: std::collections::BTreeMap<i64, Vec<f64>> = Default::default();
        for shape in &drawing.shapes {
            if let Shape::Text { x, y, role: TextRole::Value, .. } = shape {
                by_x.entry(*x as i64).or_default().push(*y);
            }
        }
        assert_eq!(by_x.len(), 2);
        for ys in by_x.values_mut() {
            ys.sort_by(f64::total_cmp);
            assert_eq!(ys.len(), 3);
            assert!(ys.windows(2).all(|w| w[1] - w[0] >= LABEL_GAP - 1e-9), "{ys:?}");
        }
    }

    #[test]
    fn spread_leaves_distant_labels_at_their_points() {
        assert_eq!(spread(&[20.0, 100.0], 13.0, 0.0, 200.0), [20.0, 100.0]);
        let placed = spread(&[50.0, 52.0], 13.0, 0.0, 200.0);
        assert!((placed[1] - placed[0] - 13.0).abs() < 1e-9 && placed[0] < 50.0, "{placed:?}");
    }
}
