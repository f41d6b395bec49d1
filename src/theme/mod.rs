//! Themes: Tera templates, static files, PDF style and fonts, and UI strings per language.
//!
//! Loaded once per build, after the project, and shared by composition (report templates,
//! UI strings) and the renderers (page templates, static files, fonts). The default theme is
//! embedded in the binary; a project's `themes/<name>/` overrides it file by file, so a user
//! copies only the template they want to change. Template errors are reported with the real
//! file and line (the project's override or the embedded default). It decides nothing about
//! what a page holds.

use std::collections::BTreeMap;
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::project::{Lang, Project, THEMES_DIR};
use crate::source::{Hidden, PathKind, Size, Source};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// UI strings of one language: `skip_link`, `previous`, `kind_strategy`… (names of dimensions,
/// stages and challenges come from the model, not from the theme).
pub type Locale = BTreeMap<String, String>;

mod keys;

pub use keys::REQUIRED_LOCALE_KEYS;

/// One file of the theme and where it came from.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Shown in messages: `themes/custom/templates/page.html`, or the embedded default's path.
    pub origin: String,
    pub bytes: Arc<[u8]>,
}

/// A loaded theme: its files, compiled templates and UI strings.
pub struct Theme {
    files: BTreeMap<String, ThemeFile>,
    tera: tera::Tera,
    /// Report templates (`templates/reports/*.md`), which write Markdown: values are escaped
    /// for Markdown instead of HTML.
    reports: tera::Tera,
    locales: BTreeMap<Lang, Locale>,
    /// Bytes one rendered template may write (`limits.output_file_size`).
    output_limit: u64,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("files", &self.files.keys().collect::<Vec<_>>()).finish()
    }
}

impl Theme {
    /// Loads the embedded default theme with the project's overrides on top.
    pub fn load(source: &Source, project: &Project) -> Result<Theme, Diagnostics> {
        let mut files = BTreeMap::new();
        collect_embedded(&DEFAULT_THEME, &mut files);
        let name = &project.config.theme;
        let theme_dir = format!("{THEMES_DIR}/{name}");
        let kind = source.kind(&theme_dir).map_err(|error| Diagnostics::from(error.into_diagnostic()))?;
        if kind == Some(PathKind::Folder) {
            let (found, errors) = source.walk(&theme_dir, Hidden::Include);
            if !errors.is_empty() {
                return Err(errors.into_iter().map(|error| error.into_diagnostic()).collect());
            }
            for path in found {
                let file = source.read(path.as_str()).map_err(|error| error.into_diagnostic())?;
                let key = path.strip_dir(&theme_dir).unwrap_or(path.as_str()).to_string();
                files.insert(key, ThemeFile { origin: path.to_string(), bytes: file.bytes });
            }
        } else if name != "default" {
            return Err(Diagnostic::error(format!("theme `{name}` not found: expected a folder themes/{name}/"))
                .in_file(crate::project::CONFIG_FILE)
                .with_key("theme")
                .into());
        }

        let mut problems = Diagnostics::new();
        let tera = compile_templates(&files, Flavour::Html, &mut problems);
        let reports = compile_templates(&files, Flavour::Markdown, &mut problems);
        let locales = load_locales(&files, &project.config.languages, &mut problems);
        match (tera, reports) {
            (Some(tera), Some(reports)) if !problems.has_errors() => {
                Ok(Theme { files, tera, reports, locales, output_limit: source.limits().output_file_size })
            }
            _ => Err(problems),
        }
    }

    /// Files under `static/`, copied to the output's `static/` as they are.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(key, file)| key.strip_prefix("static/").map(|rest| (rest, file.bytes.as_ref())))
    }

    pub fn file(&self, key: &str) -> Option<&ThemeFile> {
        self.files.get(key)
    }

    pub fn locale(&self, lang: &Lang) -> &Locale {
        &self.locales[lang]
    }

    /// A UI string; the key is known to exist for keys in [`REQUIRED_LOCALE_KEYS`].
    pub fn text<'a>(&'a self, lang: &Lang, key: &'a str) -> &'a str {
        self.locales.get(lang).and_then(|locale| locale.get(key)).map_or(key, String::as_str)
    }

    /// Where a theme file came from, for messages (`themes/default/… (embedded)`).
    pub fn origin(&self, key: &str) -> String {
        self.files.get(key).map_or_else(|| key.to_string(), |f| f.origin.clone())
    }

    /// Renders a report template (`reports/team.md`) to Markdown; a failure names the
    /// template file and line.
    pub fn render_report(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.render_with(&self.reports, template, context, "templates/reports/")
    }

    /// Renders a template; a failure names the template file and line.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.render_with(&self.tera, template, context, "templates/")
    }

    /// Renders into a buffer that refuses to grow past the output limit, so a template that
    /// loops without end stops there instead of filling memory and disk.
    fn render_with(
        &self,
        tera: &tera::Tera,
        template: &str,
        context: &tera::Context,
        prefix: &str,
    ) -> Result<String, Diagnostic> {
        let mut out = Capped { bytes: Vec::new(), limit: self.output_limit, over: false };
        match tera.render_to(template, context, &mut out) {
            Ok(()) => String::from_utf8(out.bytes)
                .map_err(|_| Diagnostic::error(format!("template `{prefix}{template}` wrote text that is not UTF-8"))),
            Err(_) if out.over => Err(Diagnostic::error(format!(
                "template `{template}` writes more than {} for one file, the limit `limits.output_file_size` in trustbook.yaml: does a loop run away?",
                Size(self.output_limit)
            ))
            .in_file(self.origin(&format!("{prefix}{template}")))),
            Err(error) => Err(tera_diagnostic(&self.files, &error, prefix)),
        }
    }
}

