//! Laid-out pages: positioned drawing commands (text, shapes, pictures, links), bookmarks and
//! named places, and the document's metadata. What the layout engine ([`super::layout`]) produces and the writer
//! ([`super::writer`]) turns into PDF; neither needs the other to read it.

use std::collections::BTreeMap;

use super::fonts::Role;
use super::style::Colour;

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkDest {
    /// A web address (or `mailto:`).
    Uri(String),
    /// A named place, [`destination`]: in this document when it has that name, otherwise in the
    /// handbook book the writer is told to link to.
    Named(String),
}

/// The name of a place in the handbook: a content file's path (`handbook/model/_index.md`),
/// with `#anchor` for a heading in it. Reports use an empty path for their own headings.
pub fn destination(path: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(anchor) => format!("{path}#{anchor}"),
        None => path.to_string(),
    }
}

/// How a piece of text is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
    pub size: f32,
    pub colour: Colour,
    /// Where the text leads when it is a link.
    pub link: Option<LinkDest>,
    /// How far above the baseline (footnote numbers), in points.
    pub rise: f32,
}

impl TextStyle {
    pub fn plain(role: Role, size: f32, colour: Colour) -> TextStyle {
        TextStyle { role, bold: false, italic: false, size, colour, link: None, rise: 0.0 }
    }
}

/// How a line is stroked.
#[derive(Debug, Clone, PartialEq)]
pub enum Dash {
    Solid,
    /// Dash and gap lengths in points, repeated: a chart's series.
    Pattern(Vec<f32>),
    /// Dots: leaders in a table of contents.
    Dotted,
}

/// How a path's outline is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Pen {
    pub colour: Colour,
    /// In points.
    pub width: f32,
    pub dash: Dash,
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
        dash: Dash,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Option<Colour>,
        stroke: Option<Colour>,
    },
    /// Lines through the points (a chart's shapes): closed and filled, or open.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        /// Fill colour and opacity, 0 (invisible) to 1, of a closed path.
        fill: Option<(Colour, f32)>,
        stroke: Option<Pen>,
    },
    /// A picture from [`Images`], `src` as written in the document, with (x, y) its top-left.
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        src: String,
    },
    /// The brand's logo as vector outlines, (x, y) its top-left and `scale` points per px.
    Outlines {
        outlines: std::sync::Arc<Vec<crate::logo::Outline>>,
        x: f32,
        y: f32,
        scale: f32,
    },
    /// A clickable area.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        dest: LinkDest,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub draws: Vec<Draw>,
    /// Running header; none on a document's or chapter's first page.
    pub header: Option<String>,
    /// Whether the page number is printed (not on a cover).
    pub footer: bool,
}

impl Default for Page {
    fn default() -> Self {
        Page { draws: Vec::new(), header: None, footer: true }
    }
}

/// A heading, for bookmarks and tables of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    /// Page index (0-based) and y from the top of that page.
    pub page: usize,
    pub y: f32,
    /// The heading's [`destination`] name.
    pub dest: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Named places: page index and y from the top.
    pub anchors: BTreeMap<String, (usize, f32)>,
    /// Characters no configured font covers, with the text they appeared in.
    pub missing: Vec<(char, String)>,
}

impl Laid {
    /// Appends `other`'s pages after this one's, moving its outline and anchors along.
    pub fn append(&mut self, other: Laid) {
        let offset = self.pages.len();
        self.pages.extend(other.pages);
        self.outline.extend(other.outline.into_iter().map(|entry| OutlineEntry { page: entry.page + offset, ..entry }));
        for (name, (page, y)) in other.anchors {
            self.anchors.entry(name).or_insert((page + offset, y));
        }
        for (c, text) in other.missing {
            if !self.missing.iter().any(|(m, _)| *m == c) {
                self.missing.push((c, text));
            }
        }
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
    /// A line at the start of every footer (the brand's confidentiality line); the page
    /// number then stands at the right. Empty: the page number alone, at the left.
    pub footer_note: String,
    /// Text at the right of the running header (the client); may be empty.
    pub header_note: String,
}
