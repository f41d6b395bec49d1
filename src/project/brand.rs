//! `brand:` in trustbook.yaml: whose deliverables these are. The client they are prepared for,
//! the consultancy that prepared them, its logo and colours, the confidentiality line and a
//! contact, each text per language.
//!
//! This module parses and checks the settings: colours are `#RRGGBB` and must be readable on
//! the page (text colours at least 4.5:1 against it, chart colours 3:1, as WCAG 2.2 asks of
//! text and of graphics), and the logo is an SVG or PNG file named inside the project. Reading
//! the logo is the site's business (through `source`), drawing it the renderers'. Without
//! `brand:` nothing changes.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer};

use super::lang::{Lang, Localized};

/// The brand of a project's deliverables.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Brand {
    /// The organisation the results are prepared for ("Prepared for").
    pub client: Localized,
    /// Who prepared them ("Prepared by"): also the PDFs' `Author`.
    pub prepared_by: Localized,
    /// An SVG or PNG file inside the project, shown in the HTML header and on the PDFs.
    pub logo: Option<PathBuf>,
    pub colours: BrandColours,
    /// A line on every result page and in every PDF's footer.
    pub confidentiality: Localized,
    /// How to reach the consultant (a line in footers and on page 1 of reports).
    pub contact: Localized,
}

/// The brand's colours; each unset one keeps the theme's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BrandColours {
    /// Headings, links and the header's title: a text colour.
    pub primary: Option<Rgb>,
    /// The rule under the header and the marks of flagged results: a text colour too.
    pub accent: Option<Rgb>,
    /// The series colours of charts, in order.
    pub chart: Vec<Rgb>,
}

/// An opaque sRGB colour, written `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// The page every colour is checked against: the theme's paper, white in HTML and PDF.
pub const PAGE: Rgb = Rgb { r: 0xFF, g: 0xFF, b: 0xFF };
/// Least contrast of text against the page (WCAG 2.2, 1.4.3).
pub const TEXT_CONTRAST: f64 = 4.5;
/// Least contrast of a chart's marks against the page (WCAG 2.2, 1.4.11).
pub const CHART_CONTRAST: f64 = 3.0;

impl Rgb {
    /// Parses `#RRGGBB` (or the short `#RGB`).
    pub fn parse(text: &str) -> Result<Rgb, String> {
        let digits = text.strip_prefix('#').filter(|d| d.chars().all(|c| c.is_ascii_hexdigit()));
        let expanded = match digits {
            Some(d) if d.len() == 6 => d.to_string(),
            Some(d) if d.len() == 3 => d.chars().flat_map(|c| [c, c]).collect(),
            _ => return Err(format!("`{text}` is not a colour: expected #RRGGBB, such as #1F4E79")),
        };
        let channel = |i: usize| u8::from_str_radix(&expanded[i..i + 2], 16).expect("hex digits checked above");
        Ok(Rgb { r: channel(0), g: channel(2), b: channel(4) })
    }

    /// Relative luminance, as WCAG defines it from sRGB.
    fn luminance(self) -> f64 {
        let linear = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rgb::parse(text.trim()).map_err(serde::de::Error::custom)
    }
}

/// Kinds of logo file the outputs can show.
pub const LOGO_EXTENSIONS: &[&str] = &["svg", "png"];

impl Brand {
    /// The name that signs the deliverables in `lang`: `prepared_by`, when given.
    pub fn signer(&self, lang: &Lang, default: &Lang) -> Option<String> {
        Some(self.prepared_by.get(lang, default).to_string()).filter(|name| !name.trim().is_empty())
    }

