//! An external benchmark (`content/benchmarks/<id>.yaml`): published means and favourable
//! shares of another population on the default instrument, per dimension and per item, with
//! where they come from. A project selects one with `reports.benchmark`. This module reads and
//! checks the file against the instrument; comparing teams with it is `scoring`'s business.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::instrument::Instrument;
use super::organisation::suggest;
use crate::diagnostics::Diagnostics;
use crate::project::{Localized, Project};
use crate::source::Source;
use crate::yaml::YamlFile;

/// Where benchmark files live.
pub const BENCHMARKS_DIR: &str = "content/benchmarks";

/// A checked benchmark: its figures parallel to the instrument's dimensions and items.
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    pub id: String,
    /// What reports call it, per language ("Industry benchmark 2025").
    pub label: Localized,
    /// Who collected it, and where it is published: a string, or one per language.
    pub source: Localized,
    pub year: u16,
    /// People the benchmark's figures rest on.
    pub n: u32,
    pub overall: Option<Reference>,
    /// Parallel to the instrument's dimensions; `None` where the benchmark has no figure.
    pub dimensions: Vec<Option<Reference>>,
    /// Parallel to the instrument's items.
    pub items: Vec<Option<Reference>>,
}

/// One benchmark figure: a mean on the instrument's scale and a favourable share in percent;
/// either may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub mean: Option<f64>,
    pub favourable: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BenchmarkFile {
    label: Localized,
    source: Localized,
    year: u16,
    n: u32,
    #[serde(default)]
    overall: Option<Reference>,
    #[serde(default, deserialize_with = "crate::yaml::unique")]
    dimensions: BTreeMap<String, Reference>,
    #[serde(default, deserialize_with = "crate::yaml::unique")]
    items: BTreeMap<String, Reference>,
}

impl Benchmark {
    /// The benchmark `reports.benchmark` selects, read from `content/benchmarks/<id>.yaml`
    /// (or `.yml`); `Ok(None)` when none is selected.
    pub fn load_selected(
        source: &Source,
        project: &Project,
        instrument: &Instrument,
    ) -> Result<Option<Benchmark>, Diagnostics> {
        let Some(id) = project.config.reports.benchmark.as_deref() else {
            return Ok(None);
        };
        let candidates = [format!("{BENCHMARKS_DIR}/{id}.yaml"), format!("{BENCHMARKS_DIR}/{id}.yml")];
        for path in &candidates {
            if let Ok(Some(_)) = source.kind(path) {
                let file = source.read_text(path).map(YamlFile::new)?;
                return Benchmark::load(&file, id, instrument).map(Some);
            }
        }
        let (found, _) = source.files_in(BENCHMARKS_DIR, crate::source::Hidden::Skip);
        let known: Vec<String> = found
            .iter()
            .filter_map(|p| p.as_str().rsplit('/').next())
            .filter_map(|name| name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")))
            .map(str::to_string)
            .collect();
        let hint = suggest(id, known.iter().map(String::as_str));
        Err(project
            .config_error("reports.benchmark", format!("no benchmark `{id}`: expected {}{hint}", candidates[0]))
            .into())
    }

    /// Reads benchmark `id` from `file` and checks it against `instrument`: every dimension
    /// and item it names must be the instrument's, every mean on its scale, every share a
    /// percentage. All problems are reported together.
    pub fn load(file: &YamlFile, id: &str, instrument: &Instrument) -> Result<Benchmark, Diagnostics> {
        let raw: BenchmarkFile = file.parse()?;
        let mut problems = Diagnostics::new();
        if raw.source.is_blank() {
            problems.push(file.error("source", "say where the benchmark comes from: who collected it, and where"));
        }
        if !(1950..=2100).contains(&raw.year) {
            problems.push(file.error("year", format!("{} is not a plausible year for a survey", raw.year)));
        }
        if raw.n == 0 {
            problems.push(file.error("n", "a benchmark rests on at least one person"));
        }
        let (low, high) = (instrument.scale.min as f64, instrument.scale.max as f64);
        if let Some(overall) = &raw.overall {
            check(file, "overall", overall, (low, high), &mut problems);
        }
        let scale = (low, high);
        let dimension_ids: Vec<&str> = instrument.dimensions.iter().map(|d| d.id.as_str()).collect();
        let item_ids: Vec<&str> = instrument.items.iter().map(|i| i.id.as_str()).collect();
        let mut placed = |section: &str, kind: &str, entries: &BTreeMap<String, Reference>, ids: &[&str]| {
            let mut figures = vec![None; ids.len()];
            for (key, reference) in entries {
                let path = format!("{section}.{key}");
                match ids.iter().position(|id| id == key) {
                    Some(index) => {
                        check(file, &path, reference, scale, &mut problems);
                        figures[index] = Some(*reference);
                    }
                    None => problems.push(file.key_error(
                        &path,
                        format!(
                            "unknown {kind} `{key}`: the instrument `{}` has no such {kind}{}",
                            instrument.id,
                            suggest(key, ids.iter().copied())
                        ),
                    )),
                }
            }
            figures
        };
        let dimensions = placed("dimensions", "dimension", &raw.dimensions, &dimension_ids);
        let items = placed("items", "item", &raw.items, &item_ids);
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Benchmark {
            id: id.to_string(),
            label: raw.label,
            source: raw.source,
            year: raw.year,
            n: raw.n,
            overall: raw.overall,
            dimensions,
            items,
        })
    }
}

/// Checks one figure: something given, a mean on the scale `(low, high)`, a share in percent.
fn check(file: &YamlFile, key: &str, reference: &Reference, (low, high): (f64, f64), problems: &mut Diagnostics) {
    if reference.mean.is_none() && reference.favourable.is_none() {
        problems.push(file.error(key, "expected a `mean`, a `favourable` share or both"));
    }
    if let Some(mean) = reference.mean.filter(|m| !(low..=high).contains(m)) {
        problems.push(file.error(&format!("{key}.mean"), format!("{mean} is outside the scale ({low} to {high})")));
    }
    if let Some(share) = reference.favourable.filter(|f| !(0.0..=100.0).contains(f)) {
        problems.push(file.error(&format!("{key}.favourable"), format!("{share} is not a percentage from 0 to 100")));
    }
}
