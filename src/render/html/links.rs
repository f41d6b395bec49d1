//! How one web page links to the other files of the output. Within its tree a page links
//! through the tree's root (`../../zh/handbook/…`); a result links into the handbook through
//! the sibling folder (`../site/…`), or, when `base_url` says where the handbook is published,
//! to its address there, so results sent on their own still lead to the chapters they name.
//! Every link's text names its target (a chapter's title), so a link that cannot be followed
//! still reads as a reference.

use super::markup::Links;
use crate::content::Handbook;
use crate::document::LinkTarget;
use crate::project::Lang;
use crate::routes::{self, Route, Tree, root_prefix};

/// Links from one page.
pub(super) struct Linker<'a> {
    tree: Tree,
    /// Prefix from the page to the root of its tree.
    root: String,
    /// The published handbook's address (`base_url`); empty when unknown.
    base_url: &'a str,
}

impl<'a> Linker<'a> {
    pub fn new(page: &Route<'_>, base_url: &'a str) -> Linker<'a> {
        Linker { tree: page.tree(), root: root_prefix(page), base_url: base_url.trim() }
    }

    /// The link to `target` from this page.
    pub fn href(&self, target: &Route<'_>) -> String {
        if self.tree == Tree::Results && target.tree() == Tree::Site && !self.base_url.is_empty() {
            return routes::canonical(self.base_url, &target.in_tree());
        }
        self.relative(target)
    }

    /// The relative link to `target`, whatever `base_url` says: for pictures, which a page
    /// never fetches from elsewhere.
    pub fn relative(&self, target: &Route<'_>) -> String {
        format!("{}{}", self.root, target.from_tree(self.tree))
    }
}

/// Resolves the links of one page's document in one language.
pub(super) struct PageLinks<'a> {
    pub handbook: &'a Handbook,
    pub lang: &'a Lang,
    pub linker: &'a Linker<'a>,
}

impl Links for PageLinks<'_> {
    fn link(&self, target: &LinkTarget) -> String {
        match target {
            LinkTarget::External(url) => url.clone(),
            LinkTarget::Anchor(anchor) => format!("#{anchor}"),
            LinkTarget::Internal { path, anchor } => {
                // Checked by the content stage; an unknown target cannot reach here.
                let Some(id) = self.handbook.lookup(path) else {
                    return "#".to_string();
                };
                let href = self.linker.href(&Route::Entry(self.lang, self.handbook.entry(id)));
                match anchor {
                    Some(anchor) => format!("{href}#{anchor}"),
                    None => href,
                }
            }
        }
    }

    fn image(&self, src: &str) -> String {
        if src.starts_with("data:") { src.to_string() } else { self.linker.relative(&Route::Media(src)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_link_the_handbook_beside_them_or_where_it_is_published() {
        let en = Lang::parse("en").unwrap();
        let team = Route::TeamPage(&en, "t1");
        let book = Route::BookPdf(&en);
        assert_eq!(Linker::new(&team, "").href(&book), "../../../../site/en/handbook.pdf");
        let published = Linker::new(&team, "https://intranet.example/trust/");
        assert_eq!(published.href(&book), "https://intranet.example/trust/en/handbook.pdf");
        // Within the results, and for pictures, links stay relative.
        assert_eq!(published.href(&Route::SummaryPage(&en)), "../../../en/summary/index.html");
        assert_eq!(published.relative(&Route::Media("a.png")), "../../../../site/media/a.png");
        // The handbook's own pages always link relatively.
        let home = Route::Redirect;
        assert_eq!(Linker::new(&home, "https://intranet.example/trust/").href(&book), "en/handbook.pdf");
    }
}
