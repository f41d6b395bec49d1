//! Laid-out pages to PDF bytes, through printpdf's low-level operations.
//!
//! printpdf names resources and the document `/ID` from a process-wide random source, which
//! would make every build differ. Here fonts are inserted under fixed ids, the XMP packet (which
//! carries a random instance id) is left out, and the `/ID` is derived from the content, so the
//! same input gives the same bytes. Nested bookmarks, links and named destinations are written
//! through lopdf, since printpdf's bookmarks are flat and its links cannot name a place.

use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, LineDashPattern, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect,
    Rgb, TextItem, TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};

use super::Assets;
use super::fonts::{Face, Fonts};
use super::layout::{Dash, Draw, Laid, LinkDest, OutlineEntry, Pen, TextStyle};
use super::lines::stretches_after;
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

/// Document metadata and the running header and footer.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// BCP 47 language of the document (`zh`, `en`).
    pub lang: String,
    /// Seconds since the Unix epoch, for the creation date; `None` writes no date.
    pub created: Option<i64>,
    /// Footer with `{page}` and `{pages}`: "第 {page} 页 / 共 {pages} 页".
    pub footer: String,
    /// The handbook book, relative to this file, for links to places this document lacks.
    pub book: Option<String>,
    /// Whether other files may link to this one's places by name (the handbook book).
    pub named_destinations: bool,
}

/// Writes laid-out pages as a PDF; fails only if the PDF cannot be serialised.
pub fn write(laid: &Laid, assets: &Assets, meta: &Meta) -> Result<Vec<u8>, String> {
    let (fonts, pdf_fonts, style) = (&assets.fonts, &assets.pdf_fonts, &assets.style);
    let mut document = PdfDocument::new(&meta.title);
    let total = laid.pages.len();
    let running: Vec<Vec<Draw>> =
        laid.pages.iter().enumerate().map(|(n, page)| running_matter(style, meta, page, n + 1, total)).collect();
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
    finish(&mut pdf, laid, meta, style)
}

/// The page's running header, if it has one, and the footer with the page number.
fn running_matter(style: &Style, meta: &Meta, page: &super::layout::Page, number: usize, pages: usize) -> Vec<Draw> {
    let small = TextStyle::plain(super::fonts::Role::Body, style.small_size, style.muted);
    let mut draws = Vec::new();
    let header_y = style.margin_top - 14.0;
    if let Some(header) = &page.header {
        draws.push(Draw::Text {
            x: style.margin_left,
            y: header_y,
            style: small.clone(),
            text: header.clone(),
            spacing: 0.0,
        });
        let right = style.page_width - style.margin_right;
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
    draws.push(Draw::Text {
        x: style.margin_left,
        y: style.page_height - style.margin_bottom + 22.0,
        style: small,
        text: footer,
        spacing: 0.0,
    });
    draws
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
            // Links are annotations, added to the pages by `finish`.
            Draw::Link { .. } => {}
        }
    }

    /// Text, split into runs of one face each (characters a face lacks fall back to the next
    /// face of the role); justified text is placed character by character.
    fn text(&self, x: f32, y: f32, style: &TextStyle, text: &str, spacing: f32, ops: &mut Vec<Op>) {
        let chars: Vec<char> = text.chars().collect();
        let mut runs: Vec<(usize, String)> = Vec::new();
        for c in &chars {
            let face = self
                .fonts
                .face_for(style.role, style.bold, *c)
                .map(|f| self.pdf_fonts.id_of(f))
                .or_else(|| runs.last().map(|r| r.0))
                .unwrap_or(0);
            match runs.last_mut() {
                Some((last, run)) if *last == face || c.is_whitespace() => run.push(*c),
                _ => runs.push((face, c.to_string())),
            }
        }
        let baseline = self.flip(y);
        let mut cursor = x;
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor { col: rgb(style.colour) });
        for (face, run) in runs {
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

/// Bookmarks, links, named places, language, no XMP packet, and a content-derived `/ID`; then
/// the bytes.
fn finish(pdf: &mut lopdf::Document, laid: &Laid, meta: &Meta, style: &Style) -> Result<Vec<u8>, String> {
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    add_links(pdf, laid, meta, &pages, style);
    let catalog_id = pdf.trailer.get(b"Root").and_then(Object::as_reference).ok();
    if let Some(catalog_id) = catalog_id {
        let outline = &laid.outline;
        let outlines = (!outline.is_empty()).then(|| write_outline(pdf, outline, &pages, style));
        let names = (meta.named_destinations && !laid.anchors.is_empty()).then(|| {
            let mut list = Vec::new();
            for (name, (page, y)) in &laid.anchors {
                if let Some(page) = pages.get(*page) {
                    list.push(Object::String(name.as_bytes().to_vec(), StringFormat::Literal));
                    list.push(place(*page, style.page_height - y + 4.0));
                }
            }
            let tree = pdf.add_object(Dictionary::from_iter([("Names", Object::Array(list))]));
            Dictionary::from_iter([("Dests", Object::Reference(tree))])
        });
        if let Ok(catalog) = pdf.get_object_mut(catalog_id).and_then(Object::as_dict_mut) {
            catalog.remove(b"Metadata");
            catalog.set("Lang", Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal));
            if let Some(outlines) = outlines {
                catalog.set("Outlines", Object::Reference(outlines));
                catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
            if let Some(names) = names {
                catalog.set("Names", Object::Dictionary(names));
            }
        }
    }
    if meta.created.is_none() {
        let info_id = pdf.trailer.get(b"Info").and_then(Object::as_reference).ok();
        if let Some(info) = info_id.and_then(|id| pdf.get_object_mut(id).ok()).and_then(|o| o.as_dict_mut().ok()) {
            info.remove(b"CreationDate");
            info.remove(b"ModDate");
        }
    }
    tag_subsets(pdf);
    // Placeholder /ID first; replaced below by a digest of everything else.
    let placeholder = b"trustbook-document-id-0000000000".to_vec();
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(placeholder.clone(), StringFormat::Literal),
            Object::String(placeholder.clone(), StringFormat::Literal),
        ]),
    );
    // printpdf leaves pictures uncompressed and marked so; Flate keeps them lossless and small.
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object
            && !stream.dict.has(b"Filter")
            && stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|name| name == b"Image")
        {
            stream.allows_compression = true;
        }
    }
    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|error| format!("cannot write the PDF: {error}"))?;
    let digest = fingerprint(&bytes);
    let id = format!("{digest:032x}");
    replace_all(&mut bytes, &placeholder, id.as_bytes());
    Ok(bytes)
}

