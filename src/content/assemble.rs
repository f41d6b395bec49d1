//! Assembling parsed handbook files into the [`Handbook`]: pairing translations with their
//! originals, leaving drafts out, checking each kind's rules (strategies need dimensions and
//! actions) and that translations keep the original's settings, and ordering the section tree.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use super::LoadOptions;
use super::file::ParsedFile;
use super::front_matter::{self, Kind};
use super::{Entry, EntryId, Handbook, Meta, Page, PageId, Section, SectionId, Variant};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::model::{Condition, TrustModel};
use crate::project::{Lang, Project};
use crate::yaml::YamlIndex;

/// The files of one page or section: the original and its translations, by language.
#[derive(Default)]
pub(super) struct Group {
    pub files: BTreeMap<Lang, ParsedFile>,
}

pub(super) struct Assembler<'a> {
    pub project: &'a Project,
    pub model: &'a TrustModel,
    pub options: &'a LoadOptions,
    pub problems: Diagnostics,
    /// Folders whose `_index.md` is a draft: everything below them is left out.
    pub drafts: BTreeSet<String>,
    /// Files (relative to `content/`) that failed to parse and were reported already.
    pub failed: BTreeSet<String>,
}

impl Assembler<'_> {
    pub fn assemble(&mut self, groups: BTreeMap<(String, String), Group>, assets: Vec<String>) -> Option<Handbook> {
        let default_lang = self.project.default_lang().clone();
        let mut sections: BTreeMap<String, Entry> = BTreeMap::new();
        let mut pages: Vec<(String, Entry)> = Vec::new();
        let mut page_dirs = BTreeSet::new();
        // Sections first (they sort before pages: `_index` < letters), so drafts are known.
        let mut ordered: Vec<_> = groups.into_iter().collect();
        ordered.sort_by_key(|((dir, stem), _)| (stem != "_index", dir.clone(), stem.clone()));
        for ((dir, stem), group) in ordered {
            if self.drafts.iter().any(|draft| dir == *draft || dir.starts_with(&format!("{draft}/"))) {
                continue;
            }
            let Some(original) = group.files.get(&default_lang) else {
                if self.failed.contains(&format!("{dir}/{stem}.md")) {
                    continue;
                }
                for file in group.files.values() {
                    self.problems.push(
                        Diagnostic::error(format!(
                            "a translation without an original: the `{default_lang}` text should be in {}.md beside it",
                            stem
                        ))
                        .in_file(file.source.name.clone()),
                    );
                }
                continue;
            };
            let is_section = stem == "_index";
            if original.front.draft == Some(true) && !self.options.include_drafts {
                if is_section {
                    self.drafts.insert(dir);
                }
                continue;
            }
            let entry = self.entry(&dir, &stem, &group, is_section);
            if is_section {
                sections.insert(dir, entry);
            } else {
                page_dirs.insert(dir.clone());
                pages.push((dir, entry));
            }
        }
        self.require_sections(&sections, &page_dirs);
        if !sections.contains_key("handbook") {
            if self.failed.contains("handbook/_index.md") {
                return None;
            }
            self.problems.push(
                Diagnostic::error(
                    "the handbook has no content/handbook/_index.md: it holds the home page's title and introduction",
                )
                .in_file("content/handbook/_index.md"),
            );
            return None;
        }
        Some(self.tree(sections, pages, assets))
    }

    /// Every folder with pages, and every folder between them and the root, must be a section.
    fn require_sections(&mut self, sections: &BTreeMap<String, Entry>, page_dirs: &BTreeSet<String>) {
        let mut needed = BTreeSet::new();
        for dir in page_dirs.iter().chain(sections.keys()) {
            let mut current = dir.as_str();
            loop {
                needed.insert(current.to_string());
                match current.rsplit_once('/') {
                    Some((parent, _)) if parent.starts_with("handbook") => current = parent,
                    _ => break,
                }
            }
        }
        for dir in needed {
            if !sections.contains_key(&dir) && dir != "handbook" && !self.failed.contains(&format!("{dir}/_index.md")) {
                self.problems.push(
                    Diagnostic::error(
                        "this folder holds chapters but no _index.md: a section needs one, with at least a title",
                    )
                    .in_file(format!("content/{dir}/_index.md")),
                );
            }
        }
    }

    /// Builds one entry from its files, checking titles, metadata and translations.
    fn entry(&mut self, dir: &str, stem: &str, group: &Group, is_section: bool) -> Entry {
        let default_lang = self.project.default_lang();
        let original = &group.files[default_lang];
        let front = &original.front;

        if front.title.as_deref().is_none_or(|title| title.trim().is_empty()) {
            let what = if is_section { "a section's _index.md needs a `title`" } else { "a page needs a `title`" };
            self.problems.push(self.front_error(original, "title", format!("missing title: {what}")));
        }
        let slug = front.slug.clone().unwrap_or_else(|| {
            if is_section { dir.rsplit('/').next().unwrap_or(dir).to_string() } else { stem.to_string() }
        });
        if slug.is_empty() || !slug.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            self.problems.push(self.front_error(
                original,
                "slug",
                format!("`{slug}` cannot be a slug: use letters, digits, `-` and `_` only"),
            ));
        }
        let meta = Meta {
            weight: front.weight.unwrap_or(0),
            slug,
            kind: front.kind,
            dimensions: self.resolve(original, "dimensions", front.dimensions.as_deref(), |m, id| m.dimension(id)),
            stages: self.resolve(original, "stages", front.stages.as_deref(), |m, id| m.stage(id)),
            challenges: self.resolve(original, "challenges", front.challenges.as_deref(), |m, id| m.challenge(id)),
            applies_to: self.conditions(original),
            respondents: front.respondents.unwrap_or_default(),
            instrument: front.instrument.clone(),
            action_dimensions: {
                let actions = front.actions.as_deref().unwrap_or_default();
                let lists: Vec<Option<Vec<String>>> = actions.iter().map(|a| a.dimensions.clone()).collect();
                lists
                    .iter()
                    .enumerate()
                    .map(|(i, ids)| {
                        self.resolve(original, &format!("actions[{i}].dimensions"), ids.as_deref(), |m, id| {
                            m.dimension(id)
                        })
                    })
                    .collect()
            },
            action_items: front.actions.as_deref().unwrap_or_default().iter().map(|a| a.item.clone()).collect(),
        };
        self.check_kind_rules(original, &meta);

        let mut variants = BTreeMap::new();
        let original_variant = Arc::new(variant(original, default_lang, true, None));
        for lang in &self.project.config.languages {
            let Some(file) = group.files.get(lang).filter(|_| lang != default_lang) else {
                let shared = if lang == default_lang {
                    original_variant.clone()
                } else {
                    Arc::new(Variant { translated: false, ..(*original_variant).clone() })
                };
                variants.insert(lang.clone(), shared);
                continue;
            };
            self.check_translation(original, file, &meta);
            if file.front.title.as_deref().is_none_or(|title| title.trim().is_empty()) {
                self.problems.push(self.front_error(
                    file,
                    "title",
                    "missing title: a translation needs its own `title`".into(),
                ));
            }
            variants.insert(lang.clone(), Arc::new(variant(file, lang, true, Some(&original_variant))));
        }
        let path = format!("{dir}/{stem}.md");
        Entry { path, url_path: Vec::new(), meta, variants }
    }

    /// Strategy pages feed the reports: they must say which dimensions they serve and what to do.
    fn check_kind_rules(&mut self, file: &ParsedFile, meta: &Meta) {
        let actions = file.front.actions.as_deref().unwrap_or_default();
        if meta.kind == Some(Kind::Strategy) {
            // A list that named only unknown dimensions was reported already.
            if meta.dimensions.is_empty() && file.front.dimensions.as_ref().is_none_or(Vec::is_empty) {
                let ids: Vec<String> = self.model.dimensions.iter().map(|d| format!("`{}`", d.id)).collect();
                let message = format!("a strategy page needs `dimensions`: which of {} it builds", ids.join(", "));
                self.problems.push(self.front_error(file, "kind", message));
            }
            if actions.is_empty() {
                self.problems.push(self.front_error(
                    file,
                    "kind",
                    "a strategy page needs `actions`: concrete steps with text, owner, frequency and measure".into(),
                ));
            }
        } else {
            if file.front.respondents.is_some() {
                self.problems.push(self.front_error(
                    file,
                    "respondents",
                    "`respondents` says whose trust a strategy builds: it belongs on strategy pages".into(),
                ));
            }
            if file.front.instrument.is_some() {
                self.problems.push(
                    self.front_error(
                        file,
                        "instrument",
                        "`instrument` says which instrument's answers a strategy serves: it belongs on strategy pages"
                            .into(),
                    ),
                );
            }
        }
        if meta.kind != Some(Kind::Strategy) && !actions.is_empty() {
            self.problems.push(self.front_error(
                file,
                "actions",
                "`actions` belong on strategy pages: add `kind: strategy` or move them".into(),
            ));
        }
    }

    /// A translation may restate the original's language-independent settings, but not change them.
    fn check_translation(&mut self, original: &ParsedFile, translation: &ParsedFile, meta: &Meta) {
        let front = &translation.front;
        let mut differing = Vec::new();
        if front.weight.is_some_and(|w| w != meta.weight) {
            differing.push("weight");
        }
        if front.slug.as_ref().is_some_and(|s| *s != meta.slug) {
            differing.push("slug");
        }
        if front.draft.is_some_and(|d| d != original.front.draft.unwrap_or(false)) {
            differing.push("draft");
        }
        if front.kind.is_some() && front.kind != meta.kind {
            differing.push("kind");
        }
        let model = self.model;
        let same = |given: &Option<Vec<String>>, ids: Vec<&str>| {
            given.as_ref().is_none_or(|g| g.iter().map(String::as_str).eq(ids))
        };
        if !same(&front.dimensions, meta.dimensions.iter().map(|d| model.dimension_concept(*d).id.as_str()).collect()) {
            differing.push("dimensions");
        }
        if !same(&front.stages, meta.stages.iter().map(|s| model.stage_concept(*s).id.as_str()).collect()) {
            differing.push("stages");
        }
        if !same(&front.challenges, meta.challenges.iter().map(|c| model.challenge_concept(*c).id.as_str()).collect()) {
            differing.push("challenges");
        }
        if front.applies_to.is_some() && front.applies_to != original.front.applies_to {
            differing.push("applies_to");
        }
        if front.respondents.is_some() && front.respondents != original.front.respondents {
            differing.push("respondents");
        }
        if front.instrument.is_some() && front.instrument != original.front.instrument {
            differing.push("instrument");
        }
        if front.actions.as_ref().is_some_and(|a| a.len() != original.front.actions.as_ref().map_or(0, Vec::len)) {
            differing.push("actions");
        } else if let (Some(given), Some(originals)) = (&front.actions, &original.front.actions) {
            // An action's dimensions are the original's; a translation may restate them only.
            let differs = |a: &super::front_matter::Action, o: &super::front_matter::Action| {
                (a.dimensions.is_some() && a.dimensions != o.dimensions) || (a.item.is_some() && a.item != o.item)
            };
            if given.iter().zip(originals).any(|(a, o)| differs(a, o)) {
                differing.push("actions");
            }
        }
        for key in &differing {
            self.problems.push(self.front_error(
                translation,
                key,
                format!(
                    "`{key}` differs from the original in {}: a translation shares it (leave it out to inherit it)",
                    original.source.name
                ),
            ));
        }
    }

    /// The model parts a front matter list names, in order; each unknown id is an error at its
    /// place in the list, with the closest known id.
    fn resolve<T>(
        &mut self,
        file: &ParsedFile,
        key: &str,
        ids: Option<&[String]>,
        find: impl Fn(&TrustModel, &str) -> Result<T, String>,
    ) -> Vec<T> {
        let mut found = Vec::new();
        for (i, id) in ids.unwrap_or_default().iter().enumerate() {
            match find(self.model, id) {
                Ok(part) => found.push(part),
                Err(message) => {
                    // Index the front matter from the file's start, so lines are the file's.
                    let index = YamlIndex::build(&file.source.text[..file.front_range.end]);
                    let item = format!("{key}[{i}]");
                    let span = index
                        .span(&file.source, &item)
                        .unwrap_or_else(|| key_span(&file.source, &file.front_range, key));
                    self.problems.push(Diagnostic::error(message).at(&file.source, span).with_key(item));
                }
            }
        }
        found
    }

    /// `applies_to`, each condition checked against the model's attributes at its line.
    fn conditions(&mut self, file: &ParsedFile) -> Vec<Condition> {
        let mut found = Vec::new();
        for (attribute, values) in file.front.applies_to.iter().flatten() {
            match self.model.condition(attribute, values) {
                Ok(condition) => found.push(condition),
                Err(message) => {
                    let index = YamlIndex::build(&file.source.text[..file.front_range.end]);
                    let key = format!("applies_to.{attribute}");
                    let span = index
                        .span(&file.source, &key)
                        .unwrap_or_else(|| key_span(&file.source, &file.front_range, "applies_to"));
                    self.problems.push(Diagnostic::error(message).at(&file.source, span).with_key(key));
                }
            }
        }
        found
    }

    fn front_error(&self, file: &ParsedFile, key: &str, message: String) -> Diagnostic {
        Diagnostic::error(message).at(&file.source, key_span(&file.source, &file.front_range, key)).with_key(key)
    }

    /// Links the entries into the ordered tree and gives each its URL path.
    fn tree(
        &mut self,
        sections: BTreeMap<String, Entry>,
        pages: Vec<(String, Entry)>,
        assets: Vec<String>,
    ) -> Handbook {
        let mut handbook = Handbook {
            sections: Vec::new(),
            pages: Vec::new(),
            assets,
            source_keys: Default::default(),
            by_path: BTreeMap::new(),
        };
        let mut section_ids: BTreeMap<String, SectionId> = BTreeMap::new();
        // BTreeMap order puts every parent folder before its children.
        for (dir, entry) in sections {
            let parent = dir.rsplit_once('/').and_then(|(parent, _)| section_ids.get(parent).copied());
            if dir != "handbook" && parent.is_none() {
                continue; // its parent folder lacks an _index.md, already reported
            }
            let id = SectionId(handbook.sections.len());
            handbook.by_path.insert(entry.path.clone(), EntryId::Section(id));
            handbook.sections.push(Section { entry, parent, sections: Vec::new(), pages: Vec::new() });
            section_ids.insert(dir, id);
            if let Some(parent) = parent {
                handbook.sections[parent.0].sections.push(id);
            }
        }
        for (dir, entry) in pages {
            let Some(&section) = section_ids.get(&dir) else {
                continue;
            };
            let id = PageId(handbook.pages.len());
            handbook.by_path.insert(entry.path.clone(), EntryId::Page(id));
            handbook.pages.push(Page { entry, section });
            handbook.sections[section.0].pages.push(id);
        }
        // Reading order: weight, then slug.
        let key = |entry: &Entry| (entry.meta.weight, entry.meta.slug.clone());
        for index in 0..handbook.sections.len() {
            let mut children = std::mem::take(&mut handbook.sections[index].sections);
            children.sort_by_key(|id| key(&handbook.sections[id.0].entry));
            let mut pages = std::mem::take(&mut handbook.sections[index].pages);
            pages.sort_by_key(|id| key(&handbook.pages[id.0].entry));
            handbook.sections[index].sections = children;
            handbook.sections[index].pages = pages;
        }
        self.assign_urls(&mut handbook);
        handbook
    }

    fn assign_urls(&mut self, handbook: &mut Handbook) {
        let mut owners: BTreeMap<Vec<String>, Vec<EntryId>> = BTreeMap::new();
        for id in handbook.reading_order() {
            let (parent, slug) = match id {
                EntryId::Section(SectionId(0)) => (None, None),
                EntryId::Section(section) => {
                    let node = handbook.section(section);
                    (Some(node.parent.unwrap_or(SectionId(0))), Some(node.entry.meta.slug.clone()))
                }
                EntryId::Page(page) => {
                    let node = handbook.page(page);
                    (Some(node.section), Some(node.entry.meta.slug.clone()))
                }
            };
            let mut url_path = parent.map_or_else(Vec::new, |p| handbook.section(p).entry.url_path.clone());
            url_path.extend(slug);
            owners.entry(url_path.clone()).or_default().push(id);
            match id {
                EntryId::Section(section) => handbook.sections[section.0].entry.url_path = url_path,
                EntryId::Page(page) => handbook.pages[page.0].entry.url_path = url_path,
            }
        }
        // Two entries at one address: report at each, naming the others.
        for (url_path, ids) in owners.into_iter().filter(|(_, ids)| ids.len() > 1) {
            for id in &ids {
                let entry = handbook.entry(*id);
                let others: Vec<String> = ids
                    .iter()
                    .filter(|other| *other != id)
                    .map(|other| format!("content/{}", handbook.entry(*other).path))
                    .collect();
                let original = entry.variant(self.project.default_lang());
                let front = front_matter::split(&original.source).map_or(0..0, |split| split.yaml);
                self.problems.push(
                    Diagnostic::error(format!(
                        "duplicate slug `{}`: {} has the same address /{}/",
                        entry.meta.slug,
                        others.join(", "),
                        url_path.join("/")
                    ))
                    .at(&original.source, key_span(&original.source, &front, "slug"))
                    .with_key("slug")
                    .with_note("give one of them another `slug` in its front matter"),
                );
            }
        }
    }
}

/// Builds a language's text; a translation without actions borrows the original's.
fn variant(file: &ParsedFile, lang: &Lang, translated: bool, original: Option<&Arc<Variant>>) -> Variant {
    let actions = match (&file.front.actions, original) {
        (Some(actions), _) => actions.clone(),
        (None, Some(original)) => original.actions.clone(),
        (None, None) => Vec::new(),
    };
    Variant {
        lang: lang.clone(),
        translated,
        title: file.front.title.clone().unwrap_or_default().trim().to_string(),
        summary: file
            .front
            .summary
            .clone()
            .or_else(|| original.map(|o| o.summary.clone()))
            .unwrap_or_default()
            .trim()
            .to_string(),
        actions,
        document: file.parsed.document.clone(),
        source: file.source.clone(),
        references: file.parsed.references.clone(),
    }
}

/// The range of a top-level `key:` line inside the front matter, else the front matter's start,
/// so errors about a setting point at the line that sets it.
pub(super) fn key_span(source: &SourceText, front: &Range<usize>, key: &str) -> Range<usize> {
    let text = &source.text[front.clone()];
    let mut offset = front.start;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return offset..offset + line.trim_end().len();
        }
        offset += line.len();
    }
    front.start..front.start
}
