//! Chart blocks drawn as vector shapes: the same radar, stacked bars, trend lines and heat map
//! as the HTML's SVG, in the Okabe-Ito colours, followed by the chart's description.

use super::fonts::Role;
use super::layout::{Dash, Draw, Layout, TextStyle};
use super::style::Colour;
use crate::document::{Chart, ChartKind, Inline};

impl Layout<'_> {
    pub(super) fn chart(&mut self, chart: &Chart, indent: f32) {
        let style = self.style;
        let width = (style.column() - indent).min(440.0);
        let x0 = style.margin_left + indent;
        let title_style = TextStyle { bold: true, ..TextStyle::plain(Role::Heading, style.body_size, style.text) };
        let small = TextStyle::plain(Role::Body, style.small_size, style.muted);
        let palette = [Colour::hex("#0072B2"), Colour::hex("#E69F00"), Colour::hex("#009E73"), Colour::hex("#D55E00")]
            .map(|c| c.unwrap_or(style.accent));
        let height = match &chart.kind {
            ChartKind::Radar { .. } => 230.0,
            ChartKind::StackedBars { rows, .. } => 24.0 + rows.len() as f32 * 26.0,
            ChartKind::Trend { .. } => 190.0,
            ChartKind::Heatmap { rows, .. } => 24.0 + rows.len() as f32 * 18.0,
        };
        self.ensure(height + 40.0);
        self.gap(style.paragraph_gap);
        let top = self.y;
        self.page().draws.push(Draw::Text {
            x: x0,
            y: top + style.body_size,
            style: title_style,
            text: chart.title.clone(),
            spacing: 0.0,
        });
        let top = top + 20.0;
        let mut draws = Vec::new();
        let text =
            |x: f32, y: f32, s: &TextStyle, t: String| Draw::Text { x, y, style: s.clone(), text: t, spacing: 0.0 };
        match &chart.kind {
            ChartKind::StackedBars { categories, rows } => {
                let colours = [style.accent, Colour(0.85, 0.85, 0.85), palette[3]];
                let mut x = x0;
                for (i, category) in categories.iter().enumerate() {
                    draws.push(Draw::Rect { x, y: top, width: 8.0, height: 8.0, fill: Some(colours[i]), stroke: None });
                    draws.push(text(x + 11.0, top + 7.5, &small, category.clone()));
                    x += 20.0 + self.fonts.width(Role::Body, false, category) * style.small_size;
                }
                for (r, row) in rows.iter().enumerate() {
                    let y = top + 16.0 + r as f32 * 26.0;
                    draws.push(text(x0, y + 8.0, &small, row.label.clone()));
                    let mut x = x0;
                    for (i, value) in row.values.iter().enumerate() {
                        let w = width * (*value as f32).clamp(0.0, 100.0) / 100.0;
                        if w > 0.0 {
                            draws.push(Draw::Rect {
                                x,
                                y: y + 11.0,
                                width: w,
                                height: 10.0,
                                fill: Some(colours[i]),
                                stroke: None,
                            });
                        }
                        x += w;
                    }
                }
            }
            ChartKind::Heatmap { columns, rows, min, max } => {
                let label_width = width * 0.35;
                let cell = (width - label_width) / columns.len().max(1) as f32;
                for (c, column) in columns.iter().enumerate() {
                    draws.push(text(x0 + label_width + c as f32 * cell + 4.0, top + 8.0, &small, column.clone()));
                }
                for (r, row) in rows.iter().enumerate() {
                    let y = top + 14.0 + r as f32 * 18.0;
                    draws.push(text(x0, y + 11.0, &small, row.label.clone()));
                    for (c, value) in row.cells.iter().enumerate() {
                        let x = x0 + label_width + c as f32 * cell;
                        match value {
                            Some(v) => {
                                let t = ((v - min) / (max - min)).clamp(0.0, 1.0) as f32;
                                let fill = Colour(0.91 - 0.88 * t, 0.95 - 0.68 * t, 0.97 - 0.48 * t);
                                let ink = if t > 0.55 { Colour(1.0, 1.0, 1.0) } else { style.text };
                                draws.push(Draw::Rect {
                                    x: x + 1.0,
                                    y,
                                    width: cell - 2.0,
                                    height: 16.0,
                                    fill: Some(fill),
                                    stroke: None,
                                });
                                draws.push(text(
                                    x + 4.0,
                                    y + 11.5,
                                    &TextStyle { colour: ink, ..small.clone() },
                                    format!("{v:.2}"),
                                ));
                            }
                            None => draws.push(Draw::Rect {
                                x: x + 1.0,
                                y,
                                width: cell - 2.0,
                                height: 16.0,
                                fill: Some(style.fill),
                                stroke: Some(style.rule),
                            }),
                        }
                    }
                    if row.cells.iter().all(Option::is_none) && !row.note.is_empty() {
                        draws.push(text(x0 + label_width + 4.0, y + 11.5, &small, row.note.clone()));
                    }
                }
            }
            ChartKind::Radar { axes, series, min, max } | ChartKind::Trend { points: axes, series, min, max } => {
                let is_radar = matches!(chart.kind, ChartKind::Radar { .. });
                let (cx, cy, radius) = (x0 + width / 2.0, top + 95.0, 80.0);
                let span = (max - min) as f32;
                let at = |i: usize, v: f64| -> (f32, f32) {
                    if is_radar {
                        let angle =
                            -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * i as f32 / axes.len().max(3) as f32;
                        let r = radius * ((v - min) as f32 / span).clamp(0.0, 1.0);
                        (cx + r * angle.cos(), cy + r * angle.sin())
                    } else {
                        let x = x0
                            + 40.0
                            + (width - 80.0) * if axes.len() > 1 { i as f32 / (axes.len() - 1) as f32 } else { 0.5 };
                        (x, top + 150.0 - 140.0 * ((v - min) as f32 / span).clamp(0.0, 1.0))
                    }
                };
                let steps = span.round().max(1.0) as usize;
                for step in 0..=steps {
                    let v = min + (max - min) * step as f64 / steps as f64;
                    if is_radar {
                        let ring: Vec<(f32, f32)> = (0..axes.len()).map(|i| at(i, v)).collect();
                        if step > 0 && ring.len() >= 3 {
                            draws.push(Draw::Polygon { points: ring, fill: None, stroke: Some(style.rule) });
                        }
                    } else {
                        let (_, y) = at(0, v);
                        draws.push(Draw::Line {
                            from: (x0 + 30.0, y),
                            to: (x0 + width - 20.0, y),
                            colour: style.rule,
                            width: 0.5,
                            dash: Dash::Solid,
                        });
                        draws.push(text(x0 + 10.0, y + 3.0, &small, format!("{v:.0}")));
                    }
                }
                for (i, axis) in axes.iter().enumerate() {
                    let (x, y) = if is_radar { at(i, *max + (max - min) * 0.18) } else { (at(i, *min).0, top + 165.0) };
                    let w = self.fonts.width(Role::Body, false, axis) * style.small_size;
                    draws.push(text(x - w / 2.0, y + 3.0, &small, axis.clone()));
                }
                for (s, serie) in series.iter().enumerate() {
                    let colour = palette[s % palette.len()];
                    let points: Vec<(f32, f32)> =
                        serie.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| at(i, v))).collect();
                    if is_radar && points.len() >= 3 && points.len() == axes.len() {
                        draws.push(Draw::Polygon { points: points.clone(), fill: None, stroke: Some(colour) });
                    } else {
                        for pair in points.windows(2) {
                            draws.push(Draw::Line {
                                from: pair[0],
                                to: pair[1],
                                colour,
                                width: 1.8,
                                dash: if s % 2 == 1 { Dash::Dashed } else { Dash::Solid },
                            });
                        }
                    }
                    for (x, y) in &points {
                        draws.push(Draw::Rect {
                            x: x - 2.5,
                            y: y - 2.5,
                            width: 5.0,
                            height: 5.0,
                            fill: Some(colour),
                            stroke: None,
                        });
                    }
                    let legend_y = top + if is_radar { 200.0 } else { 178.0 };
                    let lx = x0 + s as f32 * 110.0;
                    draws.push(Draw::Line {
                        from: (lx, legend_y),
                        to: (lx + 16.0, legend_y),
                        colour,
                        width: 2.0,
                        dash: if s % 2 == 1 { Dash::Dashed } else { Dash::Solid },
                    });
                    draws.push(text(lx + 20.0, legend_y + 3.0, &small, serie.name.clone()));
                }
            }
        }
        self.page().draws.extend(draws);
        self.y = top + height;
        let description = [Inline::Text(chart.description.clone())];
        self.paragraph(&description, indent, style.small_size, style.muted, false, false);
    }
}
