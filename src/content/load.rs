//! Reading `content/handbook/` into a [`Handbook`]: discovery through the source stage and
//! parsing (in parallel); [`super::assemble`] pairs translations with originals and builds the
//! ordered section tree, [`super::references`] checks links and images.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::assemble::{Assembler, Group, key_span};
use super::file::{FileName, ParsedFile};
use super::front_matter::{self, FrontMatter};
use super::markdown;
use super::{Handbook, LoadOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::TrustModel;
use crate::project::{HANDBOOK_DIR, SURVEY_DIR};
use crate::project::{Lang, Project};
use crate::source::{Hidden, PathKind, ProjectPath, Source};

/// Loads the handbook. All problems are returned together; warnings (such as untranslated
/// pages) come back beside a successful result.
pub fn load(
    source: &Source,
    project: &Project,
    model: &TrustModel,
    options: &LoadOptions,
) -> Result<(Handbook, Diagnostics), Diagnostics> {
    let languages = &project.config.languages;
    let mut problems = Diagnostics::new();
    match source.kind(HANDBOOK_DIR) {
        Ok(Some(PathKind::Folder)) => {}
        Ok(_) => {
            return Err(Diagnostic::error(
                "there is no content/handbook/ folder: the handbook's Markdown chapters go there",
            )
            .into());
        }
        Err(error) => return Err(error.into_diagnostic().into()),
    }

    let Discovery { files, assets, refused } = discover(source, languages, &mut problems);
    let raw_html =
        if project.config.content.allow_raw_html { markdown::RawHtml::Sanitise } else { markdown::RawHtml::Escape };
    let limits = source.limits();
    let parse_options =
        markdown::ParseOptions { raw_html, max_nesting: limits.nesting_depth, max_text_run: limits.text_run };
    let parsed: Vec<Result<ParsedFile, (String, Diagnostic)>> = files
        .into_par_iter()
        .map(|file| {
            let lang = file.name.lang.as_ref().map_or(String::new(), |l| format!(".{l}"));
            let path = format!("{}/{}{lang}.md", file.name.dir, file.name.stem);
            parse_file(source, file, &parse_options).map_err(|diagnostic| (path, diagnostic))
        })
        .collect();
    // Files that could not be read or parsed: their absence must not cause further errors
    // elsewhere (a missing original, a section without index, links to them).
    let mut failed: BTreeSet<String> = refused.into_iter().collect();
    let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
    for result in parsed {
        match result {
            Ok(file) => {
                let key = (file.name.dir.clone(), file.name.stem.clone());
                let group = groups.entry(key).or_default();
                let lang = file.name.lang.clone().unwrap_or_else(|| project.default_lang().clone());
                if let Some(previous) = group.files.get(&lang) {
                    problems.push(
                        Diagnostic::error(format!(
                            "two files hold the `{lang}` text of the same page: {} and this one",
                            previous.source.name
                        ))
                        .in_file(file.source.name.clone()),
                    );
                } else {
                    group.files.insert(lang, file);
                }
            }
            Err((path, diagnostic)) => {
                failed.insert(path);
                problems.push(diagnostic);
            }
        }
    }

    let mut assembler = Assembler { project, model, options, problems, drafts: BTreeSet::new(), failed };
    let mut handbook = assembler.assemble(groups, assets);
    let mut problems = assembler.problems;
    if let Some(handbook) = &mut handbook {
        keep_used_assets(handbook);
    }
    if let Some(handbook) = &handbook {
        super::references::check(handbook, source, &assembler.failed, &mut problems);
    }
    if let Some(handbook) = &mut handbook {
        super::citations::format(handbook, source, project, &mut problems);
    }
    problems.sort();
    match handbook {
        Some(handbook) if !problems.has_errors() => Ok((handbook, problems)),
        _ => Err(problems),
    }
}

struct Discovered {
    name: FileName,
    path: ProjectPath,
}

/// Publishes exactly the files that built pages show: not notes, backups or data left beside
/// the Markdown, nor pictures used only by drafts.
fn keep_used_assets(handbook: &mut Handbook) {
    let entries = handbook.sections.iter().map(|s| &s.entry).chain(handbook.pages.iter().map(|p| &p.entry));
    let used: BTreeSet<&str> = entries
        .flat_map(|entry| entry.variants.values())
        .flat_map(|variant| &variant.references)
        .filter_map(|reference| match &reference.kind {
            markdown::ReferenceKind::Image(src) => Some(src.as_str()),
            _ => None,
        })
        .collect();
    let used: BTreeSet<String> = used.into_iter().map(str::to_string).collect();
    handbook.assets.retain(|asset| used.contains(asset));
}

/// What the handbook folder holds.
struct Discovery {
    /// Markdown files to parse.
    files: Vec<Discovered>,
    /// Other files (pictures), relative to `content/`.
    assets: Vec<String>,
    /// Files and folders refused (links leading out, or into the survey data), relative to
    /// `content/`: reported once here, and not again as missing.
    refused: Vec<String>,
}

/// Walks the handbook folder in a stable order. Hidden files and folders are skipped.
fn discover(source: &Source, languages: &[Lang], problems: &mut Diagnostics) -> Discovery {
    let mut files = Vec::new();
    let mut assets = Vec::new();
    let mut refused = Vec::new();
    let below_content = |path: &ProjectPath| path.strip_dir("content").unwrap_or(path.as_str()).to_string();
    let (found, errors) = source.walk(HANDBOOK_DIR, Hidden::Skip);
    for error in errors {
        refused.extend(error.path().map(below_content));
        problems.push(error.into_diagnostic());
    }
    for path in found {
        // A link from the handbook into the survey data would publish raw responses.
        let resolved = source.resolved(&path).ok();
        if resolved.as_ref().is_some_and(|r| r.strip_dir(SURVEY_DIR).is_some()) {
            problems.push(
                Diagnostic::error("it links into content/survey/: survey responses are never published")
                    .in_file(path.to_string()),
            );
            refused.push(below_content(&path));
            continue;
        }
        let relative = below_content(&path);
        let (dir, file_name) = match relative.rsplit_once('/') {
            Some((dir, file_name)) => (dir.to_string(), file_name.to_string()),
            None => (String::new(), relative.clone()),
        };
        let Some(base) = file_name.strip_suffix(".md") else {
            assets.push(relative);
            continue;
        };
        let (stem, lang) = match base.rsplit_once('.') {
            Some((stem, code)) => match Lang::parse(code) {
                Ok(lang) if languages.contains(&lang) => (stem.to_string(), Some(lang)),
                Ok(lang) => {
                    problems.push(
                        Diagnostic::error(format!(
                            "this file is for language `{lang}`, which is not among the configured languages ({})",
                            languages.iter().map(Lang::as_str).collect::<Vec<_>>().join(", ")
                        ))
                        .in_file(format!("content/{relative}"))
                        .with_note("add the language to `languages` in trustbook.yaml, or rename the file"),
                    );
                    continue;
                }
                Err(_) => (base.to_string(), None),
            },
            None => (base.to_string(), None),
        };
        files.push(Discovered { name: FileName { dir, stem, lang }, path });
    }
    Discovery { files, assets, refused }
}

fn parse_file(files: &Source, file: Discovered, options: &markdown::ParseOptions) -> Result<ParsedFile, Diagnostic> {
    let source = files.read_text(file.path.as_str())?;
    let split = front_matter::split(&source)?;
    let front: FrontMatter = crate::yaml::parse(&source, split.yaml.clone())?;
    // A title or summary is one run of text too, printed in headers, contents and lists.
    for (key, text) in [("title", &front.title), ("summary", &front.summary)] {
        let length = text.as_deref().map_or(0, |t| t.chars().count());
        if length > options.max_text_run {
            let limit = options.max_text_run;
            return Err(Diagnostic::error(format!(
                "the {key} is {length} characters long: the limit is `limits.text_run` ({limit}) in trustbook.yaml"
            ))
            .at(&source, key_span(&source, &split.yaml, key))
            .with_key(key));
        }
    }
    let body = &source.text[split.body.clone()];
    let mut parsed = markdown::parse_with(body, &file.name.dir, options);
    for reference in &mut parsed.references {
        reference.span = reference.span.start + split.body.start..reference.span.end + split.body.start;
    }
    Ok(ParsedFile { name: file.name, source, front, front_range: split.yaml, parsed })
}
