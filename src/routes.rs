//! One table of routes: where every output file goes and how outputs link to each other.
//!
//! Every renderer and the composition stage ask here instead of spelling paths out, so an
//! output can move by changing one line, and a new kind of output is one [`Route`] variant
//! and its path. Paths are relative to the output root and `/`-separated. This module does not
//! write anything ([`crate::output`] does) and does not know what a file holds.
//!
//! The output holds two trees side by side ([`Tree`]): `site/`, the handbook, which may be
//! published to everyone, and `results/`, the reports and exports, which go only to the people
//! they are for. Nothing in the site tree links into the results. Pages link within their own
//! tree through that tree's root (`../../zh/handbook/…/index.html`), so a tree works from a web
//! server and straight from disk, and keeps working when its folder is renamed; results link
//! into the handbook through the sibling folder (`../site/…`), which works when both trees are
//! copied side by side. Links between reports and into PDF books are the shortest relative path
//! ([`Route::relative_from`]).

use crate::content::Entry;
use crate::project::Lang;

/// The two folders of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    /// The handbook: HTML site, PDF book, style sheet and pictures. Holds no result.
    Site,
    /// Team reports, unit packs, summaries, exports and the delivery manifest.
    Results,
}

impl Tree {
    /// The tree's folder under the output root.
    pub fn dir(self) -> &'static str {
        match self {
            Tree::Site => "site",
            Tree::Results => "results",
        }
    }
}

