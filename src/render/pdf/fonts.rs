//! Fonts for the PDF: the theme's embedded Noto Sans SC (Simplified Chinese and Latin, regular
//! and bold) or fonts a project names per role, decoded from WOFF2/WOFF where needed, parsed
//! once per build and shared by every document.
//!
//! Layout needs two things from a font: whether it has a glyph for a character, and how wide
//! that glyph is. Both come from one table per face, built at load time from the font's cmap,
//! so measuring text never parses the font again. A character no configured font covers is
//! reported, never silently dropped.

use std::collections::HashMap;
use std::sync::Arc;

/// One font face, ready for measuring and embedding.
pub struct Face {
    /// Where it came from, for messages: `themes/default/fonts/NotoSansSC-Regular.woff2`.
    pub origin: String,
    /// The font program as TrueType/OpenType (WOFF and WOFF2 are decoded on load).
    pub bytes: Arc<Vec<u8>>,
    /// Face index within a collection (TTC).
    pub index: u32,
    /// Ascender and descender as fractions of the em (descender negative).
    pub ascender: f32,
    pub descender: f32,
    /// Advance width (in em) of every character the face maps.
    advances: HashMap<char, f32>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("origin", &self.origin).field("glyphs", &self.advances.len()).finish()
    }
}

impl Face {
    /// Loads a face from a font file's bytes (TTF, OTF, TTC, WOFF or WOFF2).
    pub fn load(raw: &[u8], index: u32, origin: impl Into<String>) -> Result<Face, String> {
        let origin = origin.into();
        let bytes = match raw.get(..4) {
            Some(b"wOF2") => {
                wuff::decompress_woff2(raw).map_err(|e| format!("{origin}: cannot decode WOFF2: {e:?}"))?
            }
            Some(b"wOFF") => wuff::decompress_woff1(raw).map_err(|e| format!("{origin}: cannot decode WOFF: {e:?}"))?,
            _ => raw.to_vec(),
        };
        let face = ttf_parser::Face::parse(&bytes, index)
            .map_err(|e| format!("{origin}: not a font this tool can read: {e}"))?;
        let units = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|codepoint| {
                    let Some(c) = char::from_u32(codepoint) else { return };
                    if advances.contains_key(&c) {
                        return;
                    }
                    if let Some(glyph) = subtable.glyph_index(codepoint)
                        && glyph.0 != 0
                    {
                        let advance = face.glyph_hor_advance(glyph).unwrap_or(0);
                        advances.insert(c, f32::from(advance) / units);
                    }
                });
            }
        }
        if advances.is_empty() {
            return Err(format!("{origin}: the font maps no Unicode characters"));
        }
        Ok(Face {
            ascender: f32::from(face.ascender()) / units,
            descender: f32::from(face.descender()) / units,
            origin,
            index,
            bytes: Arc::new(bytes),
            advances,
        })
    }

    /// Advance width of `c` in em, when the face has a glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        self.advances.get(&c).copied()
    }

    pub fn covers(&self, c: char) -> bool {
        self.advances.contains_key(&c)
    }
}

/// What a font is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Body,
    Heading,
    Mono,
}

/// Regular and bold faces of one role, then the faces to fall back on for characters they lack.
#[derive(Debug, Clone)]
pub struct Family {
    pub regular: Vec<Arc<Face>>,
    pub bold: Vec<Arc<Face>>,
}

/// The fonts of a build, loaded once and shared.
#[derive(Debug, Clone)]
pub struct Fonts {
    pub body: Family,
    pub heading: Family,
    pub mono: Family,
}

/// Characters that need no glyph: they are laid out as space or not drawn.
pub fn needs_glyph(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
}

impl Fonts {
    pub fn family(&self, role: Role) -> &Family {
        match role {
            Role::Body => &self.body,
            Role::Heading => &self.heading,
            Role::Mono => &self.mono,
        }
    }

    /// The first face of the role's chain that has a glyph for `c`.
    pub fn face_for(&self, role: Role, bold: bool, c: char) -> Option<&Arc<Face>> {
        let family = self.family(role);
        let chain = if bold { &family.bold } else { &family.regular };
        chain.iter().find(|face| face.covers(c))
    }

    /// Characters of `text` that no face of the role's chain covers, in order, once each.
    pub fn missing(&self, role: Role, bold: bool, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for c in text.chars().filter(|c| needs_glyph(*c)) {
            if self.face_for(role, bold, c).is_none() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// Width of `text` in em, with the role's faces; uncovered characters count as half an em
    /// (they are reported separately).
    pub fn width(&self, role: Role, bold: bool, text: &str) -> f32 {
        text.chars()
            .map(|c| {
                if c == '\t' {
                    return 2.0;
                }
                self.face_for(role, bold, c)
                    .and_then(|face| face.advance(c))
                    .or_else(|| {
                        self.face_for(role, bold, ' ').and_then(|f| f.advance(' ')).filter(|_| c.is_whitespace())
                    })
                    .unwrap_or(0.5)
            })
            .sum()
    }

    /// Every distinct face in use, for embedding.
    pub fn faces(&self) -> Vec<Arc<Face>> {
        let mut faces: Vec<Arc<Face>> = Vec::new();
        for family in [&self.body, &self.heading, &self.mono] {
            for face in family.regular.iter().chain(&family.bold) {
                if !faces.iter().any(|f| Arc::ptr_eq(f, face)) {
                    faces.push(face.clone());
                }
            }
        }
        faces
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests read the theme's files directly
pub(crate) mod tests {
    use super::*;

    pub(crate) fn default_fonts() -> Fonts {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/fonts");
        let regular =
            Arc::new(Face::load(&std::fs::read(root.join("NotoSansSC-Regular.woff2")).unwrap(), 0, "regular").unwrap());
        let bold =
            Arc::new(Face::load(&std::fs::read(root.join("NotoSansSC-Bold.woff2")).unwrap(), 0, "bold").unwrap());
        let family = Family { regular: vec![regular.clone()], bold: vec![bold, regular] };
        Fonts { body: family.clone(), heading: family.clone(), mono: family }
    }

    #[test]
    fn embedded_font_covers_chinese_and_latin_with_real_metrics() {
        let fonts = default_fonts();
        let face = fonts.face_for(Role::Body, false, '信').unwrap();
        assert_eq!(face.advance('信'), Some(1.0), "ideographs are one em wide");
        assert!(face.advance('i').unwrap() < face.advance('m').unwrap(), "Latin is proportional");
        for c in "团队信任建设手册，。：；！？（）《》“”ABCxyz0123456789%".chars() {
            assert!(face.covers(c), "{c} is covered");
        }
        assert!(fonts.width(Role::Body, false, "信任") == 2.0);
    }

    #[test]
    fn characters_no_font_covers_are_listed_once() {
        let fonts = default_fonts();
        assert_eq!(fonts.missing(Role::Body, false, "信任 😀 ok 😀 𠀀"), vec!['😀', '𠀀']);
    }
}
