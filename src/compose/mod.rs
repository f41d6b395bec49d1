//! Composition: plans, scores and the handbook become report [`Document`]s, once per report
//! and language, before any renderer sees them. Also the one definition of what handbook pages
//! add to their Markdown ([`actions_table`]), which both renderers encode.
//!
//! A report is a Tera template of the theme (`templates/reports/*.md`) that writes Markdown with
//! chart blocks; the result is parsed into the same document model as the handbook, so every
//! renderer only encodes it. This stage prepares what the templates see: names and figures
//! already formatted for the language ([`words`]), charts as specs, links as `@/` paths or
//! routes. A withheld team's context holds no figure at all, so no template can print one.
//!
//! It owns what a report says; how it looks (HTML, PDF) belongs to the renderers, and where it
//! goes to [`crate::routes`]. A [`Composer`] composes one report at a time and counts them;
//! the build gives each report to every renderer in turn, so renderers receive finished
//! documents and cannot compose a report (the functions that do are private to this module).

mod drivers;
mod further;
mod handbook;
mod item_results;
mod last_plan;
mod masthead;
mod outcomes;
mod plan_text;
mod summary;
mod team;
mod team_charts;
mod unit;
mod words;

use std::sync::atomic::{AtomicUsize, Ordering};

pub use handbook::{ActionsTable, actions_table};

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Handbook, markdown};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::document::{Chart, Document};
use crate::model::TrustModel;
use crate::plan::Planner;
use crate::plan::followup::FollowUps;
use crate::project::{Lang, Project};
use crate::scoring::Assessment;
use crate::survey::TeamId;
use crate::theme::Theme;

/// What composition reads, loaded once per build and shared by every report.
#[derive(Clone, Copy)]
pub struct ComposeInput<'a> {
    pub project: &'a Project,
    pub model: &'a TrustModel,
    /// What teams committed to after earlier waves (`content/plans/`).
    pub follow_ups: &'a FollowUps,
    pub handbook: &'a Handbook,
    pub theme: &'a Theme,
    pub assessment: &'a Assessment,
    /// The wave reports are made for (index into the scored waves).
    pub wave: usize,
    /// The languages to compose, default first.
    pub languages: &'a [Lang],
    /// The date the results are delivered on, printed on their first page: the build's
    /// (`SOURCE_DATE_EPOCH` when set), decided once by the caller so composing stays pure.
    pub delivered: crate::survey::Date,
}

impl ComposeInput<'_> {
    /// What the teams' plans are chosen from.
    pub fn planner(&self) -> Planner<'_> {
        Planner {
            model: self.model,
            assessment: self.assessment,
            follow_ups: self.follow_ups,
            handbook: self.handbook,
            rules: &self.project.config.plan,
            delivered: self.delivered,
        }
    }
}

/// Whom a report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Summary,
    /// A team: its index in the organisation and its id (which names its files).
    Team {
        index: usize,
        id: TeamId,
    },
    /// A unit's pack (PDF only): its index and id.
    Unit {
        index: usize,
        id: crate::survey::UnitId,
    },
}

/// A composed report: its subject and language, its title, the Markdown its template wrote,
/// and the parsed document.
pub struct Report {
    pub subject: Subject,
    pub lang: Lang,
    pub title: String,
    pub markdown: String,
    pub document: Document,
}

/// One report to compose: its language and subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportJob<'a> {
    pub lang: &'a Lang,
    pub subject: Subject,
}

/// Composes reports, one at a time, and counts them. A build makes one and hands each report
/// it composes to every renderer, then drops it: memory stays bounded by the reports in
/// flight, however many teams there are. Renderers are never given a composer.
pub struct Composer<'a> {
    input: ComposeInput<'a>,
    composed: AtomicUsize,
}

impl<'a> Composer<'a> {
    pub fn new(input: ComposeInput<'a>) -> Self {
        Composer { input, composed: AtomicUsize::new(0) }
    }