    /// Every problem of the brand's settings, as (key, message), for the configuration to
    /// report at their lines. `languages` are the configured ones.
    pub fn problems(&self, languages: &[Lang]) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let texts = [
            ("client", &self.client),
            ("prepared_by", &self.prepared_by),
            ("confidentiality", &self.confidentiality),
            ("contact", &self.contact),
        ];
        for (key, text) in texts {
            for lang in text.unknown_languages(languages) {
                problems
                    .push((format!("brand.{key}.{lang}"), format!("`{lang}` is not one of the configured languages")));
            }
        }
        let colours = &self.colours;
        let text_colours = [("primary", colours.primary), ("accent", colours.accent)];
        for (key, colour) in text_colours.into_iter().filter_map(|(k, c)| c.map(|c| (k, c))) {
            if let Some(message) = too_pale(colour, TEXT_CONTRAST, "text needs", "1.4.3") {
                problems.push((format!("brand.colours.{key}"), message));
            }
        }
        for (index, colour) in colours.chart.iter().enumerate() {
            if let Some(message) = too_pale(*colour, CHART_CONTRAST, "chart colours need", "1.4.11") {
                problems.push((format!("brand.colours.chart[{index}]"), message));
            }
            if colours.chart[..index].contains(colour) {
                problems.push((format!("brand.colours.chart[{index}]"), format!("`{colour}` is listed twice")));
            }
        }
        if let Some(logo) = &self.logo {
            let extension = logo.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            if !LOGO_EXTENSIONS.contains(&extension.as_str()) {
                problems.push((
                    "brand.logo".into(),
                    format!("`{}` is not an SVG or PNG file: the logo must be one of them", logo.display()),
                ));
            }
        }
        problems
    }
}

/// Why `colour` is refused when its contrast against the page is below `needed`: "text
/// needs" (WCAG success criterion `criterion`) at least that much.
fn too_pale(colour: Rgb, needed: f64, who_needs: &str, criterion: &str) -> Option<String> {
    let ratio = colour.contrast(PAGE);
    (ratio < needed).then(|| {
        format!(
            "`{colour}` has a contrast ratio of {} against the white page; {who_needs} at least {needed}:1 (WCAG 2.2, {criterion}): choose a darker colour",
            ratio_text(ratio)
        )
    })
}

/// A ratio as people write it, rounded down so a failing colour never reads as passing:
/// `4.49:1`.
fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_ratios_match_wcag_examples() {
        let black = Rgb::parse("#000").unwrap();
        assert!((black.contrast(PAGE) - 21.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes 4.5:1 on white (4.54:1); #777777 fails (4.48:1).
        assert!(Rgb::parse("#767676").unwrap().contrast(PAGE) >= TEXT_CONTRAST);
        assert!(Rgb::parse("#777777").unwrap().contrast(PAGE) < TEXT_CONTRAST);
        assert_eq!(ratio_text(Rgb::parse("#777777").unwrap().contrast(PAGE)), "4.47:1");
    }

    #[test]
    fn colours_are_parsed_or_refused_with_the_form_expected() {
        assert_eq!(Rgb::parse("#1f4e79").unwrap(), Rgb { r: 0x1F, g: 0x4E, b: 0x79 });
        assert_eq!(Rgb::parse("#abc").unwrap().to_string(), "#AABBCC");
        for bad in ["1f4e79", "#1f4e7", "#ggg000", "blue", ""] {
            assert!(Rgb::parse(bad).unwrap_err().contains("#RRGGBB"), "{bad}");
        }
    }

    #[test]
    fn a_light_colour_is_refused_naming_key_value_and_ratio() {
        let brand = Brand {
            colours: BrandColours {
                primary: Some(Rgb::parse("#F4B400").unwrap()),
                accent: Some(Rgb::parse("#0B5E8A").unwrap()),
                chart: vec![Rgb::parse("#0072B2").unwrap(), Rgb::parse("#FFE08A").unwrap()],
            },
            ..Brand::default()
        };
        let problems = brand.problems(&[]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].0, "brand.colours.primary");
        assert!(problems[0].1.contains("`#F4B400` has a contrast ratio of 1.8"), "{}", problems[0].1);
        assert_eq!(problems[1].0, "brand.colours.chart[1]");
        assert!(problems[1].1.contains("3:1"), "{}", problems[1].1);
    }
}
