//! The handbook: Markdown chapters with front matter, in sections, in every language.
//!
//! After `project`, beside `survey`. It walks `content/handbook/` (through the source stage),
//! parses every file into the shared [`Document`](crate::document::Document) model, pairs
//! translations with their originals
//! (Zola's `page.en.md` convention), orders the tree, and checks what only the whole handbook
//! can tell: unique URLs, internal links and their anchors, images. It knows nothing about
//! surveys, HTML or PDF.

mod assemble;
pub mod citations;
mod file;
mod front_matter;
mod load;
pub mod markdown;
mod references;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use front_matter::{Action, FrontMatter, Kind, Split, front_matter_name, split as split_front_matter};
pub use load::load;

use crate::diagnostics::SourceText;
use crate::document::Document;
use crate::model::{ChallengeRef, Condition, DimensionRef, Respondents, StageRef};
use crate::project::Lang;

/// Choices that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include pages and sections marked `draft: true`.
    pub include_drafts: bool,
}

/// Index of a section in [`Handbook::sections`]; the root section is always 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionId(pub usize);

/// Index of a page in [`Handbook::pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub usize);

/// A section or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryId {
    Section(SectionId),
    Page(PageId),
}

/// The loaded handbook, ready to render in any configured language.
#[derive(Debug, Clone)]
pub struct Handbook {
    /// Sections; `sections[0]` is the root (`content/handbook/_index.md`), the home page.
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// The files beside the Markdown that built pages show (images), relative to `content/`,
    /// to copy to the output. Other files there are not published.
    pub assets: Vec<String>,
    /// The keys of every source in `content/references.yaml` (empty without it), for the
    /// other files that name sources (an instrument's `source.adapted_from`).
    pub source_keys: std::collections::BTreeSet<String>,
    by_path: BTreeMap<String, EntryId>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub entry: Entry,
    pub parent: Option<SectionId>,
    /// Subsections and pages, each in reading order (weight, then slug).
    pub sections: Vec<SectionId>,
    pub pages: Vec<PageId>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub entry: Entry,
    pub section: SectionId,
}

/// What sections and pages share.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The original's path relative to `content/`: `handbook/strategies/transparency.md`.
    pub path: String,
    /// Slugs from the handbook root: `["strategies", "transparency"]`; empty for the root.
    pub url_path: Vec<String>,
    pub meta: Meta,
    /// The text in every configured language (a fallback to the original where untranslated).
    pub variants: BTreeMap<Lang, Arc<Variant>>,
}

/// Language-independent settings, taken from the original.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub weight: i64,
    pub slug: String,
    pub kind: Option<Kind>,
    pub dimensions: Vec<DimensionRef>,
    pub stages: Vec<StageRef>,
    pub challenges: Vec<ChallengeRef>,
    /// Conditions every team it is suggested to must meet; empty: every team.
    pub applies_to: Vec<Condition>,
    /// Whose trust a strategy builds; plans offer it for a gap in that trust only.
    pub respondents: Respondents,
    /// The instrument about someone else (the leader module) whose answers a strategy is for;
    /// `None`: the team's own trust.
    pub instrument: Option<String>,
    /// Per action of a strategy page, the dimensions it names itself (often none).
    pub action_dimensions: Vec<Vec<DimensionRef>>,
    /// Per action of a strategy page, the survey item its measure quotes, by id.
    pub action_items: Vec<Option<String>>,
}

/// One language's text of an entry.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The language the text is written in.
    pub lang: Lang,
    /// False when this language has no translation and the original is shown instead.
    pub translated: bool,
    pub title: String,
    pub summary: String,
    pub actions: Vec<Action>,
    pub document: Document,
    /// The file it came from, for messages.
    pub source: SourceText,
    /// Links, anchors and images with their byte ranges in `source`.
    pub references: Vec<markdown::Reference>,
}

impl Handbook {
    pub fn root(&self) -> &Section {
        &self.sections[0]
    }

    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id.0]
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    pub fn entry(&self, id: EntryId) -> &Entry {
        match id {
            EntryId::Section(id) => &self.section(id).entry,
            EntryId::Page(id) => &self.page(id).entry,
        }
    }

    /// The entry whose original is at `path` (relative to `content/`), as written in `@/` links.
    pub fn lookup(&self, path: &str) -> Option<EntryId> {
        self.by_path.get(path).copied()
    }

    /// Every entry in reading order: a section's index, then its pages, then its subsections.
    /// This is the order of the table of contents, of previous/next links and of the book.
    pub fn reading_order(&self) -> Vec<EntryId> {
        fn walk(handbook: &Handbook, id: SectionId, out: &mut Vec<EntryId>) {
            out.push(EntryId::Section(id));
            let section = handbook.section(id);
            out.extend(section.pages.iter().map(|page| EntryId::Page(*page)));
            for child in &section.sections {
                walk(handbook, *child, out);
            }
        }
        let mut out = Vec::new();
        walk(self, SectionId(0), &mut out);
        out
    }

    /// The sections from the root down to `id`'s parent: breadcrumbs.
    pub fn ancestors(&self, id: EntryId) -> Vec<SectionId> {
        let mut chain = Vec::new();
        let mut current = match id {
            EntryId::Section(id) => self.section(id).parent,
            EntryId::Page(id) => Some(self.page(id).section),
        };
        while let Some(section) = current {
            chain.push(section);
            current = self.section(section).parent;
        }
        chain.reverse();
        chain
    }

    /// Strategy pages, in reading order: what reports draw their guidance from.
    pub fn strategies(&self) -> impl Iterator<Item = &Page> {
        self.reading_order().into_iter().filter_map(move |id| match id {
            EntryId::Page(page) if self.page(page).entry.meta.kind == Some(Kind::Strategy) => Some(self.page(page)),
            _ => None,
        })
    }
}

impl Entry {
    pub fn variant(&self, lang: &Lang) -> &Variant {
        self.variants
            .get(lang)
            .map(Arc::as_ref)
            .unwrap_or_else(|| self.variants.values().next().expect("an entry always has its original").as_ref())
    }
}
