//! PDF output: our own layout engine over the shared document model, on printpdf's low-level
//! operations, with no browser and no TeX.
//!
//! [`fonts`] loads and measures the fonts, [`images`] decodes pictures, [`lines`] breaks text
//! into lines with Chinese rules, [`layout`] places documents on pages (with [`table`] and
//! [`charts`]) as [`page`]s, [`book`] assembles the handbook with cover and contents, [`writer`]
//! turns pages into PDF bytes and `annotate` adds bookmarks, links and named places. This
//! module is the renderer: it loads fonts, style and pictures once per build (through
//! [`crate::source`]) and writes the handbook book per language and each composed report, in
//! parallel, at the paths [`crate::routes`] gives.

mod annotate;
mod blocks;
pub mod book;
pub mod charts;
pub mod fonts;
pub mod images;
pub mod layout;
pub mod lines;
mod logo;
pub mod page;
pub mod style;
pub mod table;
pub mod writer;

use std::sync::Arc;

use rayon::prelude::*;

use super::{RenderInput, Renderer};
use crate::compose::{Report, Subject};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::document::Document;
use crate::output::Staging;
use crate::project::Lang;
use crate::routes::Route;
use crate::yaml::YamlFile;
use fonts::{Face, Family, Fonts};
use images::Images;
use style::Style;
use writer::{Meta, PdfFonts};

/// The PDF renderer of one build, with the fonts, style and pictures every PDF shares.
pub struct PdfRenderer<'a> {
    input: RenderInput<'a>,
    assets: Assets,
    /// The reports' creation date (seconds since 1970), when known.
    created: Option<i64>,
    /// The handbook book's: `SOURCE_DATE_EPOCH` alone, never the survey's date, so the
    /// published handbook says nothing of the survey.
    book_created: Option<i64>,
}

/// Characters no font covers, each with the text it appeared in.
pub type Missing = Vec<(char, String)>;

/// A document written as PDF.
pub struct Encoded {
    pub bytes: Vec<u8>,
    /// Characters no font covers, each with the text it appeared in.
    pub missing: Missing,
    /// How many pages it has, for the delivery manifest.
    pub pages: usize,
}

impl Encoded {
    fn of(laid: page::Laid, assets: &Assets, meta: &Meta) -> Result<Encoded, String> {
        let bytes = writer::write(&laid, assets, meta)?;
        Ok(Encoded { bytes, pages: laid.pages.len(), missing: laid.missing })
    }
}

/// Fonts, style and pictures, loaded once per build and shared by every document.
pub struct Assets {
    pub fonts: Fonts,
    pub pdf_fonts: PdfFonts,
    pub style: Style,
    pub images: Images,
    /// Warnings from loading (pictures the PDF cannot show).
    pub warnings: Diagnostics,
    /// The brand's logo, for the first page of every document.
    pub logo: Option<crate::logo::Logo>,
}

impl Assets {
    pub fn load(input: RenderInput<'_>) -> Result<Assets, Diagnostics> {
        let theme = input.theme;
        let style_file = theme.file("pdf.yaml").ok_or_else(|| Diagnostic::error("the theme has no pdf.yaml"))?;
        let source =
            SourceText::new(style_file.origin.clone(), String::from_utf8_lossy(&style_file.bytes).into_owned());
        let style_yaml = YamlFile::new(source);
        let mut style = Style::parse(&style_yaml.source, input.project.config.pdf.paper)?;
        // The brand's primary colour takes the theme's accent: links, the cover's band, minor
        // headings (checked for contrast on the white page when the settings were read).
        if let Some(primary) = input.project.config.brand.as_ref().and_then(|b| b.colours.primary) {
            let part = |v: u8| f32::from(v) / 255.0;
            style.accent = style::Colour(part(primary.r), part(primary.g), part(primary.b));
        }
        // Font and picture problems are reported together.
        match (load_fonts(input, &style_yaml, &style), Images::load(input.handbook, input.source)) {
            (Ok(fonts), Ok((mut images, warnings))) => {
                let pdf_fonts = PdfFonts::new(&fonts).map_err(Diagnostic::error)?;
                let logo = input.logo.cloned();
                if let Some(logo) = logo.as_ref().filter(|l| matches!(l.art, crate::logo::Art::Png)) {
                    images.insert(logo::PICTURE_KEY, &logo.bytes).map_err(|e| {
                        input.project.config_error("brand.logo", format!("the logo cannot be decoded for the PDF: {e}"))
                    })?;
                }
                Ok(Assets { fonts, pdf_fonts, style, images, warnings, logo })
            }
            (fonts, images) => {
                let mut problems = fonts.err().unwrap_or_default();
                problems.extend(images.err().unwrap_or_default());
                Err(problems)
            }
        }
    }

