//! The HTML site: one page per handbook section and chapter per language, one page per
//! composed report, the root redirect, the theme's static files and the handbook's images.
//! Pages link to each other by relative paths ending in `index.html` (decided by
//! [`crate::routes`]), so `output/` works from a web server and straight from disk alike.

mod brand;
pub mod escape;
mod links;
pub mod markup;
pub mod svg;

use rayon::prelude::*;
use serde::Serialize;

use super::{RenderInput, Renderer};
use crate::compose::{ActionsTable, Report, Subject, actions_table};
use crate::content::{EntryId, Handbook, SectionId, front_matter_name};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::document::plain_text;
use crate::model::Concept;
use crate::output::Staging;
use crate::project::Lang;
use crate::routes::{self, Route, Tree};
use crate::theme::Locale;
use links::{Linker, PageLinks};

/// The HTML renderer of one build.
pub struct HtmlRenderer<'a> {
    input: RenderInput<'a>,
}

impl<'a> HtmlRenderer<'a> {
    pub fn new(input: RenderInput<'a>) -> Self {
        HtmlRenderer { input }
    }
}

impl Renderer for HtmlRenderer<'_> {
    fn render_report(&self, report: &Report, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        write_report_page(self.input, report, out)?;
        Ok(Diagnostics::new())
    }

    fn render(&self, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        let input = self.input;
        let mut problems = Diagnostics::new();
        let write =
            |path: &str, bytes: &[u8]| out.write(path, bytes).map_err(|error| Diagnostic::error(error.to_string()));
        // Results carry their own copy of the style sheet, so they read well when sent alone.
        let trees: &[Tree] = if input.assessment.is_some() { &[Tree::Site, Tree::Results] } else { &[Tree::Site] };
        for (path, bytes) in input.theme.static_files() {
            for tree in trees {
                problems.extend(write(&Route::Static(*tree, path).path(), bytes).err());
            }
        }
        for tree in trees {
            if let Some(css) = input.project.config.brand.as_ref().and_then(brand::stylesheet) {
                problems.extend(write(&Route::Static(*tree, brand::BRAND_STYLESHEET).path(), css.as_bytes()).err());
            }
            if let Some(logo) = input.logo {
                problems
                    .extend(write(&Route::Static(*tree, &brand::logo_path(&logo.file_name)).path(), &logo.bytes).err());
            }
        }
        for asset in &input.handbook.assets {
            let copied = input
                .source
                .read(&format!("content/{asset}"))
                .map_err(|error| error.into_diagnostic())
                .and_then(|file| write(&Route::Media(asset).path(), &file.bytes));
            problems.extend(copied.err());
        }
        problems.extend(redirect_page(input).and_then(|html| write(&Route::Redirect.path(), html.as_bytes())).err());
        if input.assessment.is_some() {
            let results = results_redirect_page(input);
            problems.extend(results.and_then(|html| write(&Route::ResultsRedirect.path(), html.as_bytes())).err());
        }

        let order = input.handbook.reading_order();
        let jobs: Vec<(&Lang, usize)> =
            input.languages.iter().flat_map(|lang| (0..order.len()).map(move |index| (lang, index))).collect();
        let results: Vec<Result<(), Diagnostic>> = jobs
            .par_iter()
            .map(|(lang, index)| {
                let html = render_entry(input, lang, &order, *index)?;
                let file = Route::Entry(lang, input.handbook.entry(order[*index])).path();
                out.write(&file, html.as_bytes()).map_err(|error| Diagnostic::error(error.to_string()))
            })
            .collect();
        problems.extend(results.into_iter().filter_map(Result::err));
        problems.into_result(Diagnostics::new())
    }
}

/// The theme's style sheet, by its path under `static/`.
const STYLESHEET: &str = "style.css";

/// The link to an entry from the root of `tree`: `zh/index.html` for the home page,
/// `zh/handbook/strategies/transparency/index.html` for a chapter, seen from the site.
fn entry_file(tree: Tree, lang: &Lang, entry: &crate::content::Entry) -> String {
    Route::Entry(lang, entry).from_tree(tree)
}

/// The link from a page to an entry.
fn entry_href(linker: &Linker<'_>, lang: &Lang, entry: &crate::content::Entry) -> String {
    linker.href(&Route::Entry(lang, entry))
}

