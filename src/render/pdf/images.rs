//! Pictures for the PDF: the PNG and JPEG files the handbook shows, decoded once per build and
//! shared by every document that places them.
//!
//! Only images the handbook's pages actually use are read. A format the PDF cannot hold (SVG,
//! GIF…) is a warning and the page shows the image's description instead; a file that cannot be
//! decoded is an error naming it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use printpdf::RawImage;

use crate::content::Handbook;
use crate::content::markdown::ReferenceKind;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::source::Source;

/// A decoded picture; `width` and `height` in pixels.
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub raw: RawImage,
}

/// Pictures by their path relative to `content/`, as image sources are written in documents.
#[derive(Default)]
pub struct Images {
    by_path: BTreeMap<String, Arc<Picture>>,
}

/// Extensions whose files the PDF can embed.
const EMBEDDABLE: &[&str] = &["png", "jpg", "jpeg"];

impl Images {
    /// Reads every image the handbook uses (paths relative to `content/`). Returns the pictures
    /// and warnings; errors for files that cannot be read or decoded.
    pub fn load(handbook: &Handbook, files: &Source) -> Result<(Images, Diagnostics), Diagnostics> {
        // Each picture with the first place it is used, for messages.
        let mut used: BTreeMap<String, (SourceText, Range<usize>)> = BTreeMap::new();
        for entry in handbook.sections.iter().map(|s| &s.entry).chain(handbook.pages.iter().map(|p| &p.entry)) {
            for variant in entry.variants.values() {
                for reference in &variant.references {
                    if let ReferenceKind::Image(src) = &reference.kind {
                        used.entry(src.clone()).or_insert_with(|| (variant.source.clone(), reference.span.clone()));
                    }
                }
            }
        }
        let mut images = Images::default();
        let mut warnings = Diagnostics::new();
        let mut problems = Diagnostics::new();
        for (src, (source, span)) in used {
            let extension = Path::new(&src).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            if !EMBEDDABLE.contains(&extension.as_str()) {
                let message = format!("image `{src}` is not PNG or JPEG, so the PDF shows its description instead");
                warnings.push(
                    Diagnostic::warning(message)
                        .at(&source, span)
                        .with_note("keep a PNG or JPEG copy beside it and link to that for printed output"),
                );
                continue;
            }
            let limit = files.limits().image_pixels;
            let decoded = files
                .read(&format!("content/{src}"))
                .map_err(|e| e.to_string())
                .and_then(|file| within_pixels(&file.bytes, limit).map(|()| file))
                .and_then(|file| RawImage::decode_from_bytes(&file.bytes, &mut Vec::new()));
            match decoded {
                Ok(raw) => {
                    let picture = Picture { width: raw.width, height: raw.height, raw };
                    images.by_path.insert(src, Arc::new(picture));
                }
                Err(error) => problems.push(
                    Diagnostic::error(format!("cannot read image `{src}` for the PDF: {error}")).at(&source, span),
                ),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok((images, warnings)) }
    }

    /// Adds a picture the handbook does not show (the brand's PNG logo) under `key`.
    pub fn insert(&mut self, key: &str, bytes: &[u8]) -> Result<(), String> {
        let raw = RawImage::decode_from_bytes(bytes, &mut Vec::new())?;
        self.by_path.insert(key.to_string(), Arc::new(Picture { width: raw.width, height: raw.height, raw }));
        Ok(())
    }

    pub fn get(&self, src: &str) -> Option<&Arc<Picture>> {
        self.by_path.get(src)
    }
}

/// Reads only the picture's header and refuses one with more than `limit` pixels before it is
/// decoded: a 20,000 × 20,000 PNG of a few kilobytes would take gigabytes as pixels.
fn within_pixels(bytes: &[u8], limit: u64) -> Result<(), String> {
    let reader =
        image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let (width, height) = reader.into_dimensions().map_err(|e| e.to_string())?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limit {
        return Err(format!(
            "it is {width} × {height} pixels ({pixels} in all), more than `limits.image_pixels` ({limit}) in trustbook.yaml: scale it down"
        ));
    }
    Ok(())
}
