//! Chart blocks as vector shapes: a walk over the [`crate::figure`] drawing of the chart, the
//! same drawing the HTML writes as SVG, so the PDF has every marker, dash pattern, label,
//! group row and withheld cell the web page has. The drawing's CSS px become points (1 px =
//! 0.75 pt), smaller still when the chart is wider than the column or taller than a page. The
//! chart's title comes above it and its description below.

use super::fonts::Role;
use super::layout::{Dash, Draw, Layout, Pen, TextStyle};
use super::style::Colour;
use crate::document::Inline;
use crate::figure::{self, Anchor, Figure, Paint, Shape, Stroke, palette};

/// Points per CSS px.
const PT_PER_PX: f32 = 0.75;
/// Room for the title above the drawing.
const TITLE_HEIGHT: f32 = 20.0;
/// Room kept below the drawing for the start of its description.
const DESCRIPTION_ROOM: f32 = 40.0;

impl Layout<'_> {
    /// Points per px of a drawing: 0.75, less when it is wider than the column or too tall for
    /// a page with its title and two lines of description.
    fn chart_scale(&self, drawing: &figure::Drawing, indent: f32) -> f32 {
        let style = self.style;
        let page_room = style.bottom() - style.margin_top - TITLE_HEIGHT - DESCRIPTION_ROOM;
        let (width, height) = (drawing.width as f32, drawing.height as f32);
        PT_PER_PX.min((style.column() - indent) / width).min(page_room / height)
    }

    /// The height a chart needs on its page: title, drawing and two lines of description.
    pub(super) fn chart_room(&self, figure: &Figure, indent: f32) -> f32 {
        let drawing = &figure.drawing;
        TITLE_HEIGHT + drawing.height as f32 * self.chart_scale(drawing, indent) + DESCRIPTION_ROOM
    }

    pub(super) fn chart(&mut self, figure: &Figure, indent: f32) {
        let style = self.style;
        let (chart, drawing) = (&figure.chart, &figure.drawing);
        let scale = self.chart_scale(drawing, indent);
        let height = drawing.height as f32;
        self.ensure(TITLE_HEIGHT + height * scale + DESCRIPTION_ROOM);
        self.gap(style.paragraph_gap);
        let title_style = TextStyle { bold: true, ..TextStyle::plain(Role::Heading, style.body_size, style.text) };
        let (x0, top) = (style.margin_left + indent, self.y);
        let title =
            Draw::Text { x: x0, y: top + style.body_size, style: title_style, text: chart.title.clone(), spacing: 0.0 };
        self.page().draws.push(title);
        let top = top + TITLE_HEIGHT;
        let at = |(x, y): figure::Point| (x0 + x as f32 * scale, top + y as f32 * scale);
        let mut draws = Vec::new();
        for shape in &drawing.shapes {
            match shape {
                Shape::Text { x: px, y: py, anchor, role, text, .. } => {
                    let mut text_style = TextStyle {
                        bold: role.bold(),
                        ..TextStyle::plain(
                            if role.bold() { Role::Heading } else { Role::Body },
                            role.size() as f32 * scale,
                            colour(role.colour()),
                        )
                    };
                    let (x, y) = at((*px, *py));
                    let em = self.fonts.width(text_style.role, text_style.bold, text);
                    // The page's fonts are wider than the estimate the drawing was laid out with
                    // for long Latin labels: a text that would run past the canvas (into the
                    // margin) is set smaller until it fits.
                    let canvas = drawing.width as f32 * scale;
                    let room = match anchor {
                        Anchor::Start => canvas - *px as f32 * scale,
                        Anchor::Middle => 2.0 * (*px as f32 * scale).min(canvas - *px as f32 * scale),
                        Anchor::End => *px as f32 * scale,
                    };
                    if em * text_style.size > room && room > 0.0 {
                        text_style.size = room / em;
                    }
                    let measured = em * text_style.size;
                    let x = match anchor {
                        Anchor::Start => x,
                        Anchor::Middle => x - measured / 2.0,
                        Anchor::End => x - measured,
                    };
                    draws.push(Draw::Text { x, y, style: text_style, text: text.clone(), spacing: 0.0 });
                }
                Shape::Rect { x, y, width, height, fill, stroke } => {
                    let corners = [(*x, *y), (x + width, *y), (x + width, y + height), (*x, y + height)];
                    let corners: Vec<(f32, f32)> = corners.into_iter().map(at).collect();
                    let ground = match fill {
                        Paint::Colour(c) => *c,
                        Paint::Withheld => palette::WITHHELD_GROUND,
                    };
                    draws.push(path(corners.clone(), true, Some(ground), None, scale));
                    if *fill == Paint::Withheld {
                        let hatch = Stroke { width: Some(palette::HATCH_WIDTH), ..Stroke::rule(palette::GRID) };
                        for (from, to) in figure::hatch(*x, *y, *width, *height) {
                            draws.push(path(vec![at(from), at(to)], false, None, Some(&hatch), scale));
                        }
                    }
                    if stroke.is_some() {
                        draws.push(path(corners, true, None, stroke.as_ref(), scale));
                    }
                }
                Shape::Line { from, to, stroke } => {
                    draws.push(path(vec![at(*from), at(*to)], false, None, Some(stroke), scale))
                }
                Shape::Polyline { points, stroke } => {
                    draws.push(path(points.iter().copied().map(at).collect(), false, None, Some(stroke), scale))
                }
                Shape::Polygon { points, fill, stroke } => {
                    draws.push(path(points.iter().copied().map(at).collect(), true, *fill, Some(stroke), scale))
                }
                Shape::Marker { x, y, shape, colour } => {
                    let outline = figure::marker_outline(*shape, *x, *y).into_iter().map(at).collect();
                    draws.push(path(outline, true, Some(*colour), None, scale));
                }
            }
        }
        self.page().draws.extend(draws);
        self.y = top + height * scale;
        let description = [Inline::Text(chart.description.clone())];
        self.paragraph(&description, indent, style.small_size, style.muted, false, false);
    }
}

