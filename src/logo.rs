//! The brand's logo, read once per build and checked: an SVG is parsed (by usvg) into filled
//! and stroked outlines the PDF draws as vector paths; a PNG is kept for the PDF to embed.
//! Both renderers copy the file itself for the HTML pages.
//!
//! This module owns turning the file into something every renderer can show, and refusing
//! what the PDF cannot draw faithfully (gradients, embedded pictures, text not converted to
//! outlines, clipping, masks, filters) with a message naming the setting. It does not read
//! files ([`crate::site`] hands it the bytes it read through `source`) and does not place the
//! logo on a page.

use std::sync::Arc;

/// A point of an outline, in the logo's own px from its top-left corner.
pub type Point = (f32, f32);

/// One piece of an outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    Line(Point),
    /// A cubic Bézier curve: two control points, then where it ends.
    Cubic(Point, Point, Point),
}

/// A run of segments from a start point.
#[derive(Debug, Clone, PartialEq)]
pub struct Contour {
    pub start: Point,
    pub segments: Vec<Segment>,
    pub closed: bool,
}

/// An opaque colour and its opacity (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub rgb: (u8, u8, u8),
    pub opacity: f32,
}

/// One shape of the logo, with its contours already in the logo's px.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub contours: Vec<Contour>,
    pub fill: Option<Paint>,
    /// Holes by the even-odd rule (else non-zero).
    pub even_odd: bool,
    /// Stroke paint and width in the logo's px.
    pub stroke: Option<(Paint, f32)>,
}

/// What the logo is drawn from.
#[derive(Debug, Clone)]
pub enum Art {
    /// Outlines in painting order.
    Vector(Arc<Vec<Outline>>),
    /// A PNG, as the file's bytes.
    Png,
}

/// The logo: the file as read, its size and what to draw.
#[derive(Debug, Clone)]
pub struct Logo {
    /// The file's name, for the copy beside the HTML pages (`logo.svg`).
    pub file_name: String,
    pub bytes: Arc<Vec<u8>>,
    /// Size in px (an SVG's own width and height, a PNG's pixels).
    pub width: f32,
    pub height: f32,
    pub art: Art,
}

impl Logo {
    /// Reads a logo from its file's bytes; `file_name` tells SVG from PNG. The error says
    /// what is wrong, for the caller to place at `brand.logo`.
    pub fn from_bytes(file_name: &str, bytes: Vec<u8>, max_pixels: u64) -> Result<Logo, String> {
        let lower = file_name.to_ascii_lowercase();
        let (width, height, art) = if lower.ends_with(".svg") {
            let (width, height, outlines) = svg_outlines(&bytes)?;
            (width, height, Art::Vector(Arc::new(outlines)))
        } else if lower.ends_with(".png") {
            let (width, height) = png_size(&bytes, max_pixels)?;
            (width, height, Art::Png)
        } else {
            return Err(format!("`{file_name}` is not an SVG or PNG file"));
        };
        if !(width > 0.0 && height > 0.0) {
            return Err("the logo has no size: give the SVG a width and height or a viewBox".into());
        }
        Ok(Logo { file_name: file_name.to_string(), bytes: Arc::new(bytes), width, height, art })
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width / self.height
    }
}

fn png_size(bytes: &[u8], max_pixels: u64) -> Result<(f32, f32), String> {
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Png);
    let (width, height) = reader.into_dimensions().map_err(|e| format!("it cannot be read as PNG: {e}"))?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(format!(
            "it is {width} × {height} pixels, more than `limits.image_pixels` ({max_pixels}): scale it down"
        ));
    }
    Ok((width as f32, height as f32))
}

/// Parses an SVG into outlines in its own px, refusing what would not print as it shows.
fn svg_outlines(bytes: &[u8]) -> Result<(f32, f32, Vec<Outline>), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text, so not an SVG file".to_string())?;
    // Text needs fonts the PDF may not have; usvg without fonts would silently drop it.
    if text.contains("<text") {
        return Err("it has text (<text>): convert the text to outlines (paths) in the drawing program".into());
    }
    // No file is read on the logo's behalf: an <image> reaching outside the project is refused
    // below rather than loaded.
    let options = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| format!("it cannot be read as SVG: {e}"))?;
    if text.contains("<image") {
        return Err("it embeds a picture (<image>): use shapes only, or a PNG logo".into());
    }
    let mut outlines = Vec::new();
    collect(tree.root(), &mut outlines)?;
    if outlines.is_empty() {
        return Err("it draws nothing".into());
    }
    Ok((tree.size().width(), tree.size().height(), outlines))
}

fn collect(group: &usvg::Group, outlines: &mut Vec<Outline>) -> Result<(), String> {
    if group.clip_path().is_some() || group.mask().is_some() || !group.filters().is_empty() {
        return Err("it uses clipping, a mask or a filter, which the PDF cannot draw: flatten the drawing".into());
    }
    if group.opacity().get() < 1.0 {
        return Err("it makes a group see-through (opacity), which the PDF cannot draw: set opacity on shapes".into());
    }
    for node in group.children() {
        match node {
            usvg::Node::Group(inner) => collect(inner, outlines)?,
            usvg::Node::Path(path) if path.is_visible() => outlines.push(outline(path)?),
            usvg::Node::Path(_) => {}
            usvg::Node::Image(_) => return Err("it embeds a picture: use shapes only, or a PNG logo".into()),
            usvg::Node::Text(_) => return Err("it has text: convert the text to outlines".into()),
        }
    }
    Ok(())
}

