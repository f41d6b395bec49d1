//! Typed YAML loading with positions: every deserialisation error becomes a [`Diagnostic`] that
//! names the file, the line and column, and the key path (`teams[3].unit`), with a "did you mean"
//! note for misspelt keys and values.
//!
//! This module only turns text into typed values; what those values must mean is checked by the
//! stage that owns them.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, SourceText, closest};

/// Deserialises the YAML found at `range` within `source` (a whole file, or its front matter).
pub fn parse<T: DeserializeOwned>(
    source: &SourceText,
    range: Range<usize>,
) -> Result<T, Diagnostic> {
    let yaml = &source.text[range.clone()];
    let deserializer = yaml_serde::Deserializer::from_str(yaml);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let message = bare_message(&inner.to_string(), &path);
        let mut diagnostic = Diagnostic::error(message.clone());
        diagnostic = match inner.location() {
            Some(location) => {
                let local = offset_in(yaml, location.line(), location.column());
                let start = range.start + local;
                let end = range.start + token_end(yaml, local);
                diagnostic.at(source, start..end.max(start))
            }
            None => diagnostic.at(source, range.start..range.start),
        };
        if let Some(hint) = suggestion(&message) {
            diagnostic = diagnostic.with_note(hint);
        }
        diagnostic.with_key(path)
    })
}

/// The error text without the " at line L column C" suffix and the path prefix that yaml_serde
/// adds: both are shown separately, and better.
fn bare_message(text: &str, path: &str) -> String {
    let mut message = text;
    if let Some(index) = message.rfind(" at line ") {
        message = &message[..index];
    }
    // yaml_serde names the enclosing mapping (`privacy: unknown field …`); the full path is
    // reported as the key instead.
    if let Some((head, rest)) = message.split_once(": ")
        && !head.contains(char::is_whitespace)
        && path.starts_with(head)
    {
        message = rest;
    }
    message.to_string()
}

/// Byte offset of a 1-based line and column inside `text`.
fn offset_in(text: &str, line: usize, column: usize) -> usize {
    SourceText::new("", text).offset_of(line, column)
}

/// The end of the token that starts at `start`: up to the next separator on that line, so the
/// report underlines `abilty` rather than one character.
fn token_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let stop = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '\n' | ',' | '}' | ']' | '#'))
        .map_or(rest.len(), |(i, _)| i);
    start + rest[..stop].trim_end().len().max(1).min(rest.len())
}

/// "did you mean …?" for serde's unknown field and unknown variant messages.
fn suggestion(message: &str) -> Option<String> {
    let (word, expected) = if let Some(rest) = message.strip_prefix("unknown field `") {
        rest.split_once('`')?
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        rest.split_once('`')?
    } else {
        return None;
    };
    let candidates: Vec<&str> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|candidate| !candidate.is_empty())
        .collect();
    if let Some(best) = closest(word, candidates.iter().copied()) {
        return Some(format!("did you mean `{best}`?"));
    }
    if candidates.is_empty() {
        None
    } else {
        Some(format!("expected one of: {}", candidates.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        title: String,
        #[serde(default)]
        #[allow(dead_code)]
        colours: Vec<Colour>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        Red,
        Green,
    }

    #[test]
    fn unknown_key_names_line_key_and_suggestion() {
        let source = SourceText::new("x.yaml", "title: A\ntitel: B\n");
        let error = parse::<Doc>(&source, 0..source.text.len()).unwrap_err();
        assert_eq!(error.line_column(), Some((2, 1)));
        assert!(
            error.message.starts_with("unknown field `titel`"),
            "{}",
            error.message
        );
        assert!(
            error.notes.iter().any(|n| n == "did you mean `title`?"),
            "{:?}",
            error.notes
        );
    }

    #[test]
    fn misspelt_value_in_a_list_names_its_index() {
        let text = "---\ntitle: A\ncolours: [red, gren]\n---\n";
        let source = SourceText::new("p.md", text);
        let error = parse::<Doc>(&source, 4..text.len() - 4).unwrap_err();
        assert_eq!(error.line_column(), Some((3, 16)));
        assert_eq!(error.key.as_deref(), Some("colours[1]"));
        assert!(
            error.notes.iter().any(|n| n == "did you mean `green`?"),
            "{:?}",
            error.notes
        );
    }

    #[test]
    fn syntax_error_has_a_position() {
        let source = SourceText::new("x.yaml", "title: [unclosed\n");
        let error = parse::<Doc>(&source, 0..source.text.len()).unwrap_err();
        assert!(error.line_column().is_some());
    }
}
