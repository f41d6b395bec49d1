//! The document model shared by every renderer: handbook pages and reports both become a
//! [`Document`], which the HTML renderer and the PDF layout engine each turn into their format.
//!
//! It is a plain tree with no rendering decisions in it. Links to other content are kept
//! symbolic ([`LinkTarget::Internal`]) because where a page ends up depends on the renderer and
//! the language; renderers resolve them.

use serde::Serialize;

pub use crate::figure::{Chart, ChartKind, Figure, HeatRow, Scatter, ScatterPoint, Series, StackedRow};
use crate::text::is_cjk;

/// A parsed document: its blocks, then its footnotes in order of first reference.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    pub label: String,
    /// 1-based number shown at the reference.
    pub number: usize,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    Heading(Heading),
    Paragraph(Vec<Inline>),
    List(List),
    Quote(Vec<Block>),
    Code(CodeBlock),
    Table(Table),
    Rule,
    /// Raw HTML written by the author. HTML output passes it through; other renderers skip it.
    Html(String),
    /// A chart, from a fenced ```` ```chart ```` block holding its JSON description, drawn
    /// once when it is parsed.
    Chart(Box<Figure>),
    /// `<!-- pagebreak -->` on a line of its own: paged output starts a new page here; HTML
    /// marks the place for printing.
    PageBreak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Anchor, unique within the document; stable for the same heading text.
    pub id: String,
    pub content: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct List {
    /// First number of an ordered list; `None` for a bulleted list.
    pub start: Option<u64>,
    /// Tight lists render items without paragraph spacing.
    pub tight: bool,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    /// `Some(done)` for a task list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeBlock {
    /// The info string's first word (`rust`, `chart`), if any.
    pub lang: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub align: Vec<Align>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link(Link),
    Image(Image),
    FootnoteRef {
        label: String,
        number: usize,
    },
    /// `[@mayer1995]` or `[@blau1964; @rousseau1995]`: a citation of sources in
    /// `content/references.yaml`, formatted by the content stage in the language's style.
    Citation(Citation),
    SoftBreak,
    HardBreak,
    Html(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// The cited keys, in the order written.
    pub keys: Vec<String>,
    /// The citation as the style prints it ("[1]", "(Mayer et al., 1995)"); empty until the
    /// content stage formats it.
    pub text: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub target: LinkTarget,
    pub title: String,
    pub content: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LinkTarget {
    /// A URL outside the project, used as written.
    External(String),
    /// Another content file, `handbook/strategies/transparency.md` (relative to `content/`),
    /// written `@/handbook/strategies/transparency.md#anchor` by the author.
    Internal { path: String, anchor: Option<String> },
    /// A heading or footnote in the same document: `#anchor`.
    Anchor(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    /// A file beside the content, relative to `content/` once resolved.
    pub src: String,
    pub alt: String,
    pub title: String,
}

impl Document {
    /// The headings, in order: the table of contents.
    pub fn headings(&self) -> impl Iterator<Item = &Heading> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Heading(heading) => Some(heading),
            _ => None,
        })
    }

    /// Every link target in the document, footnotes included.
    pub fn links(&self) -> Vec<&LinkTarget> {
        let mut links = Vec::new();
        visit_inlines(&self.blocks, &mut |inline| {
            if let Inline::Link(link) = inline {
                links.push(&link.target);
            }
        });
        for footnote in &self.footnotes {
            visit_inlines(&footnote.blocks, &mut |inline| {
                if let Inline::Link(link) = inline {
                    links.push(&link.target);
                }
            });
        }
        links
    }

    /// Every citation in reading order (body, then footnotes), to be formatted in place.
    pub fn citations_mut(&mut self) -> Vec<&mut Citation> {
        fn walk<'a>(inlines: &'a mut [Inline], out: &mut Vec<&'a mut Citation>) {
            for inline in inlines {
                match inline {
                    Inline::Citation(citation) => out.push(citation),
                    Inline::Emphasis(children) | Inline::Strong(children) | Inline::Strikethrough(children) => {
                        walk(children, out)
                    }
                    Inline::Link(link) => walk(&mut link.content, out),
                    _ => {}
                }
            }
        }
        fn blocks<'a>(list: &'a mut [Block], out: &mut Vec<&'a mut Citation>) {
            for block in list {
                match block {
                    Block::Heading(heading) => walk(&mut heading.content, out),
                    Block::Paragraph(inlines) => walk(inlines, out),
                    Block::List(list) => list.items.iter_mut().for_each(|item| blocks(&mut item.blocks, out)),
                    Block::Quote(inner) => blocks(inner, out),
                    Block::Table(table) => {
                        table.header.iter_mut().chain(table.rows.iter_mut().flatten()).for_each(|cell| walk(cell, out))
                    }
                    Block::Code(_) | Block::Rule | Block::Html(_) | Block::Chart(_) | Block::PageBreak => {}
                }
            }
        }
        let mut out = Vec::new();
        blocks(&mut self.blocks, &mut out);
        for footnote in &mut self.footnotes {
            blocks(&mut footnote.blocks, &mut out);
        }
        out
    }

    /// Every image in the document.
    pub fn images(&self) -> Vec<&Image> {
        let mut images = Vec::new();
        visit_inlines(&self.blocks, &mut |inline| {
            if let Inline::Image(image) = inline {
                images.push(image);
            }
        });
        images
    }

    /// The readable text of each block, one string per paragraph, heading, list item or table
    /// cell, in reading order. Renderers' output is checked against this.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_paragraphs(&self.blocks, &mut out);
        for footnote in &self.footnotes {
            collect_paragraphs(&footnote.blocks, &mut out);
        }
        out
    }
}

