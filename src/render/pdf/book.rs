//! The handbook as one PDF book per language: a cover, a table of contents with page numbers,
//! then every section and page in reading order, each top-level section a chapter that starts
//! on a new page.
//!
//! Headings go one level deeper per level of nesting (a chapter is level 1, its pages level 2,
//! their own `##` headings level 3), so bookmarks nest like the handbook. Every entry and
//! heading is a named place (`handbook/model/three-dimensions.md#ability`), which is what
//! `@/` links inside the book, and links from team reports, lead to.

use super::Assets;
use super::fonts::Role;
use super::layout::{Dash, Draw, Laid, Layout, LinkDest, TextStyle, destination};
use super::lines::{Run, break_lines};
use super::page::OutlineEntry;
use crate::compose::actions_table;
use crate::content::{EntryId, Handbook};
use crate::document::Inline;
use crate::project::Lang;
use crate::theme::Theme;

/// Words of the book that come from the theme's locale or the project.
pub struct BookTexts {
    pub author: String,
    /// The date line of the cover, if the build has a date.
    pub date: Option<String>,
}

/// The deepest heading listed in the table of contents: chapters and their pages.
const CONTENTS_DEPTH: u8 = 2;

/// The name of the contents page, for bookmarks.
const CONTENTS: &str = "#contents";

/// Lays out the whole handbook in `lang`.
pub fn lay_out_book(handbook: &Handbook, lang: &Lang, theme: &Theme, texts: &BookTexts, assets: &Assets) -> Laid {
    let root = handbook.root().entry.variant(lang);
    let body = lay_out_body(handbook, lang, theme, assets);

    let mut cover = Layout::new(assets);
    cover.cover(&root.title, &root.summary, texts);
    let mut book = cover.finish();
    book.pages[0].footer = false;

    // The contents' length does not depend on the numbers in it (their room is reserved), so
    // one pass with provisional numbers tells how many pages come before the body.
    let contents_title = theme.text(lang, "table_of_contents");
    // Chapters and pages only: their destinations have no `#anchor`, a heading inside a
    // chapter's own text (its reference list, say) does and stays a bookmark.
    let listed = |e: &OutlineEntry| e.level <= CONTENTS_DEPTH && !e.dest.contains('#');
    let provisional = lay_out_contents(contents_title, &body, 0, assets, &listed).pages.len();
    let contents = lay_out_contents(contents_title, &body, book.pages.len() + provisional, assets, &listed);
    debug_assert_eq!(contents.pages.len(), provisional);
    book.append(contents);
    book.append(body);
    book
}

/// Every entry in reading order, chapters on new pages.
fn lay_out_body(handbook: &Handbook, lang: &Lang, theme: &Theme, assets: &Assets) -> Laid {
    let mut layout = Layout::new(assets);
    for id in handbook.reading_order() {
        let entry = handbook.entry(id);
        let variant = entry.variant(lang);
        // The root is the book's introduction; top-level sections are chapters.
        let level = (handbook.ancestors(id).len() as u8).max(1);
        let title = match id {
            EntryId::Section(section) if section.0 == 0 => theme.text(lang, "pdf_introduction").to_string(),
            _ => variant.title.clone(),
        };
        if level == 1 {
            layout.start_chapter(title.clone());
        }
        layout.heading(level, &[Inline::Text(title)], destination(&entry.path, None));
        if variant.lang != *lang {
            layout.note(theme.text(lang, "untranslated_notice"));
        }
        layout.document(&variant.document, &entry.path, level - 1);
        if let Some(actions) = actions_table(variant, theme, lang) {
            layout.document(&actions.to_document((level + 1).min(6)), &entry.path, 0);
        }
    }
    layout.finish()
}

