//! The radar chart: a few series' values on shared axes (the dimensions), drawn as overlaid
//! polygons over rings at every whole step of the scale, the first series' area tinted.

use super::spec::Series;
use super::{Anchor, Drawing, Point, Shape, Stroke, TextRole, number, palette, series};

pub(super) fn draw(axes: &[String], series: &[Series], min: f64, max: f64) -> Drawing {
    let (width, height) = (420u32, 380u32);
    let (cx, cy, radius) = (210.0, 175.0, 120.0);
    let n = axes.len().max(3) as f64;
    let angle = |i: usize| -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
    let point = |i: usize, value: f64| -> Point {
        let r = radius * ((value - min) / (max - min)).clamp(0.0, 1.0);
        (cx + r * angle(i).cos(), cy + r * angle(i).sin())
    };
    let mut shapes = Vec::new();
    let steps = (max - min).round().max(1.0) as usize;
    for step in 1..=steps {
        let value = min + (max - min) * step as f64 / steps as f64;
        let ring = (0..axes.len()).map(|i| point(i, value)).collect();
        let stroke = Stroke { width: Some(1.0), ..Stroke::rule(palette::GRID) };
        shapes.push(Shape::Polygon { points: ring, fill: None, stroke });
        let (_, y) = point(0, value);
        shapes.push(Shape::text(cx + 4.0, y + 4.0, Anchor::Start, TextRole::Tick, &number(value, 0)));
    }
    for (i, axis) in axes.iter().enumerate() {
        shapes.push(Shape::Line { from: (cx, cy), to: point(i, max), stroke: Stroke::rule(palette::GRID) });
        let (lx, ly) = (cx + (radius + 22.0) * angle(i).cos(), cy + (radius + 22.0) * angle(i).sin());
        let anchor = if lx < cx - 5.0 {
            Anchor::End
        } else if lx > cx + 5.0 {
            Anchor::Start
        } else {
            Anchor::Middle
        };
        shapes.push(Shape::text(lx, ly + 5.0, anchor, TextRole::Axis, axis));
    }
    for (index, s) in series.iter().enumerate() {
        let points: Vec<Point> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| point(i, v))).collect();
        if points.len() == axes.len() && points.len() >= 3 {
            let fill = (index == 0).then(|| palette::series(index).0.with_alpha(palette::AREA_ALPHA));
            shapes.push(Shape::Polygon { points: points.clone(), fill, stroke: series::stroke(index, 2.5) });
        }
        shapes.extend(points.into_iter().map(|(x, y)| series::marker(index, x, y)));
    }
    series::legend(series, f64::from(height) - 22.0, &mut shapes);
    Drawing { kind: "radar", width, height, shapes, table: series::table(axes, series, 2) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::Shape;

    #[test]
    fn a_series_with_a_gap_has_markers_but_no_polygon() {
        let series = vec![
            Series { name: "a".into(), values: vec![Some(4.0), Some(3.0), Some(2.0)] },
            Series { name: "b".into(), values: vec![Some(4.0), None, Some(2.0)] },
        ];
        let axes = ["x".to_string(), "y".into(), "z".into()];
        let drawing = draw(&axes, &series, 1.0, 5.0);
        let polygons = drawing.shapes.iter().filter(|s| matches!(s, Shape::Polygon { .. })).count();
        assert_eq!(polygons, 4 + 1, "four rings and the complete series");
        let markers = drawing.shapes.iter().filter(|s| matches!(s, Shape::Marker { .. })).count();
        assert_eq!(markers, 3 + 2 + 2, "points of both series and one per legend entry");
    }
}
