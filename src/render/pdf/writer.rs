//! Laid-out pages to PDF bytes, through printpdf's low-level operations.
//!
//! printpdf names resources and the document `/ID` from a process-wide random source, which
//! would make every build differ. Here fonts are inserted under fixed ids, the XMP packet (which
//! carries a random instance id) is left out, and the `/ID` is derived from the content, so the
//! same input gives the same bytes. Bookmarks, links and named destinations are added
//! afterwards by [`super::annotate`].

use std::sync::Arc;

use printpdf::{
    Color, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, LineDashPattern, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect,
    Rgb, TextItem, TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};

use super::Assets;
use super::fonts::{Face, Fonts, needs_glyph};
use super::lines::stretches_after;
pub use super::page::Meta;
use super::page::{Dash, Draw, Laid, Pen, TextStyle};
use super::style::{Colour, Style};

const MM: f32 = 72.0 / 25.4;

/// The fonts of a build parsed for embedding, once, in the order of [`Fonts::faces`].
pub struct PdfFonts {
    faces: Vec<(Arc<Face>, ParsedFont)>,
}

impl PdfFonts {
    pub fn new(fonts: &Fonts) -> Result<PdfFonts, String> {
        let mut faces = Vec::new();
        for face in fonts.faces() {
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(&face.bytes, face.index as usize, &mut warnings)
                .ok_or_else(|| format!("{}: the PDF library cannot embed this font", face.origin))?;
            faces.push((face, parsed));
        }
        Ok(PdfFonts { faces })
    }

    fn id_of(&self, face: &Arc<Face>) -> usize {
        self.faces.iter().position(|(f, _)| Arc::ptr_eq(f, face)).unwrap_or(0)
    }
}

/// Writes laid-out pages as a PDF; fails only if the PDF cannot be serialised.
pub fn write(laid: &Laid, assets: &Assets, meta: &Meta) -> Result<Vec<u8>, String> {
    let (fonts, pdf_fonts, style) = (&assets.fonts, &assets.pdf_fonts, &assets.style);
    let mut document = PdfDocument::new(&meta.title);
    let total = laid.pages.len();
    let running: Vec<Vec<Draw>> = laid
        .pages
        .iter()
        .enumerate()
        .map(|(n, page)| running_matter(style, &assets.fonts, meta, page, n + 1, total))
        .collect();
    // Only the faces this document draws with: copying a parsed font is not free, and the
    // fallback faces are rarely needed. Their names stay fixed whichever are used.
    // The first face also stands in for characters no face has (they are reported, not drawn).
    let mut used = std::collections::BTreeSet::from([0]);
    for draw in laid.pages.iter().flat_map(|page| &page.draws).chain(running.iter().flatten()) {
        if let Draw::Text { style, text, .. } = draw {
            used.extend(
                text.chars().filter_map(|c| fonts.face_for(style.role, style.bold, c)).map(|f| pdf_fonts.id_of(f)),
            );
        }
    }
    for (index, (_, parsed)) in pdf_fonts.faces.iter().enumerate() {
        if used.contains(&index) {
            document.resources.fonts.map.insert(FontId(format!("F{index}")), PdfFont::new(parsed.clone()));
        }
    }
    // Pictures under fixed names, in the order of their paths.
    let pictures: std::collections::BTreeSet<&str> = laid
        .pages
        .iter()
        .flat_map(|page| &page.draws)
        .filter_map(|draw| match draw {
            Draw::Image { src, .. } => Some(src.as_str()),
            _ => None,
        })
        .collect();
    let pictures: Vec<&str> = pictures.into_iter().collect();
    for (index, src) in pictures.iter().enumerate() {
        if let Some(picture) = assets.images.get(src) {
            document
                .resources
                .xobjects
                .map
                .insert(XObjectId(format!("Im{index}")), XObject::Image(picture.raw.clone()));
        }
    }
    // See-through fills (a radar chart's area) through graphics states with fixed names.
    for draw in laid.pages.iter().flat_map(|page| &page.draws) {
        if let Draw::Path { fill: Some((_, opacity)), .. } = draw
            && *opacity < 1.0
        {
            let state = ExtendedGraphicsState::default().with_current_fill_alpha(*opacity);
            document.resources.extgstates.map.insert(opacity_state(*opacity), state);
        }
    }
    let emitter = Emitter { fonts, pdf_fonts, style, pictures: &pictures };
    let pages = laid
        .pages
        .iter()
        .zip(&running)
        .map(|(page, running)| {
            let mut ops = Vec::new();
            for draw in page.draws.iter().chain(running) {
                emitter.emit(draw, &mut ops);
            }
            PdfPage::new(Mm(style.page_width / MM), Mm(style.page_height / MM), ops)
        })
        .collect();
    document.with_pages(pages);
    let info = &mut document.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "trustbook".to_string();
    info.producer = "trustbook".to_string();
    let date = printpdf::OffsetDateTime::from_unix_timestamp(meta.created.unwrap_or(0))
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("the epoch is a valid date"));
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut pdf = document.to_lopdf_document(&options, &mut warnings);
    super::annotate::finish(&mut pdf, laid, meta, style)
}

