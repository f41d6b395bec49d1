//! Citations: `[@key]` in the handbook's Markdown, the sources in `content/references.yaml`
//! (Hayagriva's YAML format), and the lists of references, formatted by Hayagriva in each
//! language's CSL style (`citations.styles` in trustbook.yaml).
//!
//! After the handbook is assembled and its links checked. Every page, in every language,
//! numbers its own citations and gets its own reference list at its end, so HTML and the PDF
//! book (which lays out the same documents) agree on what `[3]` means. A page of kind
//! `bibliography` lists every source. An unknown key is an error at its line. This module
//! owns the formatting of citations into the document model; it does not lay anything out.

use std::collections::BTreeSet;
use std::sync::Arc;

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{FontStyle, FontWeight, IndependentStyle, Locale, LocaleCode, Style};
use hayagriva::{BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, ElemChildren};

use super::front_matter::Kind;
use super::markdown::ReferenceKind;
use super::{Entry, Handbook, Variant};
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::document::{Block, Heading, Inline, Link, LinkTarget};
use crate::project::{Lang, Project};
use crate::source::{PathKind, Source};

/// Where the sources live, relative to the project root.
pub const REFERENCES_FILE: &str = "content/references.yaml";

/// The id of the heading over a page's reference list.
pub const REFERENCES_ANCHOR: &str = "references";

/// Formats every citation of `handbook` and appends the reference lists. Problems (an unknown
/// key, a citation without a references file, a file Hayagriva cannot read) go to `problems`.
pub(super) fn format(handbook: &mut Handbook, source: &Source, project: &Project, problems: &mut Diagnostics) {
    let entries = || handbook.sections.iter().map(|s| &s.entry).chain(handbook.pages.iter().map(|p| &p.entry));
    let cites = entries().any(|entry| entry.variants.values().any(|v| has_citations(v)));
    let lists_all = entries().any(|entry| entry.meta.kind == Some(Kind::Bibliography));
    let library = match load(source, problems) {
        Some(library) => library,
        None if cites || lists_all => {
            let message = format!(
                "the handbook cites sources{} but there is no {REFERENCES_FILE}: add it, in Hayagriva's YAML format",
                if cites { "" } else { " (a page of kind `bibliography`)" }
            );
            problems.push(Diagnostic::error(message).in_file(REFERENCES_FILE));
            return;
        }
        None => return,
    };
    handbook.source_keys = library.keys().map(str::to_string).collect();
    check_keys(handbook, &library, problems);
    let locales = hayagriva::archive::locales();
    for lang in &project.config.languages {
        let style = style_for(project.config.citations.style(lang));
        let heading = project.config.citations.heading.get(lang, project.default_lang()).to_string();
        let context = Context { library: &library, style: &style, locales: &locales, lang, heading: &heading };
        for section in &mut handbook.sections {
            context.apply(&mut section.entry);
        }
        for page in &mut handbook.pages {
            context.apply(&mut page.entry);
        }
    }
}

/// The sources, or `None` when the project has no references file (a problem reading it is
/// reported).
fn load(source: &Source, problems: &mut Diagnostics) -> Option<hayagriva::Library> {
    match source.kind(REFERENCES_FILE) {
        Ok(Some(PathKind::File)) => {}
        Ok(_) => return None,
        Err(error) => {
            problems.push(error.into_diagnostic());
            return None;
        }
    }
    let text = match source.read_text(REFERENCES_FILE) {
        Ok(text) => text,
        Err(diagnostic) => {
            problems.push(diagnostic);
            return None;
        }
    };
    match hayagriva::io::from_yaml_str(&text.text) {
        Ok(library) => Some(library),
        Err(error) => {
            let message = format!("cannot read the references: {error}");
            let diagnostic = match error.location() {
                Some(at) => Diagnostic::error(message).at(&text, at.index()..at.index() + 1),
                None => Diagnostic::error(message).in_file(REFERENCES_FILE),
            };
            problems.push(diagnostic);
            // An empty library still lets every citation be checked and reported.
            Some(hayagriva::Library::new())
        }
    }
}

/// A bundled style by name; the name was checked with the configuration.
fn style_for(name: &str) -> IndependentStyle {
    let archived = ArchivedStyle::by_name(name).unwrap_or(ArchivedStyle::AmericanPsychologicalAssociation);
    match archived.get() {
        Style::Independent(style) => style,
        // Every bundled style is independent; fall back rather than fail on a future one.
        Style::Dependent(_) => match ArchivedStyle::AmericanPsychologicalAssociation.get() {
            Style::Independent(style) => style,
            Style::Dependent(_) => unreachable!("APA is an independent style"),
        },
    }
}

fn has_citations(variant: &Variant) -> bool {
    variant.references.iter().any(|r| matches!(r.kind, ReferenceKind::Citation(_)))
}

