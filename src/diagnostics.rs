//! User-facing problems: what went wrong, in which file, at which line and key.
//!
//! Every stage reports bad input as [`Diagnostic`]s and collects them in [`Diagnostics`] instead
//! of stopping at the first one, so a user sees all the mistakes of a build at once. This module
//! owns the type and its rendering (through `codespan-reporting`); it does not decide what is an
//! error: the stages do.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor};

/// How bad a problem is: errors fail the build, warnings are shown and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A source file's display name and text, shared by every diagnostic that points into it.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path as the user should see it, relative to the project root where possible.
    pub name: String,
    pub text: Arc<str>,
}

impl SourceText {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Self { name: name.into(), text: text.into() }
    }

    /// Byte offset of a 1-based line and 1-based character column, clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for (index, text_line) in self.text.split_inclusive('\n').enumerate() {
            if index + 1 == line {
                let within: usize = text_line.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
                return offset + within.min(text_line.trim_end_matches('\n').len());
            }
            offset += text_line.len();
        }
        self.text.len()
    }

    /// 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }
}

/// One problem with the user's input. Boxed, so `Result<T, Diagnostic>` stays small.
#[derive(Clone)]
pub struct Diagnostic(Box<DiagnosticData>);

/// The one-line form (`file:line:column: message (key …)`), not the whole source text.
impl fmt::Debug for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

/// The contents of a [`Diagnostic`], reachable through `Deref`.
#[derive(Debug, Clone)]
pub struct DiagnosticData {
    pub severity: Severity,
    /// The file the problem is in (display name), when it is in one.
    pub file: Option<String>,
    /// The file's text, when the offending place can be shown.
    source: Option<Arc<str>>,
    /// Byte range of the offending place within `source`.
    span: Option<Range<usize>>,
    /// Where in a structured file: `dimensions[0].items[2].id`.
    pub key: Option<String>,
    pub message: String,
    /// Suggestions, such as "did you mean `title`?".
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self(Box::new(DiagnosticData {
            severity: Severity::Error,
            file: None,
            source: None,
            span: None,
            key: None,
            message: message.into(),
            notes: Vec::new(),
        }))
    }

    pub fn warning(message: impl Into<String>) -> Self {
        let mut diagnostic = Self::error(message);
        diagnostic.0.severity = Severity::Warning;
        diagnostic
    }

    /// Points the diagnostic at a file, without a position (the whole file is at fault).
    pub fn in_file(mut self, name: impl Into<String>) -> Self {
        self.file = Some(name.into());
        self
    }

    /// Points the diagnostic at a byte range of a file.
    pub fn at(mut self, source: &SourceText, span: Range<usize>) -> Self {
        let end = span.end.min(source.text.len());
        let start = span.start.min(end);
        self.file = Some(source.name.clone());
        self.source = Some(source.text.clone());
        self.span = Some(start..end);
        self
    }

    /// Points the diagnostic at a 1-based line and column of a file.
    pub fn at_line(self, source: &SourceText, line: usize, column: usize) -> Self {
        let start = source.offset_of(line, column);
        let end = source.text[start..].char_indices().nth(1).map_or(source.text.len(), |(i, _)| start + i);
        self.at(source, start..end)
    }

    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        let key = key.into();
        if !key.is_empty() && key != "." {
            self.key = Some(key);
        }
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column of the offending place, when known.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source.as_ref()?, self.span.as_ref()?);
        let text = SourceText { name: String::new(), text: source.clone() };
        Some(text.line_column(span.start))
    }

    /// `file:line:column`, `file` or nothing: the short location used in one-line summaries.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match self.line_column() {
            Some((line, column)) => format!("{file}:{line}:{column}"),
            None => file.clone(),
        })
    }

    /// The multi-line report with the offending line shown, as printed on the terminal.
    pub fn render(&self) -> String {
        let severity = match self.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
        };
        let mut notes = Vec::new();
        if let Some(key) = &self.key {
            notes.push(format!("key: {key}"));
        }
        notes.extend(self.notes.iter().cloned());
        let config = term::Config::default();
        let mut out = NoColor::new(Vec::new());
        if let (Some(file), Some(source), Some(span)) = (&self.file, &self.source, &self.span) {
            let files = SimpleFile::new(file.as_str(), source.as_ref());
            let diagnostic = CsDiagnostic::new(severity)
                .with_message(&self.message)
                .with_labels(vec![Label::primary((), span.clone())])
                .with_notes(notes.clone());
            if term::emit_to_write_style(&mut out, &config, &files, &diagnostic).is_ok() {
                // The quoted source may hold direction controls; a terminal must not obey them.
                let text = String::from_utf8_lossy(&out.into_inner()).into_owned();
                return crate::text::without_bidi_controls(&text).into_owned();
            }
        }
        // No position to show: a plain header naming the file.
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut text = format!("{label}: {}\n", self.message);
        if let Some(file) = &self.file {
            text.push_str(&format!("  ┌─ {file}\n"));
        }
        for note in notes {
            text.push_str(&format!("  = {note}\n"));
        }
        crate::text::without_bidi_controls(&text).into_owned()
    }
}