    /// Lays out and writes one report's document, with `header` (its title) as the running
    /// header from page 2 on. Characters no font covers come back beside the bytes.
    pub fn report_pdf(&self, document: &Document, header: &str, meta: &Meta) -> Result<Encoded, String> {
        let mut laid = layout::lay_out(document, self);
        for page in laid.pages.iter_mut().skip(1) {
            page.header = Some(header.to_string());
        }
        self.put_logo(&mut laid);
        Encoded::of(laid, self, meta)
    }

    /// Lays out and writes a unit's pack: a table of contents of its parts (the unit's results,
    /// then each team's report), then the parts, page numbers running through. Each part's
    /// title heads its later pages.
    pub fn pack_pdf(&self, document: &Document, contents_title: &str, meta: &Meta) -> Result<Encoded, String> {
        let mut body = layout::lay_out(document, self);
        let parts: Vec<(usize, String)> =
            body.outline.iter().filter(|e| e.level == 1).map(|e| (e.page, e.title.clone())).collect();
        for (index, page) in body.pages.iter_mut().enumerate() {
            let starts_here = parts.iter().any(|(p, _)| *p == index);
            page.header =
                parts.iter().rev().find(|(p, _)| *p <= index).filter(|_| !starts_here).map(|(_, t)| t.clone());
        }
        let listed = |e: &page::OutlineEntry| e.level == 1;
        let provisional = book::lay_out_contents(contents_title, &body, 0, self, &listed).pages.len();
        let mut laid = book::lay_out_contents(contents_title, &body, provisional, self, &listed);
        laid.append(body);
        self.put_logo(&mut laid);
        Encoded::of(laid, self, meta)
    }

    /// Lays out and writes the handbook book in `lang`.
    pub fn book_pdf(
        &self,
        input: RenderInput<'_>,
        lang: &Lang,
        texts: &book::BookTexts,
        meta: &Meta,
    ) -> Result<Encoded, String> {
        let mut laid = book::lay_out_book(input.handbook, lang, input.theme, texts, self);
        self.put_logo(&mut laid);
        Encoded::of(laid, self, meta)
    }

    /// The brand's logo on the first page (the book's cover, a report's page 1).
    fn put_logo(&self, laid: &mut page::Laid) {
        let logo = self.logo.as_ref().and_then(|logo| logo::first_page_logo(logo, &self.style));
        if let (Some(draw), Some(first)) = (logo, laid.pages.first_mut()) {
            first.draws.push(draw);
        }
    }
}