#[derive(Serialize)]
struct PageContext<'a> {
    /// Language of the page's interface.
    lang: &'a str,
    /// Language of the page's text (differs when a translation is missing).
    text_lang: &'a str,
    /// Empty: every `file` below is the whole link from this page (kept so themes may write
    /// `{{ root }}{{ file }}`).
    root: String,
    site: SiteContext,
    t: &'a Locale,
    languages: Vec<LanguageLink>,
    page: PageInfo,
    nav: Vec<NavItem>,
    breadcrumbs: Vec<LinkItem>,
    previous: Option<LinkItem>,
    next: Option<LinkItem>,
}

#[derive(Serialize)]
struct SiteContext {
    title: String,
    description: String,
    author: String,
    /// The home page of this language.
    home: String,
    /// The organisation summary of this language, on result pages; empty on the handbook's,
    /// which never link a result.
    summary: String,
    /// The page is a result: search engines must not index it.
    noindex: bool,
    /// The handbook as a PDF book of this language, when the build writes it; else empty.
    book: String,
    /// The theme's style sheet.
    stylesheet: String,
    /// Absolute URL of this page when `base_url` is set, else empty.
    canonical: String,
    brand: brand::BrandContext,
}

fn site_context(input: RenderInput<'_>, lang: &Lang, page: &Route<'_>, linker: &Linker<'_>) -> SiteContext {
    let config = &input.project.config;
    let default_lang = input.project.default_lang();
    let tree = page.tree();
    // `base_url` is the handbook's address; results are not published there.
    let canonical =
        if tree == Tree::Site { routes::canonical(&config.base_url, &page.in_tree()) } else { String::new() };
    SiteContext {
        title: config.title.get(lang, default_lang).to_string(),
        description: config.description.get(lang, default_lang).to_string(),
        author: config.signer(lang),
        home: entry_href(linker, lang, &input.handbook.root().entry),
        summary: if tree == Tree::Results { linker.href(&Route::SummaryPage(lang)) } else { String::new() },
        noindex: tree == Tree::Results,
        book: if input.pdf_book { linker.href(&Route::BookPdf(lang)) } else { String::new() },
        stylesheet: linker.href(&Route::Static(tree, STYLESHEET)),
        canonical,
        brand: brand::brand_context(input, lang, tree, linker),
    }
}

/// A report page: the report's document in the site's frame, linked to the same report in the
/// other languages.
fn render_report_page(
    input: RenderInput<'_>,
    lang: &Lang,
    route: &Route<'_>,
    report: &Report,
    alternate: &dyn Fn(&Lang) -> String,
    breadcrumbs: Vec<LinkItem>,
    linker: &Linker<'_>,
) -> Result<String, Diagnostic> {
    let theme = input.theme;
    let links = PageLinks { handbook: input.handbook, lang, linker };
    let page = PageInfo {
        kind: "report",
        title: report.title.clone(),
        summary: String::new(),
        content: markup::document_to_html(&report.document, &links),
        toc: report
            .document
            .headings()
            .filter(|h| h.level == 2)
            .map(|h| TocItem { level: h.level, id: h.id.clone(), title: plain_text(&h.content) })
            .collect(),
        translated: true,
        text_language_name: theme.text(lang, "language_name").to_string(),
        topic: None,
        dimensions: Vec::new(),
        stages: Vec::new(),
        challenges: Vec::new(),
        actions: None,
        children: Vec::new(),
    };
    let context = PageContext {
        lang: lang.as_str(),
        text_lang: lang.as_str(),
        root: String::new(),
        site: site_context(input, lang, route, linker),
        t: theme.locale(lang),
        languages: language_links(input, lang, alternate),
        page,
        nav: nav_tree(input.handbook, &|entry| entry_href(linker, lang, entry), lang, SectionId(0), None),
        breadcrumbs,
        previous: None,
        next: None,
    };
    let context = tera::Context::from_serialize(&context)
        .map_err(|error| Diagnostic::error(format!("cannot prepare the report for its template: {error}")))?;
    theme.render("report.html", &context)
}

