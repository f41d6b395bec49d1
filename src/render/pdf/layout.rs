//! Page layout: the shared document model placed on pages as positioned drawing commands.
//!
//! Coordinates are points from the top-left corner of the page (the writer turns them into
//! PDF's bottom-left system). Headings stay with what follows them, a paragraph never leaves a
//! single line alone at the foot or head of a page when it has more, a paragraph that
//! introduces a list stays with its first item, and `<!-- pagebreak -->` starts a new page.
//! Headings become bookmarks and named destinations, so links can lead to them. Tables are in
//! [`super::table`], charts in [`super::charts`], lists, code and pictures in
//! [`super::blocks`], the handbook's cover and contents in [`super::book`]. Characters no font
//! covers are collected for the caller.

use super::Assets;
use super::fonts::{Fonts, Role, needs_glyph};
use super::images::Images;
use super::lines::{Run, break_lines, stretches_after};
use super::style::{Colour, Style};
use crate::document::{Block, Document, Heading, Image, Inline, LinkTarget, plain_text, soft_break_joins_cjk};

pub use super::page::{Dash, Draw, Laid, LinkDest, OutlineEntry, Page, Pen, TextStyle, destination};

/// Lays out a single document (a report) with the build's fonts, style and pictures.
pub fn lay_out(document: &Document, assets: &Assets) -> Laid {
    let mut layout = Layout::new(assets);
    layout.document(document, "", 0);
    layout.finish()
}

/// Characters no font covers, once each, with the text they appear in: checked over everything
/// drawn (paragraphs, table cells, chart labels alike), so no place can forget to.
fn missing_glyphs(pages: &[Page], fonts: &Fonts) -> Vec<(char, String)> {
    let mut missing: Vec<(char, String)> = Vec::new();
    for draw in pages.iter().flat_map(|page| &page.draws) {
        let Draw::Text { style, text, .. } = draw else { continue };
        for c in fonts.missing(style.role, style.bold, text) {
            if !missing.iter().any(|(m, _)| *m == c) {
                missing.push((c, text.chars().take(40).collect()));
            }
        }
    }
    missing
}

/// Places documents one after another on pages.
pub struct Layout<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) style: &'a Style,
    pub(super) images: &'a Images,
    pub(super) laid: Laid,
    /// Top of the free space on the current page.
    pub(super) y: f32,
    /// Path of the document being laid out, for its anchors and `#anchor` links.
    path: String,
    /// Added to the document's heading levels (a page inside a book chapter goes one deeper).
    heading_shift: u8,
    /// Running header of pages started from now on.
    header: Option<String>,
    /// Room the next paragraph keeps below its last line, for what must not be parted from it
    /// (the first item of a list it introduces). Taken by that paragraph.
    keep_with_next: f32,
}