/// The fonts of each role: the project's own (trustbook.yaml `pdf.fonts`) first, then the
/// theme's (`pdf.yaml` `fonts`), then the theme's fallback faces. Every file that cannot be
/// found or read is reported, each at its key, before giving up.
fn load_fonts(input: RenderInput<'_>, style_yaml: &YamlFile, style: &Style) -> Result<Fonts, Diagnostics> {
    let mut problems = Diagnostics::new();
    // One face per file, however many roles use it, so each font is embedded once.
    let mut loaded: Vec<(String, Arc<Face>)> = Vec::new();
    let mut theme_face = |yaml_key: String, file_key: &str, problems: &mut Diagnostics| -> Option<Arc<Face>> {
        if let Some((_, face)) = loaded.iter().find(|(k, _)| k == file_key) {
            return Some(face.clone());
        }
        let Some(file) = input.theme.file(file_key) else {
            problems.push(style_yaml.error(&yaml_key, format!("font file `{file_key}` is not in the theme")));
            return None;
        };
        match Face::load(&file.bytes, 0, file.origin.clone()) {
            Ok(face) => {
                let face = Arc::new(face);
                loaded.push((file_key.to_string(), face.clone()));
                Some(face)
            }
            Err(message) => {
                problems.push(style_yaml.error(&yaml_key, message));
                None
            }
        }
    };
    let files = &style.font_files;
    let body = theme_face("fonts.body".into(), &files.body, &mut problems);
    let body_bold = theme_face("fonts.body_bold".into(), &files.body_bold, &mut problems);
    let heading = theme_face("fonts.heading".into(), &files.heading, &mut problems);
    let mono = theme_face("fonts.mono".into(), &files.mono, &mut problems);
    let mut list = |name: &str, keys: &[String], problems: &mut Diagnostics| -> Vec<Arc<Face>> {
        let faces = keys.iter().enumerate().map(|(i, key)| theme_face(format!("fonts.{name}[{i}]"), key, problems));
        faces.collect::<Vec<_>>().into_iter().flatten().collect()
    };
    let fallback = list("fallback", &files.fallback, &mut problems);
    let fallback_bold = list("fallback_bold", &files.fallback_bold, &mut problems);

    let project_face = |spec: &Option<crate::project::FontSpec>, key: &str, problems: &mut Diagnostics| {
        let spec = spec.as_ref()?;
        let project = input.project;
        let loaded = input
            .source
            .read(&spec.path.to_string_lossy())
            .map_err(|error| {
                let message = error.reading(&format!("font {}", spec.path.display()));
                project.config_error(&format!("pdf.fonts.{key}.path"), message)
            })
            .and_then(|file| {
                Face::load(&file.bytes, spec.index, file.path.to_string())
                    .map_err(|message| project.config_error(&format!("pdf.fonts.{key}"), message))
            });
        loaded.map(Arc::new).map_err(|diagnostic| problems.push(diagnostic)).ok()
    };
    let configured = &input.project.config.pdf.fonts;
    let body_own = project_face(&configured.body, "body", &mut problems);
    let heading_own = project_face(&configured.heading, "heading", &mut problems);
    let mono_own = project_face(&configured.mono, "mono", &mut problems);
    let (Some(body), Some(body_bold), Some(heading), Some(mono), false) =
        (body, body_bold, heading, mono, problems.has_errors())
    else {
        return Err(problems);
    };
    // A project's font comes first; the theme's faces stay behind it for what it lacks, and
    // the fallback faces behind those.
    let chain = |own: Option<Arc<Face>>, faces: &[&Arc<Face>], bold: bool| -> Vec<Arc<Face>> {
        let extra = if bold { fallback_bold.iter().chain(&fallback) } else { fallback.iter().chain(&[]) };
        own.into_iter().chain(faces.iter().map(|f| Arc::clone(f))).chain(extra.cloned()).collect()
    };
    Ok(Fonts {
        body: Family {
            regular: chain(body_own.clone(), &[&body, &body_bold], false),
            bold: chain(body_own, &[&body_bold, &body], true),
        },
        heading: Family {
            regular: chain(heading_own.clone(), &[&heading, &body], false),
            bold: chain(heading_own, &[&heading, &body_bold, &body], true),
        },
        mono: Family {
            regular: chain(mono_own.clone(), &[&mono, &body], false),
            bold: chain(mono_own, &[&mono, &body_bold], true),
        },
    })
}

/// The creation date of documents: `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// the date of the survey wave, if there is one.
pub fn creation_date(wave_date: Option<crate::survey::Date>) -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .or_else(|| wave_date.map(|date| date.unix_seconds()))
}

impl<'a> PdfRenderer<'a> {
    /// Loads fonts, style and pictures once for every PDF of the build.
    pub fn load(input: RenderInput<'a>) -> Result<Self, Diagnostics> {
        let assets = Assets::load(input)?;
        let wave_date = input.assessment.and_then(|a| a.scores.waves.get(input.report_wave)).map(|w| w.date);
        Ok(PdfRenderer { input, assets, created: creation_date(wave_date), book_created: creation_date(None) })
    }

    /// The metadata and running matter of a result document at `route`.
    fn report_meta(&self, lang: &Lang, title: &str, route: &Route<'_>) -> Meta {
        let input = self.input;
        let brand = input.project.config.brand.as_ref();
        let brand_text = |pick: fn(&crate::project::Brand) -> &crate::project::Localized| {
            brand.map(|b| pick(b).get(lang, input.project.default_lang()).to_string()).unwrap_or_default()
        };
        Meta {
            title: title.to_string(),
            author: self.input.project.config.signer(lang),
            subject: input.theme.text(lang, "report_title").to_string(),
            lang: lang.to_string(),
            created: self.created,
            footer: input.theme.text(lang, "pdf_footer").to_string(),
            book: Some(Route::BookPdf(lang).relative_from(route)),
            named_destinations: false,
            footer_note: brand_text(|b| &b.confidentiality),
            header_note: brand_text(|b| &b.client),
        }
    }

