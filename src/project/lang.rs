//! Language codes (`zh`, `en`, `zh-Hant`) as a validated newtype, and per-language strings.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A BCP 47-style language code as used in file names (`page.en.md`) and output folders.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    /// Accepts a primary subtag of 2-3 lowercase letters with optional `-Region`/`-Script` parts.
    pub fn parse(code: &str) -> Result<Self, String> {
        let mut parts = code.split('-');
        let primary = parts.next().unwrap_or_default();
        let primary_ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        let rest_ok = parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Ok(Self(code.to_string()))
        } else {
            Err(format!("`{code}` is not a language code: expected two or three lowercase letters, like `zh` or `en`"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether text in this language is Chinese, Japanese or Korean (affects word counting and
    /// spacing decisions in renderers).
    pub fn is_cjk(&self) -> bool {
        matches!(self.0.split('-').next(), Some("zh" | "ja" | "ko"))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Lang::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// A string given per language (`{zh: 手册, en: Handbook}`) or once for all (`Handbook`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Localized {
    Same(String),
    PerLanguage(BTreeMap<Lang, String>),
}

impl Default for Localized {
    fn default() -> Self {
        Localized::Same(String::new())
    }
}

impl Localized {
    /// The text for `lang`, else for `fallback` (the project's default language), else any.
    pub fn get(&self, lang: &Lang, fallback: &Lang) -> &str {
        match self {
            Localized::Same(text) => text,
            Localized::PerLanguage(map) => {
                map.get(lang).or_else(|| map.get(fallback)).or_else(|| map.values().next()).map_or("", String::as_str)
            }
        }
    }

    /// The text in every language given.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Localized::Same(text) => vec![text.as_str()],
            Localized::PerLanguage(map) => map.values().map(String::as_str).collect(),
        }
    }

    /// Whether there is no text in any language (only spaces, or nothing).
    pub fn is_blank(&self) -> bool {
        match self {
            Localized::Same(text) => text.trim().is_empty(),
            Localized::PerLanguage(map) => map.values().all(|t| t.trim().is_empty()),
        }
    }

    /// Languages named that are not among `known`: likely typos in a config.
    pub fn unknown_languages<'a>(&'a self, known: &'a [Lang]) -> impl Iterator<Item = &'a Lang> + 'a {
        let keys: Vec<&Lang> = match self {
            Localized::Same(_) => Vec::new(),
            Localized::PerLanguage(map) => map.keys().collect(),
        };
        keys.into_iter().filter(move |lang| !known.contains(lang))
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a string, or a map from language code to string")]
        enum Raw {
            Same(String),
            PerLanguage(BTreeMap<Lang, String>),
        }
        // Names and titles are shown everywhere: none may turn the text around it.
        let clean = |text: String| crate::text::without_bidi_controls(&text).into_owned();
        Ok(match Raw::deserialize(deserializer)? {
            Raw::Same(text) => Localized::Same(clean(text)),
            Raw::PerLanguage(map) => Localized::PerLanguage(map.into_iter().map(|(l, t)| (l, clean(t))).collect()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_codes_and_rejects_file_name_parts() {
        assert!(Lang::parse("zh").is_ok());
        assert!(Lang::parse("zh-Hant").is_ok());
        assert!(Lang::parse("EN").is_err());
        assert!(Lang::parse("index").is_err());
        assert!(Lang::parse("").is_err());
    }

    #[test]
    fn localized_falls_back_to_default_language() {
        let zh = Lang::parse("zh").unwrap();
        let en = Lang::parse("en").unwrap();
        let text: Localized = yaml_serde::from_str("{zh: 手册}").unwrap();
        assert_eq!(text.get(&en, &zh), "手册");
        let same: Localized = yaml_serde::from_str("Handbook").unwrap();
        assert_eq!(same.get(&zh, &zh), "Handbook");
    }
}
