//! One table of routes: where every output file goes and how outputs link to each other.
//!
//! Every renderer and the composition stage ask here instead of spelling paths out, so an
//! output can move by changing one line, and a new kind of output is one [`Route`] variant
//! and its path. Paths are relative to the output root and `/`-separated. This module does not
//! write anything ([`crate::output`] does) and does not know what a file holds.
//!
//! Pages link to each other through the output root (`../../zh/handbook/…/index.html`), so the
//! same link reads the same on every page of a depth and `output/` works from a web server and
//! straight from disk alike. Links between reports and into PDF books are the shortest
//! relative path ([`Route::relative_from`]), which survives copying a language folder away.

use crate::content::Entry;
use crate::project::Lang;

/// One output file of a build.
#[derive(Debug, Clone, Copy)]
pub enum Route<'a> {
    /// The root `index.html` that sends visitors to the default language.
    Redirect,
    /// A handbook page or section (the home page for the root section).
    Entry(&'a Lang, &'a Entry),
    /// A team's improvement plan as a web page.
    TeamPage(&'a Lang, &'a str),
    /// The organisation summary as a web page.
    SummaryPage(&'a Lang),
    TeamPdf(&'a Lang, &'a str),
    SummaryPdf(&'a Lang),
    /// The handbook as a PDF book.
    BookPdf(&'a Lang),
    /// A file of the theme's `static/` folder, by its path inside it.
    Static(&'a str),
    /// A file the handbook uses (a picture), by its path relative to `content/`.
    Media(&'a str),
    ScoresCsv,
    ScoresJson,
}

impl Route<'_> {
    /// The file's path relative to the output root.
    pub fn path(&self) -> String {
        match self {
            Route::Redirect => "index.html".to_string(),
            Route::Entry(lang, entry) if entry.url_path.is_empty() => format!("{lang}/index.html"),
            Route::Entry(lang, entry) => format!("{lang}/handbook/{}/index.html", entry.url_path.join("/")),
            Route::TeamPage(lang, team) => format!("{lang}/teams/{team}/index.html"),
            Route::SummaryPage(lang) => format!("{lang}/summary/index.html"),
            Route::TeamPdf(lang, team) => format!("{lang}/teams/{team}/{team}.pdf"),
            Route::SummaryPdf(lang) => format!("{lang}/summary/summary.pdf"),
            Route::BookPdf(lang) => format!("{lang}/handbook.pdf"),
            Route::Static(file) => format!("static/{file}"),
            Route::Media(file) => format!("media/{file}"),
            Route::ScoresCsv => "data/scores.csv".to_string(),
            Route::ScoresJson => "data/scores.json".to_string(),
        }
    }

    /// A link to this file from the page `from`, through the output root.
    pub fn href_from(&self, from: &str) -> String {
        format!("{}{}", root_prefix(from), self.path())
    }

    /// The shortest relative link to this file from the file `from`.
    pub fn relative_from(&self, from: &Route<'_>) -> String {
        relative(&from.path(), &self.path())
    }
}

/// The absolute address of the page at `path` on the published site, when `base_url` is set
/// (else empty: links stay relative).
pub fn canonical(base_url: &str, path: &str) -> String {
    if base_url.is_empty() {
        String::new()
    } else {
        format!("{}/{}", base_url.trim_end_matches('/'), path.trim_end_matches("index.html"))
    }
}

/// The `../` prefix that leads from the file `from` back to the output root.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
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
    fn root_prefix_climbs_to_the_output_root() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("zh/index.html"), "../");
        assert_eq!(root_prefix("en/handbook/strategies/transparency/index.html"), "../../../../");
    }

    #[test]
    fn relative_links_between_reports_and_books() {
        let zh = Lang::parse("zh").unwrap();
        let team = Route::TeamPdf(&zh, "t1");
        assert_eq!(Route::BookPdf(&zh).relative_from(&team), "../../handbook.pdf");
        assert_eq!(Route::BookPdf(&zh).relative_from(&Route::SummaryPdf(&zh)), "../handbook.pdf");
        assert_eq!(Route::TeamPage(&zh, "t1").relative_from(&Route::SummaryPage(&zh)), "../teams/t1/index.html");
        assert_eq!(Route::TeamPdf(&zh, "t1").relative_from(&Route::TeamPage(&zh, "t1")), "t1.pdf");
        assert_eq!(Route::ScoresCsv.relative_from(&Route::Redirect), "data/scores.csv");
    }

    #[test]
    fn pages_link_through_the_root_and_know_their_address() {
        let en = Lang::parse("en").unwrap();
        let summary = Route::SummaryPage(&en);
        assert_eq!(Route::Static("style.css").href_from(&summary.path()), "../../static/style.css");
        assert_eq!(canonical("https://example.org/trust/", &summary.path()), "https://example.org/trust/en/summary/");
        assert_eq!(canonical("", &summary.path()), "");
    }
}