/// One output file of a build.
#[derive(Debug, Clone, Copy)]
pub enum Route<'a> {
    /// The site's `index.html` that sends visitors to the default language.
    Redirect,
    /// The results' `index.html` that sends readers to the default language's summary.
    ResultsRedirect,
    /// A handbook page or section (the home page for the root section).
    Entry(&'a Lang, &'a Entry),
    /// A team's improvement plan as a web page.
    TeamPage(&'a Lang, &'a str),
    /// The organisation summary as a web page.
    SummaryPage(&'a Lang),
    TeamPdf(&'a Lang, &'a str),
    SummaryPdf(&'a Lang),
    /// A unit's pack: its summary and all of its teams' reports in one PDF.
    UnitPdf(&'a Lang, &'a str),
    /// The handbook as a PDF book.
    BookPdf(&'a Lang),
    /// A file of the theme's `static/` folder in one tree, by its path inside it.
    Static(Tree, &'a str),
    /// A file the handbook uses (a picture), by its path relative to `content/`.
    Media(&'a str),
    ScoresCsv,
    ScoresJson,
    /// Every result file with its size and checksum.
    Manifest,
    /// Who gets which result file, for a mail merge.
    Distribution,
}

impl Route<'_> {
    /// The tree the file belongs to.
    pub fn tree(&self) -> Tree {
        match self {
            Route::Redirect | Route::Entry(..) | Route::BookPdf(_) | Route::Media(_) => Tree::Site,
            Route::Static(tree, _) => *tree,
            Route::ResultsRedirect
            | Route::TeamPage(..)
            | Route::SummaryPage(_)
            | Route::TeamPdf(..)
            | Route::SummaryPdf(_)
            | Route::UnitPdf(..)
            | Route::ScoresCsv
            | Route::ScoresJson
            | Route::Manifest
            | Route::Distribution => Tree::Results,
        }
    }

    /// The file's path inside its tree.
    pub fn in_tree(&self) -> String {
        match self {
            Route::Redirect | Route::ResultsRedirect => "index.html".to_string(),
            Route::Entry(lang, entry) if entry.url_path.is_empty() => format!("{lang}/index.html"),
            Route::Entry(lang, entry) => format!("{lang}/handbook/{}/index.html", entry.url_path.join("/")),
            Route::TeamPage(lang, team) => format!("{lang}/teams/{team}/index.html"),
            Route::SummaryPage(lang) => format!("{lang}/summary/index.html"),
            Route::TeamPdf(lang, team) => format!("{lang}/teams/{team}/{team}.pdf"),
            Route::SummaryPdf(lang) => format!("{lang}/summary/summary.pdf"),
            Route::UnitPdf(lang, unit) => format!("{lang}/units/{unit}.pdf"),
            Route::BookPdf(lang) => format!("{lang}/handbook.pdf"),
            Route::Static(_, file) => format!("static/{file}"),
            Route::Media(file) => format!("media/{file}"),
            Route::ScoresCsv => "data/scores.csv".to_string(),
            Route::ScoresJson => "data/scores.json".to_string(),
            Route::Manifest => "manifest.json".to_string(),
            Route::Distribution => "distribution.csv".to_string(),
        }
    }

    /// The file's path relative to the output root.
    pub fn path(&self) -> String {
        format!("{}/{}", self.tree().dir(), self.in_tree())
    }

    /// The file's path as seen from the root of `tree`: inside it for its own tree, else
    /// through the sibling folder. Pages prefix it with [`root_prefix`].
    pub fn from_tree(&self, tree: Tree) -> String {
        if self.tree() == tree { self.in_tree() } else { format!("../{}/{}", self.tree().dir(), self.in_tree()) }
    }

    /// A link to this file from the page `from`, through the root of `from`'s tree.
    pub fn href_from(&self, from: &Route<'_>) -> String {
        format!("{}{}", root_prefix(from), self.from_tree(from.tree()))
    }

    /// The shortest relative link to this file from the file `from`.
    pub fn relative_from(&self, from: &Route<'_>) -> String {
        relative(&from.path(), &self.path())
    }
}

/// What a file of the results tree is, read back from its path inside the tree: the inverse
/// of [`Route::in_tree`] for the results, for the delivery manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Described {
    /// `team-report`, `team-page`, `unit-pack`, `summary`, `summary-page`, `scores-csv`,
    /// `scores-json`, `distribution`, `index`, `style`, `logo`.
    pub kind: &'static str,
    pub lang: Option<String>,
    pub team: Option<String>,
    pub unit: Option<String>,
}

/// Describes the results file at `path` (inside the results tree); `None` for a path no
/// route of the results makes.
pub fn describe(path: &str) -> Option<Described> {
    let of = |kind, lang: Option<&str>, team: Option<&str>, unit: Option<&str>| {
        Some(Described {
            kind,
            lang: lang.map(str::to_string),
            team: team.map(str::to_string),
            unit: unit.map(str::to_string),
        })
    };
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["index.html"] => of("index", None, None, None),
        ["manifest.json"] => of("manifest", None, None, None),
        ["distribution.csv"] => of("distribution", None, None, None),
        ["data", "scores.csv"] => of("scores-csv", None, None, None),
        ["data", "scores.json"] => of("scores-json", None, None, None),
        ["static", "brand", _] => of("logo", None, None, None),
        ["static", _] => of("style", None, None, None),
        [lang, "teams", team, "index.html"] => of("team-page", Some(lang), Some(team), None),
        [lang, "teams", team, file] if *file == format!("{team}.pdf") => {
            of("team-report", Some(lang), Some(team), None)
        }
        [lang, "summary", "index.html"] => of("summary-page", Some(lang), None, None),
        [lang, "summary", "summary.pdf"] => of("summary", Some(lang), None, None),
        [lang, "units", file] => of("unit-pack", Some(lang), None, Some(file.strip_suffix(".pdf")?)),
        _ => None,
    }
}

/// The absolute address of the page at `path` (inside the site tree) on the published site,
/// when `base_url` is set (else empty: links stay relative).
pub fn canonical(base_url: &str, path: &str) -> String {
    if base_url.is_empty() {
        String::new()
    } else {
        format!("{}/{}", base_url.trim_end_matches('/'), path.trim_end_matches("index.html"))
    }
}

/// The `../` prefix that leads from the file `from` back to the root of its tree.
pub fn root_prefix(from: &Route<'_>) -> String {
    "../".repeat(from.in_tree().matches('/').count())
}

/// The relative path from the file `from` to the file `to`, both relative to the output root.
fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect::<Vec<_>>().split_last().map_or(Vec::new(), |(_, d)| d.to_vec());
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_file, to_dirs) = to_parts.split_last().expect("split yields at least one part");
    let shared = from_dirs.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - shared];
    parts.extend(&to_dirs[shared..]);
    parts.push(to_file);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_climbs_to_the_root_of_the_tree() {
        let zh = Lang::parse("zh").unwrap();
        assert_eq!(root_prefix(&Route::Redirect), "");
        assert_eq!(root_prefix(&Route::SummaryPage(&zh)), "../../");
        assert_eq!(root_prefix(&Route::TeamPage(&zh, "t1")), "../../../");
    }

    #[test]
    fn the_trees_hold_what_they_should() {
        let zh = Lang::parse("zh").unwrap();
        assert_eq!(Route::BookPdf(&zh).path(), "site/zh/handbook.pdf");
        assert_eq!(Route::TeamPdf(&zh, "t1").path(), "results/zh/teams/t1/t1.pdf");
        assert_eq!(Route::UnitPdf(&zh, "rd").path(), "results/zh/units/rd.pdf");
        assert_eq!(Route::ScoresCsv.path(), "results/data/scores.csv");
        assert_eq!(Route::Manifest.path(), "results/manifest.json");
        assert_eq!(Route::Static(Tree::Results, "style.css").path(), "results/static/style.css");
        assert_eq!(Route::Static(Tree::Site, "style.css").path(), "site/static/style.css");
    }

    #[test]
    fn relative_links_between_reports_and_books() {
        let zh = Lang::parse("zh").unwrap();
        let team = Route::TeamPdf(&zh, "t1");
        assert_eq!(Route::BookPdf(&zh).relative_from(&team), "../../../../site/zh/handbook.pdf");
        assert_eq!(Route::BookPdf(&zh).relative_from(&Route::SummaryPdf(&zh)), "../../../site/zh/handbook.pdf");
        assert_eq!(Route::TeamPage(&zh, "t1").relative_from(&Route::SummaryPage(&zh)), "../teams/t1/index.html");
        assert_eq!(Route::TeamPdf(&zh, "t1").relative_from(&Route::TeamPage(&zh, "t1")), "t1.pdf");
        assert_eq!(Route::ScoresCsv.relative_from(&Route::ResultsRedirect), "data/scores.csv");
    }

    #[test]
    fn results_files_are_described_from_their_paths() {
        let zh = Lang::parse("zh").unwrap();
        let described = |route: Route<'_>| describe(&route.in_tree()).unwrap();
        let team = described(Route::TeamPdf(&zh, "t1"));
        assert_eq!((team.kind, team.lang.as_deref(), team.team.as_deref()), ("team-report", Some("zh"), Some("t1")));
        let pack = described(Route::UnitPdf(&zh, "rd"));
        assert_eq!((pack.kind, pack.unit.as_deref()), ("unit-pack", Some("rd")));
        assert_eq!(described(Route::ScoresJson).kind, "scores-json");
        assert_eq!(described(Route::Static(Tree::Results, "brand/logo.svg")).kind, "logo");
        assert_eq!(described(Route::SummaryPage(&zh)).kind, "summary-page");
        assert_eq!(describe("zh/teams/t1/other.pdf"), None);
    }

    #[test]
    fn pages_link_within_their_tree_and_across_to_the_site() {
        let en = Lang::parse("en").unwrap();
        let summary = Route::SummaryPage(&en);
        assert_eq!(Route::Static(Tree::Results, "style.css").href_from(&summary), "../../static/style.css");
        assert_eq!(Route::BookPdf(&en).href_from(&summary), "../../../site/en/handbook.pdf");
        assert_eq!(Route::SummaryPage(&en).from_tree(Tree::Results), "en/summary/index.html");
        assert_eq!(canonical("https://example.org/trust/", "en/index.html"), "https://example.org/trust/en/");
        assert_eq!(canonical("", "en/index.html"), "");
    }
}
