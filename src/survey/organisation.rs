//! The organisation (`content/survey/organisation.yaml`): units in a tree, teams in units, and
//! the survey waves with their dates.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::date::Date;
use super::ids::{TeamId, UnitId, WaveId};
use super::recipients::{self, Listed, Recipient, Recipients};
use crate::diagnostics::Diagnostics;
use crate::model::{AttributeValue, StageRef, TrustModel};
use crate::project::Localized;
use crate::yaml::YamlFile;

#[derive(Debug, Clone)]
pub struct Organisation {
    pub name: Localized,
    pub units: Vec<Unit>,
    pub teams: Vec<Team>,
    /// Waves in date order (then id).
    pub waves: Vec<Wave>,
    unit_index: HashMap<UnitId, usize>,
    team_index: HashMap<TeamId, usize>,
    wave_index: HashMap<WaveId, usize>,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: UnitId,
    pub name: Localized,
    /// Index of the parent unit; `None` for a top-level unit.
    pub parent: Option<usize>,
    /// Direct sub-units and teams, in file order.
    pub units: Vec<usize>,
    pub teams: Vec<usize>,
    /// The unit's head, by name, for the pages that say who may read its pack.
    pub leader: Option<Localized>,
    /// Who receives the unit's pack.
    pub recipients: Recipients,
}

#[derive(Debug, Clone)]
pub struct Team {
    pub id: TeamId,
    pub name: Localized,
    pub unit: usize,
    /// People in the team, for response rates.
    pub headcount: Option<u32>,
    /// Facts about the team, as the model's attributes allow (`function: sales`).
    pub attributes: Vec<AttributeValue>,
    /// When the team was formed, and when its leader took over, when known.
    pub formed: Option<Date>,
    pub leader_since: Option<Date>,
    /// The stage of the model the team is at, when someone who knows it says so.
    pub stage: Option<StageRef>,
    /// The team's leader, by name: the report says they may read it.
    pub leader: Option<Localized>,
    /// Who receives the team's report.
    pub recipients: Recipients,
}

#[derive(Debug, Clone)]
pub struct Wave {
    pub id: WaveId,
    /// When the survey opened: it orders waves and dates the reports.
    pub date: Date,
    /// When it closed, when given.
    pub closes: Option<Date>,
    pub name: Option<Localized>,
}

impl Organisation {
    pub fn unit_index(&self, id: &UnitId) -> Option<usize> {
        self.unit_index.get(id).copied()
    }

    pub fn team_index(&self, id: &TeamId) -> Option<usize> {
        self.team_index.get(id).copied()
    }

    pub fn wave_index(&self, id: &WaveId) -> Option<usize> {
        self.wave_index.get(id).copied()
    }