/// Writes one composed report as a page in the site's frame, with breadcrumbs back to the home
/// page (and, for a team, to the summary).
fn write_report_page(input: RenderInput<'_>, report: &Report, out: &Staging) -> Result<(), Diagnostic> {
    let lang = &report.lang;
    let base_url = input.project.config.base_url.as_str();
    let home = |linker: &Linker<'_>| LinkItem {
        title: input.handbook.root().entry.variant(lang).title.clone(),
        file: entry_href(linker, lang, &input.handbook.root().entry),
        summary: String::new(),
    };
    let (route, html) = match &report.subject {
        // Packs are for print: a unit's web reader has the team pages.
        Subject::Unit { .. } => return Ok(()),
        Subject::Summary => {
            let route = Route::SummaryPage(lang);
            let linker = Linker::new(&route, base_url);
            let alternate = |other: &Lang| linker.href(&Route::SummaryPage(other));
            let crumbs = vec![home(&linker)];
            (route, render_report_page(input, lang, &route, report, &alternate, crumbs, &linker)?)
        }
        Subject::Team { id, .. } => {
            let id = id.as_str();
            let route = Route::TeamPage(lang, id);
            let linker = Linker::new(&route, base_url);
            let summary = LinkItem {
                title: input.theme.text(lang, "summary_title").to_string(),
                file: linker.href(&Route::SummaryPage(lang)),
                summary: String::new(),
            };
            let alternate = |other: &Lang| linker.href(&Route::TeamPage(other, id));
            let crumbs = vec![home(&linker), summary];
            (route, render_report_page(input, lang, &route, report, &alternate, crumbs, &linker)?)
        }
    };
    out.write(&route.path(), html.as_bytes()).map_err(|error| Diagnostic::error(error.to_string()))
}

#[derive(Serialize)]
struct LanguageLink {
    code: String,
    name: String,
    file: String,
    current: bool,
}

#[derive(Serialize)]
struct PageInfo {
    /// `home`, `section` or `page`.
    kind: &'static str,
    title: String,
    summary: String,
    /// The rendered body (HTML, already escaped).
    content: String,
    toc: Vec<TocItem>,
    translated: bool,
    /// Name of the language the text is in, for the "not translated yet" notice.
    text_language_name: String,
    topic: Option<Label>,
    dimensions: Vec<Label>,
    stages: Vec<Label>,
    challenges: Vec<Label>,
    /// A strategy page's action table, when it has one.
    actions: Option<ActionsTable>,
    children: Vec<LinkItem>,
}

#[derive(Serialize)]
struct TocItem {
    level: u8,
    id: String,
    title: String,
}

#[derive(Serialize)]
struct Label {
    id: String,
    label: String,
}

#[derive(Serialize, Clone)]
struct LinkItem {
    title: String,
    file: String,
    summary: String,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    file: String,
    current: bool,
    /// The current page is this item or below it.
    open: bool,
    children: Vec<NavItem>,
}

fn render_entry(input: RenderInput<'_>, lang: &Lang, order: &[EntryId], index: usize) -> Result<String, Diagnostic> {
    let handbook = input.handbook;
    let theme = input.theme;
    let id = order[index];
    let entry = handbook.entry(id);
    let variant = entry.variant(lang);
    let route = Route::Entry(lang, entry);
    let linker = Linker::new(&route, "");
    let links = PageLinks { handbook, lang, linker: &linker };

    let link_item = |id: EntryId| {
        let entry = handbook.entry(id);
        let variant = entry.variant(lang);
        LinkItem {
            title: variant.title.clone(),
            file: entry_href(&linker, lang, entry),
            summary: variant.summary.clone(),
        }
    };
    let label = |prefix: &str, id: String| Label { label: theme.text(lang, &format!("{prefix}_{id}")).to_string(), id };
    // Dimensions, stages and challenges are named by the model, in the page's language.
    let concept_label = |concept: &Concept| Label {
        id: concept.id.clone(),
        label: concept.name.get(lang, input.project.default_lang()).to_string(),
    };
    let meta = &entry.meta;
    let children = match id {
        EntryId::Section(section) => {
            let section = handbook.section(section);
            section
                .pages
                .iter()
                .map(|p| EntryId::Page(*p))
                .chain(section.sections.iter().map(|s| EntryId::Section(*s)))
                .map(link_item)
                .collect()
        }
        EntryId::Page(_) => Vec::new(),
    };
    let page = PageInfo {
        kind: match id {
            EntryId::Section(SectionId(0)) => "home",
            EntryId::Section(_) => "section",
            EntryId::Page(_) => "page",
        },
        title: variant.title.clone(),
        summary: variant.summary.clone(),
        content: markup::document_to_html(&variant.document, &links),
        toc: variant
            .document
            .headings()
            .filter(|h| (2..=3).contains(&h.level))
            .map(|h| TocItem { level: h.level, id: h.id.clone(), title: plain_text(&h.content) })
            .collect(),
        translated: variant.translated,
        text_language_name: theme.text(&variant.lang, "language_name").to_string(),
        topic: meta.kind.map(|kind| label("kind", front_matter_name(&kind))),
        dimensions: meta.dimensions.iter().map(|d| concept_label(input.model.dimension_concept(*d))).collect(),
        stages: meta.stages.iter().map(|s| concept_label(input.model.stage_concept(*s))).collect(),
        challenges: meta.challenges.iter().map(|c| concept_label(input.model.challenge_concept(*c))).collect(),
        actions: actions_table(variant, theme, lang),
        children,
    };
    let context = PageContext {
        lang: lang.as_str(),
        text_lang: variant.lang.as_str(),
        root: String::new(),
        site: site_context(input, lang, &route, &linker),
        t: theme.locale(lang),
        languages: language_links(input, lang, &|other| entry_href(&linker, other, entry)),
        page,
        nav: nav_tree(handbook, &|entry| entry_href(&linker, lang, entry), lang, SectionId(0), Some(id)),
        breadcrumbs: handbook.ancestors(id).into_iter().map(|s| link_item(EntryId::Section(s))).collect(),
        previous: index.checked_sub(1).map(|i| link_item(order[i])),
        next: order.get(index + 1).map(|next| link_item(*next)),
    };
    let template = match id {
        EntryId::Section(SectionId(0)) => "index.html",
        EntryId::Section(_) => "section.html",
        EntryId::Page(_) => "page.html",
    };
    let context = tera::Context::from_serialize(&context)
        .map_err(|error| Diagnostic::error(format!("cannot prepare the page for its template: {error}")))?;
    theme.render(template, &context)
}

