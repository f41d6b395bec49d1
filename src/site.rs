//! The build: runs the pipeline stages in order and hands the result to the renderers.
//!
//! `project` → `content` → renderers → `output`. This module owns the order and the error
//! policy (collect everything a stage can tell, stop before writing when anything is wrong);
//! the stages own their work.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{self, Handbook, LoadOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{OutputError, Staging};
use crate::project::{Lang, Project, resolve_output};
use crate::render::data::DataRenderer;
use crate::render::html::HtmlRenderer;
use crate::render::pdf::PdfRenderer;
use crate::render::theme::Theme;
use crate::render::{RenderInput, Renderer};
use crate::scoring::{self, Assessment};
use crate::survey::{Survey, SurveySummary};

/// Output formats a build can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Html,
    /// `data/scores.csv` and `data/scores.json`.
    Data,
    /// The handbook book, team reports and the organisation summary as PDF.
    Pdf,
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// `--out`: overrides the configured output folder (relative to the working directory).
    pub out: Option<PathBuf>,
    /// Languages to build; empty means all configured ones.
    pub languages: Vec<Lang>,
    /// Formats to build; empty means all.
    pub formats: Vec<Format>,
    pub include_drafts: bool,
    /// The survey wave reports are made for (`--wave`); default: the latest.
    pub wave: Option<String>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            out: None,
            languages: Vec::new(),
            formats: Vec::new(),
            include_drafts: false,
            wave: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The project's input is wrong; every problem found is inside.
    #[error("{} error{} in the project", .0.error_count(), if .0.error_count() == 1 { "" } else { "s" })]
    Invalid(Diagnostics),
    /// The command was called wrongly (an unconfigured `--lang`, say).
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl From<Diagnostics> for BuildError {
    fn from(diagnostics: Diagnostics) -> Self {
        BuildError::Invalid(diagnostics)
    }
}

impl From<Diagnostic> for BuildError {
    fn from(diagnostic: Diagnostic) -> Self {
        BuildError::Invalid(diagnostic.into())
    }
}

/// Everything loaded and checked, before anything is written.
#[derive(Debug)]
pub struct Site {
    pub project: Project,
    pub handbook: Handbook,
    pub theme: Theme,
    /// The scored survey, when the project has `content/survey/`.
    pub assessment: Option<Assessment>,
    /// Counts of what the survey held, before its responses were dropped.
    pub survey: Option<SurveySummary>,
    /// Non-fatal problems found while loading.
    pub warnings: Diagnostics,
}

