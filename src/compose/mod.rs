//! Composition: plans, scores and the handbook become report [`Document`]s, once per report
//! and language, before any renderer runs; handbook pages get their generated parts here too
//! ([`actions_table`]).
//!
//! A report is a Tera template of the theme (`templates/reports/*.md`) that writes Markdown with
//! chart blocks; the result is parsed into the same document model as the handbook, so every
//! renderer only encodes it. This stage prepares what the templates see: names and figures
//! already formatted for the language ([`words`]), charts as specs, links as `@/` paths or
//! routes. A withheld team's context holds no figure at all, so no template can print one.
//!
//! It owns what a report says; how it looks (HTML, PDF) belongs to the renderers, and where it
//! goes to [`crate::routes`]. Renderers receive finished [`Reports`] and cannot compose: the
//! functions that do are private to this module.

mod handbook;
mod plan_text;
mod summary;
mod team;
mod team_charts;
mod words;

use std::sync::atomic::{AtomicUsize, Ordering};

pub use handbook::{ActionsTable, actions_table};

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Handbook, markdown};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::document::{Chart, Document};
use crate::project::{Lang, Project};
use crate::scoring::Assessment;
use crate::theme::Theme;

/// What composition reads, loaded once per build and shared by every report.
#[derive(Clone, Copy)]
pub struct ComposeInput<'a> {
    pub project: &'a Project,
    pub handbook: &'a Handbook,
    pub theme: &'a Theme,
    pub assessment: &'a Assessment,
    /// The wave reports are made for (index into the scored waves).
    pub wave: usize,
    /// The languages to compose, default first.
    pub languages: &'a [Lang],
}

/// Whom a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Summary,
    /// A team, by its index in the organisation.
    Team(usize),
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

/// Every report of a build, in a stable order: per language, the summary, then each team.
#[derive(Default)]
pub struct Reports {
    reports: Vec<Report>,
    /// How many times a report was composed in this build: the compose-once promise, counted.
    composed: usize,
}

impl Reports {
    pub fn iter(&self) -> impl Iterator<Item = &Report> {
        self.reports.iter()
    }

    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// The report about `subject` in `lang`, when it was composed.
    pub fn find(&self, lang: &Lang, subject: Subject) -> Option<&Report> {
        self.reports.iter().find(|r| &r.lang == lang && r.subject == subject)
    }

    /// How many compositions this build ran (one per report when all is well).
    pub fn compositions(&self) -> usize {
        self.composed
    }
}

/// Composes the summary and every team's report in every language, in parallel. All problems
/// (a broken template, say) come back together.
pub fn compose(input: ComposeInput<'_>) -> Result<Reports, Diagnostics> {
    if input.assessment.scores.waves.is_empty() {
        return Ok(Reports::default());
    }
    let teams = input.assessment.organisation.teams.len();
    let jobs: Vec<(&Lang, Subject)> = input
        .languages
        .iter()
        .flat_map(|lang| {
            std::iter::once((lang, Subject::Summary)).chain((0..teams).map(move |t| (lang, Subject::Team(t))))
        })
        .collect();
    let counter = AtomicUsize::new(0);
    let results: Vec<Result<Report, Diagnostic>> = jobs
        .par_iter()
        .map(|(lang, subject)| {
            counter.fetch_add(1, Ordering::Relaxed);
            match subject {
                Subject::Summary => summary::summary_report(input, lang),
                Subject::Team(team) => team::team_report(input, *team, lang),
            }
        })
        .collect();
    let mut problems = Diagnostics::new();
    let mut reports = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    // A broken template fails every report the same way: say it once.
    problems.dedup();
    problems.into_result(Reports { reports, composed: counter.into_inner() })
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
    let parsed = markdown::parse(&text, "reports");
    if let Some(problem) = parsed.references.iter().find_map(|r| match &r.kind {
        markdown::ReferenceKind::Invalid(message) => Some(message.clone()),
        _ => None,
    }) {
        return Err(Diagnostic::error(format!("the report template produced invalid Markdown: {problem}"))
            .in_file(input.theme.origin(&format!("templates/reports/{template}"))));
    }
    Ok((text, parsed.document))
}
