//! Checks what pages point at: `@/` links to other pages (and their headings, in the same
//! language), `#anchor` links within a page, and local images. A broken one is an error at the
//! line where it is written.

use std::collections::{BTreeSet, HashSet};
use std::ops::Not;

use super::markdown::ReferenceKind;
use super::{Handbook, Variant};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::Lang;
use crate::source::Source;

/// `failed` holds the files (relative to `content/`) that could not be parsed; links to them
/// or below a failed section are not reported again.
pub(super) fn check(handbook: &Handbook, source: &Source, failed: &BTreeSet<String>, problems: &mut Diagnostics) {
    // An untranslated page appears in every language with the same text: report its broken
    // links once, not once per language.
    let mut reported: HashSet<(String, usize, String)> = HashSet::new();
    for id in handbook.reading_order() {
        let entry = handbook.entry(id);
        for (lang, variant) in &entry.variants {
            for reference in &variant.references {
                if points_into_failed(&reference.kind, failed) {
                    continue;
                }
                let Some(message) = problem(handbook, source, lang, variant, &reference.kind) else {
                    continue;
                };
                if reported.insert((variant.source.name.clone(), reference.span.start, message.clone())) {
                    problems.push(Diagnostic::error(message).at(&variant.source, reference.span.clone()));
                }
            }
        }
    }
}

fn problem(
    handbook: &Handbook,
    source: &Source,
    lang: &Lang,
    variant: &Variant,
    kind: &ReferenceKind,
) -> Option<String> {
    match kind {
        ReferenceKind::Internal { path, anchor } => {
            let Some(target) = handbook.lookup(path) else {
                return Some(if source.is_file(&format!("content/{path}")) {
                    format!("link to content/{path}, which is a draft and left out of the build")
                } else {
                    format!("broken internal link: there is no content/{path}")
                });
            };
            let anchor = anchor.as_ref()?;
            let target_variant = handbook.entry(target).variant(lang);
            has_heading(target_variant, anchor).not().then(|| {
                format!(
                    "broken internal link: content/{path} has no heading with the id `{anchor}` in its `{lang}` text{}",
                    suggestion(target_variant, anchor)
                )
            })
        }
        ReferenceKind::Anchor(anchor) => has_heading(variant, anchor).not().then(|| {
            format!("broken link: this page has no heading with the id `{anchor}`{}", suggestion(variant, anchor))
        }),
        ReferenceKind::Image(src) => {
            (!source.is_file(&format!("content/{src}"))).then(|| format!("image not found: content/{src}"))
        }
        ReferenceKind::Invalid(message) => Some(message.clone()),
    }
}

fn points_into_failed(kind: &ReferenceKind, failed: &BTreeSet<String>) -> bool {
    let ReferenceKind::Internal { path, .. } = kind else {
        return false;
    };
    failed.iter().any(|bad| {
        bad == path || bad.strip_suffix("/_index.md").is_some_and(|dir| path.starts_with(&format!("{dir}/")))
    })
}

fn has_heading(variant: &Variant, anchor: &str) -> bool {
    variant.document.headings().any(|heading| heading.id == anchor)
}

fn suggestion(variant: &Variant, anchor: &str) -> String {
    let ids: Vec<&str> = variant.document.headings().map(|h| h.id.as_str()).collect();
    match crate::diagnostics::closest(anchor, ids) {
        Some(id) => format!(" (did you mean `{id}`?)"),
        None => String::new(),
    }
}