    /// Every report of the build, in a stable order: per language, the summary, then each
    /// team in the organisation's order, then (with `packs`, for PDF) each unit's pack. None
    /// when the survey has no wave.
    pub fn jobs(&self, packs: bool) -> Vec<ReportJob<'a>> {
        if self.input.assessment.scores.waves.is_empty() {
            return Vec::new();
        }
        let organisation = &self.input.assessment.organisation;
        let mut jobs = Vec::new();
        for lang in self.input.languages {
            jobs.push(ReportJob { lang, subject: Subject::Summary });
            for (index, team) in organisation.teams.iter().enumerate() {
                jobs.push(ReportJob { lang, subject: Subject::Team { index, id: team.id.clone() } });
            }
            if packs {
                for (index, unit) in organisation.units.iter().enumerate() {
                    jobs.push(ReportJob { lang, subject: Subject::Unit { index, id: unit.id.clone() } });
                }
            }
        }
        jobs
    }

    /// Composes one report. A pure function of the build's shared inputs and the job.
    pub fn compose(&self, job: ReportJob<'_>) -> Result<Report, Diagnostic> {
        self.composed.fetch_add(1, Ordering::Relaxed);
        match job.subject {
            Subject::Summary => summary::summary_report(self.input, job.lang),
            Subject::Team { index, id } => team::team_report(self.input, index, id, job.lang),
            Subject::Unit { index, id } => unit::unit_pack(self.input, index, id, job.lang),
        }
    }

    /// How many reports this composer has composed: the compose-once promise, counted.
    pub fn compositions(&self) -> usize {
        self.composed.load(Ordering::Relaxed)
    }
}

/// A build's reports held together, for callers that want them all at once (tests,
/// benchmarks, a later cache); a build itself streams them through the renderers.
#[derive(Default)]
pub struct Reports {
    reports: Vec<Report>,
}

impl Reports {
    /// Composes every report in parallel. All problems (a broken template, say) come back
    /// together, each once.
    pub fn compose_all(composer: &Composer<'_>) -> Result<Reports, Diagnostics> {
        let results: Vec<Result<Report, Diagnostic>> =
            composer.jobs(true).into_par_iter().map(|job| composer.compose(job)).collect();
        let mut problems = Diagnostics::new();
        let mut reports = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(report) => reports.push(report),
                Err(diagnostic) => problems.push(diagnostic),
            }
        }
        problems.dedup();
        problems.into_result(Reports { reports })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Report> {
        self.reports.iter()
    }

    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// The summary in `lang`, when it was composed.
    pub fn summary(&self, lang: &Lang) -> Option<&Report> {
        self.reports.iter().find(|r| &r.lang == lang && r.subject == Subject::Summary)
    }

    /// The report of the team at `index` in `lang`, when it was composed.
    pub fn team(&self, lang: &Lang, index: usize) -> Option<&Report> {
        self.reports
            .iter()
            .find(|r| &r.lang == lang && matches!(r.subject, Subject::Team { index: i, .. } if i == index))
    }
}

fn chart_json(chart: &Chart) -> String {
    serde_json::to_string(chart).unwrap_or_default()
}

/// Renders a report template to Markdown and parses it; a bad template or chart names the
/// template file.
fn render_markdown<T: Serialize>(
    input: ComposeInput<'_>,
    lang: &Lang,
    template: &str,
    context: &T,
) -> Result<(String, Document), Diagnostic> {
    let mut tera_context = tera::Context::from_serialize(context)
        .map_err(|error| Diagnostic::error(format!("cannot prepare the report for its template: {error}")))?;
    tera_context.insert("t", input.theme.locale(lang));
    tera_context.insert("lang", lang.as_str());
    let text = input.theme.render_report(template, &tera_context)?;
    // The theme's own HTML in report templates is kept, sanitised like a project's.
    let parsed = markdown::parse_with(
        &text,
        "reports",
        &markdown::ParseOptions { raw_html: markdown::RawHtml::Sanitise, ..Default::default() },
    );
    if let Some(problem) = parsed.references.iter().find_map(|r| match &r.kind {
        markdown::ReferenceKind::Invalid(message) => Some(message.clone()),
        _ => None,
    }) {
        return Err(Diagnostic::error(format!("the report template produced invalid Markdown: {problem}"))
            .in_file(input.theme.origin(&format!("templates/reports/{template}"))));
    }
    Ok((text, parsed.document))
}
