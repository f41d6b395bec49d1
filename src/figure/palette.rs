//! Every colour and line pattern a chart uses, in one place: the Okabe-Ito series colours (safe
//! for colour-blind readers), the favourable / neutral / unfavourable stack, the greys of grids,
//! rules and withheld cells, the text colours of the theme, the per-series dash patterns that
//! keep series apart in greyscale, and the sequential heat ramp.

use std::fmt;

/// An sRGB colour with its opacity (255 is opaque).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub alpha: u8,
}

impl Colour {
    pub const fn rgb(hex: u32) -> Colour {
        Colour { r: (hex >> 16) as u8, g: (hex >> 8) as u8, b: hex as u8, alpha: 255 }
    }

    /// The same colour, see-through: `alpha` 0 is invisible, 255 opaque.
    pub const fn with_alpha(self, alpha: u8) -> Colour {
        Colour { alpha, ..self }
    }

    /// Opacity from 0 to 1.
    pub fn opacity(self) -> f64 {
        f64::from(self.alpha) / 255.0
    }
}

/// CSS hex notation: `#RRGGBB`, `#RRGGBBAA` when see-through, and the short `#RGB` when an
/// opaque colour has one, as CSS authors write greys.
impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Colour { r, g, b, alpha } = *self;
        let doubled = |v: u8| v >> 4 == v & 0x0F;
        if alpha == 255 && doubled(r) && doubled(g) && doubled(b) {
            write!(f, "#{:X}{:X}{:X}", r & 0x0F, g & 0x0F, b & 0x0F)
        } else if alpha == 255 {
            write!(f, "#{r:02X}{g:02X}{b:02X}")
        } else {
            write!(f, "#{r:02X}{g:02X}{b:02X}{alpha:02X}")
        }
    }
}

/// Written and read as CSS hex (`#1F4E79`), as chart blocks give a palette.
impl serde::Serialize for Colour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let digits = text.strip_prefix('#').filter(|d| d.len() == 6);
        let value = digits.and_then(|d| u32::from_str_radix(d, 16).ok());
        value
            .map(Colour::rgb)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a colour: expected #RRGGBB")))
    }
}

/// `colour` with the default series colours replaced by `palette`'s, in order (cycling when
/// the palette is shorter), its opacity kept; every other colour as it is.
pub fn rebrand(colour: Colour, palette: &[Colour]) -> Colour {
    let opaque = colour.with_alpha(255);
    match SERIES.iter().position(|series| *series == opaque) {
        Some(index) if !palette.is_empty() => palette[index % palette.len()].with_alpha(colour.alpha),
        _ => colour,
    }
}

/// Series colours: blue, orange, bluish green, vermilion.
pub const SERIES: [Colour; 4] =
    [Colour::rgb(0x0072B2), Colour::rgb(0xE69F00), Colour::rgb(0x009E73), Colour::rgb(0xD55E00)];

/// Dash patterns per series in CSS px (dash, gap, …), for greyscale; the first is solid.
pub const DASHES: [&[f64]; 4] = [&[], &[6.0, 4.0], &[2.0, 3.0], &[8.0, 3.0, 2.0, 3.0]];

/// Favourable, neutral, unfavourable: dark, light and medium, distinct in greyscale as well.
pub const STACK: [Colour; 3] = [Colour::rgb(0x0072B2), Colour::rgb(0xD9D9D9), Colour::rgb(0xD55E00)];

/// Opacity of the first radar series' area, so the rings show through.
pub const AREA_ALPHA: u8 = 0x33;

/// Radar rings and spokes; the lines of the withheld hatching.
pub const GRID: Colour = Colour::rgb(0xC8CDD2);
/// Trend chart gridlines, lighter than the radar's because they run under the lines.
pub const GRID_LIGHT: Colour = Colour::rgb(0xE1E5E9);
/// Edge of a legend swatch, so the light neutral swatch stays visible.
pub const SWATCH_EDGE: Colour = Colour::rgb(0x555555);
/// Edge of a withheld cell.
pub const WITHHELD_EDGE: Colour = Colour::rgb(0xB0B7BE);
/// Ground of a withheld cell, under its hatching.
pub const WITHHELD_GROUND: Colour = Colour::rgb(0xF3F4F6);
/// Distance between the diagonal lines of the withheld hatching, and their width, in px.
pub const HATCH_SPACING: f64 = 6.0;
pub const HATCH_WIDTH: f64 = 2.0;

/// Text colours of the theme (`--ink`, `--muted`) and white for values on dark fills.
pub const INK: Colour = Colour::rgb(0x1F2933);
pub const MUTED: Colour = Colour::rgb(0x52606D);
pub const WHITE: Colour = Colour::rgb(0xFFFFFF);

/// The colour of series `index` and its dash pattern.
pub fn series(index: usize) -> (Colour, &'static [f64]) {
    (SERIES[index % SERIES.len()], DASHES[index % DASHES.len()])
}

/// Where on the heat ramp (0 to 1) fills become dark enough to need white text.
pub const HEAT_DARK_FROM: f64 = 0.55;

/// A sequential blue from light (`t` = 0, low) to dark (1, high).
pub fn heat(t: f64) -> Colour {
    let (light, dark) = ((0xE8, 0xF1, 0xF8), (0x08, 0x45, 0x7E));
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    Colour { r: mix(light.0, dark.0), g: mix(light.1, dark.1), b: mix(light.2, dark.2), alpha: 255 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_print_as_css_writes_them() {
        assert_eq!(SERIES[0].to_string(), "#0072B2");
        assert_eq!(SERIES[0].with_alpha(AREA_ALPHA).to_string(), "#0072B233");
        assert_eq!(SWATCH_EDGE.to_string(), "#555");
    }

    #[test]
    fn a_palette_replaces_the_series_colours_and_keeps_their_opacity() {
        let brand = [Colour::rgb(0x1F4E79), Colour::rgb(0xB5562B)];
        assert_eq!(rebrand(SERIES[0], &brand), brand[0]);
        assert_eq!(rebrand(SERIES[1].with_alpha(AREA_ALPHA), &brand), brand[1].with_alpha(AREA_ALPHA));
        assert_eq!(rebrand(SERIES[2], &brand), brand[0], "a shorter palette cycles");
        assert_eq!(rebrand(GRID, &brand), GRID);
        assert_eq!(rebrand(SERIES[3], &[]), SERIES[3]);
    }

    #[test]
    fn the_heat_ramp_runs_from_light_to_dark() {
        assert_eq!(heat(0.0).to_string(), "#E8F1F8");
        assert_eq!(heat(1.0).to_string(), "#08457E");
        let lightness = |c: Colour| u32::from(c.r) + u32::from(c.g) + u32::from(c.b);
        assert!(lightness(heat(0.3)) > lightness(heat(0.7)));
    }
}
