//! Loading and scoring a large survey (`support/large_survey.rs`): 1,000 teams × 10
//! respondents × 18 items, two waves (20,000 responses, 360,000 answers) in the compact
//! response form.
//!
//!     cargo bench --bench scoring
//!
//! The baseline, measured in the same run, is parsing the same response file into a generic
//! YAML value: the floor for any loader of this format. Report the others as ratios to it.

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

#[path = "support/large_survey.rs"]
mod large_survey;

use criterion::{Criterion, criterion_group, criterion_main};
use trustbook::project::{PrivacyConfig, ScoringConfig};
use trustbook::scoring;
use trustbook::source::{Limits, Source};
use trustbook::survey::Survey;

fn benchmarks(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    large_survey::write_survey(dir.path());
    let model = trustbook::model::TrustModel::default();
    let load = || Survey::load(&Source::open(dir.path(), Limits::default()).unwrap(), "", &model).unwrap();
    let responses = std::fs::read_to_string(dir.path().join("responses/w1.yaml")).unwrap();
    let survey = load();
    assert_eq!(survey.summary().instruments[0].responses, 2 * large_survey::TEAMS * large_survey::RESPONDENTS);

    let mut group = c.benchmark_group("survey_1000_teams");
    group.sample_size(10);
    group.bench_function("baseline_parse_yaml_value", |b| {
        b.iter(|| yaml_serde::from_str::<yaml_serde::Value>(&responses).unwrap())
    });
    group.bench_function("load", |b| b.iter(load));
    group.bench_function("score", |b| {
        b.iter(|| scoring::score(&survey, &ScoringConfig::default(), &PrivacyConfig::default()))
    });
    group.bench_function("load_and_score", |b| {
        b.iter(|| {
            let survey = load();
            scoring::score(&survey, &ScoringConfig::default(), &PrivacyConfig::default())
        })
    });
    group.finish();
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
