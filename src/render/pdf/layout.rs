//! Page layout: the shared document model placed on pages as positioned drawing commands.
//!
//! Coordinates are points from the top-left corner of the page (the writer turns them into
//! PDF's bottom-left system). Headings stay with what follows them, a paragraph never leaves a
//! single line alone at the foot or head of a page when it has more, table rows are not split
//! when they fit on a page and the header row repeats on every page. Characters no font covers
//! are collected for the caller to report.

use super::fonts::{Fonts, Role, needs_glyph};
use super::lines::{Run, break_lines};
use super::style::{Colour, Style};
use crate::document::{
    Align, Block, Chart, ChartKind, Document, Inline, LinkTarget, List, Table, plain_text, soft_break_joins_cjk,
};

/// How a piece of text is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
    pub size: f32,
    pub colour: Colour,
    /// An external link the text leads to.
    pub link: Option<String>,
}

/// One drawing command.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// Text on a baseline at (x, y); `spacing` is extra room added at each stretch point when
    /// the line is justified.
    Text {
        x: f32,
        y: f32,
        style: TextStyle,
        text: String,
        spacing: f32,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Colour>,
        stroke: Option<Colour>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        colour: Colour,
        width: f32,
        dashed: bool,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Option<Colour>,
        stroke: Option<Colour>,
    },
    /// A clickable area leading to a URI.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        uri: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub draws: Vec<Draw>,
}

/// A heading, for bookmarks and tables of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    /// Page index (0-based) and y from the top of that page.
    pub page: usize,
    pub y: f32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Characters no configured font covers, with the text they appeared in.
    pub missing: Vec<(char, String)>,
}

/// Lays out `document` with `fonts` and `style`.
pub fn lay_out(document: &Document, fonts: &Fonts, style: &Style) -> Laid {
    let mut layout = Layout { fonts, style, laid: Laid::default(), y: style.margin_top };
    layout.laid.pages.push(Page::default());
    for block in &document.blocks {
        layout.block(block, 0.0, style.text);
    }
    if !document.footnotes.is_empty() {
        layout.gap(style.paragraph_gap * 2.0);
        layout.rule(0.0);
        for footnote in &document.footnotes {
            let mut inlines = vec![Inline::Text(format!("{}. ", footnote.number))];
            for block in &footnote.blocks {
                if let Block::Paragraph(content) = block {
                    inlines.extend(content.iter().cloned());
                }
            }
            layout.paragraph(&inlines, 0.0, style.small_size, style.muted, false, false);
        }
    }
    layout.laid.missing = missing_glyphs(&layout.laid.pages, fonts);
    layout.laid
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

/// Width of a piece of text in points, in its style.
fn measure_with(fonts: &Fonts) -> impl Fn(&TextStyle, &str) -> f32 + '_ {
    move |style: &TextStyle, text: &str| fonts.width(style.role, style.bold, text) * style.size
}