/// A byte buffer with a ceiling: a write past `limit` fails and sets `over`.
struct Capped {
    bytes: Vec<u8>,
    limit: u64,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if (self.bytes.len() + buf.len()) as u64 > self.limit {
            self.over = true;
            return Err(std::io::Error::other("over the output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn collect_embedded(dir: &Dir<'static>, files: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let key = file.path().components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let origin = format!("themes/default/{key} (embedded)");
        files.insert(key, ThemeFile { origin, bytes: Arc::from(file.contents()) });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

/// Which templates a Tera instance holds and how it escapes values.
#[derive(Clone, Copy, PartialEq)]
enum Flavour {
    /// `templates/*.html`, escaped for HTML.
    Html,
    /// `templates/reports/*.md`, escaped for Markdown.
    Markdown,
}

fn compile_templates(
    files: &BTreeMap<String, ThemeFile>,
    flavour: Flavour,
    problems: &mut Diagnostics,
) -> Option<tera::Tera> {
    let prefix = match flavour {
        Flavour::Html => "templates/",
        Flavour::Markdown => "templates/reports/",
    };
    let mut templates = Vec::new();
    for (key, file) in files {
        let Some(name) = key.strip_prefix(prefix) else { continue };
        let is_report = key.starts_with("templates/reports/");
        if (flavour == Flavour::Html) == is_report {
            continue;
        }
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => templates.push((name.to_string(), text.to_string())),
            Err(_) => problems.push(Diagnostic::error("template is not UTF-8 text").in_file(file.origin.clone())),
        }
    }
    let mut tera = tera::Tera::new();
    if flavour == Flavour::Markdown {
        tera.autoescape_on([".md"]);
        tera.set_escape_fn(escape_markdown);
    }
    match tera.add_raw_templates(templates) {
        Ok(()) => Some(tera),
        Err(error) => {
            problems.push(tera_diagnostic(files, &error, prefix));
            None
        }
    }
}

/// Escapes a value written into Markdown: every ASCII punctuation character gets a backslash
/// (CommonMark then shows it literally), and line breaks become spaces so a value cannot start a
/// new block or break a table row. Free text such as team names and comments can therefore never
/// become markup, links or raw HTML.
fn escape_markdown(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut buffer = [0u8; 4];
    for c in input.chars() {
        match c {
            '\n' | '\r' => out.write_all(b" ")?,
            c if c.is_ascii_punctuation() => {
                out.write_all(b"\\")?;
                out.write_all(c.encode_utf8(&mut buffer).as_bytes())?;
            }
            c => out.write_all(c.encode_utf8(&mut buffer).as_bytes())?,
        }
    }
    Ok(())
}

/// Turns a Tera error into a diagnostic pointing into the template that caused it.
fn tera_diagnostic(files: &BTreeMap<String, ThemeFile>, error: &tera::Error, prefix: &str) -> Diagnostic {
    let mut diagnostic = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let key = format!("{prefix}{}", report.filename());
            let diagnostic = Diagnostic::error(format!("template error: {}", report.message()));
            match files.get(&key) {
                Some(file) => {
                    let source =
                        SourceText::new(file.origin.clone(), String::from_utf8_lossy(&file.bytes).into_owned());
                    let span = report.span();
                    if span.range.end > span.range.start && span.range.end <= source.text.len() {
                        diagnostic.at(&source, span.range.clone())
                    } else {
                        diagnostic.at_line(&source, span.start_line.max(1), span.start_col + 1)
                    }
                }
                None => diagnostic.in_file(format!("{prefix}{}", report.filename())),
            }
        }
        other => Diagnostic::error(format!("template error: {other}")),
    };
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        diagnostic = diagnostic.with_note(format!("caused by: {inner}"));
        cause = inner.source();
    }
    diagnostic
}

fn load_locales(
    files: &BTreeMap<String, ThemeFile>,
    languages: &[Lang],
    problems: &mut Diagnostics,
) -> BTreeMap<Lang, Locale> {
    let mut locales = BTreeMap::new();
    for lang in languages {
        let key = format!("locales/{lang}.yaml");
        let Some(file) = files.get(&key) else {
            problems.push(
                Diagnostic::error(format!("the theme has no UI strings for `{lang}`: add themes/<theme>/{key}"))
                    .in_file(crate::project::CONFIG_FILE)
                    .with_key("languages"),
            );
            continue;
        };
        let source = SourceText::new(file.origin.clone(), String::from_utf8_lossy(&file.bytes).into_owned());
        #[derive(serde::Deserialize)]
        struct LocaleFile(#[serde(deserialize_with = "crate::yaml::unique")] Locale);
        match crate::yaml::parse::<LocaleFile>(&source, 0..source.text.len()).map(|file| file.0) {
            Ok(locale) => {
                for required in REQUIRED_LOCALE_KEYS {
                    if !locale.contains_key(*required) {
                        problems.push(
                            Diagnostic::error(format!("UI string `{required}` is missing"))
                                .in_file(file.origin.clone())
                                .with_key(*required),
                        );
                    }
                }
                locales.insert(lang.clone(), locale);
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    // Every language must offer the same strings as the default one, or templates would fail
    // in one language only.
    if let Some((first_lang, first)) = languages.first().and_then(|lang| locales.get(lang).map(|l| (lang, l))) {
        for (lang, locale) in &locales {
            for key in first.keys().filter(|key| !locale.contains_key(*key)) {
                problems.push(
                    Diagnostic::error(format!("UI string `{key}` is missing (locales/{first_lang}.yaml has it)"))
                        .in_file(files[&format!("locales/{lang}.yaml")].origin.clone())
                        .with_key(key.clone()),
                );
            }
        }
    }
    locales
}
