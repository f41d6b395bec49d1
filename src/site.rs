//! The build: runs the pipeline stages in order and hands the result to the renderers.
//!
//! `source` → `project` → `theme`, `content` | `survey` → `scoring` → (`plan` inside)
//! `compose` → renderers → `output`. This module owns the order and the error policy (collect
//! everything a stage can tell, stop before writing when anything is wrong); the stages own
//! their work.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::compose::{ComposeInput, Composer, Reports};
use crate::content::{self, Handbook, LoadOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::logo::Logo;
use crate::model::TrustModel;
use crate::output::{OutputError, Staging, resolve_output};
use crate::plan::followup::FollowUps;
use crate::project::{Lang, Project};
use crate::render::data::DataRenderer;
use crate::render::html::HtmlRenderer;
use crate::render::pdf::PdfRenderer;
use crate::render::{RenderInput, Renderer};
use crate::scoring::{self, Assessment};
use crate::source::{Dependencies, Limits, Source};
use crate::survey::{Benchmark, Survey, SurveySummary};
use crate::theme::Theme;

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
    /// Limits that replace `limits:` of trustbook.yaml (tests and tools); `None` reads them
    /// from the configuration.
    pub limits: Option<Limits>,
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
            limits: None,
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
    /// The project's files: every read of the build went through it.
    pub source: Source,
    pub project: Project,
    /// The framework: `content/model.yaml`, or the embedded trust power model.
    pub model: TrustModel,
    pub handbook: Handbook,
    pub theme: Theme,
    /// The scored survey, when the project has `content/survey/`.
    pub assessment: Option<Assessment>,
    /// What teams committed to after earlier waves (`content/plans/`).
    pub follow_ups: FollowUps,
    /// Counts of what the survey held, before its responses were dropped.
    pub survey: Option<SurveySummary>,
    /// The brand's logo (`brand.logo`), read and checked once.
    pub logo: Option<Logo>,
    /// The date results are delivered on ([`delivery_date`]), read once when loading.
    pub delivered: crate::survey::Date,
    /// Non-fatal problems found while loading.
    pub warnings: Diagnostics,
}

impl Site {
    /// What the teams' plans are chosen from, for this site's `assessment`.
    pub fn planner<'a>(&'a self, assessment: &'a crate::scoring::Assessment) -> crate::plan::Planner<'a> {
        crate::plan::Planner {
            model: &self.model,
            assessment,
            follow_ups: &self.follow_ups,
            handbook: &self.handbook,
            rules: &self.project.config.plan,
            delivered: self.delivered,
        }
    }

    /// Loads and checks the project at `root`, collecting the problems of every stage that
    /// can run.
    pub fn load(root: &Path, options: &LoadOptions) -> Result<Site, BuildError> {
        Site::load_with(root, options, None)
    }

    /// [`Site::load`] with `limits` in place of the configured ones.
    pub fn load_with(root: &Path, options: &LoadOptions, limits: Option<Limits>) -> Result<Site, BuildError> {
        // trustbook.yaml itself is read under the given or default limits; everything after it
        // under the configured ones.
        let mut source = Source::open(root, limits.unwrap_or_default())?;
        let project = Project::load(&source)?;
        source.set_limits(limits.unwrap_or(project.config.limits));
        let mut problems = Diagnostics::new();
        let theme = Theme::load(&source, &project).map_err(|p| problems.extend(p)).ok();
        let logo = load_logo(&source, &project).map_err(|p| problems.push(p)).ok().flatten();
        // Without a usable model, content and survey cannot be checked: report the model's
        // problems alone rather than every id as unknown.
        let model = TrustModel::load(&source).map_err(BuildError::Invalid)?;
        let handbook = content::load(&source, &project, &model, options).map_err(|p| problems.extend(p)).ok();
        let survey = Survey::load_project(&source, &model).map_err(|p| problems.extend(p)).ok();
        // The benchmark is read against the survey's instrument, so only once that loaded.
        let survey = survey.map(|survey| match survey {
            Some(mut survey) => {
                match Benchmark::load_selected(&source, &project, &survey.instrument) {
                    Ok(benchmark) => survey.benchmark = benchmark,
                    Err(more) => problems.extend(more),
                }
                Some(survey)
            }
            None => {
                if project.config.reports.benchmark.is_some() {
                    problems.push(project.config_error(
                        "reports.benchmark",
                        "a benchmark is selected, but the project has no survey (content/survey/) to compare with it",
                    ));
                }
                None
            }
        });
        match (theme, handbook, survey) {
            (Some(theme), Some((handbook, warnings)), Some(survey)) if !problems.has_errors() => {
                let summary = survey.as_ref().map(Survey::summary);
                let assessment =
                    survey.map(|survey| scoring::assess(survey, &project.config.scoring, &project.config.privacy));
                // Where the handbook meets the survey: the items actions name, and the plans
                // teams recorded; their problems are reported together.
                let follow_ups = match &assessment {
                    Some(assessment) => {
                        let mut problems = crate::plan::check_action_items(&handbook, assessment);
                        for instrument in assessment.instruments() {
                            problems.extend(instrument.unknown_sources(&|key| handbook.source_keys.contains(key)));
                        }
                        match FollowUps::load(&source, &handbook, assessment) {
                            Ok(follow_ups) if !problems.has_errors() => follow_ups,
                            Ok(_) => return Err(BuildError::Invalid(problems)),
                            Err(more) => {
                                problems.extend(more);
                                problems.sort();
                                return Err(BuildError::Invalid(problems));
                            }
                        }
                    }
                    None => FollowUps::default(),
                };
                Ok(Site {
                    source,
                    project,
                    model,
                    handbook,
                    theme,
                    assessment,
                    follow_ups,
                    survey: summary,
                    logo,
                    delivered: delivery_date(),
                    warnings,
                })
            }
            _ => {
                problems.sort();
                Err(BuildError::Invalid(problems))
            }
        }
    }
}