/// A table of contents: one line per `listed` heading of `body`, numbered as printed
/// (`pages_before` is the number of pages before the body). The handbook book and the unit
/// packs use it.
pub(super) fn lay_out_contents(
    title: &str,
    body: &Laid,
    pages_before: usize,
    assets: &Assets,
    listed: &dyn Fn(&OutlineEntry) -> bool,
) -> Laid {
    let mut layout = Layout::new(assets);
    layout.start_chapter(title.to_string());
    layout.heading(1, &[Inline::Text(title.to_string())], CONTENTS.to_string());
    for entry in body.outline.iter().filter(|e| listed(e)) {
        let number = (entry.page + pages_before + 1).to_string();
        layout.contents_line(entry.level, &entry.title, &number, &entry.dest);
    }
    layout.finish()
}

impl Layout<'_> {
    /// The cover: title, the handbook's summary, author and date.
    fn cover(&mut self, title: &str, summary: &str, texts: &BookTexts) {
        let style = self.style;
        self.page().draws.push(Draw::Rect {
            x: 0.0,
            y: 0.0,
            width: style.page_width,
            height: style.page_height * 0.06,
            fill: Some(style.accent),
            stroke: None,
        });
        self.y = style.page_height * 0.3;
        self.paragraph(&[Inline::Text(title.to_string())], 0.0, style.heading_sizes[0] * 1.6, style.text, true, false);
        self.y += style.paragraph_gap;
        if !summary.is_empty() {
            let size = style.heading_sizes[2];
            self.paragraph(&[Inline::Text(summary.to_string())], 0.0, size, style.muted, false, false);
        }
        self.y = style.page_height * 0.75;
        self.rule(0.0);
        self.y += style.paragraph_gap;
        for line in std::iter::once(&texts.author).chain(&texts.date).filter(|l| !l.is_empty()) {
            self.paragraph(&[Inline::Text(line.clone())], 0.0, style.body_size, style.muted, false, false);
        }
    }

    /// A quiet line above a page's text (the untranslated notice).
    fn note(&mut self, text: &str) {
        let style = self.style;
        self.paragraph(&[Inline::Text(text.to_string())], 0.0, style.small_size, style.muted, false, false);
    }

    /// One line of the contents: the title (wrapped if long), dotted leaders, the page number
    /// at the right margin; the whole line leads to the entry.
    fn contents_line(&mut self, level: u8, title: &str, number: &str, dest: &str) {
        let style = self.style;
        let chapter = level == 1;
        let size = if chapter { style.body_size * 1.05 } else { style.body_size };
        let text_style = TextStyle { bold: chapter, ..TextStyle::plain(Role::Body, size, style.text) };
        let indent = f32::from(level.saturating_sub(1)) * style.list_indent;
        // Room for the number is reserved whatever its digits, so the layout does not depend on it.
        let number_room = size * 3.0;
        let right = style.page_width - style.margin_right;
        let width = style.column() - indent - number_room;
        let measure = self.measure();
        let lines = break_lines(&[Run { text: title.to_string(), style: text_style.clone() }], width, &measure);
        let line_height = self.line_height(size);
        if chapter {
            self.gap(style.paragraph_gap);
        }
        self.ensure(line_height * lines.len() as f32);
        let top = self.y;
        let x0 = style.margin_left + indent;
        let mut end = x0;
        for line in &lines {
            let baseline = self.y + size * 1.15;
            for fragment in &line.fragments {
                self.page().draws.push(Draw::Text {
                    x: x0 + fragment.x,
                    y: baseline,
                    style: fragment.style.clone(),
                    text: fragment.text.clone(),
                    spacing: 0.0,
                });
            }
            end = x0 + line.width;
            self.y += line_height;
        }
        let baseline = self.y - line_height + size * 1.15;
        let number_width = measure(&text_style, number);
        let leader_end = right - number_width - size * 0.5;
        if leader_end - end > size {
            self.page().draws.push(Draw::Line {
                from: (end + size * 0.5, baseline),
                to: (leader_end, baseline),
                colour: style.muted,
                width: 0.9,
                dash: Dash::Dotted,
            });
        }
        self.page().draws.push(Draw::Text {
            x: right - number_width,
            y: baseline,
            style: text_style,
            text: number.to_string(),
            spacing: 0.0,
        });
        let dest = LinkDest::Named(dest.to_string());
        let height = self.y - top;
        self.page().draws.push(Draw::Link { x: x0, y: top, width: right - x0, height, dest });
    }
}
