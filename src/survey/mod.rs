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

use rayon::prelude::*;

pub use date::Date;
pub use ids::{DimensionId, ItemId, TeamId, UnitId, WaveId};
pub use instrument::{Category, Dimension, Instrument, Item, RawAnswer, Scale};
pub use organisation::{Organisation, Team, Unit, Wave};
pub use responses::{Response, ResponseFile};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::SURVEY_DIR;
use crate::source::{Hidden, PathKind, Source};
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
    pub fn load_project(source: &Source) -> Result<Option<Survey>, Diagnostics> {
        match source.kind(SURVEY_DIR) {
            Ok(Some(PathKind::Folder)) => Survey::load(source, SURVEY_DIR).map(Some),
            Ok(_) => Ok(None),
            Err(error) => Err(error.into_diagnostic().into()),
        }
    }

    /// Loads `instrument.yaml`, `organisation.yaml` and `responses/*.yaml` from the folder
    /// `dir` of `source` (a project path; empty for the root).
    pub fn load(source: &Source, dir: &str) -> Result<Survey, Diagnostics> {
        let mut problems = Diagnostics::new();
        let path_of = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
        let read = |name: &str| source.read_text(&path_of(name)).map(YamlFile::new);
        let instrument = read("instrument.yaml").map_err(Diagnostics::from).and_then(|f| Instrument::load(&f));
        let organisation = read("organisation.yaml").map_err(Diagnostics::from).and_then(|f| Organisation::load(&f));
        let (instrument, organisation) = match (instrument, organisation) {
            (Ok(i), Ok(o)) => (i, o),
            (i, o) => {
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
        let files: Vec<Result<ResponseFile, Diagnostics>> = paths
            .par_iter()
            .map(|path| {
                let file = source.read_text(path.as_str()).map(YamlFile::new)?;
                ResponseFile::load(&file, &instrument, &organisation)
            })
            .collect();
        let mut responses = vec![Vec::new(); organisation.waves.len()];
        for file in files {
            match file {
                Ok(file) => responses[file.wave].extend(file.responses),
                Err(found) => problems.extend(found),
            }
        }
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
