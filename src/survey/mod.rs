//! Assessment data: the instruments, the organisation and the anonymous responses.
//!
//! After `project`, beside `content`. It reads `content/survey/` (through the source stage),
//! checks every id, answer and reference, and reports all mistakes together with file, line,
//! column and key path. It
//! computes no statistics (that is `scoring`) and never lets individual responses leave the
//! stages that need them.

mod answer;
pub mod benchmark;
pub mod date;
pub mod ids;
pub mod instrument;
pub mod organisation;
pub mod recipients;
pub mod responses;
mod scale;
mod stream;

use rayon::prelude::*;

pub use crate::model::Respondents;
pub use answer::RawAnswer;
pub use benchmark::{Benchmark, Reference};
pub use date::Date;
pub use ids::{DimensionId, ItemId, TeamId, UnitId, WaveId};
pub use instrument::{Dimension, Instrument, InstrumentRole, Item, Measures, Outcome, Provenance, RatedSince};
pub use organisation::{Organisation, Team, Unit, Wave};
pub use responses::{Comment, Response, ResponseFile};
pub use scale::{Category, Scale};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::TrustModel;
use crate::project::SURVEY_DIR;
use crate::source::{ContentHash, Hidden, PathKind, ProjectPath, Source};
use crate::yaml::YamlFile;

/// Everything read from `content/survey/`.
#[derive(Debug, Clone)]
pub struct Survey {
    /// The default instrument (`instrument.yaml`), answered by every team's members.
    pub instrument: Instrument,
    pub organisation: Organisation,
    /// Responses to the default instrument per wave, parallel to `organisation.waves`.
    pub responses: Vec<Vec<Response>>,
    /// Further instruments (`instruments/<id>.yaml`), in id order, each with its responses.
    pub further: Vec<FurtherSurvey>,
    /// The external benchmark the project selects for the default instrument, if any
    /// ([`Benchmark::load_selected`]; [`Survey::load`] leaves it out).
    pub benchmark: Option<Benchmark>,
}

/// A further instrument and its responses per wave (parallel to `organisation.waves`; a wave
/// it was not used in has none).
#[derive(Debug, Clone)]
pub struct FurtherSurvey {
    pub instrument: Instrument,
    pub responses: Vec<Vec<Response>>,
}

/// Where further instruments live, below the survey folder.
pub const INSTRUMENTS_DIR: &str = "instruments";

/// Counts for `trustbook check` and build summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveySummary {
    /// The default instrument first.
    pub instruments: Vec<InstrumentSummary>,
    pub units: usize,
    pub teams: usize,
    pub waves: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstrumentSummary {
    pub id: String,
    pub respondents: Respondents,
    pub dimensions: usize,
    /// The dimensions' items.
    pub items: usize,
    pub outcomes: usize,
    /// Over all waves.
    pub responses: usize,
}

impl SurveySummary {
    /// "team-trust: 3 dimensions, 18 items and 2 outcome items, 258 responses; customer-trust (customers): …"
    pub fn instruments_line(&self) -> String {
        let parts: Vec<String> = self
            .instruments
            .iter()
            .map(|i| {
                let who = if i.respondents == Respondents::Members {
                    String::new()
                } else {
                    format!(" ({})", i.respondents.as_str())
                };
                let outcomes = match i.outcomes {
                    0 => String::new(),
                    1 => " and 1 outcome item".to_string(),
                    n => format!(" and {n} outcome items"),
                };
                format!(
                    "{}{who}: {} dimensions, {} items{outcomes}, {} responses",
                    i.id, i.dimensions, i.items, i.responses
                )
            })
            .collect();
        parts.join("; ")
    }
}

