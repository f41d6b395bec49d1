//! The YAML front matter of a content file: splitting it from the Markdown body and its schema.
//!
//! The trust vocabulary (kinds, dimensions, stages, challenges) is closed enums, so a misspelt
//! value is a load error with a suggestion rather than a page that silently matches nothing.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, SourceText};

/// Where the front matter's YAML and the Markdown body lie in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split(source: &SourceText) -> Result<Split, Diagnostic> {
    let text = &source.text;
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = line_ranges(text, start);
    let first = lines.next().filter(|range| text[range.clone()].trim_end() == "---");
    let Some(first) = first else {
        return Err(Diagnostic::error(
            "missing front matter: a content file starts with a `---` line, its YAML settings (at least `title`), and another `---` line",
        )
        .at(source, start..start));
    };
    for line in lines {
        if text[line.clone()].trim_end() == "---" {
            let body_start = (line.end + 1).min(text.len());
            return Ok(Split { yaml: first.end + 1..line.start, body: body_start..text.len() });
        }
    }
    Err(Diagnostic::error("front matter is not closed: expected a line `---` after the settings")
        .at(source, first.clone()))
}

/// Byte ranges of lines (without the newline) from `start`.
fn line_ranges(text: &str, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = start;
    std::iter::from_fn(move || {
        if offset >= text.len() {
            return None;
        }
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let range = offset..end;
        offset = end + 1;
        Some(range)
    })
}

/// The settings a content file may have. Every key is optional here; which are required, and
/// which a translation may set, is decided by the content stage.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// Order among siblings, smaller first. Default: 0, then by slug.
    pub weight: Option<i64>,
    /// The last part of the URL. Default: the file name (the folder name for `_index.md`).
    pub slug: Option<String>,
    /// One or two sentences, shown in tables of contents and reports.
    pub summary: Option<String>,
    /// Drafts are left out of builds.
    pub draft: Option<bool>,
    pub kind: Option<Kind>,
    /// Ids of the model's dimensions, stages and challenges (`content/model.yaml`), checked
    /// against it when the handbook is assembled.
    pub dimensions: Option<Vec<String>>,
    pub stages: Option<Vec<String>>,
    pub challenges: Option<Vec<String>>,
    /// Teams a strategy page is for, by the model's attributes: `{function: [sales, service]}`.
    /// A page without it is for every team.
    #[serde(default, deserialize_with = "crate::yaml::unique_opt")]
    pub applies_to: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// Whose trust a strategy page builds: `members` (the default: trust within the team) or
    /// `customers` (the customers' trust in the team, as a customer instrument measures it).
    pub respondents: Option<crate::model::Respondents>,
    /// The instrument, by id, whose answers about someone other than the team a strategy page
    /// builds trust in (`leader-trust`: guidance for the team leader). Without it, a strategy
    /// is for the team's own trust. Checked against the instruments where both are loaded.
    pub instrument: Option<String>,
    /// Concrete actions of a strategy page.
    pub actions: Option<Vec<Action>>,
}

/// What a page is about, for choosing guidance in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Theory,
    Model,
    Process,
    Strategy,
    Challenge,
    Evaluation,
    Case,
    Trend,
    /// Lists every source of `content/references.yaml` in the language's citation style.
    Bibliography,
}

/// One concrete action of a strategy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What to do.
    pub text: String,
    /// Who should usually own it (a role, not a person).
    pub owner: String,
    /// How often: "weekly", "每月一次".
    pub frequency: String,
    /// How to tell it works.
    pub measure: String,
    /// The model's dimensions this action builds most directly, where it is narrower than its
    /// page (`[integrity]` on a page for ability and integrity). Taken from the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<String>>,
    /// The survey item the measure quotes, by id (`IN3`): checked against the instruments,
    /// and a plan prefers the action when the team is weak on that item. Taken from the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// The name a value has in front matter (`strategy` for `Kind::Strategy`), which
/// is also the suffix of its locale keys (`kind_strategy`).
pub fn front_matter_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let source = SourceText::new("a.md", "---\ntitle: 信任\n---\n正文\n");
        let split = split(&source).unwrap();
        assert_eq!(&source.text[split.yaml.clone()], "title: 信任\n");
        assert_eq!(&source.text[split.body], "正文\n");
    }

    #[test]
    fn windows_line_endings_and_bom_are_accepted() {
        let source = SourceText::new("a.md", "\u{feff}---\r\ntitle: A\r\n---\r\nBody");
        let split = split(&source).unwrap();
        assert_eq!(&source.text[split.body], "Body");
    }

    #[test]
    fn unclosed_front_matter_points_at_its_first_line() {
        let source = SourceText::new("a.md", "---\ntitle: A\n");
        let error = split(&source).unwrap_err();
        assert_eq!(error.line_column(), Some((1, 1)));
    }
}