/// The page's running header, if it has one, and the footer with the page number.
fn running_matter(
    style: &Style,
    fonts: &Fonts,
    meta: &Meta,
    page: &super::layout::Page,
    number: usize,
    pages: usize,
) -> Vec<Draw> {
    let small = TextStyle::plain(super::fonts::Role::Body, style.small_size, style.muted);
    let mut draws = Vec::new();
    let header_y = style.margin_top - 14.0;
    let width = |text: &str| fonts.width(small.role, false, text) * small.size;
    let right = style.page_width - style.margin_right;
    if let Some(header) = &page.header {
        // The note at the right (the client) keeps its room; the title gives way.
        let note = fit_with_ellipsis(&meta.header_note, style.column() / 2.0, &width);
        let note_room = if note.is_empty() { 0.0 } else { width(&note) + 12.0 };
        draws.push(Draw::Text {
            x: style.margin_left,
            y: header_y,
            style: small.clone(),
            text: fit_with_ellipsis(header, style.column() - note_room, &width),
            spacing: 0.0,
        });
        if !note.is_empty() {
            draws.push(Draw::Text {
                x: right - width(&note),
                y: header_y,
                style: small.clone(),
                text: note,
                spacing: 0.0,
            });
        }
        draws.push(Draw::Line {
            from: (style.margin_left, header_y + 5.0),
            to: (right, header_y + 5.0),
            colour: style.rule,
            width: 0.5,
            dash: Dash::Solid,
        });
    }
    if !page.footer {
        return draws;
    }
    let footer = meta.footer.replace("{page}", &number.to_string()).replace("{pages}", &pages.to_string());
    let footer_y = style.page_height - style.margin_bottom + 22.0;
    if meta.footer_note.is_empty() {
        draws.push(Draw::Text { x: style.margin_left, y: footer_y, style: small, text: footer, spacing: 0.0 });
    } else {
        let room = style.column() - width(&footer) - 12.0;
        let note = fit_with_ellipsis(&meta.footer_note, room, &width);
        draws.push(Draw::Text { x: style.margin_left, y: footer_y, style: small.clone(), text: note, spacing: 0.0 });
        draws.push(Draw::Text { x: right - width(&footer), y: footer_y, style: small, text: footer, spacing: 0.0 });
    }
    draws
}

/// `text` as it fits in `room`: whole when it fits, else cut at a character with `…` after it.
/// Only running headers are cut like this; body text wraps.
fn fit_with_ellipsis(text: &str, room: f32, width: &dyn Fn(&str) -> f32) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    // Widths add up character by character, so a name of any length costs one pass.
    let room = room - width("…");
    let mut used = 0.0;
    let mut end = 0;
    for (index, c) in text.char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > room {
            break;
        }
        end = index + c.len_utf8();
    }
    format!("{}…", text[..end].trim_end())
}

struct Emitter<'a> {
    fonts: &'a Fonts,
    pdf_fonts: &'a PdfFonts,
    style: &'a Style,
    /// Picture sources; a picture's index is its resource name `Im<index>`.
    pictures: &'a [&'a str],
}

fn rgb(colour: Colour) -> Color {
    Color::Rgb(Rgb { r: colour.0, g: colour.1, b: colour.2, icc_profile: None })
}

