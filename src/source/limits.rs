//! Bounds on runaway input and output: `limits:` in trustbook.yaml.
//!
//! They are for input that would exhaust the machine (a template looping a million times, a
//! picture of 20,000 × 20,000 pixels, a title of a megabyte), never for real work: the defaults
//! take a 50 MB responses file, a 20,000-team organisation and a 300-page book with room to
//! spare. Each stage applies the limits of what it reads or writes; this module only holds and
//! checks them.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// Every limit of one build. Sizes in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest project file read (Markdown, YAML, fonts, pictures). Default 256 MiB.
    #[serde(deserialize_with = "size")]
    pub input_file_size: u64,
    /// Largest single file written (a page, a PDF, an export). Default 512 MiB.
    #[serde(deserialize_with = "size")]
    pub output_file_size: u64,
    /// All files of one build together. Default 64 GiB.
    #[serde(deserialize_with = "size")]
    pub output_size: u64,
    /// Pixels of one picture decoded for the PDF (width × height). Default 100 million.
    pub image_pixels: u64,
    /// How deeply blocks may nest in Markdown (quotes, lists and their items each count one).
    /// Default 100, at most [`Limits::NESTING_CEILING`].
    pub nesting_depth: usize,
    /// Characters in one title, heading, paragraph or table cell. Default 200,000.
    pub text_run: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input_file_size: 256 * MIB,
            output_file_size: 512 * MIB,
            output_size: 64 * 1024 * MIB,
            image_pixels: 100_000_000,
            nesting_depth: 100,
            text_run: 200_000,
        }
    }
}

const MIB: u64 = 1024 * 1024;

impl Limits {
    /// Deeper nesting than this would exhaust the stack of a rendering thread, whatever the
    /// configuration says.
    pub const NESTING_CEILING: usize = 200;

    /// Problems with the values, as `(key under limits, message)`.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let sizes = [
            ("input_file_size", self.input_file_size),
            ("output_file_size", self.output_file_size),
            ("output_size", self.output_size),
            ("image_pixels", self.image_pixels),
            ("nesting_depth", self.nesting_depth as u64),
            ("text_run", self.text_run as u64),
        ];
        for (key, value) in sizes {
            if value == 0 {
                problems.push((key, "must be at least 1".to_string()));
            }
        }
        if self.nesting_depth > Self::NESTING_CEILING {
            problems.push((
                "nesting_depth",
                format!("is {}; trustbook lays out at most {} levels", self.nesting_depth, Self::NESTING_CEILING),
            ));
        }
        if self.output_file_size > self.output_size {
            problems.push(("output_file_size", "is larger than `limits.output_size`".to_string()));
        }
        problems
    }
}

/// A size in bytes, as the message shows it: `256 MiB`, `1.5 KiB`, `12 bytes`.
pub struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [("GiB", 1024 * MIB), ("MiB", MIB), ("KiB", 1024)];
        for (unit, bytes) in units {
            if self.0 >= bytes {
                let value = self.0 as f64 / bytes as f64;
                return if value.fract() == 0.0 { write!(f, "{value} {unit}") } else { write!(f, "{value:.1} {unit}") };
            }
        }
        write!(f, "{} bytes", self.0)
    }
}

/// Reads a size written as bytes (`1048576`) or with a unit (`512 KiB`, `100 MB`, `2 GiB`).
fn size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Bytes(u64),
        Text(String),
    }
    match Written::deserialize(deserializer)? {
        Written::Bytes(bytes) => Ok(bytes),
        Written::Text(text) => parse_size(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a size: write bytes (`1048576`) or a number with KB, MB, GB, KiB, MiB or GiB"
            ))
        }),
    }
}

fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = (text[..split].trim(), text[split..].trim());
    let number: f64 = number.parse().ok().filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    let factor: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "kib" => 1024,
        "mib" => MIB,
        "gib" => 1024 * MIB,
        _ => return None,
    };
    let bytes = number * factor as f64;
    (bytes <= u64::MAX as f64).then_some(bytes.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_with_or_without_a_unit() {
        assert_eq!(parse_size("1048576"), Some(MIB));
        assert_eq!(parse_size("512 KiB"), Some(512 * 1024));
        assert_eq!(parse_size("1.5 GiB"), Some(1536 * MIB));
        assert_eq!(parse_size("100 MB"), Some(100_000_000));
        assert_eq!(parse_size("12 parsecs"), None);
        assert_eq!(parse_size("-5 MB"), None);
        assert_eq!(Size(256 * MIB).to_string(), "256 MiB");
        assert_eq!(Size(1536).to_string(), "1.5 KiB");
    }

    #[test]
    fn limits_are_checked() {
        assert!(Limits::default().problems().is_empty());
        let limits = Limits { nesting_depth: 5000, text_run: 0, ..Limits::default() };
        let keys: Vec<&str> = limits.problems().into_iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["text_run", "nesting_depth"]);
    }
}
