//! The PDF style: page size and margins, font files per role, sizes, colours and spacing, read
//! from the theme's `pdf.yaml` (overridable per project like any theme file) and the project's
//! `pdf` settings.

use serde::Deserialize;

use crate::diagnostics::{Diagnostics, SourceText};
use crate::project::Paper;
use crate::yaml::YamlFile;

const MM: f32 = 72.0 / 25.4;

/// An RGB colour, components 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub fn hex(text: &str) -> Result<Colour, String> {
        let digits = text.trim().trim_start_matches('#');
        let value = u32::from_str_radix(digits, 16).ok().filter(|_| digits.len() == 6);
        let value = value.ok_or_else(|| format!("`{text}` is not a colour: expected #rrggbb"))?;
        let part = |shift: u32| ((value >> shift) & 0xff) as f32 / 255.0;
        Ok(Colour(part(16), part(8), part(0)))
    }
}

#[derive(Debug, Clone)]
pub struct Style {
    pub page_width: f32,
    pub page_height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    pub font_files: FontFiles,
    pub body_size: f32,
    pub small_size: f32,
    pub code_size: f32,
    pub heading_sizes: [f32; 6],
    pub line_height: f32,
    pub text: Colour,
    pub muted: Colour,
    pub accent: Colour,
    pub rule: Colour,
    pub fill: Colour,
    pub paragraph_gap: f32,
    pub heading_before: f32,
    pub heading_after: f32,
    pub list_indent: f32,
    pub cell_padding: f32,
}

/// Theme font files per role (keys of the theme's files).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontFiles {
    pub body: String,
    pub body_bold: String,
    pub heading: String,
    pub mono: String,
    /// Faces tried, in order, for characters a role's own faces lack (Greek, accented Latin).
    #[serde(default)]
    pub fallback: Vec<String>,
    /// The same for bold text; the regular fallbacks are tried after these.
    #[serde(default)]
    pub fallback_bold: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    page: PageSpec,
    fonts: FontFiles,
    sizes: Sizes,
    line_height: f32,
    colours: Colours,
    spacing: Spacing,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageSpec {
    margin_top_mm: f32,
    margin_bottom_mm: f32,
    margin_left_mm: f32,
    margin_right_mm: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sizes {
    body: f32,
    small: f32,
    code: f32,
    headings: [f32; 6],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Colours {
    text: String,
    muted: String,
    accent: String,
    rule: String,
    fill: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spacing {
    paragraph: f32,
    heading_before: f32,
    heading_after: f32,
    list_indent: f32,
    cell_padding: f32,
}

impl Style {
    /// Reads `pdf.yaml` for the configured paper size.
    /// Reads `pdf.yaml`. Every value is range-checked (no NaN, no zero or absurd sizes, margins
    /// that leave a text column), and every problem is reported at its line and key.
    pub fn parse(source: &SourceText, paper: Paper) -> Result<Style, Diagnostics> {
        let file: StyleFile = crate::yaml::parse(source, 0..source.text.len())?;
        let located = YamlFile::new(source.clone());
        let (page_width, page_height) = match paper {
            Paper::A4 => (210.0 * MM, 297.0 * MM),
            Paper::Letter => (612.0, 792.0),
        };
        let mut problems = Diagnostics::new();
        let mut check = |key: &str, value: f32, range: std::ops::RangeInclusive<f32>, unit: &str| {
            if !range.contains(&value) {
                let (low, high) = (range.start(), range.end());
                problems.push(located.error(key, format!("{value} is out of range: expected {low} to {high} {unit}")));
            }
        };
        let page = &file.page;
        for (key, value) in [
            ("page.margin_top_mm", page.margin_top_mm),
            ("page.margin_bottom_mm", page.margin_bottom_mm),
            ("page.margin_left_mm", page.margin_left_mm),
            ("page.margin_right_mm", page.margin_right_mm),
        ] {
            check(key, value, 0.0..=80.0, "mm");
        }
        for (key, value) in
            [("sizes.body", file.sizes.body), ("sizes.small", file.sizes.small), ("sizes.code", file.sizes.code)]
        {
            check(key, value, 4.0..=36.0, "pt");
        }
        for (level, value) in file.sizes.headings.iter().enumerate() {
            check(&format!("sizes.headings[{level}]"), *value, 4.0..=60.0, "pt");
        }
        check("line_height", file.line_height, 1.0..=3.0, "times the font size");
        let spacing = &file.spacing;
        for (key, value) in [
            ("spacing.paragraph", spacing.paragraph),
            ("spacing.heading_before", spacing.heading_before),
            ("spacing.heading_after", spacing.heading_after),
            ("spacing.list_indent", spacing.list_indent),
            ("spacing.cell_padding", spacing.cell_padding),
        ] {
            check(key, value, 0.0..=72.0, "pt");
        }
        // The margins must leave a column a few words wide and a page some lines tall.
        let column = page_width - (page.margin_left_mm + page.margin_right_mm) * MM;
        if (0.0..=80.0).contains(&page.margin_left_mm) && (0.0..=80.0).contains(&page.margin_right_mm) && column < 72.0
        {
            problems.push(located.error("page", "the left and right margins leave less than an inch of text column"));
        }
        let mut colour = |key: &str, text: &str| {
            Colour::hex(text)
                .map_err(|message| problems.push(located.error(key, message)))
                .unwrap_or(Colour(0.0, 0.0, 0.0))
        };
        let (text, muted, accent, rule, fill) = (
            colour("colours.text", &file.colours.text),
            colour("colours.muted", &file.colours.muted),
            colour("colours.accent", &file.colours.accent),
            colour("colours.rule", &file.colours.rule),
            colour("colours.fill", &file.colours.fill),
        );
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Style {
            page_width,
            page_height,
            margin_top: file.page.margin_top_mm * MM,
            margin_bottom: file.page.margin_bottom_mm * MM,
            margin_left: file.page.margin_left_mm * MM,
            margin_right: file.page.margin_right_mm * MM,
            font_files: file.fonts,
            body_size: file.sizes.body,
            small_size: file.sizes.small,
            code_size: file.sizes.code,
            heading_sizes: file.sizes.headings,
            line_height: file.line_height,
            text,
            muted,
            accent,
            rule,
            fill,
            paragraph_gap: file.spacing.paragraph,
            heading_before: file.spacing.heading_before,
            heading_after: file.spacing.heading_after,
            list_indent: file.spacing.list_indent,
            cell_padding: file.spacing.cell_padding,
        })
    }

    /// Width of the text column.
    pub fn column(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    /// Lowest y (from the top) text may reach.
    pub fn bottom(&self) -> f32 {
        self.page_height - self.margin_bottom
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests read the theme's files directly
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_style_reads() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/pdf.yaml")).unwrap();
        let style = Style::parse(&SourceText::new("pdf.yaml", text), Paper::A4).unwrap();
        assert!((style.page_width - 595.27).abs() < 0.1);
        assert!(style.column() > 400.0);
        assert_eq!(Colour::hex("#ffffff").unwrap(), Colour(1.0, 1.0, 1.0));
        assert!(Colour::hex("red").is_err());
    }
}
