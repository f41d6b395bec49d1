//! The scored model as data files for spreadsheets and BI tools: `data/scores.csv` and
//! `data/scores.json`, one row per instrument × group × wave × dimension (plus `overall`, one
//! per item and one per outcome item, `measure` saying which). Withheld figures are empty, with the reason in
//! `suppressed`. A further instrument has rows
//! only for the teams it is for and the units above them. The rows are built in [`rows`], the
//! JSON document's other parts in [`json`]; this file writes both files.

mod json;
mod rows;

pub use rows::{Row, rows};

use super::{RenderInput, Renderer};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::routes::Route;
use json::{JsonBenchmark, JsonDocument, JsonInstrument, json_waves};

/// The data export of one build.
pub struct DataRenderer<'a> {
    input: RenderInput<'a>,
}

impl<'a> DataRenderer<'a> {
    pub fn new(input: RenderInput<'a>) -> Self {
        DataRenderer { input }
    }
}

impl Renderer for DataRenderer<'_> {
    fn render(&self, out: &Staging) -> Result<Diagnostics, Diagnostics> {
        let input = self.input;
        let Some(assessment) = input.assessment else {
            return Ok(Diagnostics::new());
        };
        let lang = input.project.default_lang();
        let rows = rows(assessment, &|text| text.get(lang, lang).to_string());
        let mut problems = Diagnostics::new();
        let mut write = |path: &str, bytes: Result<Vec<u8>, String>| {
            let result = bytes
                .map_err(Diagnostic::error)
                .and_then(|bytes| out.write(path, &bytes).map_err(|error| Diagnostic::error(error.to_string())));
            if let Err(diagnostic) = result {
                problems.push(diagnostic);
            }
        };
        write(&Route::ScoresCsv.path(), csv_bytes(&rows));
        let document = JsonDocument {
            generator: "trustbook",
            instrument: &assessment.instrument.id,
            waves: json_waves(&assessment.instrument, &assessment.scores),
            further: assessment
                .further
                .iter()
                .map(|f| JsonInstrument {
                    id: &f.instrument.id,
                    respondents: f.instrument.respondents.as_str(),
                    waves: json_waves(&f.instrument, &f.scores),
                })
                .collect(),
            benchmark: assessment.benchmark.as_ref().map(|b| JsonBenchmark {
                id: &b.id,
                label: b.label.get(lang, lang).to_string(),
                source: b.source.get(lang, lang).to_string(),
                year: b.year,
                n: b.n,
            }),
            rows: &rows,
        };
        write(&Route::ScoresJson.path(), serde_json::to_vec_pretty(&document).map_err(|e| e.to_string()));
        problems.into_result(Diagnostics::new())
    }
}

fn csv_bytes(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let row = Row {
            wave: neutralise(&row.wave),
            instrument: neutralise(&row.instrument),
            group_id: neutralise(&row.group_id),
            group_name: neutralise(&row.group_name),
            parent_unit: neutralise(&row.parent_unit),
            dimension: neutralise(&row.dimension),
            item: neutralise(&row.item),
            ..row.clone()
        };
        writer.serialize(&row).map_err(|e| format!("cannot write scores.csv: {e}"))?;
    }
    writer.into_inner().map_err(|e| format!("cannot write scores.csv: {e}"))
}

/// A text cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab
/// or carriage return) gets a leading `'`, so it opens as the text it is (OWASP's advice on CSV
/// injection). Numbers are not text cells and stay numbers.
pub(in crate::render) fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised_and_plain_text_kept() {
        for (text, expected) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Sales north", "Sales north"),
            ("研发-平台", "研发-平台"),
        ] {
            assert_eq!(neutralise(text), expected);
        }
    }
}
