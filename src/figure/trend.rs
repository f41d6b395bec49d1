//! The trend chart: series over time, one point per wave, on gridlines at every whole step of
//! the scale, each point labelled with its value (above for even series, below for odd ones,
//! so two close series keep their labels apart).

use super::spec::Series;
use super::{Anchor, Drawing, Shape, Stroke, TextRole, number, palette, series};

pub(super) fn draw(points: &[String], series: &[Series], min: f64, max: f64) -> Drawing {
    let (width, height) = (560u32, 300u32);
    let (left, right, top, bottom) = (48.0, 530.0, 20.0, 230.0);
    let x_of = |i: usize| {
        if points.len() <= 1 {
            (left + right) / 2.0
        } else {
            left + 30.0 + (right - left - 60.0) * i as f64 / (points.len() - 1) as f64
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
        let present: Vec<(f64, f64, f64)> =
            s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x_of(i), y_of(v), v))).collect();
        if present.len() >= 2 {
            let line = present.iter().map(|(x, y, _)| (*x, *y)).collect();
            shapes.push(Shape::Polyline { points: line, stroke: series::stroke(index, 2.5) });
        }
        for (x, y, v) in present {
            shapes.push(series::marker(index, x, y));
            let dy = if index % 2 == 0 { -10.0 } else { 18.0 };
            shapes.push(Shape::text(x, y + dy, Anchor::Middle, TextRole::Value, &number(v, 2)));
        }
    }
    series::legend(series, f64::from(height) - 18.0, &mut shapes);
    Drawing { kind: "trend", width, height, shapes, table: series::table(points, series, 2) }
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
}