impl Survey {
    pub fn summary(&self) -> SurveySummary {
        let of = |instrument: &Instrument, responses: &[Vec<Response>]| InstrumentSummary {
            id: instrument.id.clone(),
            respondents: instrument.respondents,
            dimensions: instrument.dimensions.len(),
            items: instrument.items.len() - instrument.outcomes.len(),
            outcomes: instrument.outcomes.len(),
            responses: responses.iter().map(Vec::len).sum(),
        };
        let mut instruments = vec![of(&self.instrument, &self.responses)];
        instruments.extend(self.further.iter().map(|f| of(&f.instrument, &f.responses)));
        SurveySummary {
            instruments,
            units: self.organisation.units.len(),
            teams: self.organisation.teams.len(),
            waves: self.organisation.waves.len(),
        }
    }

    /// Loads `content/survey/` of a project; `Ok(None)` when the project has none (a
    /// handbook-only project).
    pub fn load_project(source: &Source, model: &TrustModel) -> Result<Option<Survey>, Diagnostics> {
        match source.kind(SURVEY_DIR) {
            Ok(Some(PathKind::Folder)) => Survey::load(source, SURVEY_DIR, model).map(Some),
            Ok(_) => Ok(None),
            Err(error) => Err(error.into_diagnostic().into()),
        }
    }

    /// Loads `instrument.yaml`, `instruments/*.yaml`, `organisation.yaml` and
    /// `responses/*.yaml` from the folder `dir` of `source` (a project path; empty for the
    /// root); the instruments' dimensions must be `model`'s.
    pub fn load(source: &Source, dir: &str, model: &TrustModel) -> Result<Survey, Diagnostics> {
        let mut problems = Diagnostics::new();
        let path_of = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
        let read = |name: &str| source.read_text(&path_of(name)).map(YamlFile::new);
        let instrument = read("instrument.yaml").map_err(Diagnostics::from).and_then(|f| Instrument::load(&f, model));
        let organisation_file = read("organisation.yaml").map_err(Diagnostics::from);
        let organisation = organisation_file.as_ref().map_err(Clone::clone).and_then(|f| Organisation::load(f, model));
        let further = further_instruments(source, &path_of(INSTRUMENTS_DIR), model);
        let (instrument, further, organisation, organisation_file) =
            match (instrument, further, organisation, organisation_file) {
                (Ok(i), Ok(f), Ok(o), Ok(file)) => (i, f, o, file),
                (i, f, o, _) => {
                    problems.extend(i.err().unwrap_or_default());
                    problems.extend(f.err().unwrap_or_default());
                    problems.extend(o.err().unwrap_or_default());
                    return Err(problems);
                }
            };
        let mut instruments = vec![instrument];
        for (file, found) in further {
            if instruments[1..].iter().any(|i| i.id == found.id) {
                problems.push(file.error(
                    "id",
                    format!("instrument `{}` is defined twice (as .yaml and .yml): keep one file", found.id),
                ));
            } else if instruments[0].id == found.id {
                problems.push(file.error(
                    "id",
                    format!(
                        "instrument id `{}` is the default instrument's (content/survey/instrument.yaml): give each instrument its own id",
                        found.id
                    ),
                ));
            }
            instruments.push(found);
        }

        let responses_dir = path_of("responses");
        let (found, errors) = source.files_in(&responses_dir, Hidden::Skip);
        problems.extend(errors.into_iter().map(|error| error.into_diagnostic()));
        let paths: Vec<_> =
            found.into_iter().filter(|p| p.as_str().ends_with(".yaml") || p.as_str().ends_with(".yml")).collect();
        let files: Vec<Result<(ResponseFile, ContentHash, ProjectPath), Diagnostics>> = paths
            .par_iter()
            .map(|path| {
                let read = source.read(path.as_str()).map_err(|e| Diagnostics::from(e.into_diagnostic()))?;
                let hash = read.hash;
                let file = YamlFile::new(read.into_text()?);
                Ok((ResponseFile::load(&file, &instruments, &organisation)?, hash, path.clone()))
            })
            .collect();
        let mut responses = vec![vec![Vec::new(); organisation.waves.len()]; instruments.len()];
        let mut seen: Vec<(ContentHash, ProjectPath)> = Vec::new();
        for file in files {
            match file {
                Ok((file, hash, path)) => {
                    // The same answers twice would count everyone twice.
                    if let Some((_, first)) = seen.iter().find(|(h, _)| *h == hash) {
                        problems.push(
                            Diagnostic::error(format!(
                                "this file is a copy of {first}: its responses would count twice"
                            ))
                            .in_file(path.to_string())
                            .with_note("remove one of the two files"),
                        );
                        continue;
                    }
                    seen.push((hash, path));
                    responses[file.instrument][file.wave].extend(file.responses);
                }
                Err(found) => problems.extend(found),
            }
        }
        // Members are counted by the headcount; customers are not.
        for (instrument, answers) in instruments.iter().zip(&responses) {
            if instrument.respondents == Respondents::Members {
                problems.extend(more_respondents_than_headcount(&organisation, &organisation_file, answers));
            }
        }
        if paths.is_empty() {
            problems.push(
                Diagnostic::error("no response files: put one YAML file per wave in content/survey/responses/")
                    .in_file(responses_dir),
            );
        }
        problems.sort();
        let mut responses = responses.into_iter();
        let mut instruments = instruments.into_iter();
        let (Some(instrument), Some(default_responses)) = (instruments.next(), responses.next()) else {
            unreachable!("the default instrument is always first")
        };
        let further =
            instruments.zip(responses).map(|(instrument, responses)| FurtherSurvey { instrument, responses }).collect();
        problems.into_result(Survey {
            instrument,
            organisation,
            responses: default_responses,
            further,
            benchmark: None,
        })
    }
}

