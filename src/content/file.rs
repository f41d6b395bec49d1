//! One handbook file as discovery names it and parsing leaves it, handed from
//! [`super::load`] to [`super::assemble`].

use std::ops::Range;

use super::front_matter::FrontMatter;
use super::markdown;
use crate::diagnostics::SourceText;
use crate::project::Lang;

/// A content file's place: `handbook/strategies` + `transparency` + `en`.
#[derive(Debug, Clone)]
pub(super) struct FileName {
    /// Folder relative to `content/`, `/`-separated.
    pub dir: String,
    /// File name without language and `.md`; `_index` for a section.
    pub stem: String,
    pub lang: Option<Lang>,
}

/// A handbook file read and parsed: its place, text, front matter and Markdown.
pub(super) struct ParsedFile {
    pub name: FileName,
    pub source: SourceText,
    pub front: FrontMatter,
    pub front_range: Range<usize>,
    pub parsed: markdown::Parsed,
}
