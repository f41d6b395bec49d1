//! Typed YAML loading with positions: every deserialisation error becomes a [`Diagnostic`] that
//! names the file, the line and column, and the key path (`teams[3].unit`), with a "did you mean"
//! note for misspelt keys and values.
//!
//! This module only turns text into typed values; what those values must mean is checked by the
//! stage that owns them.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::marker::PhantomData;
use std::ops::Range;

use saphyr_parser::{Event, Parser};
use serde::de::{DeserializeOwned, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostics::{Diagnostic, SourceText, closest};

/// Whether YAML forbids `c` anywhere in a file: control characters other than tab, line feed,
/// carriage return and next line, and the non-characters U+FFFE and U+FFFF.
pub fn forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// Deserialises the YAML found at `range` within `source` (a whole file, or its front matter).
pub fn parse<T: DeserializeOwned>(source: &SourceText, range: Range<usize>) -> Result<T, Diagnostic> {
    let yaml = &source.text[range.clone()];
    // The parser names such a character by its position in the text only: point at it.
    if let Some((at, c)) = yaml.char_indices().find(|(_, c)| forbidden_char(*c)) {
        let start = range.start + at;
        let message = format!(
            "character U+{:04X} is not allowed in YAML (a control character): delete it, or write it as an escape (\\x{:02x}) in a double-quoted string",
            c as u32,
            c as u32 & 0xff
        );
        return Err(Diagnostic::error(message).at(source, start..start + c.len_utf8()));
    }
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
        let twice = message.strip_prefix(DUPLICATE).or_else(|| message.strip_prefix("duplicate field `"));
        if let Some(key) = twice.and_then(|rest| rest.split('`').next()) {
            diagnostic = at_both_keys(diagnostic, source, range.clone(), &path, key);
        }
        diagnostic.with_key(path)
    })
}

/// Points a "key given twice" error at the second occurrence and names the line of the first.
fn at_both_keys(diagnostic: Diagnostic, source: &SourceText, range: Range<usize>, path: &str, key: &str) -> Diagnostic {
    let part = SourceText::new(source.name.clone(), &source.text[range.clone()]);
    let full = if path.is_empty() || path == "." { key.to_string() } else { format!("{path}.{key}") };
    let spans = YamlIndex::build(&part.text).key_spans(&part, &full);
    let [first, second, ..] = spans.as_slice() else { return diagnostic };
    let first_line = source.line_column(range.start + first.start).0;
    diagnostic
        .at(source, range.start + second.start..range.start + second.end)
        .with_note(format!("it is first given at line {first_line}"))
}

/// The start of the message of a key given twice in one mapping.
const DUPLICATE: &str = "duplicate key `";