/// The date results are delivered on: `SOURCE_DATE_EPOCH` when set (reproducible builds),
/// else today (UTC).
pub fn delivery_date() -> crate::survey::Date {
    let seconds =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
        });
    crate::survey::Date::from_unix_seconds(seconds)
}

/// Reads and checks `brand.logo`, when set.
fn load_logo(source: &Source, project: &Project) -> Result<Option<Logo>, Diagnostic> {
    let Some(path) = project.config.brand.as_ref().and_then(|brand| brand.logo.as_ref()) else {
        return Ok(None);
    };
    let shown = path.display();
    let file = source
        .read(&path.to_string_lossy())
        .map_err(|error| project.config_error("brand.logo", error.reading(&format!("the logo {shown}"))))?;
    let name = path.file_name().map_or_else(|| "logo".into(), |n| n.to_string_lossy().into_owned());
    Logo::from_bytes(&name, file.bytes.to_vec(), source.limits().image_pixels)
        .map(Some)
        .map_err(|message| project.config_error("brand.logo", format!("the logo {shown} cannot be used: {message}")))
}

impl Site {
    /// The composition stage's view of this site, for `wave` in `languages`; `None` without a
    /// survey.
    pub fn composer<'a>(&'a self, languages: &'a [Lang], wave: usize) -> Option<Composer<'a>> {
        let assessment = self.assessment.as_ref()?;
        Some(Composer::new(ComposeInput {
            project: &self.project,
            model: &self.model,
            follow_ups: &self.follow_ups,
            handbook: &self.handbook,
            theme: &self.theme,
            assessment,
            wave,
            languages,
            delivered: self.delivered,
        }))
    }

    /// The renderers' view of this site: reports for `wave` in `languages`, and whether the
    /// build writes the handbook as a PDF book (so pages may link to it).
    pub fn render_input<'a>(&'a self, languages: &'a [Lang], wave: usize, pdf_book: bool) -> RenderInput<'a> {
        RenderInput {
            source: &self.source,
            project: &self.project,
            model: &self.model,
            handbook: &self.handbook,
            theme: &self.theme,
            assessment: self.assessment.as_ref(),
            report_wave: wave,
            languages,
            pdf_book,
            logo: self.logo.as_ref(),
        }
    }