fn paint(paint: &usvg::Paint, opacity: f32) -> Result<Paint, String> {
    match paint {
        usvg::Paint::Color(c) => Ok(Paint { rgb: (c.red, c.green, c.blue), opacity }),
        _ => Err("it uses a gradient or pattern, which the PDF cannot draw: use flat colours".into()),
    }
}

fn outline(path: &usvg::Path) -> Result<Outline, String> {
    let transform = path.abs_transform();
    let at = |p: usvg::tiny_skia_path::Point| {
        let mut p = p;
        transform.map_point(&mut p);
        (p.x, p.y)
    };
    let mut contours: Vec<Contour> = Vec::new();
    let mut last = (0.0, 0.0);
    for segment in path.data().segments() {
        use usvg::tiny_skia_path::PathSegment;
        match segment {
            PathSegment::MoveTo(p) => {
                last = at(p);
                contours.push(Contour { start: last, segments: Vec::new(), closed: false });
            }
            PathSegment::LineTo(p) => {
                last = at(p);
                if let Some(contour) = contours.last_mut() {
                    contour.segments.push(Segment::Line(last));
                }
            }
            PathSegment::QuadTo(c, p) => {
                // A quadratic curve is the cubic with controls two thirds along to its control.
                let (c, end) = (at(c), at(p));
                let toward = |from: Point| (from.0 + (c.0 - from.0) * 2.0 / 3.0, from.1 + (c.1 - from.1) * 2.0 / 3.0);
                let segment = Segment::Cubic(toward(last), toward(end), end);
                last = end;
                if let Some(contour) = contours.last_mut() {
                    contour.segments.push(segment);
                }
            }
            PathSegment::CubicTo(c1, c2, p) => {
                let segment = Segment::Cubic(at(c1), at(c2), at(p));
                last = at(p);
                if let Some(contour) = contours.last_mut() {
                    contour.segments.push(segment);
                }
            }
            PathSegment::Close => {
                if let Some(contour) = contours.last_mut() {
                    contour.closed = true;
                    last = contour.start;
                }
            }
        }
    }
    let fill = path.fill().map(|fill| paint(fill.paint(), fill.opacity().get())).transpose()?;
    let even_odd = path.fill().is_some_and(|fill| fill.rule() == usvg::FillRule::EvenOdd);
    // Stroke widths scale with the drawing (the mean of the two axes' scales).
    let scale = ((transform.sx * transform.sy - transform.kx * transform.ky).abs()).sqrt();
    let stroke = path
        .stroke()
        .map(|stroke| paint(stroke.paint(), stroke.opacity().get()).map(|p| (p, stroke.width().get() * scale)))
        .transpose()?;
    Ok(Outline { contours, fill, even_odd, stroke })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_becomes_outlines_in_its_own_px() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 60 20"><rect x="10" y="5" width="20" height="10" fill="#1f4e79"/><path d="M0 0 Q 10 10 20 0" stroke="#c00" stroke-width="2" fill="none"/></svg>"##;
        let logo = Logo::from_bytes("logo.svg", svg.to_vec(), 1_000_000).unwrap();
        assert_eq!((logo.width, logo.height), (120.0, 40.0));
        let Art::Vector(outlines) = &logo.art else { panic!("an SVG is vector art") };
        assert_eq!(outlines.len(), 2);
        // The view box doubles everything: the rectangle starts at (20, 10).
        assert_eq!(outlines[0].contours[0].start, (20.0, 10.0));
        assert_eq!(outlines[0].fill.unwrap().rgb, (0x1f, 0x4e, 0x79));
        let (stroke, width) = outlines[1].stroke.unwrap();
        assert_eq!((stroke.rgb, width), ((0xcc, 0, 0), 4.0));
        assert!(matches!(outlines[1].contours[0].segments[0], Segment::Cubic(..)), "the quadratic became a cubic");
    }

    #[test]
    fn what_the_pdf_cannot_draw_is_refused() {
        let cases = [
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="0" y="9">A</text></svg>"##,
                "text",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/></svg>"##,
                "gradient",
            ),
            (
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="/etc/passwd" width="10" height="10"/></svg>"##,
                "picture",
            ),
            (r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>"##, "draws nothing"),
            ("<html>not an svg</html>", "cannot be read as SVG"),
        ];
        for (svg, expected) in cases {
            let error = Logo::from_bytes("logo.svg", svg.as_bytes().to_vec(), 1_000_000).unwrap_err();
            assert!(error.contains(expected), "{expected}: {error}");
        }
        assert!(Logo::from_bytes("logo.png", b"not a png".to_vec(), 100).unwrap_err().contains("PNG"));
    }
}
