//! What handbook pages add to their Markdown: a strategy page's action list as a table, one
//! definition for every renderer (the HTML page template walks it, the PDF book lays out its
//! document).

use serde::Serialize;

use crate::content::{Action, Variant};
use crate::document::{Align, Block, Document, Heading, Inline, Table};
use crate::project::Lang;
use crate::theme::Theme;

/// Reads one field of an action.
type Field = fn(&Action) -> &str;

/// The columns of the action table: the locale key of each heading and the field it shows.
const COLUMNS: [(&str, Field); 4] = [
    ("action_text", |a| &a.text),
    ("action_owner", |a| &a.owner),
    ("action_frequency", |a| &a.frequency),
    ("action_measure", |a| &a.measure),
];

/// A strategy page's concrete steps: who does what how often, and how to tell it works.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionsTable {
    /// The anchor of its heading, for links from reports.
    pub id: &'static str,
    pub heading: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The action table of a page's text in `lang`, when it has actions (only strategy pages do).
pub fn actions_table(variant: &Variant, theme: &Theme, lang: &Lang) -> Option<ActionsTable> {
    if variant.actions.is_empty() {
        return None;
    }
    Some(ActionsTable {
        id: "strategy-actions",
        heading: theme.text(lang, "actions_heading").to_string(),
        header: COLUMNS.iter().map(|(key, _)| theme.text(lang, key).to_string()).collect(),
        rows: variant.actions.iter().map(|a| COLUMNS.iter().map(|(_, field)| field(a).to_string()).collect()).collect(),
    })
}

impl ActionsTable {
    /// The table as a document: its heading at `level`, then the table.
    pub fn to_document(&self, level: u8) -> Document {
        let text = |t: &str| vec![Inline::Text(t.to_string())];
        Document {
            blocks: vec![
                Block::Heading(Heading { level, id: self.id.to_string(), content: text(&self.heading) }),
                Block::Table(Table {
                    align: vec![Align::None; self.header.len()],
                    header: self.header.iter().map(|h| text(h)).collect(),
                    rows: self.rows.iter().map(|row| row.iter().map(|c| text(c)).collect()).collect(),
                }),
            ],
            ..Document::default()
        }
    }
}
