//! Follow-through: what teams committed to after a survey and how far they got, read from
//! `content/plans/<wave>.yaml` (through the source stage), so the next wave's report can open
//! with last time's plan and the change in each dimension it targeted.
//!
//! A file names its wave and, per team, its commitments: an action of a strategy page (by the
//! page's path and the action's number on it) or the team's own (`text`), each with a status
//! and an optional note. Everything is checked against the organisation, the instrument and the
//! handbook, at its line. This module also writes the pre-filled file a team edits
//! ([`template`]); it scores nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::TeamPlan;
use crate::content::{EntryId, Handbook, Kind, PageId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::Localized;
use crate::scoring::{Assessment, InstrumentRef, Measure};
use crate::source::{Hidden, PathKind, Source};
use crate::survey::{TeamId, WaveId};
use crate::yaml::YamlFile;

/// Where follow-through files live, relative to the project root.
pub const PLANS_DIR: &str = "content/plans";

/// How far a committed action got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Doing,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Planned, Status::Doing, Status::Done, Status::Dropped];

    /// The name in files and the suffix of its locale key (`status_done`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Doing => "doing",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }
}

/// What a team committed to.
#[derive(Debug, Clone, PartialEq)]
pub enum Committed {
    /// An action of a strategy page (index into its actions).
    Strategy { page: PageId, action: usize },
    /// An action of the team's own.
    Own { text: Localized },
}

/// One commitment and how far it got.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub what: Committed,
    /// The dimension it works on, and whose view of it, when known: given, or the strategy's
    /// first dimension on the instrument of the people whose trust the strategy builds.
    pub measure: Option<Measure>,
    pub status: Status,
    /// A word on how it went, in one or every language.
    pub note: Option<Localized>,
}

/// Every wave's commitments, by team index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FollowUps {
    /// Parallel to the organisation's waves.
    by_wave: Vec<BTreeMap<usize, Vec<Commitment>>>,
}

impl FollowUps {
    /// What `team` committed to after wave `wave`; empty when nothing was recorded.
    pub fn of(&self, wave: usize, team: usize) -> &[Commitment] {
        self.by_wave.get(wave).and_then(|teams| teams.get(&team)).map_or(&[], Vec::as_slice)
    }