/// A place on a page: `[page /XYZ null top null]`, keeping the reader's zoom.
fn place(page: ObjectId, top: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        Object::Real(top),
        Object::Null,
    ])
}

/// Link annotations: web addresses, places in this document, and places in the handbook book
/// (by name) for those this document lacks. A link to a place that exists nowhere is dropped.
fn add_links(pdf: &mut lopdf::Document, laid: &Laid, meta: &Meta, pages: &[ObjectId], style: &Style) {
    for (index, page) in laid.pages.iter().enumerate() {
        let Some(page_id) = pages.get(index) else { continue };
        let mut annotations = Vec::new();
        for draw in &page.draws {
            let Draw::Link { x, y, width, height, dest } = draw else { continue };
            let mut link = Dictionary::from_iter([
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                (
                    "Rect",
                    Object::Array(
                        [*x, style.page_height - y - height, x + width, style.page_height - y]
                            .into_iter()
                            .map(Object::Real)
                            .collect(),
                    ),
                ),
                ("Border", Object::Array(vec![Object::Integer(0), Object::Integer(0), Object::Integer(0)])),
            ]);
            let action = |kind: &[u8], entries: Vec<(&str, Object)>| {
                let mut action = Dictionary::from_iter(entries);
                action.set("S", Object::Name(kind.to_vec()));
                Object::Dictionary(action)
            };
            match dest {
                LinkDest::Uri(uri) => {
                    let uri = Object::String(uri.as_bytes().to_vec(), StringFormat::Literal);
                    link.set("A", action(b"URI", vec![("URI", uri)]));
                }
                LinkDest::Named(name) => match (laid.anchors.get(name), &meta.book) {
                    (Some((target, top)), _) => match pages.get(*target) {
                        Some(target) => link.set("Dest", place(*target, style.page_height - top + 4.0)),
                        None => continue,
                    },
                    (None, Some(book)) => {
                        let file = Object::String(book.as_bytes().to_vec(), StringFormat::Literal);
                        let name = Object::String(name.as_bytes().to_vec(), StringFormat::Literal);
                        link.set("A", action(b"GoToR", vec![("F", file), ("D", name)]));
                    }
                    (None, None) => continue,
                },
            }
            annotations.push(Object::Reference(pdf.add_object(link)));
        }
        if annotations.is_empty() {
            continue;
        }
        if let Ok(page) = pdf.get_object_mut(*page_id).and_then(Object::as_dict_mut) {
            page.set("Annots", Object::Array(annotations));
        }
    }
}