/// The further instruments in `dir` (`instruments/<id>.yaml`), in file order, each with the
/// file it came from; none when the folder does not exist. The file is named after the id.
fn further_instruments(
    source: &Source,
    dir: &str,
    model: &TrustModel,
) -> Result<Vec<(YamlFile, Instrument)>, Diagnostics> {
    let mut problems = Diagnostics::new();
    match source.kind(dir) {
        Ok(Some(PathKind::Folder)) => {}
        Ok(_) => return Ok(Vec::new()),
        Err(error) => return Err(error.into_diagnostic().into()),
    }
    let (found, errors) = source.files_in(dir, Hidden::Skip);
    problems.extend(errors.into_iter().map(|error| error.into_diagnostic()));
    let mut instruments = Vec::new();
    for path in found {
        let Some(stem) = path.as_str().strip_suffix(".yaml").or_else(|| path.as_str().strip_suffix(".yml")) else {
            continue;
        };
        let stem = stem.rsplit('/').next().unwrap_or(stem).to_string();
        let file = match source.read_text(path.as_str()) {
            Ok(text) => YamlFile::new(text),
            Err(error) => {
                problems.push(error);
                continue;
            }
        };
        match Instrument::load_as(&file, model, InstrumentRole::Further) {
            Ok(instrument) if instrument.id != stem => problems.push(file.error(
                "id",
                format!(
                    "instrument `{}` is in {stem}.yaml: name the file after the id ({}.yaml)",
                    instrument.id, instrument.id
                ),
            )),
            Ok(instrument) => instruments.push((file, instrument)),
            Err(found) => problems.extend(found),
        }
    }
    problems.into_result(instruments)
}

/// A team with more respondents in a wave than its headcount: the response rate would read
/// over 100 %, and either the headcount or the data is wrong.
fn more_respondents_than_headcount(
    organisation: &Organisation,
    file: &YamlFile,
    responses: &[Vec<Response>],
) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for (wave, answers) in responses.iter().enumerate() {
        let mut counts = vec![0u32; organisation.teams.len()];
        for response in answers {
            counts[response.team] += 1;
        }
        for (index, (team, count)) in organisation.teams.iter().zip(counts).enumerate() {
            if let Some(headcount) = team.headcount.filter(|h| count > *h) {
                let wave_id = &organisation.waves[wave].id;
                problems.push(file.error(
                    &format!("teams[{index}].headcount"),
                    format!(
                        "team `{}` has {count} responses in wave `{wave_id}` but a headcount of {headcount}: correct the headcount or the responses",
                        team.id
                    ),
                ));
            }
        }
    }
    problems
}