impl<'a> Layout<'a> {
    pub fn new(assets: &'a Assets) -> Layout<'a> {
        Layout::with(&assets.fonts, &assets.style, &assets.images)
    }

    fn with(fonts: &'a Fonts, style: &'a Style, images: &'a Images) -> Layout<'a> {
        Layout {
            fonts,
            style,
            images,
            laid: Laid { pages: vec![Page::default()], ..Laid::default() },
            y: style.margin_top,
            path: String::new(),
            heading_shift: 0,
            header: None,
            keep_with_next: 0.0,
        }
    }

    /// Lays out `document`, whose content file is `path`, with headings `heading_shift` levels
    /// deeper than written; its footnotes follow it.
    pub fn document(&mut self, document: &Document, path: &str, heading_shift: u8) {
        let style = self.style;
        self.path = path.to_string();
        self.heading_shift = heading_shift;
        for (index, block) in document.blocks.iter().enumerate() {
            // A heading right above a chart moves to the next page with it.
            if let (Block::Heading(heading), Some(Block::Chart(chart))) = (block, document.blocks.get(index + 1)) {
                let level = heading.level.saturating_add(self.heading_shift).clamp(1, 6);
                let heading_room = style.heading_before + self.line_height(style.heading_sizes[usize::from(level) - 1]);
                self.ensure(heading_room + self.chart_room(chart, 0.0));
            }
            // A heading right above a table keeps with the table's head and its first rows:
            // about six lines of table text.
            if let (Block::Heading(heading), Some(Block::Table(_))) = (block, document.blocks.get(index + 1)) {
                let level = heading.level.saturating_add(self.heading_shift).clamp(1, 6);
                let heading_room = style.heading_before + self.line_height(style.heading_sizes[usize::from(level) - 1]);
                self.ensure(heading_room + 6.0 * self.line_height(style.body_size * 0.92) + 4.0 * style.cell_padding);
            }
            self.keep_with(block, document.blocks.get(index + 1), 0.0);
            self.block(block, 0.0, style.text);
        }
        if !document.footnotes.is_empty() {
            self.gap(style.paragraph_gap * 2.0);
            self.rule(0.0);
            for footnote in &document.footnotes {
                self.anchor(destination(&self.path, Some(&footnote_anchor(footnote.number))));
                let mut inlines = vec![Inline::Text(format!("{}. ", footnote.number))];
                for block in &footnote.blocks {
                    if let Block::Paragraph(content) = block {
                        inlines.extend(content.iter().cloned());
                    }
                }
                self.paragraph(&inlines, 0.0, style.small_size, style.muted, false, false);
            }
        }
    }

    /// The pages, with the characters no font covers.
    pub fn finish(mut self) -> Laid {
        self.laid.missing = missing_glyphs(&self.laid.pages, self.fonts);
        self.laid
    }

    /// Starts a chapter: a fresh page without a running header, and `header` on the pages after.
    pub fn start_chapter(&mut self, header: String) {
        self.page_break();
        self.page().header = None;
        self.header = Some(header);
    }

    /// A new page, unless the current one is still empty.
    pub fn page_break(&mut self) {
        if !self.page().draws.is_empty() {
            self.new_page();
        }
    }

    /// Names the current position, for links to it.
    pub fn anchor(&mut self, name: String) {
        let page = self.laid.pages.len() - 1;
        self.laid.anchors.entry(name).or_insert((page, self.y));
    }

    /// A heading at `level` (after the shift), named `dest`, with a bookmark.
    pub fn heading(&mut self, level: u8, content: &[Inline], dest: String) {
        let style = self.style;
        let level = level.clamp(1, 6);
        let size = style.heading_sizes[usize::from(level) - 1];
        self.gap(style.heading_before);
        // Keep the heading with at least three lines of what follows.
        self.ensure(self.line_height(size) + 3.0 * self.line_height(style.body_size));
        let page = self.laid.pages.len() - 1;
        self.anchor(dest.clone());
        let title = plain_text(content);
        self.laid.outline.push(OutlineEntry { level, title, page, y: self.y, dest });
        let colour = if level <= 2 { style.text } else { style.accent };
        self.paragraph(content, 0.0, size, colour, true, false);
        self.y += style.heading_after - style.paragraph_gap;
    }

    /// A paragraph right above a list introduces it ("Three steps:"): it keeps with as much of
    /// the list's first item as cannot be parted (two lines, all three of a three-line item,
    /// which may leave no line alone), so an introduction never ends a page whose list starts
    /// the next. `indent` is the paragraph's.
    pub(super) fn keep_with(&mut self, block: &Block, next: Option<&Block>, indent: f32) {
        self.keep_with_next = match (block, next) {
            (Block::Paragraph(_), Some(Block::List(list))) => {
                let item_indent = self.deeper(indent, self.style.list_indent);
                let first_item_lines = match list.items.first().and_then(|item| item.blocks.first()) {
                    Some(Block::Paragraph(inlines)) => self.body_lines(inlines, item_indent),
                    _ => 2,
                };
                let kept = if first_item_lines == 3 { 3.0 } else { 2.0 };
                self.style.paragraph_gap + kept * self.line_height(self.style.body_size)
            }
            _ => 0.0,
        };
    }

    /// How many lines `inlines` take as body text at `indent`.
    fn body_lines(&self, inlines: &[Inline], indent: f32) -> usize {
        let mut runs = Vec::new();
        self.runs(inlines, &TextStyle::plain(Role::Body, self.style.body_size, self.style.text), &mut runs);
        break_lines(&runs, self.style.column() - indent, &self.measure()).len()
    }

    pub(super) fn page(&mut self) -> &mut Page {
        self.laid.pages.last_mut().expect("there is always a page")
    }

    pub(super) fn new_page(&mut self) {
        self.laid.pages.push(Page { header: self.header.clone(), ..Page::default() });
        self.y = self.style.margin_top;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub(super) fn ensure(&mut self, height: f32) {
        if self.y + height > self.style.bottom() && self.y > self.style.margin_top + 0.5 {
            self.new_page();
        }
    }

    pub(super) fn gap(&mut self, height: f32) {
        if self.y > self.style.margin_top + 0.5 {
            self.y += height;
        }
    }

    pub(super) fn line_height(&self, size: f32) -> f32 {
        size * self.style.line_height
    }

    /// Width of a piece of text in points, in its style.
    pub(super) fn measure(&self) -> impl Fn(&TextStyle, &str) -> f32 + 'a {
        let fonts = self.fonts;
        move |style: &TextStyle, text: &str| fonts.width(style.role, style.bold, text) * style.size
    }

    /// The indent one level of nesting deeper: `step` more, but never more than 40 % of the
    /// column, so text nested any depth keeps room to be read (deeper levels line up).
    pub(super) fn deeper(&self, indent: f32, step: f32) -> f32 {
        (indent + step).min(self.style.column() * 0.4)
    }

    pub(super) fn block(&mut self, block: &Block, indent: f32, colour: Colour) {
        let style = self.style;
        match block {
            Block::Heading(Heading { level, id, content }) => {
                let dest = destination(&self.path, Some(id));
                self.heading(level.saturating_add(self.heading_shift), content, dest);
            }
            Block::Paragraph(inlines) => {
                match lone_image(inlines).filter(|image| self.images.get(&image.src).is_some()) {
                    Some(image) => self.image(image, indent),
                    None => self.paragraph(inlines, indent, style.body_size, colour, false, true),
                }
            }
            Block::List(list) => self.list(list, indent, colour),
            Block::Quote(blocks) => {
                let top = self.y;
                let first_page = self.laid.pages.len();
                for block in blocks {
                    self.block(block, self.deeper(indent, 12.0), style.muted);
                }
                // The bar beside the quote, on the page where it ends (quotes are short).
                if self.laid.pages.len() == first_page {
                    let x = style.margin_left + indent + 3.0;
                    let bottom = self.y - style.paragraph_gap;
                    self.page().draws.push(Draw::Line {
                        from: (x, top),
                        to: (x, bottom),
                        colour: style.accent,
                        width: 2.5,
                        dash: Dash::Solid,
                    });
                }
            }
            Block::Code(code) => self.code(&code.text, indent),
            Block::Table(table) => self.table(table, indent),
            Block::Rule => {
                self.gap(style.paragraph_gap);
                self.rule(indent);
                self.y += style.paragraph_gap;
            }
            Block::Chart(chart) => self.chart(chart, indent),
            Block::PageBreak => self.page_break(),
            // Raw HTML has no meaning on paper; its text, if any, is not the author's content.
            Block::Html(_) => {}
        }
    }

    pub(super) fn rule(&mut self, indent: f32) {
        let left = self.style.margin_left + indent;
        let right = self.style.page_width - self.style.margin_right;
        let y = self.y;
        let colour = self.style.rule;
        self.page().draws.push(Draw::Line { from: (left, y), to: (right, y), colour, width: 0.6, dash: Dash::Solid });
        self.y += 1.0;
    }

    /// Where a link in the current document leads, if anywhere on paper.
    fn link_dest(&self, target: &LinkTarget) -> Option<LinkDest> {
        match target {
            LinkTarget::External(url) if url.contains(':') => Some(LinkDest::Uri(url.clone())),
            // Relative web addresses (another report's HTML page) mean nothing in a PDF.
            LinkTarget::External(_) => None,
            LinkTarget::Internal { path, anchor } => Some(LinkDest::Named(destination(path, anchor.as_deref()))),
            LinkTarget::Anchor(anchor) => Some(LinkDest::Named(destination(&self.path, Some(anchor)))),
        }
    }

    /// Turns inlines into styled runs.
    pub(super) fn runs(&self, inlines: &[Inline], base: &TextStyle, out: &mut Vec<Run<TextStyle>>) {
        for (index, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text(text) => out.push(Run { text: text.clone(), style: base.clone() }),
                Inline::Code(text) => out.push(Run {
                    text: text.clone(),
                    style: TextStyle { role: Role::Mono, colour: self.style.accent, ..base.clone() },
                }),
                Inline::Strong(children) => self.runs(children, &TextStyle { bold: true, ..base.clone() }, out),
                Inline::Emphasis(children) => self.runs(children, &TextStyle { italic: true, ..base.clone() }, out),
                Inline::Strikethrough(children) => {
                    self.runs(children, &TextStyle { colour: self.style.muted, ..base.clone() }, out)
                }
                Inline::Link(link) => {
                    let style =
                        TextStyle { colour: self.style.accent, link: self.link_dest(&link.target), ..base.clone() };
                    self.runs(&link.content, &style, out);
                }
                Inline::Image(image) => out.push(Run { text: format!("[{}]", image.alt), style: base.clone() }),
                // A raised number, like HTML's <sup>, leading to the note.
                Inline::FootnoteRef { number, .. } => out.push(Run {
                    text: number.to_string(),
                    style: TextStyle {
                        size: base.size * 0.7,
                        rise: base.size * 0.35,
                        colour: self.style.accent,
                        link: Some(LinkDest::Named(destination(&self.path, Some(&footnote_anchor(*number))))),
                        ..base.clone()
                    },
                }),
                Inline::Citation(citation) => self.runs(&citation.text, base, out),
                Inline::SoftBreak => {
                    if !soft_break_joins_cjk(inlines, index) {
                        out.push(Run { text: " ".to_string(), style: base.clone() });
                    }
                }
                Inline::HardBreak => out.push(Run { text: "\n".to_string(), style: base.clone() }),
                Inline::Html(_) => {}
            }
        }
    }

    /// A paragraph: broken into lines, justified except its last line, kept from leaving a
    /// single line at a page boundary.
    pub(super) fn paragraph(
        &mut self,
        inlines: &[Inline],
        indent: f32,
        size: f32,
        colour: Colour,
        bold: bool,
        justify: bool,
    ) {
        let keep = std::mem::take(&mut self.keep_with_next);
        let base = TextStyle { bold, ..TextStyle::plain(if bold { Role::Heading } else { Role::Body }, size, colour) };
        let mut runs = Vec::new();
        self.runs(inlines, &base, &mut runs);
        let width = self.style.column() - indent;
        let measure = self.measure();
        let lines = break_lines(&runs, width, &measure);
        let line_height = self.line_height(size);
        let total = lines.len();
        for (index, line) in lines.iter().enumerate() {
            // Orphans and widows: never one line alone at the end or start of a page (so a
            // paragraph of three lines stays whole), and the last lines stay with what is kept
            // with them.
            let needed = match (index, total - index) {
                (0, remaining @ 1..=3) => remaining as f32 * line_height + keep,
                (_, 2) => 2.0 * line_height + keep,
                (0, _) => 2.0 * line_height,
                _ => line_height,
            };
            self.ensure(needed);
            let baseline = self.y + size * 1.15;
            let stretch = line.stretch_points();
            let spacing = if justify && !line.ends_paragraph && stretch > 0 && width - line.width < width * 0.25 {
                (width - line.width) / stretch as f32
            } else {
                0.0
            };
            let x0 = self.style.margin_left + indent;
            // Room added inside earlier fragments moves the later ones along.
            let mut shift = 0.0;
            for fragment in &line.fragments {
                let fragment_x = fragment.x + shift;
                let added = spacing * fragment.text.chars().filter(|c| stretches_after(*c)).count() as f32;
                shift += added;
                if fragment.text.chars().any(needs_glyph) || fragment.text.contains(' ') {
                    self.page().draws.push(Draw::Text {
                        x: x0 + fragment_x,
                        y: baseline - fragment.style.rise,
                        style: fragment.style.clone(),
                        text: fragment.text.clone(),
                        spacing,
                    });
                }
                if let Some(dest) = &fragment.style.link {
                    let (y, width, height) = (self.y, fragment.width + added, line_height);
                    self.page().draws.push(Draw::Link { x: x0 + fragment_x, y, width, height, dest: dest.clone() });
                }
            }
            self.y += line_height;
        }
        self.y += self.style.paragraph_gap;
    }
}

/// The anchor of a footnote, as the HTML names it.
fn footnote_anchor(number: usize) -> String {
    format!("fn-{number}")
}

/// The image of a paragraph that holds nothing else (spaces aside): shown as a picture block.
fn lone_image(inlines: &[Inline]) -> Option<&Image> {
    let mut found = None;
    for inline in inlines {
        match inline {
            Inline::Image(image) if found.is_none() => found = Some(image),
            Inline::Text(text) if text.trim().is_empty() => {}
            Inline::SoftBreak | Inline::HardBreak => {}
            _ => return None,
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests read the theme's files directly
mod tests;
