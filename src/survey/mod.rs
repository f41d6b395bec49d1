//! Assessment data: the instrument, the organisation and the anonymous responses.
//!
//! Third stage of the pipeline. It reads `content/survey/`, checks every id, answer and
//! reference, and reports all mistakes together with file, line, column and key path. It
//! computes no statistics (that is `scoring`) and never lets individual responses leave the
//! stages that need them.

pub mod date;
pub mod ids;
pub mod instrument;
pub mod organisation;
pub mod responses;

use std::path::Path;

use rayon::prelude::*;

pub use date::Date;
pub use ids::{DimensionId, ItemId, TeamId, UnitId, WaveId};
pub use instrument::{Category, Dimension, Instrument, Item, RawAnswer, Scale};
pub use organisation::{Organisation, Team, Unit, Wave};
pub use responses::{Response, ResponseFile};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::Project;
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

    /// Loads the survey folder of a project; `Ok(None)` when the project has none (a
    /// handbook-only project).
    pub fn load_project(project: &Project) -> Result<Option<Survey>, Diagnostics> {
        let dir = project.content_dir().join("survey");
        if !dir.is_dir() {
            return Ok(None);
        }
        Survey::load(&dir, &|path| project.display_path(path)).map(Some)
    }

    /// Loads `instrument.yaml`, `organisation.yaml` and `responses/*.yaml` from `dir`;
    /// `display` turns paths into the names shown in messages.
    pub fn load(dir: &Path, display: &(dyn Fn(&Path) -> String + Sync)) -> Result<Survey, Diagnostics> {
        let mut problems = Diagnostics::new();
        let read = |name: &str| YamlFile::read(&dir.join(name), display(&dir.join(name)));
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

        let responses_dir = dir.join("responses");
        let mut paths: Vec<_> = match std::fs::read_dir(&responses_dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect(),
            Err(_) => Vec::new(),
        };
        paths.sort();
        let files: Vec<Result<ResponseFile, Diagnostics>> = paths
            .par_iter()
            .map(|path| {
                let file = YamlFile::read(path, display(path))?;
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
                    .in_file(display(&responses_dir)),
            );
        }
        problems.sort();
        problems.into_result(Survey { instrument, organisation, responses })
    }
}