/// Every cited key must be in the library: an error at the citation, once per file and place
/// (an untranslated page shows its original in every language).
fn check_keys(handbook: &Handbook, library: &hayagriva::Library, problems: &mut Diagnostics) {
    let known: Vec<&str> = library.keys().collect();
    let mut reported: BTreeSet<(String, usize, String)> = BTreeSet::new();
    let entries = handbook.sections.iter().map(|s| &s.entry).chain(handbook.pages.iter().map(|p| &p.entry));
    for variant in entries.flat_map(|entry| entry.variants.values()) {
        for reference in &variant.references {
            let ReferenceKind::Citation(keys) = &reference.kind else { continue };
            for key in keys.iter().filter(|key| library.get(key).is_none()) {
                if !reported.insert((variant.source.name.clone(), reference.span.start, key.clone())) {
                    continue;
                }
                let hint =
                    closest(key, known.iter().copied()).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
                problems.push(
                    Diagnostic::error(format!(
                        "unknown citation key `{key}`{hint}: {REFERENCES_FILE} has no such entry"
                    ))
                    .at(&variant.source, reference.span.clone()),
                );
            }
        }
    }
}

/// What formatting one language needs, loaded once.
struct Context<'a> {
    library: &'a hayagriva::Library,
    style: &'a IndependentStyle,
    locales: &'a [Locale],
    lang: &'a Lang,
    heading: &'a str,
}

impl Context<'_> {
    /// Formats the entry's text in this language: its citations, and its reference list (for a
    /// `bibliography` page, every source).
    fn apply(&self, entry: &mut Entry) {
        let lists_all = entry.meta.kind == Some(Kind::Bibliography);
        let Some(variant) = entry.variants.get_mut(self.lang) else { return };
        if !lists_all && !has_citations(variant) {
            return;
        }
        // A shared (untranslated) text gets its own copy in this language's style.
        let variant = Arc::make_mut(variant);
        let locale = Some(locale_code(self.lang));
        let mut driver = BibliographyDriver::new();
        let citations = variant.document.citations_mut();
        let mut requested = Vec::new();
        for (index, citation) in citations.iter().enumerate() {
            let items: Vec<CitationItem<'_, hayagriva::Entry>> =
                citation.keys.iter().filter_map(|key| self.library.get(key)).map(CitationItem::with_entry).collect();
            if !items.is_empty() {
                driver.citation(CitationRequest::new(items, self.style, locale.clone(), self.locales, None));
                requested.push(index);
            }
        }
        if lists_all {
            for source in self.library.iter() {
                let item = CitationItem::with_entry(source);
                driver.citation(CitationRequest::new(vec![item], self.style, locale.clone(), self.locales, None));
            }
        }
        let rendered = driver.finish(BibliographyRequest {
            style: self.style,
            locale: locale.clone(),
            locale_files: self.locales,
        });
        let mut citations = variant.document.citations_mut();
        for (index, text) in requested.into_iter().zip(rendered.citations) {
            citations[index].text = inlines(&text.citation);
        }
        drop(citations);
        let Some(bibliography) = rendered.bibliography else { return };
        let mut list: Vec<Block> = bibliography
            .items
            .iter()
            .map(|item| {
                let mut line = Vec::new();
                if let Some(first) = &item.first_field {
                    line.extend(inlines(&ElemChildren(vec![first.clone()])));
                    line.push(Inline::Text(" ".to_string()));
                }
                line.extend(inlines(&item.content));
                Block::Paragraph(line)
            })
            .collect();
        if !lists_all {
            let id = unique_id(variant, REFERENCES_ANCHOR);
            let heading = Heading { level: 2, id, content: vec![Inline::Text(self.heading.to_string())] };
            list.insert(0, Block::Heading(heading));
        }
        variant.document.blocks.extend(list);
    }
}

/// `zh` → `zh-CN`, `en` → `en-US`: the CSL locales Hayagriva bundles; a tag with a region is
/// used as written.
fn locale_code(lang: &Lang) -> LocaleCode {
    let tag = lang.as_str();
    let full = match tag {
        "zh" => "zh-CN",
        "en" => "en-US",
        other => other,
    };
    LocaleCode(full.to_string())
}

/// `base`, or `base-2`… when a heading of the page already has it.
fn unique_id(variant: &Variant, base: &str) -> String {
    let taken: BTreeSet<&str> = variant.document.headings().map(|h| h.id.as_str()).collect();
    (1..)
        .map(|n| if n == 1 { base.to_string() } else { format!("{base}-{n}") })
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_default()
}

/// Hayagriva's formatted output as the document model's inlines: italic and bold kept, links
/// kept as links, everything else as text.
fn inlines(children: &ElemChildren) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for child in &children.0 {
        match child {
            ElemChild::Text(formatted) => {
                let mut inline = Inline::Text(formatted.text.clone());
                if formatted.formatting.font_style == FontStyle::Italic {
                    inline = Inline::Emphasis(vec![inline]);
                }
                if formatted.formatting.font_weight == FontWeight::Bold {
                    inline = Inline::Strong(vec![inline]);
                }
                out.push(inline);
            }
            ElemChild::Elem(elem) => out.extend(inlines(&elem.children)),
            ElemChild::Markup(text) => out.push(Inline::Text(text.clone())),
            ElemChild::Link { text, url } => out.push(Inline::Link(Link {
                target: LinkTarget::External(url.clone()),
                title: String::new(),
                content: vec![Inline::Text(text.text.clone())],
            })),
            ElemChild::Transparent { .. } => {}
        }
    }
    merge_text(out)
}

/// Adjacent plain texts as one, so renderers break lines over whole words.
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(previous)), Inline::Text(next)) => previous.push_str(&next),
            (_, inline) => out.push(inline),
        }
    }
    out
}