    /// The handbook book in `lang`.
    fn book(&self, lang: &Lang) -> Result<(String, Encoded), Diagnostic> {
        let input = self.input;
        let root = input.handbook.root().entry.variant(lang);
        let texts = book::BookTexts {
            author: self.input.project.config.signer(lang),
            date: self.book_created.map(|seconds| crate::survey::Date::from_unix_seconds(seconds).to_string()),
        };
        let meta = Meta {
            title: root.title.clone(),
            author: self.input.project.config.signer(lang),
            subject: root.summary.clone(),
            lang: lang.to_string(),
            created: self.book_created,
            footer: input.theme.text(lang, "pdf_footer").to_string(),
            book: None,
            named_destinations: true,
            // The handbook is for everyone: no confidentiality line, no client.
            footer_note: String::new(),
            header_note: String::new(),
        };
        let file = Route::BookPdf(lang).path();
        let encoded = self
            .assets
            .book_pdf(input, lang, &texts, &meta)
            .map_err(|message| Diagnostic::error(format!("{file}: {message}")))?;
        Ok((file, encoded))
    }

    /// Writes `bytes` to `file`; characters no font covers become warnings (errors with
    /// `pdf.strict_glyphs`) naming the file and the text they are in.
    fn write(&self, file: &str, encoded: Encoded, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        let Encoded { bytes, missing, pages } = encoded;
        out.write_document(file, &bytes, pages).map_err(|e| Diagnostic::error(e.to_string()))?;
        let strict = self.input.project.config.pdf.strict_glyphs;
        let found: Diagnostics = missing
            .into_iter()
            .map(|(c, context)| {
                let message = format!("no font has a glyph for `{c}` (U+{:04X}), in: {file}: {context}", c as u32);
                let diagnostic = if strict { Diagnostic::error(message) } else { Diagnostic::warning(message) };
                let diagnostic = match first_use(self.input, c) {
                    Some((source, span)) => diagnostic.at(&source, span),
                    None => diagnostic,
                };
                diagnostic.with_note("name a font that has it under `pdf.fonts` in trustbook.yaml")
            })
            .collect();
        if found.has_errors() { Err(found) } else { Ok(found) }
    }
}

/// Where `c` first appears in what the project wrote: the handbook's pages, then
/// trustbook.yaml and the survey files (names, item texts, comments), so the warning points at a
/// line to fix rather than only at the PDF. Only asked for characters no font has, so the
/// rereading is rare and cheap.
fn first_use(input: RenderInput<'_>, c: char) -> Option<(SourceText, std::ops::Range<usize>)> {
    let found = |source: &SourceText| source.text.find(c).map(|at| (source.clone(), at..at + c.len_utf8()));
    let handbook = input.handbook;
    let entries = handbook.sections.iter().map(|s| &s.entry).chain(handbook.pages.iter().map(|p| &p.entry));
    if let Some(hit) = entries.flat_map(|entry| entry.variants.values()).find_map(|variant| found(&variant.source)) {
        return Some(hit);
    }
    let (survey, _) = input.source.walk(crate::project::SURVEY_DIR, crate::source::Hidden::Skip);
    std::iter::once("trustbook.yaml".to_string())
        .chain(survey.iter().map(|path| path.as_str().to_string()))
        .filter_map(|path| input.source.read_text(&path).ok())
        .find_map(|source| found(&source))
}

impl Renderer for PdfRenderer<'_> {
    /// The handbook book of every language, in parallel.
    fn render(&self, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        let results: Vec<Result<Diagnostics, Diagnostics>> = self
            .input
            .languages
            .par_iter()
            .map(|lang| {
                let (file, encoded) = self.book(lang)?;
                self.write(&file, encoded, out)
            })
            .collect();
        let mut problems = Diagnostics::new();
        let mut warnings = self.assets.warnings.clone();
        for result in results {
            match result {
                Ok(found) => warnings.extend(found),
                Err(found) => problems.extend(found),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(warnings) }
    }

    fn render_report(&self, report: &Report, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        let lang = &report.lang;
        let route = match &report.subject {
            Subject::Summary => Route::SummaryPdf(lang),
            Subject::Team { id, .. } => Route::TeamPdf(lang, id.as_str()),
            Subject::Unit { id, .. } => Route::UnitPdf(lang, id.as_str()),
        };
        let file = route.path();
        let meta = self.report_meta(lang, &report.title, &route);
        let laid_out = match report.subject {
            Subject::Unit { .. } => self.assets.pack_pdf(&report.document, &report.title, &meta),
            _ => self.assets.report_pdf(&report.document, &report.title, &meta),
        };
        let encoded = laid_out.map_err(|message| Diagnostic::error(format!("{file}: {message}")))?;
        self.write(&file, encoded, out)
    }
}