/// The navigation tree under `section` (the root's children for the sidebar), marking the
/// current entry and its ancestors; `href` links an entry from the page.
fn nav_tree(
    handbook: &Handbook,
    href: &dyn Fn(&crate::content::Entry) -> String,
    lang: &Lang,
    section: SectionId,
    current: Option<EntryId>,
) -> Vec<NavItem> {
    let ancestors = current.map(|c| handbook.ancestors(c)).unwrap_or_default();
    let item = |id: EntryId, children: Vec<NavItem>| {
        let entry = handbook.entry(id);
        let is_current = Some(id) == current;
        let open = is_current || matches!(id, EntryId::Section(s) if ancestors.contains(&s));
        NavItem { title: entry.variant(lang).title.clone(), file: href(entry), current: is_current, open, children }
    };
    let node = handbook.section(section);
    let mut items: Vec<NavItem> = node.pages.iter().map(|p| item(EntryId::Page(*p), Vec::new())).collect();
    for child in &node.sections {
        items.push(item(EntryId::Section(*child), nav_tree(handbook, href, lang, *child, current)));
    }
    items
}

/// The language switcher: the same page in every language being built.
fn language_links(input: RenderInput<'_>, current: &Lang, file: &dyn Fn(&Lang) -> String) -> Vec<LanguageLink> {
    input
        .languages
        .iter()
        .map(|other| LanguageLink {
            code: other.to_string(),
            name: input.theme.text(other, "language_name").to_string(),
            file: file(other),
            current: other == current,
        })
        .collect()
}

/// The site's `index.html`: sends visitors to the default language.
fn redirect_page(input: RenderInput<'_>) -> Result<String, Diagnostic> {
    let home = |lang: &Lang| entry_file(Tree::Site, lang, &input.handbook.root().entry);
    let title = input.project.config.title.get(&input.languages[0], input.project.default_lang()).to_string();
    redirect(input, Tree::Site, &title, &home)
}

/// The results' `index.html`: sends readers to the organisation summary.
fn results_redirect_page(input: RenderInput<'_>) -> Result<String, Diagnostic> {
    let summary = |lang: &Lang| Route::SummaryPage(lang).in_tree();
    let title = input.theme.text(&input.languages[0], "summary_title").to_string();
    redirect(input, Tree::Results, &title, &summary)
}

/// A page at the root of `tree` that sends visitors on to `target` in the default language,
/// with a link per language.
fn redirect(
    input: RenderInput<'_>,
    tree: Tree,
    title: &str,
    target: &dyn Fn(&Lang) -> String,
) -> Result<String, Diagnostic> {
    let lang = &input.languages[0];
    let mut context = tera::Context::new();
    context.insert("lang", lang.as_str());
    context.insert("target", &target(lang));
    context.insert("stylesheet", &Route::Static(tree, STYLESHEET).in_tree());
    context.insert("title", title);
    context.insert("noindex", &(tree == Tree::Results));
    context.insert("t", input.theme.locale(lang));
    context.insert("languages", &language_links(input, lang, target));
    input.theme.render("redirect.html", &context)
}
