//! Response files (`content/survey/responses/*.yaml`): anonymous answers for one wave and one
//! instrument (`instrument: <id>`; the default instrument when absent), in the readable form
//! (one mapping per respondent) or the compact form (an item list and one row of answers per
//! respondent, grouped by team), as large exports prefer.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::answer::RawAnswer;
use super::ids::{ItemId, TeamId, WaveId};
use super::instrument::Instrument;
use super::organisation::{Organisation, suggest};
use crate::diagnostics::Diagnostics;
use crate::project::Lang;
use crate::yaml::YamlFile;

/// One respondent's answers, checked against the instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Index into [`Organisation::teams`].
    pub team: usize,
    /// The answer to every item of the instrument, in its order, as given (not reverse coded);
    /// `None` when not answered.
    pub answers: Vec<Option<i64>>,
    pub comment: Option<Comment>,
}

/// A respondent's free-text comment, with the language it is written in when the file says
/// (`comment_lang: en`); without it, the project's default language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Comment {
    pub text: String,
    pub lang: Option<Lang>,
}

/// The responses of one file, for the wave and instrument it names.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseFile {
    /// Index into [`Organisation::waves`].
    pub wave: usize,
    /// Index into the instruments the file was read against (0: the default one).
    pub instrument: usize,
    pub responses: Vec<Response>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    wave: WaveId,
    instrument: Option<String>,
    responses: Option<Vec<ResponseSpec>>,
    items: Option<Vec<ItemId>>,
    #[serde(default, deserialize_with = "crate::yaml::unique_opt")]
    teams: Option<BTreeMap<TeamId, Vec<Vec<RawAnswer>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseSpec {
    team: TeamId,
    #[serde(default, deserialize_with = "crate::yaml::unique")]
    answers: BTreeMap<ItemId, RawAnswer>,
    comment: Option<String>,
    /// The language the comment is written in (`en`); default: the project's default language.
    comment_lang: Option<Lang>,
}

impl ResponseFile {
    /// Reads one response file against the project's instruments (the default one first). All
    /// problems are returned together, each at its line and key.
    pub fn load(
        file: &YamlFile,
        instruments: &[Instrument],
        organisation: &Organisation,
    ) -> Result<ResponseFile, Diagnostics> {
        // A plainly valid file streams through without its YAML tree; anything else is read in
        // full, so every problem is found and placed.
        if let Some(streamed) = Self::streamed(file, instruments, organisation) {
            return Ok(streamed);
        }
        Self::load_in_full(file, instruments, organisation)
    }

    /// The streaming reader alone: `None` unless the file is plainly valid (see [`super::stream`]).
    pub fn streamed(file: &YamlFile, instruments: &[Instrument], organisation: &Organisation) -> Option<ResponseFile> {
        super::stream::read(&file.source.text, instruments, organisation)
    }

    /// The full loader: the whole file as YAML, then every check, each problem at its line.
    pub fn load_in_full(
        file: &YamlFile,
        instruments: &[Instrument],
        organisation: &Organisation,
    ) -> Result<ResponseFile, Diagnostics> {
        let spec: Spec = file.parse()?;
        let mut problems = Diagnostics::new();
        let instrument = match &spec.instrument {
            None => Some(0),
            Some(id) => {
                let found = instruments.iter().position(|i| i.id == *id);
                if found.is_none() {
                    let known = instruments.iter().map(|i| i.id.as_str());
                    problems.push(file.error(
                        "instrument",
                        format!(
                            "unknown instrument `{id}`{}: the default one is content/survey/instrument.yaml, further ones are content/survey/instruments/<id>.yaml",
                            suggest(id, known)
                        ),
                    ));
                }
                found
            }
        };
        let Some(instrument_index) = instrument else { return Err(problems) };
        let instrument = &instruments[instrument_index];
        let wave = organisation.wave_index(&spec.wave);
        if wave.is_none() {
            let known = organisation.waves.iter().map(|w| w.id.as_str());
            problems.push(file.error(
                "wave",
                format!(
                    "responses for undeclared wave `{}`: declare it under `waves` in organisation.yaml{}",
                    spec.wave,
                    suggest(spec.wave.as_str(), known)
                ),
            ));
        }
        let mut reader = Reader { file, instrument, organisation, problems: &mut problems, responses: Vec::new() };
        match (&spec.responses, &spec.items, &spec.teams) {
            (Some(responses), None, None) => reader.readable(responses),
            (None, Some(items), Some(teams)) => reader.compact(items, teams),
            (None, None, None) => reader.problems.push(file.error(
                "",
                "no responses: expected `responses:` (one entry per respondent) or `items:` with `teams:` (the compact form)",
            )),
            (Some(_), _, _) => reader.problems.push(file.error("responses", "use either `responses:` or `items:` with `teams:`, not both")),
            (None, Some(_), None) => reader.problems.push(file.error("items", "`items:` needs `teams:` with one row of answers per respondent")),
            (None, None, Some(_)) => reader.problems.push(file.error("teams", "`teams:` needs `items:` naming the item of each column")),
        }
        let responses = reader.responses;
        match wave {
            Some(wave) if !problems.has_errors() => Ok(ResponseFile { wave, instrument: instrument_index, responses }),
            _ => Err(problems),
        }
    }
}