/// Names embedded fonts `ABCDEF+Name`, the PDF convention for subsets (printpdf writes
/// `F0+Name`). The tag is derived from the font's position, so it is the same on every build.
fn tag_subsets(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        let dictionary = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let Ok(Object::Name(name)) = dictionary.get(key) else { continue };
            let Some(plus) = name.iter().position(|b| *b == b'+') else { continue };
            let digits = &name[1..plus];
            if name.first() != Some(&b'F') || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                continue;
            }
            let index: usize = std::str::from_utf8(digits).ok().and_then(|d| d.parse().ok()).unwrap_or(0);
            let mut tag = *b"TBKAAA";
            tag[4] = b'A' + (index / 26 % 26) as u8;
            tag[5] = b'A' + (index % 26) as u8;
            let mut renamed = tag.to_vec();
            renamed.extend_from_slice(&name[plus..]);
            dictionary.set(key, Object::Name(renamed));
        }
    }
}

/// Nested outline items from headings (level 1 under nothing, level 2 under the last level 1…).
fn write_outline(pdf: &mut lopdf::Document, outline: &[OutlineEntry], pages: &[ObjectId], style: &Style) -> ObjectId {
    let root_id = pdf.new_object_id();
    let ids: Vec<ObjectId> = outline.iter().map(|_| pdf.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry with a smaller level.
    let parents: Vec<Option<usize>> =
        (0..outline.len()).map(|i| (0..i).rev().find(|j| outline[*j].level < outline[i].level)).collect();
    let children =
        |parent: Option<usize>| -> Vec<usize> { (0..outline.len()).filter(|i| parents[*i] == parent).collect() };
    fn count(i: usize, children: &dyn Fn(Option<usize>) -> Vec<usize>) -> i64 {
        children(Some(i)).iter().map(|c| 1 + count(*c, children)).sum()
    }
    for (i, entry) in outline.iter().enumerate() {
        let siblings = children(parents[i]);
        let position = siblings.iter().position(|s| *s == i).unwrap_or(0);
        let mut item = Dictionary::new();
        item.set("Title", Object::String(utf16_text(&entry.title), StringFormat::Hexadecimal));
        item.set("Parent", Object::Reference(parents[i].map_or(root_id, |p| ids[p])));
        if position > 0 {
            item.set("Prev", Object::Reference(ids[siblings[position - 1]]));
        }
        if let Some(next) = siblings.get(position + 1) {
            item.set("Next", Object::Reference(ids[*next]));
        }
        let own = children(Some(i));
        if let (Some(first), Some(last)) = (own.first(), own.last()) {
            item.set("First", Object::Reference(ids[*first]));
            item.set("Last", Object::Reference(ids[*last]));
            item.set("Count", Object::Integer(count(i, &children)));
        }
        if let Some(page) = pages.get(entry.page) {
            item.set("Dest", place(*page, style.page_height - entry.y + 4.0));
        }
        pdf.objects.insert(ids[i], Object::Dictionary(item));
    }
    let top_level = children(None);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top_level.first(), top_level.last()) {
        root.set("First", Object::Reference(ids[*first]));
        root.set("Last", Object::Reference(ids[*last]));
    }
    root.set("Count", Object::Integer(outline.len() as i64));
    pdf.objects.insert(root_id, Object::Dictionary(root));
    root_id
}

/// A PDF text string: UTF-16BE with a byte-order mark, so Chinese titles display.
fn utf16_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// A 128-bit FNV-1a digest: stable across runs, machines and Rust versions.
fn fingerprint(bytes: &[u8]) -> u128 {
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for byte in bytes {
        hash ^= u128::from(*byte);
        hash = hash.wrapping_mul(0x0000000001000000000000000000013B);
    }
    hash
}

fn replace_all(haystack: &mut [u8], needle: &[u8], replacement: &[u8]) {
    debug_assert_eq!(needle.len(), replacement.len());
    let mut start = 0;
    while let Some(found) = haystack[start..].windows(needle.len()).position(|w| w == needle) {
        let at = start + found;
        haystack[at..at + needle.len()].copy_from_slice(replacement);
        start = at + needle.len();
    }
}
