//! The brand's logo on PDF pages: its SVG outlines as vector paths (curves stay curves), or
//! its PNG as a picture, placed in the top right corner of a document's first page, in the band
//! above the title that later pages give the running header.

use std::sync::Arc;

use printpdf::{Color, LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt, Rgb, WindingOrder};

use super::page::Draw;
use super::style::Style;
use crate::logo::{Art, Contour, Logo, Outline, Paint, Segment};

/// The key the PNG logo is kept under among the pictures.
pub const PICTURE_KEY: &str = "brand:logo";
/// The logo's height on the page, in points, when the top margin has room for it.
const HEIGHT: f32 = 34.0;

/// The draw that puts `logo` on a first page, or `None` when the top margin is too small.
pub fn first_page_logo(logo: &Logo, style: &Style) -> Option<Draw> {
    let height = HEIGHT.min(style.margin_top - 18.0);
    if height < 12.0 {
        return None;
    }
    let width = height * logo.aspect();
    let (x, y) = (style.page_width - style.margin_right - width, style.margin_top - height - 10.0);
    Some(match &logo.art {
        Art::Vector(outlines) => Draw::Outlines { outlines: Arc::clone(outlines), x, y, scale: height / logo.height },
        Art::Png => Draw::Image { x, y, width, height, src: PICTURE_KEY.to_string() },
    })
}

/// PDF operations for outlines at (x, y) (top left, page points from the top) and `scale` points
/// per px; `flip` turns a y from the top into PDF's from the bottom.
pub fn outline_ops(outlines: &[Outline], x: f32, y: f32, scale: f32, flip: &dyn Fn(f32) -> f32) -> Vec<Op> {
    let at = |(px, py): (f32, f32), bezier: bool| LinePoint {
        p: Point { x: Pt(x + px * scale), y: Pt(flip(y + py * scale)) },
        bezier,
    };
    let ring = |contour: &Contour| {
        let mut points = vec![at(contour.start, false)];
        for segment in &contour.segments {
            match *segment {
                Segment::Line(p) => points.push(at(p, false)),
                Segment::Cubic(c1, c2, p) => points.extend([at(c1, true), at(c2, true), at(p, false)]),
            }
        }
        points
    };
    let colour = |paint: &Paint| {
        let (r, g, b) = paint.rgb;
        Color::Rgb(Rgb { r: f32::from(r) / 255.0, g: f32::from(g) / 255.0, b: f32::from(b) / 255.0, icc_profile: None })
    };
    let mut ops = Vec::new();
    for outline in outlines {
        ops.push(Op::SaveGraphicsState);
        if let Some(fill) = &outline.fill {
            ops.push(Op::SetFillColor { col: colour(fill) });
            let winding_order = if outline.even_odd { WindingOrder::EvenOdd } else { WindingOrder::NonZero };
            let rings = outline.contours.iter().map(|c| PolygonRing { points: ring(c) }).collect();
            ops.push(Op::DrawPolygon { polygon: Polygon { rings, mode: PaintMode::Fill, winding_order } });
        }
        if let Some((paint, width)) = &outline.stroke {
            ops.push(Op::SetOutlineColor { col: colour(paint) });
            ops.push(Op::SetOutlineThickness { pt: Pt(width * scale) });
            for contour in &outline.contours {
                ops.push(Op::DrawLine { line: printpdf::Line { points: ring(contour), is_closed: contour.closed } });
            }
        }
        ops.push(Op::RestoreGraphicsState);
    }
    ops
}