impl Site {
    /// Loads and checks the project at `root`, collecting the problems of every stage that
    /// can run.
    pub fn load(root: &Path, options: &LoadOptions) -> Result<Site, BuildError> {
        let project = Project::load(root)?;
        let mut problems = Diagnostics::new();
        let theme = Theme::load(&project).map_err(|p| problems.extend(p)).ok();
        let handbook = content::load(&project, options).map_err(|p| problems.extend(p)).ok();
        let survey = Survey::load_project(&project).map_err(|p| problems.extend(p)).ok();
        match (theme, handbook, survey) {
            (Some(theme), Some((handbook, warnings)), Some(survey)) if !problems.has_errors() => {
                let summary = survey.as_ref().map(Survey::summary);
                let assessment =
                    survey.map(|survey| scoring::assess(survey, &project.config.scoring, &project.config.privacy));
                Ok(Site { project, handbook, theme, assessment, survey: summary, warnings })
            }
            _ => {
                problems.sort();
                Err(BuildError::Invalid(problems))
            }
        }
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub files: usize,
    pub pages: usize,
    pub languages: Vec<Lang>,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

/// Builds the project into its output folder, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let site = Site::load(&options.root, &LoadOptions { include_drafts: options.include_drafts })?;
    let languages = select_languages(&site.project, &options.languages)?;
    let report_wave = select_wave(&site, options.wave.as_deref())?;
    let output = resolve_output(&site.project.root, &site.project.config.output, options.out.as_deref())?;
    let staging = Staging::create(&output)?;
    let input = RenderInput {
        project: &site.project,
        handbook: &site.handbook,
        theme: &site.theme,
        assessment: site.assessment.as_ref(),
        report_wave,
        languages: &languages,
        pdf_book: options.formats.is_empty() || options.formats.contains(&Format::Pdf),
    };
    let renderers: Vec<&dyn Renderer> = vec![&HtmlRenderer, &DataRenderer, &PdfRenderer];
    let mut problems = Diagnostics::new();
    let mut warnings = site.warnings.clone();
    for renderer in renderers {
        let wanted = options.formats.is_empty() || options.formats.iter().any(|f| format_name(*f) == renderer.name());
        if wanted {
            match renderer.render(input, &staging) {
                Ok(found) => warnings.extend(found),
                Err(found) => problems.extend(found),
            }
        }
    }
    if problems.has_errors() {
        problems.sort();
        return Err(BuildError::Invalid(problems));
    }
    let files = staging.file_count();
    let output = staging.commit()?;
    Ok(BuildReport {
        output,
        files,
        pages: site.handbook.reading_order().len() * languages.len(),
        languages,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// What `trustbook check` found.
#[derive(Debug)]
pub struct CheckReport {
    /// Survey counts, when the project has a survey.
    pub survey: Option<SurveySummary>,
    /// Per wave: (wave id, withheld units, withheld teams).
    pub suppressed: Vec<(String, usize, usize)>,
    pub sections: usize,
    pub pages: usize,
    pub languages: Vec<Lang>,
    pub untranslated: usize,
    pub warnings: Diagnostics,
}

/// Loads and validates everything, writes nothing.
pub fn check(root: &Path) -> Result<CheckReport, BuildError> {
    let site = Site::load(root, &LoadOptions::default())?;
    let order = site.handbook.reading_order();
    let untranslated =
        order.iter().map(|id| site.handbook.entry(*id).variants.values().filter(|v| !v.translated).count()).sum();
    let suppressed = site
        .assessment
        .as_ref()
        .map(|a| a.scores.suppressed().into_iter().map(|(w, u, t)| (w.to_string(), u, t)).collect())
        .unwrap_or_default();
    Ok(CheckReport {
        survey: site.survey.clone(),
        suppressed,
        sections: site.handbook.sections.len(),
        pages: site.handbook.pages.len(),
        languages: site.project.config.languages.clone(),
        untranslated,
        warnings: site.warnings,
    })
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Html => "html",
        Format::Data => "data",
        Format::Pdf => "pdf",
    }
}

/// The wave index reports are made for: the requested one, else the latest.
fn select_wave(site: &Site, requested: Option<&str>) -> Result<usize, BuildError> {
    let Some(assessment) = &site.assessment else {
        return match requested {
            Some(wave) => Err(BuildError::Usage(format!("--wave {wave}: the project has no survey (content/survey/)"))),
            None => Ok(0),
        };
    };
    let waves = &assessment.scores.waves;
    match requested {
        None => Ok(waves.len().saturating_sub(1)),
        Some(id) => waves.iter().position(|w| w.wave.as_str() == id).ok_or_else(|| {
            let known: Vec<&str> = waves.iter().map(|w| w.wave.as_str()).collect();
            BuildError::Usage(format!("--wave {id}: no such wave (organisation.yaml has {})", known.join(", ")))
        }),
    }
}

/// The languages to build, in configured order (default first).
fn select_languages(project: &Project, requested: &[Lang]) -> Result<Vec<Lang>, BuildError> {
    let configured = &project.config.languages;
    if let Some(unknown) = requested.iter().find(|lang| !configured.contains(lang)) {
        return Err(BuildError::Usage(format!(
            "--lang {unknown}: not a configured language (trustbook.yaml has {})",
            configured.iter().map(Lang::as_str).collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(configured.iter().filter(|lang| requested.is_empty() || requested.contains(lang)).cloned().collect())
}