/// A path through points already on the page; stroke widths and dash lengths are scaled from
/// px like the coordinates.
fn path(
    points: Vec<(f32, f32)>,
    closed: bool,
    fill: Option<figure::Colour>,
    stroke: Option<&Stroke>,
    scale: f32,
) -> Draw {
    let stroke = stroke.map(|stroke| Pen {
        colour: colour(stroke.colour),
        width: stroke.px() as f32 * scale,
        dash: match stroke.dash {
            Some(lengths) if !lengths.is_empty() => Dash::Pattern(lengths.iter().map(|l| *l as f32 * scale).collect()),
            _ => Dash::Solid,
        },
    });
    Draw::Path { points, closed, fill: fill.map(|c| (colour(c), c.opacity() as f32)), stroke }
}

fn colour(colour: figure::Colour) -> Colour {
    let part = |v: u8| f32::from(v) / 255.0;
    Colour(part(colour.r), part(colour.g), part(colour.b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::TextRole;

    #[test]
    fn dash_patterns_and_widths_scale_with_the_drawing() {
        let stroke = Stroke { colour: palette::SERIES[1], width: Some(2.5), dash: Some(palette::DASHES[1]) };
        let Draw::Path { stroke: Some(pen), .. } = path(vec![(0.0, 0.0), (1.0, 1.0)], false, None, Some(&stroke), 0.5)
        else {
            panic!("a path with a pen")
        };
        assert_eq!(pen.width, 1.25);
        assert_eq!(pen.dash, Dash::Pattern(vec![3.0, 2.0]));
    }

    #[test]
    fn see_through_fills_keep_their_opacity() {
        let area = palette::SERIES[0].with_alpha(palette::AREA_ALPHA);
        let Draw::Path { fill: Some((_, opacity)), .. } = path(Vec::new(), true, Some(area), None, 1.0) else {
            panic!("a filled path")
        };
        assert!((opacity - 0.2).abs() < 1e-6);
    }

    #[test]
    fn values_on_dark_fills_are_white() {
        assert_eq!(colour(TextRole::ValueOnDark.colour()), Colour(1.0, 1.0, 1.0));
    }
}