struct Layout<'a> {
    fonts: &'a Fonts,
    style: &'a Style,
    laid: Laid,
    /// Top of the free space on the current page.
    y: f32,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Page {
        self.laid.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.laid.pages.push(Page::default());
        self.y = self.style.margin_top;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.style.bottom() && self.y > self.style.margin_top + 0.5 {
            self.new_page();
        }
    }

    fn gap(&mut self, height: f32) {
        if self.y > self.style.margin_top + 0.5 {
            self.y += height;
        }
    }

    fn line_height(&self, size: f32) -> f32 {
        size * self.style.line_height
    }

    fn block(&mut self, block: &Block, indent: f32, colour: Colour) {
        let style = self.style;
        match block {
            Block::Heading(heading) => {
                let size = style.heading_sizes[usize::from(heading.level.clamp(1, 6)) - 1];
                self.gap(style.heading_before);
                // Keep the heading with at least three lines of what follows.
                self.ensure(self.line_height(size) + 3.0 * self.line_height(style.body_size));
                let title = plain_text(&heading.content);
                let page = self.laid.pages.len() - 1;
                self.laid.outline.push(OutlineEntry { level: heading.level, title, page, y: self.y });
                let colour = if heading.level <= 2 { style.text } else { style.accent };
                self.paragraph(&heading.content, indent, size, colour, true, false);
                self.y += style.heading_after - style.paragraph_gap;
            }
            Block::Paragraph(inlines) => self.paragraph(inlines, indent, style.body_size, colour, false, true),
            Block::List(list) => self.list(list, indent, colour),
            Block::Quote(blocks) => {
                let top = self.y;
                let first_page = self.laid.pages.len();
                for block in blocks {
                    self.block(block, indent + 12.0, style.muted);
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
                        dashed: false,
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
            // Raw HTML has no meaning on paper; its text, if any, is not the author's content.
            Block::Html(_) => {}
        }
    }

    fn rule(&mut self, indent: f32) {
        let left = self.style.margin_left + indent;
        let right = self.style.page_width - self.style.margin_right;
        let y = self.y;
        let colour = self.style.rule;
        self.page().draws.push(Draw::Line { from: (left, y), to: (right, y), colour, width: 0.6, dashed: false });
        self.y += 1.0;
    }

    /// Turns inlines into styled runs.
    fn runs(&self, inlines: &[Inline], base: &TextStyle, out: &mut Vec<Run<TextStyle>>) {
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
                    let uri = match &link.target {
                        LinkTarget::External(url) if url.contains(':') => Some(url.clone()),
                        _ => None,
                    };
                    let style = TextStyle { colour: self.style.accent, link: uri, ..base.clone() };
                    self.runs(&link.content, &style, out);
                }
                Inline::Image(image) => out.push(Run { text: format!("[{}]", image.alt), style: base.clone() }),
                Inline::FootnoteRef { number, .. } => out.push(Run {
                    text: format!("[{number}]"),
                    style: TextStyle { size: base.size * 0.8, colour: self.style.accent, ..base.clone() },
                }),
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
    fn paragraph(&mut self, inlines: &[Inline], indent: f32, size: f32, colour: Colour, bold: bool, justify: bool) {
        let base = TextStyle {
            role: if bold { Role::Heading } else { Role::Body },
            bold,
            italic: false,
            size,
            colour,
            link: None,
        };
        let mut runs = Vec::new();
        self.runs(inlines, &base, &mut runs);
        let width = self.style.column() - indent;
        let measure = measure_with(self.fonts);
        let lines = break_lines(&runs, width, &measure);
        let line_height = self.line_height(size);
        let total = lines.len();
        for (index, line) in lines.iter().enumerate() {
            // Orphans and widows: never one line alone at the end or start of a page.
            let first_of_several = index == 0 && total >= 2;
            let needed = if first_of_several || index + 2 == total { 2.0 * line_height } else { line_height };
            self.ensure(needed);
            let baseline = self.y + size * 1.15;
            let stretch = line.stretch_points();
            let spacing = if justify && !line.ends_paragraph && stretch > 0 && width - line.width < width * 0.25 {
                (width - line.width) / stretch as f32
            } else {
                0.0
            };
            let x0 = self.style.margin_left + indent;
            for fragment in &line.fragments {
                if fragment.text.chars().any(needs_glyph) || fragment.text.contains(' ') {
                    self.page().draws.push(Draw::Text {
                        x: x0 + fragment.x,
                        y: baseline,
                        style: fragment.style.clone(),
                        text: fragment.text.clone(),
                        spacing,
                    });
                }
                if let Some(uri) = &fragment.style.link {
                    let (y, width, height) = (self.y, fragment.width, line_height);
                    self.page().draws.push(Draw::Link { x: x0 + fragment.x, y, width, height, uri: uri.clone() });
                }
            }
            self.y += line_height;
        }
        self.y += self.style.paragraph_gap;
    }

    fn list(&mut self, list: &List, indent: f32, colour: Colour) {
        let style = self.style;
        for (index, item) in list.items.iter().enumerate() {
            self.ensure(2.0 * self.line_height(style.body_size));
            let baseline = self.y + style.body_size * 1.15;
            let x = style.margin_left + indent;
            match (list.start, item.task) {
                // Bullets and boxes are shapes, not characters: they are not part of the text.
                (_, Some(done)) => {
                    let (size, top) = (7.0, baseline - 7.0);
                    let fill = done.then_some(style.accent);
                    self.page().draws.push(Draw::Rect {
                        x,
                        y: top,
                        width: size,
                        height: size,
                        fill,
                        stroke: Some(colour),
                    });
                }
                (Some(start), None) => {
                    let text_style = TextStyle {
                        role: Role::Body,
                        bold: false,
                        italic: false,
                        size: style.body_size,
                        colour,
                        link: None,
                    };
                    let text = format!("{}.", start + index as u64);
                    self.page().draws.push(Draw::Text { x, y: baseline, style: text_style, text, spacing: 0.0 });
                }
                (None, None) => {
                    let (cx, cy, r) = (x + 3.0, baseline - style.body_size * 0.33, 1.8);
                    let points = (0..8)
                        .map(|k| {
                            let angle = std::f32::consts::TAU * k as f32 / 8.0;
                            (cx + r * angle.cos(), cy + r * angle.sin())
                        })
                        .collect();
                    self.page().draws.push(Draw::Polygon { points, fill: Some(colour), stroke: None });
                }
            }
            let before = self.y;
            for block in &item.blocks {
                self.block(block, indent + style.list_indent, colour);
            }
            if list.tight && self.y > before {
                self.y -= style.paragraph_gap * 0.7;
            }
        }
        self.y += style.paragraph_gap * 0.7;
    }

    fn code(&mut self, text: &str, indent: f32) {
        let style = self.style;
        let size = style.code_size;
        let line_height = self.line_height(size);
        let text_style =
            TextStyle { role: Role::Mono, bold: false, italic: false, size, colour: style.text, link: None };
        let width = style.column() - indent - 12.0;
        let measure = measure_with(self.fonts);
        let mut lines = Vec::new();
        for source_line in text.trim_end().split('\n') {
            let runs = vec![Run { text: source_line.to_string(), style: text_style.clone() }];
            let broken = break_lines(&runs, width, &measure);
            if broken.is_empty() {
                lines.push(String::new());
            }
            lines.extend(broken.iter().map(|l| l.text()));
        }
        for line in lines {
            self.ensure(line_height);
            let (x, y) = (style.margin_left + indent, self.y);
            self.page().draws.push(Draw::Rect {
                x,
                y,
                width: style.column() - indent,
                height: line_height,
                fill: Some(style.fill),
                stroke: None,
            });
            if !line.is_empty() {
                self.page().draws.push(Draw::Text {
                    x: x + 6.0,
                    y: y + size * 1.15,
                    style: text_style.clone(),
                    text: line,
                    spacing: 0.0,
                });
            }
            self.y += line_height;
        }
        self.y += style.paragraph_gap;
    }

    /// Column widths from content: each column's natural width, shrunk proportionally (never
    /// below what its longest word needs, where possible) when the table is too wide.
    fn column_widths(&self, table: &Table, width: f32) -> Vec<f32> {
        let columns = table.header.len().max(table.rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
        let padding = 2.0 * self.style.cell_padding;
        let size = self.style.body_size * 0.92;
        let mut natural = vec![padding + size; columns];
        let mut minimum = vec![padding + size; columns];
        for (row_index, row) in std::iter::once(&table.header).chain(&table.rows).enumerate() {
            for (c, cell) in row.iter().enumerate().take(columns) {
                let text = plain_text(cell);
                let bold = row_index == 0;
                let full = self.fonts.width(Role::Body, bold, &text) * size + padding;
                let longest_word = text
                    .split_whitespace()
                    .map(|w| {
                        if w.chars().any(crate::document::is_cjk) {
                            size * 2.0
                        } else {
                            self.fonts.width(Role::Body, bold, w) * size
                        }
                    })
                    .fold(0.0, f32::max)
                    + padding;
                natural[c] = natural[c].max(full);
                minimum[c] = minimum[c].max(longest_word.min(width / columns as f32));
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= width {
            // Share the spare room in proportion, so the table spans the column.
            return natural.iter().map(|n| n + (width - total) * n / total).collect();
        }
        let fixed: f32 = minimum.iter().sum();
        let flexible: f32 = natural.iter().zip(&minimum).map(|(n, m)| n - m).sum();
        natural
            .iter()
            .zip(&minimum)
            .map(|(n, m)| {
                if flexible > 0.0 { m + (width - fixed).max(0.0) * (n - m) / flexible } else { width / columns as f32 }
            })
            .collect()
    }

    fn table(&mut self, table: &Table, indent: f32) {
        let style = self.style;
        let width = style.column() - indent;
        let widths = self.column_widths(table, width);
        let size = style.body_size * 0.92;
        let line_height = self.line_height(size);
        let padding = style.cell_padding;
        let measure = measure_with(self.fonts);
        let lay_row = |cells: &[Vec<Inline>], bold: bool| -> (Vec<Vec<super::lines::Line<TextStyle>>>, f32) {
            let mut laid = Vec::new();
            let mut tallest = 1usize;
            for (c, width) in widths.iter().enumerate() {
                let base = TextStyle { role: Role::Body, bold, italic: false, size, colour: style.text, link: None };
                let mut runs = Vec::new();
                if let Some(cell) = cells.get(c) {
                    self.runs(cell, &base, &mut runs);
                }
                let lines = break_lines(&runs, width - 2.0 * padding, &measure);
                tallest = tallest.max(lines.len());
                laid.push(lines);
            }
            (laid, tallest as f32 * line_height + 2.0 * padding)
        };
        let header = (!table.header.is_empty()).then(|| lay_row(&table.header, true));
        let rows: Vec<_> = table.rows.iter().map(|r| lay_row(r, false)).collect();
        let x0 = style.margin_left + indent;
        let header_height = header.as_ref().map_or(0.0, |h| h.1);
        // Header and first row together.
        self.ensure(header_height + rows.first().map_or(0.0, |r| r.1));
        let draw_row = |layout: &mut Self, row: &(Vec<Vec<super::lines::Line<TextStyle>>>, f32), is_header: bool| {
            let y = layout.y;
            let mut x = x0;
            for (c, lines) in row.0.iter().enumerate() {
                let fill = is_header.then_some(style.fill);
                layout.page().draws.push(Draw::Rect {
                    x,
                    y,
                    width: widths[c],
                    height: row.1,
                    fill,
                    stroke: Some(style.rule),
                });
                let align = table.align.get(c).copied().unwrap_or(Align::None);
                for (l, line) in lines.iter().enumerate() {
                    let room = widths[c] - 2.0 * padding - line.width;
                    let shift = match align {
                        Align::Right => room,
                        Align::Center => room / 2.0,
                        _ => 0.0,
                    };
                    let baseline = y + padding + l as f32 * line_height + size * 1.15;
                    for fragment in &line.fragments {
                        layout.page().draws.push(Draw::Text {
                            x: x + padding + shift + fragment.x,
                            y: baseline,
                            style: fragment.style.clone(),
                            text: fragment.text.clone(),
                            spacing: 0.0,
                        });
                    }
                }
                x += widths[c];
            }
            layout.y += row.1;
        };
        if let Some(header) = &header {
            draw_row(self, header, true);
        }
        for row in &rows {
            let fits_a_page = row.1 + header_height <= style.bottom() - style.margin_top;
            if fits_a_page && self.y + row.1 > style.bottom() {
                self.new_page();
                if let Some(header) = &header {
                    draw_row(self, header, true);
                }
            }
            draw_row(self, row, false);
        }
        self.y += style.paragraph_gap;
    }

    fn chart(&mut self, chart: &Chart, indent: f32) {
        let style = self.style;
        let width = (style.column() - indent).min(440.0);
        let x0 = style.margin_left + indent;
        let title_style = TextStyle {
            role: Role::Heading,
            bold: true,
            italic: false,
            size: style.body_size,
            colour: style.text,
            link: None,
        };
        let small = TextStyle {
            role: Role::Body,
            bold: false,
            italic: false,
            size: style.small_size,
            colour: style.muted,
            link: None,
        };
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
                            dashed: false,
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
                                dashed: s % 2 == 1,
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
                        dashed: s % 2 == 1,
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
