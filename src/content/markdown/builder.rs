//! The event-by-event builder behind [`super::parse_with`]: pulldown-cmark's events into the
//! document model's blocks and inlines, with the references the content stage checks.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Parsed, RawHtml, Reference, ReferenceKind, raw_html, slugify};
use crate::document::{
    Align, Block, Citation, CodeBlock, Document, Footnote, Heading, Image, Inline, Link, LinkTarget, List, ListItem,
    Table, plain_text,
};

/// A link the parser made from `[@key]` (see [`super::citation_keys`]): its kind says no
/// definition was written, its destination carries the keys.
fn is_citation(link_type: pulldown_cmark::LinkType, dest: &str) -> bool {
    use pulldown_cmark::LinkType;
    matches!(link_type, LinkType::ShortcutUnknown | LinkType::ReferenceUnknown | LinkType::CollapsedUnknown)
        && dest.starts_with(super::CITATION_SCHEME)
}

/// Tags that open markup inside a run of text rather than a block.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

pub(super) enum Open {
    Blocks(Vec<Block>),
    Inlines(Vec<Inline>),
    Heading {
        level: u8,
        id: Option<String>,
        inlines: Vec<Inline>,
    },
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
        loose: bool,
    },
    Item {
        task: Option<bool>,
        blocks: Vec<Block>,
        inlines: Vec<Inline>,
    },
    Code {
        lang: Option<String>,
        text: String,
    },
    Html(String),
    Table {
        align: Vec<Align>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
    Cell(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Link {
        target: LinkTarget,
        title: String,
        inlines: Vec<Inline>,
    },
    Image {
        src: String,
        title: String,
        alt: String,
    },
    /// A citation's keys; the text written inside (`@key`) is dropped.
    Citation(Vec<String>),
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
}

pub(super) struct Builder {
    raw_html: RawHtml,
    pub(super) stack: Vec<Open>,
    pub(super) references: Vec<Reference>,
    used_ids: HashSet<String>,
    footnote_numbers: HashMap<String, usize>,
    footnote_defs: Vec<(String, Vec<Block>)>,
    dir: String,
    /// Where the code block being read starts, for errors in chart blocks.
    code_start: usize,
    /// Characters of text since the last block started or ended.
    pub(super) run: usize,
}

impl Builder {
    /// A builder for a file in `dir` (relative to `content/`), with `raw_html`'s policy.
    pub(super) fn new(raw_html: RawHtml, dir: &str) -> Builder {
        Builder {
            raw_html,
            stack: vec![Open::Blocks(Vec::new())],
            references: Vec::new(),
            used_ids: HashSet::new(),
            footnote_numbers: HashMap::new(),
            footnote_defs: Vec::new(),
            dir: dir.to_string(),
            code_start: 0,
            run: 0,
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>, span: Range<usize>) {
        match &event {
            Event::Start(tag) if !is_inline(tag) => self.run = 0,
            Event::End(tag) if !is_inline_end(*tag) => self.run = 0,
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.run += text.chars().count()
            }
            _ => {}
        }
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(Inline::Code(code.into_string())),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.inline(Inline::Code(math.into_string())),
            Event::Html(html) => match self.stack.last_mut() {
                Some(Open::Html(buffer)) => buffer.push_str(&html),
                _ => {
                    if let Some(block) = raw_html::block(html.into_string(), self.raw_html) {
                        self.block(block);
                    }
                }
            },
            Event::InlineHtml(html) => {
                if let Some(inline) = raw_html::inline(html.into_string()) {
                    self.inline(inline);
                }
            }
            Event::FootnoteReference(label) => {
                let next = self.footnote_numbers.len() + 1;
                let number = *self.footnote_numbers.entry(label.to_string()).or_insert(next);
                self.inline(Inline::FootnoteRef { label: label.into_string(), number });
            }
            Event::SoftBreak => self.inline(Inline::SoftBreak),
            Event::HardBreak => self.inline(Inline::HardBreak),
            Event::Rule => self.block(Block::Rule),
            Event::TaskListMarker(done) => {
                if let Some(Open::Item { task, .. }) =
                    self.stack.iter_mut().rev().find(|open| matches!(open, Open::Item { .. }))
                {
                    *task = Some(done);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Range<usize>) {
        let open = match tag {
            Tag::Paragraph => {
                if let Some(Open::List { loose, .. }) = self.stack.iter_mut().rev().nth(1) {
                    *loose = true;
                }
                Open::Inlines(Vec::new())
            }
            Tag::Heading { level, id, .. } => {
                Open::Heading { level: heading_level(level), id: id.map(CowStr::into_string), inlines: Vec::new() }
            }
            Tag::BlockQuote(_) => Open::Quote(Vec::new()),
            Tag::CodeBlock(kind) => {
                self.code_start = span.start;
                Open::Code {
                    lang: match kind {
                        CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(str::to_string),
                        CodeBlockKind::Indented => None,
                    },
                    text: String::new(),
                }
            }
            Tag::HtmlBlock => Open::Html(String::new()),
            Tag::List(start) => Open::List { start, items: Vec::new(), loose: false },
            Tag::Item => Open::Item { task: None, blocks: Vec::new(), inlines: Vec::new() },
            Tag::FootnoteDefinition(label) => Open::Footnote { label: label.into_string(), blocks: Vec::new() },
            Tag::Table(align) => Open::Table {
                align: align.into_iter().map(alignment).collect(),
                header: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
            },
            Tag::TableHead | Tag::TableRow => return,
            Tag::TableCell => Open::Cell(Vec::new()),
            Tag::Emphasis => Open::Emphasis(Vec::new()),
            Tag::Strong => Open::Strong(Vec::new()),
            Tag::Strikethrough => Open::Strike(Vec::new()),
            Tag::Link { dest_url, link_type, .. } if is_citation(link_type, &dest_url) => {
                let keys: Vec<String> =
                    dest_url[super::CITATION_SCHEME.len()..].split(';').map(str::to_string).collect();
                self.references.push(Reference { span, kind: ReferenceKind::Citation(keys.clone()) });
                Open::Citation(keys)
            }
            Tag::Link { dest_url, title, .. } => {
                let target = self.link_target(&dest_url, span);
                Open::Link { target, title: title.into_string(), inlines: Vec::new() }
            }
            Tag::Image { dest_url, title, .. } => {
                let src = self.image_source(&dest_url, span);
                Open::Image { src, title: title.into_string(), alt: String::new() }
            }
            // Extensions not enabled in `options()`; keep their text if they ever appear.
            Tag::Superscript | Tag::Subscript | Tag::MetadataBlock(_) => Open::Inlines(Vec::new()),
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => Open::Inlines(Vec::new()),
        };
        self.stack.push(open);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::TableHead => {
                if let Some(Open::Table { header, row, .. }) = self.stack.last_mut() {
                    *header = std::mem::take(row);
                }
                return;
            }
            TagEnd::TableRow => {
                if let Some(Open::Table { rows, row, .. }) = self.stack.last_mut() {
                    rows.push(std::mem::take(row));
                }
                return;
            }
            _ => {}
        }
        let Some(open) = self.stack.pop() else { return };
        match open {
            Open::Blocks(blocks) => self.stack.push(Open::Blocks(blocks)),
            Open::Inlines(inlines) => {
                if matches!(tag, TagEnd::Paragraph) {
                    self.block(Block::Paragraph(inlines));
                } else {
                    inlines.into_iter().for_each(|inline| self.inline(inline));
                }
            }
            Open::Heading { level, id, inlines } => {
                let base = id.unwrap_or_else(|| slugify(&plain_text(&inlines)));
                let id = self.unique_id(if base.is_empty() { "section".into() } else { base });
                self.block(Block::Heading(Heading { level, id, content: inlines }));
            }
            Open::Quote(blocks) => self.block(Block::Quote(blocks)),
            Open::List { start, items, loose } => self.block(Block::List(List { start, tight: !loose, items })),
            Open::Item { task, mut blocks, inlines } => {
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(inlines));
                }
                if let Some(Open::List { items, .. }) = self.stack.last_mut() {
                    items.push(ListItem { task, blocks });
                }
            }
            Open::Code { lang, text } if lang.as_deref() == Some("chart") => match serde_json::from_str(&text) {
                Ok(chart) => self.block(Block::Chart(Box::new(crate::document::Figure::new(chart)))),
                Err(error) => {
                    let span = self.code_start..self.code_start;
                    self.references.push(Reference {
                        span,
                        kind: ReferenceKind::Invalid(format!("chart block is not a valid chart description: {error}")),
                    });
                    self.block(Block::Code(CodeBlock { lang, text }));
                }
            },
            Open::Code { lang, text } => self.block(Block::Code(CodeBlock { lang, text })),
            Open::Html(html) => {
                if let Some(block) = raw_html::block(html, self.raw_html) {
                    self.block(block);
                }
            }
            Open::Table { align, header, rows, .. } => self.block(Block::Table(Table { align, header, rows })),
            Open::Cell(inlines) => {
                if let Some(Open::Table { row, .. }) = self.stack.last_mut() {
                    row.push(inlines);
                }
            }
            Open::Emphasis(inlines) => self.inline(Inline::Emphasis(inlines)),
            Open::Strong(inlines) => self.inline(Inline::Strong(inlines)),
            Open::Strike(inlines) => self.inline(Inline::Strikethrough(inlines)),
            Open::Link { target, title, inlines } => {
                self.inline(Inline::Link(Link { target, title, content: inlines }))
            }
            Open::Image { src, title, alt } => self.inline(Inline::Image(Image { src, alt, title })),
            Open::Citation(keys) => self.inline(Inline::Citation(Citation { keys, text: Vec::new() })),
            Open::Footnote { label, blocks } => self.footnote_defs.push((label, blocks)),
        }
    }

    fn text(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some(Open::Code { text: buffer, .. }) | Some(Open::Html(buffer)) => buffer.push_str(text),
            Some(Open::Image { alt, .. }) => alt.push_str(text),
            _ => {
                // Adjacent text events (pulldown splits at some characters) are merged so the
                // document holds whole runs of text.
                if let Some(Inline::Text(previous)) = self.inlines_mut().and_then(|inlines| inlines.last_mut()) {
                    previous.push_str(text);
                } else {
                    self.inline(Inline::Text(text.to_string()));
                }
            }
        }
    }

    fn inlines_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self.stack.last_mut()? {
            Open::Inlines(inlines)
            | Open::Heading { inlines, .. }
            | Open::Item { inlines, .. }
            | Open::Cell(inlines)
            | Open::Emphasis(inlines)
            | Open::Strong(inlines)
            | Open::Strike(inlines)
            | Open::Link { inlines, .. } => Some(inlines),
            _ => None,
        }
    }

    fn inline(&mut self, inline: Inline) {
        if let Some(Open::Image { alt, .. }) = self.stack.last_mut() {
            alt.push_str(&plain_text(std::slice::from_ref(&inline)));
            return;
        }
        match self.inlines_mut() {
            Some(inlines) => inlines.push(inline),
            // Inline content directly in a block container cannot come from pulldown-cmark,
            // but wrapping it keeps the tree valid whatever the event stream.
            None => self.block(Block::Paragraph(vec![inline])),
        }
    }

    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Open::Blocks(blocks)) | Some(Open::Quote(blocks)) | Some(Open::Footnote { blocks, .. }) => {
                blocks.push(block)
            }
            Some(Open::Item { blocks, inlines, .. }) => {
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(inlines)));
                }
                blocks.push(block);
            }
            _ => {}
        }
    }

    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut counter = 1;
        while !self.used_ids.insert(id.clone()) {
            id = format!("{base}-{counter}");
            counter += 1;
        }
        id
    }

    fn link_target(&mut self, dest: &str, span: Range<usize>) -> LinkTarget {
        if let Some(rest) = dest.strip_prefix("@/") {
            let (path, anchor) = match rest.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor.to_string())),
                None => (rest, None),
            };
            let kind = if path.ends_with(".md") && !path.split('/').any(|part| part == ".." || part.is_empty()) {
                ReferenceKind::Internal { path: path.to_string(), anchor: anchor.clone() }
            } else {
                ReferenceKind::Invalid(format!(
                    "internal link `{dest}` should name a Markdown file under content/, like `@/handbook/strategies/transparency.md`"
                ))
            };
            self.references.push(Reference { span, kind });
            return LinkTarget::Internal { path: path.to_string(), anchor };
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            self.references.push(Reference { span, kind: ReferenceKind::Anchor(anchor.to_string()) });
            return LinkTarget::Anchor(anchor.to_string());
        }
        if let Some(scheme) =
            raw_html::scheme(dest).filter(|s| !raw_html::LINK_SCHEMES.contains(&s.to_ascii_lowercase().as_str()))
        {
            self.references.push(Reference {
                span,
                kind: ReferenceKind::Invalid(format!(
                    "link `{dest}` uses the scheme `{scheme}:`, which pages never link to: use http, https or mailto, or a relative path"
                )),
            });
        }
        LinkTarget::External(dest.to_string())
    }

    fn image_source(&mut self, dest: &str, span: Range<usize>) -> String {
        if dest.starts_with("data:") {
            return dest.to_string();
        }
        let remote = dest.starts_with("//")
            || dest.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
        if remote {
            self.references.push(Reference {
                span,
                kind: ReferenceKind::Invalid(format!(
                    "image `{dest}` is remote: the handbook must work offline, so save the image next to the page and link it by a relative path"
                )),
            });
            return dest.to_string();
        }
        let mut parts: Vec<&str> = if dest.starts_with('/') { Vec::new() } else { self.dir.split('/').collect() };
        parts.retain(|part| !part.is_empty());
        for part in dest.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        // One problem, said once: there is no picture to look for.
                        self.references.push(Reference {
                            span,
                            kind: ReferenceKind::Invalid(format!(
                                "image `{dest}` points outside content/: pictures must lie inside the project's content folder"
                            )),
                        });
                        return dest.to_string();
                    }
                }
                other => parts.push(other),
            }
        }
        let resolved = parts.join("/");
        self.references.push(Reference { span, kind: ReferenceKind::Image(resolved.clone()) });
        resolved
    }

    pub(super) fn finish(mut self) -> Parsed {
        let blocks = match self.stack.drain(..).next() {
            Some(Open::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        };
        let mut footnotes: Vec<Footnote> = Vec::new();
        let mut next_number = self.footnote_numbers.len() + 1;
        for (label, blocks) in self.footnote_defs {
            let number = match self.footnote_numbers.get(&label) {
                Some(number) => *number,
                None => {
                    next_number += 1;
                    next_number - 1
                }
            };
            footnotes.push(Footnote { label, number, blocks });
        }
        footnotes.sort_by_key(|footnote| footnote.number);
        Parsed { document: Document { blocks, footnotes }, references: self.references }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn alignment(alignment: Alignment) -> Align {
    match alignment {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}