struct Reader<'a> {
    file: &'a YamlFile,
    instrument: &'a Instrument,
    organisation: &'a Organisation,
    problems: &'a mut Diagnostics,
    responses: Vec<Response>,
}

impl Reader<'_> {
    /// The team named at `key`; `as_key` when the id is a mapping key (the compact form).
    fn team(&mut self, id: &TeamId, key: &str, as_key: bool) -> Option<usize> {
        let team = self.organisation.team_index(id);
        let message = match team {
            None => {
                let known = self.organisation.teams.iter().map(|t| t.id.as_str());
                format!("unknown team `{id}`{}", suggest(id.as_str(), known))
            }
            Some(t) if !self.instrument.applies_to_team(&self.organisation.teams[t]) => format!(
                "team `{id}` is not one instrument `{}` is for: its `applies_to` does not hold for the team's attributes in organisation.yaml",
                self.instrument.id
            ),
            Some(_) => return team,
        };
        let error = if as_key { self.file.key_error(key, message) } else { self.file.error(key, message) };
        self.problems.push(error);
        None
    }

    /// The item named at `key`; `as_key` when the id is a mapping key (`answers: {AB1: 4}`).
    fn item(&mut self, id: &ItemId, key: &str, as_key: bool) -> Option<usize> {
        let item = self.instrument.item_index(id);
        if item.is_none() {
            let known = self.instrument.items.iter().map(|i| i.id.as_str());
            let message = format!("unknown item `{id}`{}", suggest(id.as_str(), known));
            let error = if as_key { self.file.key_error(key, message) } else { self.file.error(key, message) };
            self.problems.push(error);
        }
        item
    }

    fn answer(&mut self, item: usize, raw: &RawAnswer, key: &str) -> Option<i64> {
        let scale = &self.instrument.scale_of(item);
        match scale.read(raw) {
            Ok(value) => value,
            Err(message) => {
                let id = &self.instrument.items[item].id;
                self.problems.push(self.file.error(key, format!("item {id}: {message}")));
                None
            }
        }
    }

    fn readable(&mut self, responses: &[ResponseSpec]) {
        for (r, response) in responses.iter().enumerate() {
            let team = self.team(&response.team, &format!("responses[{r}].team"), false);
            let mut answers = vec![None; self.instrument.items.len()];
            for (id, raw) in &response.answers {
                let key = format!("responses[{r}].answers.{id}");
                if let Some(item) = self.item(id, &key, true) {
                    answers[item] = self.answer(item, raw, &key);
                }
            }
            let comment = response
                .comment
                .as_ref()
                .map(|c| crate::text::without_bidi_controls(c.trim()).into_owned())
                .filter(|c| !c.is_empty())
                .map(|text| Comment { text, lang: response.comment_lang.clone() });
            if response.comment_lang.is_some() && comment.is_none() {
                self.problems.push(self.file.error(
                    &format!("responses[{r}].comment_lang"),
                    "`comment_lang` names the language of a comment, and this respondent left none",
                ));
            }
            if let Some(team) = team {
                self.responses.push(Response { team, answers, comment });
            }
        }
    }

    fn compact(&mut self, items: &[ItemId], teams: &BTreeMap<TeamId, Vec<Vec<RawAnswer>>>) {
        let mut columns = Vec::new();
        for (c, id) in items.iter().enumerate() {
            let item = self.item(id, &format!("items[{c}]"), false);
            if item.is_some() && columns.contains(&item) {
                self.problems.push(self.file.error(&format!("items[{c}]"), format!("item `{id}` is listed twice")));
            }
            columns.push(item);
        }
        for (team_id, rows) in teams {
            let team = self.team(team_id, &format!("teams.{team_id}"), true);
            for (r, row) in rows.iter().enumerate() {
                let key = format!("teams.{team_id}[{r}]");
                if row.len() != columns.len() {
                    self.problems.push(self.file.error(
                        &key,
                        format!("this row has {} answers but `items:` names {} items", row.len(), columns.len()),
                    ));
                    continue;
                }
                let mut answers = vec![None; self.instrument.items.len()];
                for (c, raw) in row.iter().enumerate() {
                    if let Some(item) = columns[c] {
                        answers[item] = self.answer(item, raw, &format!("{key}[{c}]"));
                    }
                }
                if let Some(team) = team {
                    self.responses.push(Response { team, answers, comment: None });
                }
            }
        }
    }
}