    /// Reads every `content/plans/*.yaml`. A project without the folder has none.
    pub fn load(source: &Source, handbook: &Handbook, assessment: &Assessment) -> Result<FollowUps, Diagnostics> {
        let mut follow_ups = FollowUps { by_wave: vec![BTreeMap::new(); assessment.organisation.waves.len()] };
        match source.kind(PLANS_DIR) {
            Ok(Some(PathKind::Folder)) => {}
            Ok(_) => return Ok(follow_ups),
            Err(error) => return Err(error.into_diagnostic().into()),
        }
        let (paths, errors) = source.files_in(PLANS_DIR, Hidden::Skip);
        let mut problems: Diagnostics = errors.into_iter().map(|e| e.into_diagnostic()).collect();
        let mut seen_waves: BTreeMap<usize, String> = BTreeMap::new();
        for path in paths.iter().filter(|p| p.as_str().ends_with(".yaml") || p.as_str().ends_with(".yml")) {
            let file = match source.read_text(path.as_str()) {
                Ok(text) => YamlFile::new(text),
                Err(error) => {
                    problems.push(error);
                    continue;
                }
            };
            match read_file(&file, handbook, assessment) {
                Ok((wave, teams)) => {
                    if let Some(first) = seen_waves.insert(wave, path.to_string()) {
                        problems.push(file.error(
                            "wave",
                            format!("this wave's plans are already in {first}: keep one file per wave"),
                        ));
                    }
                    follow_ups.by_wave[wave] = teams;
                }
                Err(found) => problems.extend(found),
            }
        }
        problems.into_result(follow_ups)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlansFile {
    wave: WaveId,
    #[serde(default, deserialize_with = "crate::yaml::unique")]
    teams: BTreeMap<TeamId, Vec<CommitmentSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommitmentSpec {
    /// A strategy page's path relative to `content/` (`handbook/strategies/transparency.md`).
    strategy: Option<String>,
    /// The action's number on that page, from 1.
    action: Option<usize>,
    /// An action of the team's own.
    text: Option<Localized>,
    /// The dimension it works on (an instrument dimension id).
    dimension: Option<String>,
    /// The instrument that dimension is on, by id; default: the strategy's (its respondents'
    /// instrument for the team), else the default instrument.
    instrument: Option<String>,
    status: Status,
    note: Option<Localized>,
}

fn read_file(
    file: &YamlFile,
    handbook: &Handbook,
    assessment: &Assessment,
) -> Result<(usize, BTreeMap<usize, Vec<Commitment>>), Diagnostics> {
    let spec: PlansFile = file.parse()?;
    let organisation = &assessment.organisation;
    let mut problems = Diagnostics::new();
    let wave = organisation.wave_index(&spec.wave);
    if wave.is_none() {
        problems.push(
            file.error("wave", format!("plans for undeclared wave `{}`: declare it in organisation.yaml", spec.wave)),
        );
    }
    let mut teams = BTreeMap::new();
    for (team_id, commitments) in &spec.teams {
        let Some(team) = organisation.team_index(team_id) else {
            problems.push(file.key_error(&format!("teams.{team_id}"), format!("unknown team `{team_id}`")));
            continue;
        };
        let mut list = Vec::new();
        for (c, spec) in commitments.iter().enumerate() {
            let key = format!("teams.{team_id}[{c}]");
            match commitment(file, &key, spec, handbook, assessment, team) {
                Ok(found) => list.push(found),
                Err(diagnostic) => problems.push(diagnostic),
            }
        }
        teams.insert(team, list);
    }
    match wave {
        Some(wave) if !problems.has_errors() => Ok((wave, teams)),
        _ => Err(problems),
    }
}

fn commitment(
    file: &YamlFile,
    key: &str,
    spec: &CommitmentSpec,
    handbook: &Handbook,
    assessment: &Assessment,
    team: usize,
) -> Result<Commitment, Diagnostic> {
    let what = match (&spec.strategy, spec.action, &spec.text) {
        (Some(path), Some(number), None) => {
            let page = match handbook.lookup(path) {
                Some(EntryId::Page(page)) if handbook.page(page).entry.meta.kind == Some(Kind::Strategy) => page,
                _ => {
                    return Err(file.error(
                        &format!("{key}.strategy"),
                        format!("`{path}` is not a strategy page of the handbook (a path relative to content/)"),
                    ));
                }
            };
            let count = handbook.page(page).entry.variants.values().next().map_or(0, |v| v.actions.len());
            if number == 0 || number > count {
                return Err(
                    file.error(&format!("{key}.action"), format!("`{path}` has actions 1 to {count}, not {number}"))
                );
            }
            Committed::Strategy { page, action: number - 1 }
        }
        (None, None, Some(text)) => Committed::Own { text: text.clone() },
        _ => {
            return Err(file.error(
                key,
                "a commitment is either `strategy:` with `action:` (its number on the page) or the team's own `text:`",
            ));
        }
    };
    let instrument = match &spec.instrument {
        Some(id) => {
            let found = std::iter::once(InstrumentRef::Default)
                .chain((0..assessment.further.len()).map(InstrumentRef::Further))
                .find(|r| assessment.instrument(*r).id == *id);
            let instrument = found.ok_or_else(|| {
                let known: Vec<String> = std::iter::once(&assessment.instrument)
                    .chain(assessment.further.iter().map(|f| &f.instrument))
                    .map(|i| format!("`{}`", i.id))
                    .collect();
                file.error(
                    &format!("{key}.instrument"),
                    format!("unknown instrument `{id}`: the project has {}", known.join(", ")),
                )
            })?;
            Some(instrument)
        }
        // A strategy's action is measured by the people whose trust the strategy builds.
        None => match what {
            // None when nothing measures that trust for this team: no change can be shown.
            Committed::Strategy { page, .. } => {
                assessment.instrument_for(team, handbook.page(page).entry.meta.respondents)
            }
            Committed::Own { .. } => Some(InstrumentRef::Default),
        },
    };
    let dimension = match (&spec.dimension, instrument) {
        (Some(id), Some(which)) => {
            let on = assessment.instrument(which);
            Some(on.dimensions.iter().position(|d| d.id.as_str() == id).ok_or_else(|| {
                file.error(
                    &format!("{key}.dimension"),
                    format!("unknown dimension `{id}`: instrument `{}` has {}", on.id, {
                        on.dimensions.iter().map(|d| format!("`{}`", d.id)).collect::<Vec<_>>().join(", ")
                    }),
                )
            })?)
        }
        // A strategy's action works on the strategy's first dimension unless the file says.
        (None, Some(which)) => match what {
            Committed::Strategy { page, .. } => {
                let first = handbook.page(page).entry.meta.dimensions.first().copied();
                first.and_then(|first| assessment.instrument(which).dimensions.iter().position(|d| d.concept == first))
            }
            Committed::Own { .. } => None,
        },
        (_, None) => None,
    };
    let measure = instrument.zip(dimension).map(|(instrument, dimension)| Measure { instrument, dimension });
    Ok(Commitment { what, measure, status: spec.status, note: spec.note.clone() })
}

/// A pre-filled plans file for `wave`: every team's planned actions, `status: planned`, to be
/// edited as the work goes on.
pub fn template(wave: &WaveId, handbook: &Handbook, assessment: &Assessment, plans: &[TeamPlan]) -> String {
    let mut out = format!(
        "# What each team committed to after the {wave} survey, and how far it got. Set `status` to\n\
         # planned, doing, done or dropped; add a `note`; add a team's own actions with `text:`\n\
         # (and `dimension:`, with `instrument:` for another instrument's dimension). The next\n\
         # wave's reports open with this.\nwave: {wave}\nteams:\n"
    );
    for plan in plans {
        let team = &assessment.organisation.teams[plan.team];
        if plan.actions.is_empty() {
            continue;
        }
        out.push_str(&format!("  {}:\n", team.id));
        for action in &plan.actions {
            let path = &handbook.page(action.strategy).entry.path;
            let dimension = &assessment.dimension(action.measure).id;
            let instrument = match action.measure.instrument {
                InstrumentRef::Default => String::new(),
                other => format!(", instrument: {}", assessment.instrument(other).id),
            };
            out.push_str(&format!(
                "    - {{strategy: {path}, action: {}, dimension: {dimension}{instrument}, status: planned}}\n",
                action.action + 1
            ));
        }
    }
    out
}