    /// Top-level units, in file order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.units.len()).filter(|u| self.units[*u].parent.is_none())
    }

    /// The units from the top down to (and including) `unit`.
    pub fn unit_path(&self, unit: usize) -> Vec<usize> {
        let mut path = vec![unit];
        while let Some(parent) = self.units[*path.last().unwrap_or(&unit)].parent {
            path.push(parent);
        }
        path.reverse();
        path
    }

    /// Every team in `unit` or below it.
    pub fn teams_below(&self, unit: usize) -> Vec<usize> {
        let mut teams = self.units[unit].teams.clone();
        for sub in &self.units[unit].units {
            teams.extend(self.teams_below(*sub));
        }
        teams
    }

    /// Reads and checks `organisation.yaml`; team attributes and stages must be `model`'s.
    /// All problems are returned together.
    pub fn load(file: &YamlFile, model: &TrustModel) -> Result<Organisation, Diagnostics> {
        let spec: OrganisationFile = file.parse()?;
        let mut problems = Diagnostics::new();

        let mut unit_index = HashMap::new();
        for (i, unit) in spec.units.iter().enumerate() {
            if unit_index.contains_key(&unit.id) {
                problems.push(file.error(&format!("units[{i}].id"), format!("duplicate unit id `{}`", unit.id)));
            } else {
                unit_index.insert(unit.id.clone(), i);
            }
        }
        let mut units: Vec<Unit> = spec
            .units
            .iter()
            .map(|u| Unit {
                id: u.id.clone(),
                name: u.name.clone(),
                parent: None,
                units: Vec::new(),
                teams: Vec::new(),
                leader: u.leader.clone(),
                recipients: Recipients::from_spec(u.recipients.clone()),
            })
            .collect();
        for (i, unit) in spec.units.iter().enumerate() {
            let Some(parent_id) = &unit.parent else {
                continue;
            };
            match unit_index.get(parent_id) {
                Some(&parent) => units[i].parent = Some(parent),
                None => problems.push(file.error(
                    &format!("units[{i}].parent"),
                    format!(
                        "unknown parent unit `{parent_id}`{}",
                        suggest(parent_id.as_str(), spec.units.iter().map(|u| u.id.as_str()))
                    ),
                )),
            }
        }
        // A cycle would make every roll-up loop forever: find each one and report it once.
        let mut in_cycle = vec![false; units.len()];
        for start in 0..units.len() {
            let mut seen = vec![start];
            let mut current = units[start].parent;
            while let Some(unit) = current {
                if unit == start {
                    if !in_cycle[start] {
                        let names: Vec<&str> = seen.iter().map(|u| units[*u].id.as_str()).collect();
                        problems.push(file.error(
                            &format!("units[{start}].parent"),
                            format!("the unit tree has a cycle: {} → {}", names.join(" → "), units[start].id),
                        ));
                        seen.iter().for_each(|u| in_cycle[*u] = true);
                    }
                    break;
                }
                if seen.contains(&unit) {
                    break; // a cycle further up, reported from its own members
                }
                seen.push(unit);
                current = units[unit].parent;
            }
        }
        if in_cycle.iter().any(|c| *c) {
            for (i, unit) in units.iter_mut().enumerate() {
                if in_cycle[i] {
                    unit.parent = None;
                }
            }
        }
        for i in 0..units.len() {
            if let Some(parent) = units[i].parent {
                units[parent].units.push(i);
            }
        }

        let mut teams = Vec::new();
        let mut team_index = HashMap::new();
        for (i, team) in spec.teams.iter().enumerate() {
            if team_index.contains_key(&team.id) {
                problems.push(file.error(&format!("teams[{i}].id"), format!("duplicate team id `{}`", team.id)));
                continue;
            }
            let Some(&unit) = unit_index.get(&team.unit) else {
                problems.push(file.error(
                    &format!("teams[{i}].unit"),
                    format!(
                        "team `{}` is in unknown unit `{}`{}",
                        team.id,
                        team.unit,
                        suggest(team.unit.as_str(), spec.units.iter().map(|u| u.id.as_str()))
                    ),
                ));
                continue;
            };
            if team.headcount == Some(0) {
                problems.push(file.error(
                    &format!("teams[{i}].headcount"),
                    "headcount must be at least 1 (leave it out when unknown)",
                ));
            }
            let mut attributes = Vec::new();
            for (attribute, value) in &team.attributes {
                match model.attribute_value(attribute, value) {
                    Ok(found) => attributes.push(found),
                    Err(message) => problems.push(file.error(&format!("teams[{i}].attributes.{attribute}"), message)),
                }
            }
            let stage = team.stage.as_deref().and_then(|id| {
                model.stage(id).map_err(|message| problems.push(file.error(&format!("teams[{i}].stage"), message))).ok()
            });
            team_index.insert(team.id.clone(), teams.len());
            units[unit].teams.push(teams.len());
            teams.push(Team {
                id: team.id.clone(),
                name: team.name.clone(),
                unit,
                headcount: team.headcount,
                attributes,
                formed: team.formed,
                leader_since: team.leader_since,
                stage,
                leader: team.leader.clone(),
                recipients: Recipients::from_spec(team.recipients.clone()),
            });
        }

        let mut waves = Vec::new();
        let mut wave_ids = HashMap::new();
        for (i, wave) in spec.waves.iter().enumerate() {
            if wave_ids.insert(wave.id.clone(), i).is_some() {
                problems.push(file.error(&format!("waves[{i}].id"), format!("duplicate wave id `{}`", wave.id)));
                continue;
            }
            if let (Some(opens), Some(closes)) = (wave.date, wave.closes)
                && closes < opens
            {
                problems.push(file.error(
                    &format!("waves[{i}].closes"),
                    format!("wave `{}` closes on {closes}, before it opens on {opens}", wave.id),
                ));
            }
            match wave.date {
                Some(date) => {
                    waves.push(Wave { id: wave.id.clone(), date, closes: wave.closes, name: wave.name.clone() })
                }
                None => problems.push(file.error(
                    &format!("waves[{i}]"),
                    format!(
                        "wave `{}` has no date: add `date: YYYY-MM-DD` (it orders waves and dates the reports)",
                        wave.id
                    ),
                )),
            }
        }
        waves.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        check_recipients(file, &units, &teams, &mut problems);
        let wave_index = waves.iter().enumerate().map(|(i, w)| (w.id.clone(), i)).collect();
        problems.into_result(Organisation { name: spec.name, units, teams, waves, unit_index, team_index, wave_index })
    }
}