    /// Every report of `wave` in `languages`, composed and held together (none without a
    /// survey). A build streams them instead.
    pub fn compose(&self, languages: &[Lang], wave: usize) -> Result<Reports, Diagnostics> {
        self.composer(languages, wave).map_or(Ok(Reports::default()), |composer| Reports::compose_all(&composer))
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
    /// How many report documents were composed (each report once, whatever the formats).
    pub reports_composed: usize,
    /// Every file the build read and every path it asked about, for caches and `serve`.
    pub dependencies: Dependencies,
    pub elapsed: Duration,
}

/// Builds the project into its output folder, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let site = Site::load_with(&options.root, &LoadOptions { include_drafts: options.include_drafts }, options.limits)?;
    let languages = select_languages(&site.project, &options.languages)?;
    let report_wave = select_wave(&site, options.wave.as_deref())?;
    let output = resolve_output(&site.project.root, &site.project.config.output, options.out.as_deref())?;
    let wants = |format: Format| options.formats.is_empty() || options.formats.contains(&format);
    let limits = site.source.limits();
    let staging = Staging::create(&output)?.with_limits(limits.output_file_size, limits.output_size);
    let input = site.render_input(&languages, report_wave, wants(Format::Pdf));
    let mut problems = Diagnostics::new();
    let mut warnings = site.warnings.clone();
    let mut renderers: Vec<Box<dyn Renderer + '_>> = Vec::new();
    if wants(Format::Html) {
        renderers.push(Box::new(HtmlRenderer::new(input)));
    }
    if wants(Format::Data) {
        renderers.push(Box::new(DataRenderer::new(input)));
    }
    if wants(Format::Pdf) {
        match PdfRenderer::load(input) {
            Ok(pdf) => renderers.push(Box::new(pdf)),
            Err(found) => problems.extend(found),
        }
    }
    let mut collect = |result: Result<Diagnostics, Diagnostics>| match result {
        Ok(found) => warnings.extend(found),
        Err(found) => problems.extend(found),
    };
    for renderer in &renderers {
        collect(renderer.render(&staging));
    }
    // Each report is composed once and handed to every renderer, then dropped, so memory
    // holds only the reports in flight.
    let composer = site.composer(&languages, report_wave).filter(|_| wants(Format::Html) || wants(Format::Pdf));
    if let Some(composer) = &composer {
        let results: Vec<Result<Diagnostics, Diagnostics>> = composer
            .jobs(wants(Format::Pdf))
            .into_par_iter()
            .map(|job| {
                let report = composer.compose(job)?;
                // Every renderer gets the report, whatever the others found.
                let (mut warnings, mut errors) = (Diagnostics::new(), Diagnostics::new());
                for renderer in &renderers {
                    match renderer.render_report(&report, &staging) {
                        Ok(found) => warnings.extend(found),
                        Err(found) => errors.extend(found),
                    }
                }
                if errors.has_errors() {
                    errors.extend(warnings);
                    Err(errors)
                } else {
                    Ok(warnings)
                }
            })
            .collect();
        results.into_iter().for_each(&mut collect);
    }
    // Last, once every result is written: who gets which file, and the manifest of them all.
    if !problems.has_errors()
        && let Err(found) = crate::render::delivery::write(input, &staging)
    {
        problems.extend(found);
    }
    if problems.has_errors() {
        // A broken template fails every report the same way: say it once.
        problems.dedup();
        return Err(BuildError::Invalid(problems));
    }
    let reports_composed = composer.as_ref().map_or(0, Composer::compositions);
    // The renderers borrow the languages, which the report below takes over.
    drop(renderers);
    let files = staging.file_count();
    let committed = staging.commit()?;
    if let Some((old, error)) = committed.leftover {
        // The new output is in place; only tidying up failed.
        warnings.push(
            Diagnostic::warning(format!(
                "the build is published, but the previous output could not be removed: {error}"
            ))
            .with_note(format!("it was moved to {}; the next build removes it", old.display())),
        );
    }
    Ok(BuildReport {
        output: committed.output,
        files,
        pages: site.handbook.reading_order().len() * languages.len(),
        languages,
        warnings,
        reports_composed,
        dependencies: site.source.dependencies(),
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

/// The wave index reports are made for: the requested one, else the latest.
/// `trustbook plan-template`: a pre-filled `content/plans/<wave>.yaml` with every team's
/// planned actions for `wave` (default: the latest), for teams to keep up to date.
pub fn plan_template(root: &Path, wave: Option<&str>) -> Result<String, BuildError> {
    let site = Site::load(root, &LoadOptions::default())?;
    let Some(assessment) = &site.assessment else {
        return Err(BuildError::Usage("the project has no survey (content/survey/), so no plans".into()));
    };
    let wave = select_wave(&site, wave)?;
    let planner = site.planner(assessment);
    let plans: Vec<_> = (0..assessment.organisation.teams.len()).map(|team| planner.team_plan(team, wave)).collect();
    Ok(crate::plan::followup::template(&assessment.scores.waves[wave].wave, &site.handbook, assessment, &plans))
}

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
