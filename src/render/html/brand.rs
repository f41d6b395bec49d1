//! The brand on web pages: the logo and who prepared the pages in the header, the
//! confidentiality line (on results), contact and client in the footer, and the brand's
//! colours as a small style sheet after the theme's. Without `brand:` every field is empty and
//! the pages look as the theme made them.

use serde::Serialize;

use super::super::RenderInput;
use super::links::Linker;
use crate::project::{Brand, Lang};
use crate::routes::{Route, Tree};

/// The brand's style sheet, by its path under `static/`.
pub(super) const BRAND_STYLESHEET: &str = "brand.css";

/// What templates show of the brand (`site.brand`); empty strings where it says nothing.
#[derive(Serialize, Default)]
pub(super) struct BrandContext {
    /// The link to the logo's file from the page.
    logo: String,
    logo_alt: String,
    prepared_by: String,
    client: String,
    /// Only on result pages: the handbook is not confidential.
    confidentiality: String,
    contact: String,
    /// The link to the brand's colours from the page.
    stylesheet: String,
}

/// The brand of a page in `tree`, in `lang`.
pub(super) fn brand_context(input: RenderInput<'_>, lang: &Lang, tree: Tree, linker: &Linker<'_>) -> BrandContext {
    let Some(brand) = &input.project.config.brand else {
        return BrandContext::default();
    };
    let text = |t: &crate::project::Localized| t.get(lang, input.project.default_lang()).to_string();
    let prepared_by = text(&brand.prepared_by);
    BrandContext {
        logo: input.logo.map(|logo| linker.href(&Route::Static(tree, &logo_path(&logo.file_name)))).unwrap_or_default(),
        logo_alt: input.theme.text(lang, "brand_logo_alt").replace("{name}", &prepared_by),
        prepared_by,
        client: text(&brand.client),
        confidentiality: if tree == Tree::Results { text(&brand.confidentiality) } else { String::new() },
        contact: text(&brand.contact),
        stylesheet: stylesheet(brand).map(|_| linker.href(&Route::Static(tree, BRAND_STYLESHEET))).unwrap_or_default(),
    }
}

/// Where the logo goes under `static/`.
pub(super) fn logo_path(file_name: &str) -> String {
    format!("brand/{file_name}")
}

/// The brand's colours over the theme's: `primary` for headings, links and the header's title
/// (the theme's `--accent`), `accent` for the rule under the header and the marks of flagged
/// results. `None` when the brand sets no colour.
pub(super) fn stylesheet(brand: &Brand) -> Option<String> {
    let colours = &brand.colours;
    if colours.primary.is_none() && colours.accent.is_none() {
        return None;
    }
    let mut css = String::from("/* The brand's colours (brand.colours in trustbook.yaml), over the theme's. */\n");
    if let Some(primary) = colours.primary {
        css.push_str(&format!(":root {{ --accent: {primary}; }}\nh1, h2, h3, .site-title {{ color: {primary}; }}\n"));
    }
    if let Some(accent) = colours.accent {
        css.push_str(&format!(
            ".site-header {{ border-bottom: 3px solid {accent}; }}\n.content strong {{ color: {accent}; }}\n"
        ));
    }
    Some(css)
}
