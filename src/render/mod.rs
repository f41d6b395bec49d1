//! Renderers: the last stage before output. Each encodes what earlier stages produced (the
//! handbook's documents, the composed reports, the scores) in one format, writing into the
//! build's staging folder: [`html`] (the site, through the theme's templates), [`pdf`] (our
//! own layout engine) and [`data`] (CSV and JSON exports).
//!
//! A renderer is made once per build from the shared [`RenderInput`] (loading what it shares
//! across files, such as the PDF fonts), writes the files that are not reports with
//! [`Renderer::render`], and encodes each composed report handed to it with
//! [`Renderer::render_report`]. It reads what earlier stages produced and never changes it,
//! and composes nothing: reports arrive finished and file names come from [`crate::routes`].
//! So one report's files depend only on that report and the shared inputs, and reports can be
//! encoded in parallel. Renderers read project files (fonts, pictures) only through
//! [`crate::source`].

pub mod data;
pub mod delivery;
pub mod html;
pub mod pdf;

use crate::compose::Report;
use crate::content::Handbook;
use crate::diagnostics::Diagnostics;
use crate::model::TrustModel;
use crate::output::Staging;
use crate::project::{Lang, Project};
use crate::scoring::Assessment;
use crate::source::Source;
use crate::theme::Theme;

/// Everything a renderer may read, loaded once per build and shared.
#[derive(Clone, Copy)]
pub struct RenderInput<'a> {
    pub source: &'a Source,
    pub project: &'a Project,
    pub model: &'a TrustModel,
    pub handbook: &'a Handbook,
    pub theme: &'a Theme,
    /// The scored survey, when the project has one. It holds no individual responses.
    pub assessment: Option<&'a Assessment>,
    /// The wave reports are made for (index into the scored waves); meaningful only with an
    /// assessment.
    pub report_wave: usize,
    /// The languages to render, a subset of the configured ones, default first.
    pub languages: &'a [Lang],
    /// Whether this build writes the handbook as a PDF book, so pages may link to it.
    pub pdf_book: bool,
    /// The brand's logo, when `brand.logo` is set.
    pub logo: Option<&'a crate::logo::Logo>,
}

/// One output format, set up for one build.
pub trait Renderer: Sync {
    /// Writes this format's files other than reports (handbook pages, books, static files,
    /// exports). Returns warnings on success; all problems together on failure.
    fn render(&self, out: &Staging) -> Result<Diagnostics, Diagnostics>;
    /// Writes one composed report in this format; a format without reports writes nothing.
    fn render_report(&self, report: &Report, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        let _ = (report, out);
        Ok(Diagnostics::new())
    }
}
