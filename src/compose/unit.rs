//! A unit's pack: one document with the unit's own results (its figures against the
//! organisation, the teams the pack holds, the teams withheld with the reason and no figure),
//! then the report of each of its teams, sub-units' teams included, in the organisation's
//! order, each starting on a new page. The PDF renderer lays it out as one document, with
//! contents, a bookmark per team and continuous page numbers.
//!
//! A pack composes its teams' documents itself (a pure function, like every composition), so
//! no report is kept waiting for the packs that contain it and memory holds one pack at a time.

use serde::Serialize;

use super::masthead::{Audience, Masthead, masthead};
use super::team::team_report_for;
use super::words::{DimensionNames, DimensionRow, WaveInfo, Words, dimension_row};
use super::{ComposeInput, Report, Subject, render_markdown};
use crate::diagnostics::Diagnostic;
use crate::document::{Block, Document};
use crate::project::Lang;
use crate::scoring::{InstrumentRef, Reported};
use crate::survey::UnitId;

#[derive(Serialize)]
struct UnitContext {
    masthead: Masthead,
    organisation: String,
    unit_path: Vec<String>,
    unit: String,
    wave: WaveInfo,
    threshold: u32,
    respondents: Option<String>,
    /// Why the unit's own figures are withheld, when they are.
    withheld: Option<String>,
    dimensions: Vec<DimensionRow>,
    /// The teams whose reports follow.
    teams: Vec<PackTeam>,
    /// The teams without figures, each with the reason.
    withheld_teams: Vec<PackTeam>,
}

#[derive(Serialize)]
struct PackTeam {
    name: String,
    unit: String,
    respondents: String,
    reason: String,
}

/// The pack of `unit` in `lang`.
pub(super) fn unit_pack(input: ComposeInput<'_>, unit: usize, id: UnitId, lang: &Lang) -> Result<Report, Diagnostic> {
    let words = Words::of(&input, lang);
    let assessment = input.assessment;
    let organisation = &assessment.organisation;
    let scores = &assessment.scores.waves[input.wave];
    let info = &organisation.units[unit];
    let names = DimensionNames::new(&words, assessment);
    let dimension_names: Vec<String> = names.plain(InstrumentRef::Default).to_vec();
    // The organisation's order: teams as organisation.yaml lists them.
    let mut team_indices = organisation.teams_below(unit);
    team_indices.sort_unstable();
    let (mut teams, mut withheld_teams) = (Vec::new(), Vec::new());
    for &t in &team_indices {
        let team = &organisation.teams[t];
        let entry = |respondents: String, reason: String| PackTeam {
            name: words.name(&team.name),
            unit: words.name(&organisation.units[team.unit].name),
            respondents,
            reason,
        };
        match &scores.teams[t].figures {
            Reported::Shown(figures) => teams.push(entry(figures.respondents.to_string(), String::new())),
            // One reason for all: naming why each is withheld would point from one to another
            // (a team withheld so that a smaller one cannot be worked out).
            Reported::Suppressed(_) => withheld_teams.push(entry(String::new(), words.t("pack_withheld_reason"))),
        }
    }
    let (figures, withheld) = match &scores.units[unit].figures {
        Reported::Shown(figures) => (Some(figures), None),
        Reported::Suppressed(why) => (None, Some(words.withheld(why))),
    };
    let context = UnitContext {
        masthead: masthead(&input, &words, Audience::Unit(info.leader.as_ref())),
        organisation: words.name(&organisation.name),
        unit_path: organisation.unit_path(unit).iter().map(|u| words.name(&organisation.units[*u].name)).collect(),
        unit: words.name(&info.name),
        wave: WaveInfo {
            id: scores.wave.to_string(),
            name: words.wave_name(organisation, input.wave),
            date: scores.date.to_string(),
        },
        threshold: input.project.config.privacy.min_respondents,
        respondents: figures.map(|f| f.respondents.to_string()),
        withheld,
        dimensions: figures
            .map(|f| {
                f.dimensions
                    .iter()
                    .zip(&dimension_names)
                    .map(|(score, name)| dimension_row(&words, name.clone(), score))
                    .collect()
            })
            .unwrap_or_default(),
        teams,
        withheld_teams,
    };
    let (markdown, mut document) = render_markdown(input, lang, "unit.md", &context)?;
    // Each shown team's report follows on a page of its own, its headings' names made unique
    // within the pack.
    for &t in &team_indices {
        if !scores.teams[t].figures.is_shown() {
            continue;
        }
        let team = &organisation.teams[t];
        // In the pack, the unit's head is the reader of every part.
        let mut report = team_report_for(input, t, team.id.clone(), lang, Audience::Unit(info.leader.as_ref()))?;
        document.footnotes.append(&mut report.document.footnotes);
        document.blocks.push(Block::PageBreak);
        document.blocks.extend(within_pack(report.document, team.id.as_str()));
    }
    let title = words.t("pack_title").replace("{unit}", &words.name(&info.name));
    Ok(Report { subject: Subject::Unit { index: unit, id }, lang: lang.clone(), title, markdown, document })
}

/// A team's document as a part of a pack: its headings' anchors prefixed with the team's id,
/// so bookmarks and links lead to this team's "At a glance", not the first team's.
fn within_pack(document: Document, team: &str) -> Vec<Block> {
    document
        .blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading(mut heading) => {
                heading.id = format!("{team}-{}", heading.id);
                Block::Heading(heading)
            }
            other => other,
        })
        .collect()
}