/// Deserialises a mapping in which every key must appear once: YAML parsers keep the last of
/// two equal keys, which would silently drop answers or whole teams. Use with
/// `#[serde(deserialize_with = "crate::yaml::unique")]`.
pub fn unique<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + Display,
    V: Deserialize<'de>,
{
    struct Unique<K, V>(PhantomData<(K, V)>);
    impl<'de, K: Deserialize<'de> + Ord + Display, V: Deserialize<'de>> Visitor<'de> for Unique<K, V> {
        type Value = BTreeMap<K, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<K>()? {
                if out.contains_key(&key) {
                    return Err(A::Error::custom(format!(
                        "{DUPLICATE}{key}`: it is given twice, and one of the two would be lost"
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique(PhantomData))
}

/// [`unique`] for an optional mapping.
pub fn unique_opt<'de, D, K, V>(deserializer: D) -> Result<Option<BTreeMap<K, V>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + Display,
    V: Deserialize<'de>,
{
    #[derive(Deserialize)]
    #[serde(bound = "K: Deserialize<'de> + Ord + Display, V: Deserialize<'de>")]
    struct Present<K, V>(#[serde(deserialize_with = "unique")] BTreeMap<K, V>);
    Ok(Option::<Present<K, V>>::deserialize(deserializer)?.map(|present| present.0))
}

/// A YAML file being loaded: its text, and (only once a problem needs it) the index of where
/// each node is, so semantic errors point at the offending line and key.
pub struct YamlFile {
    pub source: SourceText,
    index: std::sync::OnceLock<YamlIndex>,
}

impl YamlFile {
    pub fn new(source: SourceText) -> YamlFile {
        YamlFile { source, index: std::sync::OnceLock::new() }
    }

    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        parse(&self.source, 0..self.source.text.len())
    }

    /// An error about the value at key path `key`, pointing at it when it exists.
    pub fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.located(key, message, false)
    }

    /// An error about the mapping key that ends `key` (an unknown id used as a key), pointing
    /// at the key itself rather than at its value.
    pub fn key_error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.located(key, message, true)
    }

    fn located(&self, key: &str, message: impl Into<String>, at_key: bool) -> Diagnostic {
        let index = self.index.get_or_init(|| YamlIndex::build(&self.source.text));
        let diagnostic = Diagnostic::error(message);
        let span = if at_key { index.key_span(&self.source, key) } else { None };
        let diagnostic = match span.or_else(|| index.span(&self.source, key)) {
            Some(span) => diagnostic.at(&self.source, span),
            None => diagnostic.in_file(self.source.name.clone()),
        };
        diagnostic.with_key(key)
    }
}

/// Where every node of a YAML text is, by key path in the notation of the errors above
/// (`responses[3].team`, `teams.sales-north-1[2][1]`).
///
/// Typed deserialisation cannot tell where a value came from, yet checks that need the whole
/// data set (an unknown team id, an answer outside the scale) must still point at the line.
/// The index is built only when such a problem is found, so valid data pays nothing for it.
pub struct YamlIndex {
    /// Start and end of each node.
    nodes: HashMap<String, (Position, Position)>,
    /// Start and end of the mapping key that names each node, where it has one: every
    /// occurrence, in order (a key given twice is an error that names both).
    keys: HashMap<String, Vec<(Position, Position)>>,
}

/// A 1-based line and column.
type Position = (usize, usize);

enum Frame {
    Map { path: String, key: Option<(String, (Position, Position))> },
    Seq { path: String, index: usize },
}

impl YamlIndex {
    pub fn build(text: &str) -> YamlIndex {
        let mut nodes = HashMap::new();
        let mut keys: HashMap<String, Vec<(Position, Position)>> = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let start = (span.start.line(), span.start.col() + 1);
            let end = (span.end.line(), span.end.col() + 1);
            let is_node = matches!(
                event,
                Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(_)
            );
            if matches!(event, Event::SequenceEnd | Event::MappingEnd) {
                stack.pop();
                continue;
            }
            if !is_node {
                continue;
            }
            // A scalar in key position names the next node; it is not a node of its own.
            if let Some(Frame::Map { key: key @ None, .. }) = stack.last_mut() {
                let name = if let Event::Scalar(text, ..) = &event { text.to_string() } else { String::new() };
                *key = Some((name, (start, end)));
                continue;
            }
            let path = match stack.last_mut() {
                Some(Frame::Map { path, key }) => {
                    let (name, key_position) = key.take().unwrap_or_default();
                    let full = if path.is_empty() { name } else { format!("{path}.{name}") };
                    keys.entry(full.clone()).or_default().push(key_position);
                    full
                }
                Some(Frame::Seq { path, index }) => {
                    *index += 1;
                    format!("{path}[{}]", *index - 1)
                }
                None => String::new(),
            };
            nodes.insert(path.clone(), (start, end));
            match event {
                Event::SequenceStart(..) => stack.push(Frame::Seq { path, index: 0 }),
                Event::MappingStart(..) => stack.push(Frame::Map { path, key: None }),
                _ => {}
            }
        }
        YamlIndex { nodes, keys }
    }

    /// The byte range of the mapping key naming the node at `path`.
    pub fn key_span(&self, source: &SourceText, path: &str) -> Option<Range<usize>> {
        Self::range(source, *self.keys.get(path)?.first()?)
    }

    /// The byte ranges of every occurrence of the mapping key naming `path`.
    pub fn key_spans(&self, source: &SourceText, path: &str) -> Vec<Range<usize>> {
        self.keys.get(path).map_or(Vec::new(), |all| all.iter().filter_map(|p| Self::range(source, *p)).collect())
    }

    /// The byte range of the node at `path` in `source`, when the path exists.
    pub fn span(&self, source: &SourceText, path: &str) -> Option<Range<usize>> {
        Self::range(source, *self.nodes.get(path)?)
    }

    fn range(
        source: &SourceText,
        ((line, column), (end_line, end_column)): (Position, Position),
    ) -> Option<Range<usize>> {
        let start = source.offset_of(line, column);
        let end = source.offset_of(end_line, end_column).max(start);
        Some(start..end)
    }
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
    let stop =
        rest.char_indices().find(|(_, c)| matches!(c, '\n' | ',' | '}' | ']' | '#')).map_or(rest.len(), |(i, _)| i);
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
    let candidates: Vec<&str> =
        expected.split('`').skip(1).step_by(2).filter(|candidate| !candidate.is_empty()).collect();
    if let Some(best) = closest(word, candidates.iter().copied()) {
        return Some(format!("did you mean `{best}`?"));
    }
    if candidates.is_empty() { None } else { Some(format!("expected one of: {}", candidates.join(", "))) }
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
        assert!(error.message.starts_with("unknown field `titel`"), "{}", error.message);
        assert!(error.notes.iter().any(|n| n == "did you mean `title`?"), "{:?}", error.notes);
    }

    #[test]
    fn misspelt_value_in_a_list_names_its_index() {
        let text = "---\ntitle: A\ncolours: [red, gren]\n---\n";
        let source = SourceText::new("p.md", text);
        let error = parse::<Doc>(&source, 4..text.len() - 4).unwrap_err();
        assert_eq!(error.line_column(), Some((3, 16)));
        assert_eq!(error.key.as_deref(), Some("colours[1]"));
        assert!(error.notes.iter().any(|n| n == "did you mean `green`?"), "{:?}", error.notes);
    }

    #[test]
    fn index_finds_nodes_in_block_and_flow_style() {
        let text = "wave: w1\nresponses:\n  - team: t1\n    answers: {AB1: 4, AB2: 9}\nteams:\n  t2:\n    - [1, 2]\n    - [3, ~]\n";
        let source = SourceText::new("r.yaml", text);
        let index = YamlIndex::build(text);
        let at = |path: &str| index.span(&source, path).map(|span| &text[span]);
        assert_eq!(at("wave"), Some("w1"));
        assert_eq!(at("responses[0].team"), Some("t1"));
        assert_eq!(at("responses[0].answers.AB2"), Some("9"));
        assert_eq!(at("teams.t2[1][1]"), Some("~"));
        assert_eq!(at("teams.t9"), None);
        assert_eq!(index.key_span(&source, "teams.t2").map(|span| &text[span]), Some("t2"));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let source = SourceText::new("x.yaml", "title: [unclosed\n");
        let error = parse::<Doc>(&source, 0..source.text.len()).unwrap_err();
        assert!(error.line_column().is_some());
    }
}
