//! PDF output: our own layout engine over the shared document model, on printpdf's low-level
//! operations, with no browser and no TeX.
//!
//! [`fonts`] loads and measures the fonts, [`lines`] breaks text into lines with Chinese
//! rules, [`layout`] places a document on pages, [`writer`] turns pages into PDF bytes. This
//! module is the renderer: it loads fonts and style once per build and writes each team report
//! and the organisation summary as PDF, in parallel.

pub mod fonts;
pub mod layout;
pub mod lines;
pub mod style;
pub mod writer;

use std::sync::Arc;

use rayon::prelude::*;

use super::report::{self, Report};
use super::{RenderInput, Renderer};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::output::Staging;
use crate::project::Lang;
use fonts::{Face, Family, Fonts};
use style::Style;
use writer::{Meta, PdfFonts};

pub struct PdfRenderer;

/// Characters no font covers, each with the text it appeared in.
pub type Missing = Vec<(char, String)>;

/// Fonts and style, loaded once per build and shared by every document.
pub struct Assets {
    pub fonts: Fonts,
    pub pdf_fonts: PdfFonts,
    pub style: Style,
}

impl Assets {
    pub fn load(input: RenderInput<'_>) -> Result<Assets, Diagnostics> {
        let theme = input.theme;
        let style_file = theme.file("pdf.yaml").ok_or_else(|| Diagnostic::error("the theme has no pdf.yaml"))?;
        let source =
            SourceText::new(style_file.origin.clone(), String::from_utf8_lossy(&style_file.bytes).into_owned());
        let style = Style::parse(&source, input.project.config.pdf.paper)?;
        // One face per file, however many roles use it, so each font is embedded once.
        let loaded: std::cell::RefCell<Vec<(String, Arc<Face>)>> = std::cell::RefCell::new(Vec::new());
        let theme_face = |key: &str| -> Result<Arc<Face>, Diagnostic> {
            if let Some((_, face)) = loaded.borrow().iter().find(|(k, _)| k == key) {
                return Ok(face.clone());
            }
            let file = theme.file(key).ok_or_else(|| {
                Diagnostic::error(format!("font file `{key}` is not in the theme")).in_file(style_file.origin.clone())
            })?;
            let face = Face::load(&file.bytes, 0, file.origin.clone()).map(Arc::new).map_err(Diagnostic::error)?;
            loaded.borrow_mut().push((key.to_string(), face.clone()));
            Ok(face)
        };
        let body = theme_face(&style.font_files.body)?;
        let body_bold = theme_face(&style.font_files.body_bold)?;
        let heading = theme_face(&style.font_files.heading)?;
        let mono = theme_face(&style.font_files.mono)?;
        let configured = &input.project.config.pdf.fonts;
        let project_face = |spec: &Option<crate::project::FontSpec>,
                            key: &str|
         -> Result<Option<Arc<Face>>, Diagnostic> {
            let Some(spec) = spec else { return Ok(None) };
            let path = input.project.root.join(&spec.path);
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostic::error(format!("cannot read font {}: {e}", spec.path.display()))
                    .in_file(crate::project::CONFIG_FILE)
                    .with_key(format!("pdf.fonts.{key}.path"))
            })?;
            Face::load(&bytes, spec.index, input.project.display_path(&path)).map(|f| Some(Arc::new(f))).map_err(
                |message| {
                    Diagnostic::error(message).in_file(crate::project::CONFIG_FILE).with_key(format!("pdf.fonts.{key}"))
                },
            )
        };
        // A project's font comes first; the theme's faces stay behind it for what it lacks.
        let chain = |own: Option<Arc<Face>>, fallback: &[&Arc<Face>]| -> Vec<Arc<Face>> {
            own.into_iter().chain(fallback.iter().map(|f| Arc::clone(f))).collect()
        };
        let body_own = project_face(&configured.body, "body")?;
        let heading_own = project_face(&configured.heading, "heading")?;
        let mono_own = project_face(&configured.mono, "mono")?;
        let fonts = Fonts {
            body: Family {
                regular: chain(body_own.clone(), &[&body, &body_bold]),
                bold: chain(body_own, &[&body_bold, &body]),
            },
            heading: Family {
                regular: chain(heading_own.clone(), &[&heading, &body]),
                bold: chain(heading_own, &[&heading, &body_bold, &body]),
            },
            mono: Family {
                regular: chain(mono_own.clone(), &[&mono, &body]),
                bold: chain(mono_own, &[&mono, &body_bold]),
            },
        };
        let pdf_fonts = PdfFonts::new(&fonts).map_err(Diagnostic::error)?;
        Ok(Assets { fonts, pdf_fonts, style })
    }

    /// Lays out and writes one report. Characters no font covers come back beside the bytes.
    pub fn report_pdf(&self, report: &Report, meta: &Meta) -> Result<(Vec<u8>, Missing), String> {
        let laid = layout::lay_out(&report.document, &self.fonts, &self.style);
        let bytes = writer::write(&laid, &self.fonts, &self.pdf_fonts, &self.style, meta)?;
        Ok((bytes, laid.missing))
    }
}

