//! Markdown (CommonMark plus tables, footnotes, strikethrough, task lists and heading
//! attributes) into the shared [`Document`] model, with pulldown-cmark.
//!
//! Besides the document it returns every internal link, anchor and image with its byte range,
//! so the content stage can check them and point at the exact line of a broken one. It does not
//! know whether a link target exists: that needs the whole handbook.

mod builder;
mod raw_html;

use std::ops::Range;

use pulldown_cmark::{CowStr, Options, Parser};

use crate::document::Document;
use builder::Builder;
pub use raw_html::RawHtml;

/// A reference from a document to something outside it, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Byte range in the Markdown text given to [`parse`].
    pub span: Range<usize>,
    pub kind: ReferenceKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReferenceKind {
    /// `@/handbook/x.md#anchor`.
    Internal { path: String, anchor: Option<String> },
    /// `#anchor` in the same document.
    Anchor(String),
    /// A local image, relative to `content/`.
    Image(String),
    /// Something written wrongly, with the reason (a remote image, a malformed `@/` link).
    Invalid(String),
    /// `[@key]`: sources in `content/references.yaml`, checked and formatted by the content
    /// stage.
    Citation(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub document: Document,
    pub references: Vec<Reference>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses `text`, showing raw HTML blocks as text. `dir` is the folder of the file relative to
/// `content/` (`handbook/strategies`), against which relative image paths are resolved.
pub fn parse(text: &str, dir: &str) -> Parsed {
    parse_with(text, dir, &ParseOptions::default())
}

/// How to parse: the policy for raw HTML blocks (see [`raw_html`]) and the bounds on runaway
/// input (`limits.nesting_depth` and `limits.text_run`).
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    pub raw_html: RawHtml,
    /// How deeply blocks and inline markup may nest (`> > > …`, lists in lists: a list and each
    /// of its items count one each). Real pages stay far below the default of 100.
    pub max_nesting: usize,
    /// Characters in one paragraph, heading, table cell or code block.
    pub max_text_run: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        let limits = crate::source::Limits::default();
        ParseOptions { raw_html: RawHtml::Escape, max_nesting: limits.nesting_depth, max_text_run: limits.text_run }
    }
}

/// Parses `text` with `options`. Past either bound the rest of the text is not read: the
/// problem comes back once, as an invalid reference at the place it was passed.
pub fn parse_with(text: &str, dir: &str, settings: &ParseOptions) -> Parsed {
    let mut builder = Builder::new(settings.raw_html, dir);
    // `[@key]` and `[@a; @b]` have no link definition: the callback makes them citations,
    // marked by a destination no author can write (the `cite:` scheme is refused in links).
    let mut citations = |link: pulldown_cmark::BrokenLink<'_>| {
        citation_keys(&link.reference)
            .map(|keys| (CowStr::from(format!("{CITATION_SCHEME}{}", keys.join(";"))), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(&mut citations));
    for (event, span) in parser.into_offset_iter() {
        let problem = if builder.stack.len() > settings.max_nesting {
            // Lists in quotes in lists, hundreds deep, are no document anyone reads; laying
            // them out would only exhaust the stack.
            let depth = settings.max_nesting;
            Some(format!(
                "blocks are nested more than {depth} deep here (quotes, lists and their items each count): the limit is `limits.nesting_depth` ({depth}) in trustbook.yaml"
            ))
        } else if builder.run > settings.max_text_run {
            let run = settings.max_text_run;
            Some(format!(
                "a paragraph, heading, table cell or code block of more than {run} characters ends here: the limit is `limits.text_run` ({run}) in trustbook.yaml; break the text up"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            builder.references.push(Reference { span, kind: ReferenceKind::Invalid(message) });
            break;
        }
        builder.event(event, span);
    }
    builder.finish()
}

/// The destination a citation's link event carries, before the keys.
pub(super) const CITATION_SCHEME: &str = "cite:";

/// The keys of `@key` or `@a; @b` (letters, digits and `-_.:`), or `None` when the text is
/// anything else (a plain bracket stays text).
pub fn citation_keys(reference: &str) -> Option<Vec<String>> {
    let keys: Option<Vec<String>> = reference
        .split(';')
        .map(|part| {
            let key = part.trim().strip_prefix('@')?;
            let valid = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || "-_.:".contains(c));
            valid.then(|| key.to_string())
        })
        .collect();
    keys.filter(|k| !k.is_empty())
}

/// A stable, readable anchor for a heading: lowercase, words joined by `-`, Chinese kept as is
/// (`信任的三个维度`), so links written by hand keep working.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests;
