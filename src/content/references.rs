//! Checks what pages point at: `@/` links to other pages (and their headings, in the same
//! language), `#anchor` links within a page, and local images. A broken one is an error at the
//! line where it is written.

use std::collections::{BTreeSet, HashSet};
use std::ops::Not;

use super::markdown::ReferenceKind;
use super::{Handbook, Variant};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::Lang;
use crate::source::{PathKind, Source};

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
                return Some(if matches!(source.kind(&format!("content/{path}")), Ok(Some(PathKind::File))) {
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
        ReferenceKind::Image(src) => match source.kind(&format!("content/{src}")) {
            Ok(Some(PathKind::File)) => None,
            Ok(_) => Some(format!("image not found: content/{src}")),
            Err(error) => Some(format!("image `{src}`: {error}")),
        },
        ReferenceKind::Invalid(message) => Some(message.clone()),
        // Checked against content/references.yaml when citations are formatted.
        ReferenceKind::Citation(_) => None,
    }
}

/// Whether a link or picture points at a file that was reported already: one that failed to
/// parse or was refused, or a file below a refused folder or a failed section.
fn points_into_failed(kind: &ReferenceKind, failed: &BTreeSet<String>) -> bool {
    let path = match kind {
        ReferenceKind::Internal { path, .. } | ReferenceKind::Image(path) => path,
        ReferenceKind::Anchor(_) | ReferenceKind::Invalid(_) | ReferenceKind::Citation(_) => return false,
    };
    failed.iter().any(|bad| {
        let dir = bad.strip_suffix("/_index.md").unwrap_or(bad);
        bad == path || path.starts_with(&format!("{dir}/"))
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
