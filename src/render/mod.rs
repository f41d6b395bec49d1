//! Renderers: the last stage before output. Each encodes what earlier stages produced (the
//! handbook's documents, the composed reports, the scores) in one format, writing into the
//! build's staging folder: [`html`] (the site, through the theme's templates), [`pdf`] (our
//! own layout engine) and [`data`] (CSV and JSON exports).
//!
//! A renderer reads what earlier stages produced and never changes it, and composes nothing:
//! reports arrive finished ([`crate::compose::Reports`]) and file names come from
//! [`crate::routes`]. So renderers can run side by side and one file depends only on its
//! inputs. Renderers read project files (fonts, pictures) only through [`crate::source`].

pub mod data;
pub mod html;
pub mod pdf;

use crate::compose::Reports;
use crate::content::Handbook;
use crate::diagnostics::Diagnostics;
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
    pub handbook: &'a Handbook,
    pub theme: &'a Theme,
    /// The scored survey, when the project has one. It holds no individual responses.
    pub assessment: Option<&'a Assessment>,
    /// The wave reports are made for (index into the scored waves); meaningful only with an
    /// assessment.
    pub report_wave: usize,
    /// The composed reports (empty without a survey).
    pub reports: &'a Reports,
    /// The languages to render, a subset of the configured ones, default first.
    pub languages: &'a [Lang],
    /// Whether this build writes the handbook as a PDF book, so pages may link to it.
    pub pdf_book: bool,
}

/// One output format.
pub trait Renderer: Sync {
    /// Short name for messages: `html`.
    fn name(&self) -> &'static str;
    /// Writes this format's files. Returns warnings on success; all problems together on failure.
    fn render(&self, input: RenderInput<'_>, out: &Staging) -> Result<Diagnostics, Diagnostics>;
}
