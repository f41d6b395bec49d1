//! The results' delivery files, written after every other file of the build:
//! `results/distribution.csv` (who gets which file, for a mail merge, when teams or units name
//! `recipients` in organisation.yaml) and `results/manifest.json` (every result file with its
//! kind, team or unit, language, page count, bytes and SHA-256, so a consultant can check what
//! was sent and a recipient that it arrived whole).
//!
//! This module reads what the build wrote from the staging folder's ledger ([`Staging`]); it
//! never reads a file back.

use serde::Serialize;

use super::RenderInput;
use super::data::neutralise;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::routes::{Route, Tree, describe};
use crate::survey::recipients::Recipient;

#[derive(Serialize)]
struct Manifest<'a> {
    generator: &'static str,
    /// The survey wave the results are for.
    wave: &'a str,
    /// Paths relative to the results folder.
    files: Vec<ManifestFile>,
}

#[derive(Serialize)]
struct ManifestFile {
    path: String,
    kind: &'static str,
    lang: Option<String>,
    team: Option<String>,
    unit: Option<String>,
    pages: Option<usize>,
    bytes: u64,
    sha256: String,
}

#[derive(Serialize)]
struct DistributionRow {
    name: String,
    email: String,
    lang: String,
    kind: &'static str,
    team: String,
    unit: String,
    /// The team's or unit's name in the row's language, for the letter.
    group_name: String,
    /// Whether the group's own figures are withheld, so the letter can say why the report
    /// shows none.
    results_withheld: bool,
    /// Relative to the results folder.
    file: String,
}

/// Writes the distribution list (when anyone is named) and then the manifest.
pub fn write(input: RenderInput<'_>, out: &Staging) -> Result<(), Diagnostics> {
    let Some(assessment) = input.assessment else { return Ok(()) };
    let error = |e: String| Diagnostics::from(Diagnostic::error(e));
    let prefix = format!("{}/", Tree::Results.dir());
    let written: Vec<String> = out.written_under(&prefix).into_iter().map(|(p, _)| p).collect();
    let exists = |route: &Route<'_>| written.binary_search(&route.path()).is_ok();
    let organisation = &assessment.organisation;
    let default = input.project.default_lang();
    let mut rows = Vec::new();
    let wave = assessment.scores.waves.get(input.report_wave);
    let withheld = |group: Option<&crate::scoring::GroupScores>| group.is_some_and(|g| !g.figures.is_shown());
    for lang in input.languages {
        for (t, team) in organisation.teams.iter().enumerate() {
            let id = team.id.as_str();
            // The PDF when the build made one, else the web page.
            let file = [Route::TeamPdf(lang, id), Route::TeamPage(lang, id)].into_iter().find(exists);
            let place = Place {
                lang,
                kind: "team-report",
                team: id,
                unit: "",
                name: team.name.get(lang, default).to_string(),
                withheld: withheld(wave.map(|w| &w.teams[t])),
            };
            push_rows(&mut rows, team.recipients.named(), &place, default, file);
        }
        for (u, unit) in organisation.units.iter().enumerate() {
            let id = unit.id.as_str();
            let file = Some(Route::UnitPdf(lang, id)).filter(exists);
            let place = Place {
                lang,
                kind: "unit-pack",
                team: "",
                unit: id,
                name: unit.name.get(lang, default).to_string(),
                withheld: withheld(wave.map(|w| &w.units[u])),
            };
            push_rows(&mut rows, unit.recipients.named(), &place, default, file);
        }
    }
    let anyone = organisation.teams.iter().any(|t| !t.recipients.named().is_empty())
        || organisation.units.iter().any(|u| !u.recipients.named().is_empty());
    if anyone {
        let mut csv = csv::Writer::from_writer(Vec::new());
        for row in &rows {
            csv.serialize(row).map_err(|e| error(format!("cannot write distribution.csv: {e}")))?;
        }
        let bytes = csv.into_inner().map_err(|e| error(format!("cannot write distribution.csv: {e}")))?;
        out.write(&Route::Distribution.path(), &bytes).map_err(|e| error(e.to_string()))?;
    }
    let files = out
        .written_under(&prefix)
        .into_iter()
        .filter_map(|(path, written)| {
            let inside = path.strip_prefix(&prefix)?.to_string();
            let described = describe(&inside)?;
            Some(ManifestFile {
                kind: described.kind,
                lang: described.lang,
                team: described.team,
                unit: described.unit,
                pages: written.pages,
                bytes: written.bytes,
                sha256: written.sha256.to_string(),
                path: inside,
            })
        })
        .collect();
    let wave = assessment.scores.waves.get(input.report_wave).map_or("", |w| w.wave.as_str());
    let manifest = Manifest { generator: "trustbook", wave, files };
    let bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| error(format!("cannot write manifest.json: {e}")))?;
    out.write(&Route::Manifest.path(), &bytes).map_err(|e| error(e.to_string()))
}

/// Which file a row of the distribution list is about.
struct Place<'a> {
    lang: &'a crate::project::Lang,
    kind: &'static str,
    team: &'a str,
    unit: &'a str,
    name: String,
    withheld: bool,
}

/// One row per recipient of `file`, when the build wrote it.
fn push_rows(
    rows: &mut Vec<DistributionRow>,
    recipients: &[Recipient],
    place: &Place<'_>,
    default: &crate::project::Lang,
    file: Option<Route<'_>>,
) {
    let Some(file) = file else { return };
    for recipient in recipients {
        rows.push(DistributionRow {
            name: neutralise(recipient.name.get(place.lang, default)),
            email: neutralise(recipient.email.trim()),
            lang: place.lang.to_string(),
            kind: place.kind,
            team: place.team.to_string(),
            unit: place.unit.to_string(),
            group_name: neutralise(&place.name),
            results_withheld: place.withheld,
            file: file.in_tree(),
        });
    }
}