impl std::ops::Deref for Diagnostic {
    type Target = DiagnosticData;
    fn deref(&self) -> &DiagnosticData {
        &self.0
    }
}

impl std::ops::DerefMut for Diagnostic {
    fn deref_mut(&mut self) -> &mut DiagnosticData {
        &mut self.0
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::text::without_bidi_controls(&self.message);
        match self.location() {
            Some(location) => write!(f, "{location}: {message}")?,
            None => write!(f, "{message}")?,
        }
        if let Some(key) = &self.key {
            write!(f, " (key `{key}`)")?;
        }
        Ok(())
    }
}

/// All the problems found so far, in the order they were found.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts by file and position so reports read top to bottom, whatever order the
    /// (possibly parallel) stages found them in.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (a.file.as_deref(), a.span.as_ref().map(|s| s.start), &a.message).cmp(&(
                b.file.as_deref(),
                b.span.as_ref().map(|s| s.start),
                &b.message,
            ))
        });
    }

    /// Sorts, then drops repeats of the same problem at the same place (a broken template
    /// that fails every report the same way is one mistake).
    pub fn dedup(&mut self) {
        self.sort();
        self.0
            .dedup_by(|a, b| (&a.file, &a.span, &a.message, a.severity) == (&b.file, &b.span, &b.message, b.severity));
    }

    /// Every diagnostic rendered, one after another.
    pub fn render(&self) -> String {
        self.0.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
    }

    /// `Ok(value)` when nothing here is an error, else the diagnostics themselves.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.has_errors() { Err(self) } else { Ok(value) }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely misspelling:
/// at most one edit per three characters (so `作法` finds `做法`), or very similar overall.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let allowed = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .map(|candidate| (strsim::osa_distance(word, candidate), -strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(distance, similarity, _)| *distance <= allowed || -*similarity >= 0.85)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_round_trips_through_multibyte_text() {
        let source = SourceText::new("a.md", "第一行\n标题: 值\n");
        let offset = source.offset_of(2, 3);
        assert_eq!(&source.text[offset..offset + 1], ":");
        assert_eq!(source.line_column(offset), (2, 3));
    }

    #[test]
    fn rendered_report_shows_file_line_and_offending_text() {
        let source = SourceText::new("content/x.md", "---\ntitel: A\n---\n");
        let diagnostic = Diagnostic::error("unknown field `titel`")
            .at_line(&source, 2, 1)
            .with_key("titel")
            .with_note("did you mean `title`?");
        let text = diagnostic.render();
        assert!(text.contains("content/x.md:2:1"), "{text}");
        assert!(text.contains("titel: A"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
        assert_eq!(diagnostic.to_string(), "content/x.md:2:1: unknown field `titel` (key `titel`)");
    }

    #[test]
    fn closest_suggests_only_near_misses() {
        let keys = ["title", "weight", "summary"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("作法", ["做法", "定义"]), Some("做法"));
        assert_eq!(closest("min_respondent", ["min_respondents", "min_comments"]), Some("min_respondents"));
    }
}