/// The recipients' checks, once any team or unit names one: see [`recipients`].
fn check_recipients(file: &YamlFile, units: &[Unit], teams: &[Team], problems: &mut Diagnostics) {
    let mut lists: Vec<Listed<'_>> = units
        .iter()
        .enumerate()
        .map(|(i, u)| Listed { key: format!("units[{i}].recipients"), recipients: &u.recipients })
        .collect();
    lists.extend(
        teams
            .iter()
            .enumerate()
            .map(|(i, t)| Listed { key: format!("teams[{i}].recipients"), recipients: &t.recipients }),
    );
    if lists.iter().all(|list| list.recipients == &Recipients::Unstated) {
        return;
    }
    let unit_reaches = |mut unit: Option<usize>| {
        while let Some(u) = unit {
            if !units[u].recipients.named().is_empty() {
                return true;
            }
            unit = units[u].parent;
        }
        false
    };
    let unreached = teams
        .iter()
        .enumerate()
        .filter(|(_, team)| team.recipients == Recipients::Unstated && !unit_reaches(Some(team.unit)));
    let unreached = unreached.map(|(i, team)| (team.id.to_string(), format!("teams[{i}]")));
    recipients::check(file, &lists, unreached, problems);
}

/// ` (did you mean `x`?)` when a known id is close to the unknown one.
pub(super) fn suggest<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    crate::diagnostics::closest(word, known).map_or(String::new(), |id| format!(" (did you mean `{id}`?)"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationFile {
    name: Localized,
    #[serde(default)]
    units: Vec<UnitSpec>,
    #[serde(default)]
    teams: Vec<TeamSpec>,
    #[serde(default)]
    waves: Vec<WaveSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitSpec {
    id: UnitId,
    parent: Option<UnitId>,
    name: Localized,
    leader: Option<Localized>,
    recipients: Option<Vec<Recipient>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamSpec {
    id: TeamId,
    unit: UnitId,
    name: Localized,
    headcount: Option<u32>,
    #[serde(default, deserialize_with = "crate::yaml::unique")]
    attributes: BTreeMap<String, String>,
    formed: Option<Date>,
    leader_since: Option<Date>,
    stage: Option<String>,
    leader: Option<Localized>,
    recipients: Option<Vec<Recipient>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaveSpec {
    id: WaveId,
    date: Option<Date>,
    closes: Option<Date>,
    name: Option<Localized>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceText;

    fn load(text: &str) -> Result<Organisation, Diagnostics> {
        Organisation::load(
            &YamlFile::new(SourceText::new("organisation.yaml", text)),
            &crate::model::TrustModel::default(),
        )
    }

    #[test]
    fn tree_and_waves_are_resolved() {
        let org = load("name: X\nunits:\n  - {id: a, name: A}\n  - {id: b, parent: a, name: B}\nteams:\n  - {id: t1, unit: b, name: T, headcount: 9}\n  - {id: t2, unit: a, name: U}\nwaves:\n  - {id: w2, date: 2026-09-15}\n  - {id: w1, date: 2026-03-15}\n").unwrap();
        assert_eq!(org.units[1].parent, Some(0));
        assert_eq!(org.teams_below(0), vec![1, 0]);
        assert_eq!(org.unit_path(1), vec![0, 1]);
        let waves: Vec<&str> = org.waves.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(waves, ["w1", "w2"]);
    }

    #[test]
    fn every_structural_mistake_is_reported_with_its_line() {
        let text = "name: X\nunits:\n  - {id: a, parent: c, name: A}\n  - {id: b, parent: a, name: B}\n  - {id: c, parent: b, name: C}\n  - {id: a, name: dup}\nteams:\n  - {id: t1, unit: nowhere, name: T}\nwaves:\n  - {id: w1}\n";
        let errors = load(text).unwrap_err();
        let found: Vec<(String, usize)> =
            errors.iter().map(|d| (d.key.clone().unwrap_or_default(), d.line_column().map_or(0, |p| p.0))).collect();
        assert!(found.contains(&("units[3].id".into(), 6)), "{found:?}");
        assert!(found.contains(&("units[0].parent".into(), 3)), "{found:?}");
        assert!(found.contains(&("teams[0].unit".into(), 8)), "{found:?}");
        assert!(found.contains(&("waves[0]".into(), 10)), "{found:?}");
        assert!(
            errors.iter().any(|d| d.message.contains("cycle: a → c → b → a") || d.message.contains("cycle")),
            "{errors}"
        );
        assert_eq!(errors.iter().filter(|d| d.message.contains("cycle")).count(), 1);
    }
}