fn collect_paragraphs(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Heading(heading) => out.push(plain_text(&heading.content)),
            Block::Paragraph(inlines) => out.push(plain_text(inlines)),
            Block::List(list) => {
                for item in &list.items {
                    collect_paragraphs(&item.blocks, out);
                }
            }
            Block::Quote(blocks) => collect_paragraphs(blocks, out),
            Block::Code(code) => out.push(code.text.trim_end().to_string()),
            Block::Table(table) => {
                for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                    out.push(plain_text(cell));
                }
            }
            Block::Chart(figure) => out.push(figure.chart.title.clone()),
            Block::Rule | Block::Html(_) | Block::PageBreak => {}
        }
    }
}

/// Calls `f` on every inline, depth first, including inlines nested in links and emphasis.
pub fn visit_inlines<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Inline)) {
    fn walk<'a>(inlines: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
        for inline in inlines {
            f(inline);
            match inline {
                Inline::Emphasis(children) | Inline::Strong(children) | Inline::Strikethrough(children) => {
                    walk(children, f)
                }
                Inline::Link(link) => walk(&link.content, f),
                _ => {}
            }
        }
    }
    for block in blocks {
        match block {
            Block::Heading(heading) => walk(&heading.content, f),
            Block::Paragraph(inlines) => walk(inlines, f),
            Block::List(list) => list.items.iter().for_each(|item| visit_inlines(&item.blocks, f)),
            Block::Quote(blocks) => visit_inlines(blocks, f),
            Block::Table(table) => {
                table.header.iter().chain(table.rows.iter().flatten()).for_each(|cell| walk(cell, f))
            }
            Block::Code(_) | Block::Rule | Block::Html(_) | Block::Chart(_) | Block::PageBreak => {}
        }
    }
}

/// The text of inlines without markup; soft breaks become spaces except between CJK characters.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for (index, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(children) | Inline::Strong(children) | Inline::Strikethrough(children) => {
                push_plain(children, out)
            }
            Inline::Link(link) => push_plain(&link.content, out),
            Inline::Image(image) => out.push_str(&image.alt),
            Inline::FootnoteRef { number, .. } => out.push_str(&number.to_string()),
            Inline::Citation(citation) => push_plain(&citation.text, out),
            Inline::SoftBreak => {
                if !soft_break_joins_cjk(inlines, index) {
                    out.push(' ');
                }
            }
            Inline::HardBreak => out.push('\n'),
            Inline::Html(_) => {}
        }
    }
}

/// Whether the soft break at `inlines[index]` sits between two CJK characters. A line break
/// inside a Chinese sentence in the Markdown source is not a space: renderers drop it there.
pub fn soft_break_joins_cjk(inlines: &[Inline], index: usize) -> bool {
    let before = index.checked_sub(1).and_then(|i| last_char(&inlines[i]));
    let after = inlines.get(index + 1).and_then(first_char);
    before.is_some_and(is_cjk) && after.is_some_and(is_cjk)
}

fn first_char(inline: &Inline) -> Option<char> {
    plain_text(std::slice::from_ref(inline)).chars().next()
}

fn last_char(inline: &Inline) -> Option<char> {
    plain_text(std::slice::from_ref(inline)).chars().last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_breaks_join_chinese_without_a_space_and_latin_with_one() {
        let inlines = vec![
            Inline::Text("信任".into()),
            Inline::SoftBreak,
            Inline::Text("是基础".into()),
            Inline::SoftBreak,
            Inline::Text("and more".into()),
        ];
        assert_eq!(plain_text(&inlines), "信任是基础 and more");
    }
}