impl Emitter<'_> {
    /// PDF's y axis points up from the bottom.
    fn flip(&self, y: f32) -> f32 {
        self.style.page_height - y
    }

    fn point(&self, (x, y): (f32, f32)) -> LinePoint {
        LinePoint { p: Point { x: Pt(x), y: Pt(self.flip(y)) }, bezier: false }
    }

    fn emit(&self, draw: &Draw, ops: &mut Vec<Op>) {
        match draw {
            Draw::Text { x, y, style, text, spacing } => self.text(*x, *y, style, text, *spacing, ops),
            Draw::Rect { x, y, width, height, fill, stroke } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    _ => PaintMode::Stroke,
                };
                ops.push(Op::SaveGraphicsState);
                if let Some(fill) = fill {
                    ops.push(Op::SetFillColor { col: rgb(*fill) });
                }
                if let Some(stroke) = stroke {
                    ops.push(Op::SetOutlineColor { col: rgb(*stroke) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
                }
                let rectangle = Rect {
                    x: Pt(*x),
                    y: Pt(self.flip(y + height)),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(mode),
                    winding_order: Some(WindingOrder::NonZero),
                };
                ops.push(Op::DrawRectangle { rectangle });
                ops.push(Op::RestoreGraphicsState);
            }
            Draw::Line { from, to, colour, width, dash } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: rgb(*colour) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                dash_pattern(dash, ops);
                let line = printpdf::Line { points: vec![self.point(*from), self.point(*to)], is_closed: false };
                ops.push(Op::DrawLine { line });
                ops.push(Op::RestoreGraphicsState);
            }
            Draw::Polygon { points, fill, stroke } => {
                ops.push(Op::SaveGraphicsState);
                if let Some(fill) = fill {
                    ops.push(Op::SetFillColor { col: rgb(*fill) });
                }
                if let Some(stroke) = stroke {
                    ops.push(Op::SetOutlineColor { col: rgb(*stroke) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(1.2) });
                }
                let mode = if fill.is_some() { PaintMode::FillStroke } else { PaintMode::Stroke };
                let ring = PolygonRing { points: points.iter().map(|p| self.point(*p)).collect() };
                ops.push(Op::DrawPolygon {
                    polygon: Polygon { rings: vec![ring], mode, winding_order: WindingOrder::NonZero },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Draw::Path { points, closed, fill, stroke } => {
                ops.push(Op::SaveGraphicsState);
                if let Some((colour, opacity)) = fill {
                    ops.push(Op::SetFillColor { col: rgb(*colour) });
                    if *opacity < 1.0 {
                        ops.push(Op::LoadGraphicsState { gs: opacity_state(*opacity) });
                    }
                }
                if let Some(Pen { colour, width, dash }) = stroke {
                    ops.push(Op::SetOutlineColor { col: rgb(*colour) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    dash_pattern(dash, ops);
                }
                let points = points.iter().map(|p| self.point(*p)).collect();
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => Some(PaintMode::FillStroke),
                    (Some(_), None) => Some(PaintMode::Fill),
                    (None, Some(_)) => Some(PaintMode::Stroke),
                    (None, None) => None,
                };
                match mode {
                    Some(mode) if *closed => ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing { points }],
                            mode,
                            winding_order: WindingOrder::NonZero,
                        },
                    }),
                    Some(_) => ops.push(Op::DrawLine { line: printpdf::Line { points, is_closed: false } }),
                    None => {}
                }
                ops.push(Op::RestoreGraphicsState);
            }
            Draw::Image { x, y, width, height, src } => {
                let Some(index) = self.pictures.iter().position(|p| p == src) else { return };
                let transform = XObjectTransform {
                    translate_x: Some(Pt(*x)),
                    translate_y: Some(Pt(self.flip(y + height))),
                    scale_x: Some(*width),
                    scale_y: Some(*height),
                    no_auto_scale: true,
                    ..XObjectTransform::default()
                };
                ops.push(Op::UseXobject { id: XObjectId(format!("Im{index}")), transform });
            }
            Draw::Outlines { outlines, x, y, scale } => {
                ops.extend(super::logo::outline_ops(outlines, *x, *y, *scale, &|y| self.flip(y)));
            }
            // Links are annotations, added to the pages by `finish`.
            Draw::Link { .. } => {}
        }
    }

    /// Text, split into runs of one face each (characters a face lacks fall back to the next
    /// face of the role); justified text is placed character by character. A character no face
    /// has is drawn as a hollow box half an em wide, the width layout gave it, so the text after
    /// it stays where layout put it.
    fn text(&self, x: f32, y: f32, style: &TextStyle, text: &str, spacing: f32, ops: &mut Vec<Op>) {
        let face_of = |c: char| self.fonts.face_for(style.role, style.bold, c).map(|f| self.pdf_fonts.id_of(f));
        // `None` marks a run of characters no face has.
        let mut runs: Vec<(Option<usize>, String)> = Vec::new();
        for c in text.chars() {
            let face = if needs_glyph(c) { face_of(c) } else { Some(face_of(' ').unwrap_or(0)) };
            match runs.last_mut() {
                Some((last, run)) if *last == face || !needs_glyph(c) => run.push(c),
                _ => runs.push((face, c.to_string())),
            }
        }
        let baseline = self.flip(y);
        let mut cursor = x;
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor { col: rgb(style.colour) });
        for (face, run) in runs {
            let Some(face) = face else {
                for c in run.chars() {
                    let width = self.fonts.width(style.role, style.bold, &c.to_string()) * style.size;
                    if needs_glyph(c) {
                        self.missing_box(cursor, y, width, style, ops);
                    }
                    cursor += width;
                    if spacing > 0.0 && stretches_after(c) {
                        cursor += spacing;
                    }
                }
                continue;
            };
            let font = PdfFontHandle::External(FontId(format!("F{face}")));
            let pieces: Vec<String> = if spacing > 0.0 { run.chars().map(String::from).collect() } else { vec![run] };
            for piece in pieces {
                let width = self.fonts.width(style.role, style.bold, &piece) * style.size;
                if !piece.trim().is_empty() {
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont { font: font.clone(), size: Pt(style.size) });
                    // A slanted matrix stands in for italics: the embedded family has none.
                    let skew = if style.italic { 0.2 } else { 0.0 };
                    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([1.0, 0.0, skew, 1.0, cursor, baseline]) });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(piece.clone())] });
                    ops.push(Op::EndTextSection);
                }
                cursor += width;
                if spacing > 0.0 && piece.chars().next().is_some_and(stretches_after) {
                    cursor += spacing;
                }
            }
        }
        ops.push(Op::RestoreGraphicsState);
    }

    /// The visible stand-in for a character no font has: a hollow box in the text colour,
    /// inside the `width` layout reserved for it, from the baseline to cap height.
    fn missing_box(&self, x: f32, baseline: f32, width: f32, style: &TextStyle, ops: &mut Vec<Op>) {
        let height = 0.7 * style.size;
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor { col: rgb(style.colour) });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        let rectangle = Rect {
            x: Pt(x + 0.1 * width),
            y: Pt(self.flip(baseline)),
            width: Pt(0.8 * width),
            height: Pt(height),
            mode: Some(PaintMode::Stroke),
            winding_order: Some(WindingOrder::NonZero),
        };
        ops.push(Op::DrawRectangle { rectangle });
        ops.push(Op::RestoreGraphicsState);
    }
}

fn dash_pattern(dash: &Dash, ops: &mut Vec<Op>) {
    match dash {
        Dash::Solid => {}
        Dash::Pattern(lengths) if lengths.is_empty() => {}
        Dash::Pattern(lengths) => ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, lengths) }),
        Dash::Dotted => {
            ops.push(Op::SetLineCapStyle { cap: printpdf::LineCapStyle::Round });
            ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[0.0, 3.5]) });
        }
    }
}

/// The graphics state of a fill opacity, named by the opacity in thousandths.
fn opacity_state(opacity: f32) -> ExtendedGraphicsStateId {
    ExtendedGraphicsStateId(format!("GA{}", (opacity * 1000.0).round() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_too_long_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        let width = |text: &str| text.chars().count() as f32;
        assert_eq!(fit_with_ellipsis("short", 10.0, &width), "short");
        assert_eq!(fit_with_ellipsis("abcdefghijkl", 6.0, &width), "abcde…");
        let long = "名".repeat(10_000);
        let cut = fit_with_ellipsis(&long, 50.0, &width);
        assert_eq!(cut.chars().count(), 50);
        assert!(cut.ends_with('…'));
    }
}
