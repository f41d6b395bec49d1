//! Loading and scoring a large survey: 1,000 teams × 10 respondents × 18 items (10,000
//! responses, 180,000 answers) in the compact response form.
//!
//!     cargo bench --bench scoring
//!
//! The baseline, measured in the same run, is parsing the same response file into a generic
//! YAML value: the floor for any loader of this format. Report the others as ratios to it.

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::fmt::Write;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use trustbook::project::{PrivacyConfig, ScoringConfig};
use trustbook::scoring;
use trustbook::source::{Limits, Source};
use trustbook::survey::Survey;

const TEAMS: usize = 1_000;
const RESPONDENTS: usize = 10;

/// Writes a survey folder with the sample instrument and a generated organisation and wave.
fn large_survey(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("content/survey/instrument.yaml"), dir.join("instrument.yaml")).unwrap();
    let mut organisation = String::from("name: Bench\nunits:\n");
    for unit in 0..10 {
        writeln!(organisation, "  - {{id: u{unit}, name: U{unit}}}").unwrap();
        for sub in 0..10 {
            writeln!(organisation, "  - {{id: u{unit}-{sub}, parent: u{unit}, name: S{sub}}}").unwrap();
        }
    }
    organisation.push_str("teams:\n");
    for team in 0..TEAMS {
        writeln!(
            organisation,
            "  - {{id: t{team}, unit: u{}-{}, name: T{team}, headcount: 12}}",
            team / 100,
            team / 10 % 10
        )
        .unwrap();
    }
    organisation.push_str("waves:\n  - {id: w1, date: 2026-03-15}\n");
    std::fs::write(dir.join("organisation.yaml"), organisation).unwrap();

    let items = [
        "AB1", "AB2", "AB3", "AB4", "AB5", "AB6", "IN1", "IN2", "IN3", "IN4", "IN5", "IN6", "BE1", "BE2", "BE3", "BE4",
        "BE5", "BE6",
    ];
    let mut responses = format!("wave: w1\nitems: [{}]\nteams:\n", items.join(", "));
    let mut state: u64 = 42;
    for team in 0..TEAMS {
        writeln!(responses, "  t{team}:").unwrap();
        for _ in 0..RESPONDENTS {
            let row: Vec<String> = (0..items.len())
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    match (state >> 33) % 23 {
                        0 => "~".to_string(),
                        r => (1 + r % 5).to_string(),
                    }
                })
                .collect();
            writeln!(responses, "    - [{}]", row.join(", ")).unwrap();
        }
    }
    std::fs::create_dir_all(dir.join("responses")).unwrap();
    std::fs::write(dir.join("responses/w1.yaml"), responses).unwrap();
}

fn benchmarks(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    large_survey(dir.path());
    let model = trustbook::model::TrustModel::default();
    let load = || Survey::load(&Source::open(dir.path(), Limits::default()).unwrap(), "", &model).unwrap();
    let responses = std::fs::read_to_string(dir.path().join("responses/w1.yaml")).unwrap();
    let survey = load();
    assert_eq!(survey.summary().instruments[0].responses, TEAMS * RESPONDENTS);

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
