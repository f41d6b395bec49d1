//! Assessment data: the instrument, the organisation and the anonymous responses.
//!
//! After `project`, beside `content`. It reads `content/survey/` (through the source stage),
//! checks every id, answer and reference, and reports all mistakes together with file, line,
//! column and key path. It
//! computes no statistics (that is `scoring`) and never lets individual responses leave the
//! stages that need them.

pub mod date;
pub mod ids;
pub mod instrument;
pub mod organisation;
pub mod responses;
mod stream;

use rayon::prelude::*;

pub use date::Date;
pub use ids::{DimensionId, ItemId, TeamId, UnitId, WaveId};
pub use instrument::{Category, Dimension, Instrument, Item, RawAnswer, Scale};
pub use organisation::{Organisation, Team, Unit, Wave};
pub use responses::{Response, ResponseFile};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::TrustModel;
use crate::project::SURVEY_DIR;
use crate::source::{ContentHash, Hidden, PathKind, ProjectPath, Source};
use crate::yaml::YamlFile;

/// Everything read from `content/survey/`.
#[derive(Debug, Clone)]
pub struct Survey {
    pub instrument: Instrument,
    pub organisation: Organisation,
    /// Responses per wave, parallel to `organisation.waves`.
    pub responses: Vec<Vec<Response>>,
}

/// Counts for `trustbook check` and build summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveySummary {
    pub dimensions: usize,
    pub items: usize,
    pub units: usize,
    pub teams: usize,
    pub waves: usize,
    pub responses: usize,
}

impl Survey {
    pub fn summary(&self) -> SurveySummary {
        SurveySummary {
            dimensions: self.instrument.dimensions.len(),
            items: self.instrument.items.len(),
            units: self.organisation.units.len(),
            teams: self.organisation.teams.len(),
            waves: self.organisation.waves.len(),
            responses: self.responses.iter().map(Vec::len).sum(),
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

    /// Loads `instrument.yaml`, `organisation.yaml` and `responses/*.yaml` from the folder
    /// `dir` of `source` (a project path; empty for the root); the instrument's dimensions
    /// must be `model`'s.
    pub fn load(source: &Source, dir: &str, model: &TrustModel) -> Result<Survey, Diagnostics> {
        let mut problems = Diagnostics::new();
        let path_of = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
        let read = |name: &str| source.read_text(&path_of(name)).map(YamlFile::new);
        let instrument = read("instrument.yaml").map_err(Diagnostics::from).and_then(|f| Instrument::load(&f, model));
        let organisation_file = read("organisation.yaml").map_err(Diagnostics::from);
        let organisation = organisation_file.as_ref().map_err(Clone::clone).and_then(|f| Organisation::load(f, model));
        let (instrument, organisation, organisation_file) = match (instrument, organisation, organisation_file) {
            (Ok(i), Ok(o), Ok(file)) => (i, o, file),
            (i, o, _) => {
                problems.extend(i.err().unwrap_or_default());
                problems.extend(o.err().unwrap_or_default());
                return Err(problems);
            }
        };

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
                Ok((ResponseFile::load(&file, &instrument, &organisation)?, hash, path.clone()))
            })
            .collect();
        let mut responses = vec![Vec::new(); organisation.waves.len()];
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
                    responses[file.wave].extend(file.responses);
                }
                Err(found) => problems.extend(found),
            }
        }
        problems.extend(more_respondents_than_headcount(&organisation, &organisation_file, &responses));
        if paths.is_empty() {
            problems.push(
                Diagnostic::error("no response files: put one YAML file per wave in content/survey/responses/")
                    .in_file(responses_dir),
            );
        }
        problems.sort();
        problems.into_result(Survey { instrument, organisation, responses })
    }
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