/// The file of a team's PDF: `zh/teams/<id>/<id>.pdf`.
pub fn team_pdf_file(lang: &Lang, team_id: &str) -> String {
    format!("{lang}/teams/{team_id}/{team_id}.pdf")
}

pub fn summary_pdf_file(lang: &Lang) -> String {
    format!("{lang}/summary/summary.pdf")
}

/// The creation date of documents: `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// the wave's date.
pub fn creation_date(wave_date: crate::survey::Date) -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| wave_date.unix_seconds())
}

impl Renderer for PdfRenderer {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, input: RenderInput<'_>, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        let Some(assessment) = input.assessment.filter(|a| !a.scores.waves.is_empty()) else {
            return Ok(Diagnostics::new());
        };
        let assets = Assets::load(input)?;
        let wave = input.report_wave;
        let jobs: Vec<(&Lang, Option<usize>)> = input
            .languages
            .iter()
            .flat_map(|lang| {
                std::iter::once((lang, None))
                    .chain((0..assessment.organisation.teams.len()).map(move |t| (lang, Some(t))))
            })
            .collect();
        let results: Vec<Result<Vec<(char, String)>, Diagnostic>> = jobs
            .par_iter()
            .map(|(lang, team)| {
                let (report, file) = match team {
                    None => (report::summary_report(input, assessment, wave, lang)?, summary_pdf_file(lang)),
                    Some(t) => {
                        let id = assessment.organisation.teams[*t].id.as_str();
                        (report::team_report(input, assessment, *t, wave, lang)?, team_pdf_file(lang, id))
                    }
                };
                let meta = Meta {
                    title: report.title.clone(),
                    author: input.project.config.author.clone(),
                    subject: input.theme.text(lang, "report_title").to_string(),
                    lang: lang.to_string(),
                    created: creation_date(assessment.scores.waves[wave].date),
                    header: report.title.clone(),
                    footer: input.theme.text(lang, "pdf_footer").to_string(),
                };
                let (bytes, missing) = assets
                    .report_pdf(&report, &meta)
                    .map_err(|message| Diagnostic::error(format!("{file}: {message}")))?;
                out.write(&file, &bytes).map_err(|e| Diagnostic::error(e.to_string()))?;
                Ok(missing.into_iter().map(|(c, text)| (c, format!("{file}: {text}"))).collect())
            })
            .collect();
        let mut problems = Diagnostics::new();
        let mut warnings = Diagnostics::new();
        let strict = input.project.config.pdf.strict_glyphs;
        for result in results {
            match result {
                Ok(missing) => {
                    for (c, context) in missing {
                        let message = format!("no font has a glyph for `{c}` (U+{:04X}), in: {context}", c as u32);
                        let diagnostic = if strict { Diagnostic::error(message) } else { Diagnostic::warning(message) };
                        let diagnostic =
                            diagnostic.with_note("name a font that has it under `pdf.fonts` in trustbook.yaml");
                        if strict { problems.push(diagnostic) } else { warnings.push(diagnostic) }
                    }
                }
                Err(diagnostic) => problems.push(diagnostic),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(warnings) }
    }
}
