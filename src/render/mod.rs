//! Renderers: the last stage before output. Each turns the loaded handbook (and, later, the
//! scored reports) into one output format, writing into the build's staging folder.
//!
//! A renderer reads what earlier stages produced and never changes it, so renderers can run
//! side by side and one page's rendering depends only on its inputs.

pub mod data;
pub mod html;
pub mod pdf;
pub mod report;
pub mod theme;

use crate::content::Handbook;
use crate::diagnostics::Diagnostics;
use crate::output::Staging;
use crate::project::{Lang, Project};
use crate::scoring::Assessment;
use theme::Theme;

/// Everything a renderer may read, loaded once per build and shared.
#[derive(Clone, Copy)]
pub struct RenderInput<'a> {
    pub project: &'a Project,
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
}

/// One output format.
pub trait Renderer: Sync {
    /// Short name for messages: `html`.
    fn name(&self) -> &'static str;
    /// Writes this format's files. Returns warnings on success; all problems together on failure.
    fn render(&self, input: RenderInput<'_>, out: &Staging) -> Result<Diagnostics, Diagnostics>;
}
