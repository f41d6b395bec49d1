//! Scores a generated survey of 1,000 teams × 10 respondents × 18 items (the same data as
//! `benches/scoring.rs`) a number of times, for timing whole runs against another revision
//! with `bench/scoring-vs.sh`.
//!
//!     cargo run --release --example score_large -- [TIMES]

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::fmt::Write;
use std::path::Path;

use trustbook::project::{PrivacyConfig, ScoringConfig};
use trustbook::scoring;
use trustbook::source::{Limits, Source};
use trustbook::survey::Survey;

const TEAMS: usize = 1_000;
const RESPONDENTS: usize = 10;
const ITEMS: [&str; 18] = [
    "AB1", "AB2", "AB3", "AB4", "AB5", "AB6", "IN1", "IN2", "IN3", "IN4", "IN5", "IN6", "BE1", "BE2", "BE3", "BE4",
    "BE5", "BE6",
];

/// The instrument: three dimensions of six items, written here so that every revision scores
/// exactly the same survey.
fn instrument() -> String {
    let mut text = String::from("id: bench\ntitle: Bench\nscale: {min: 1, max: 5, missing: [99]}\ndimensions:\n");
    for (d, id) in ["ability", "integrity", "benevolence"].iter().enumerate() {
        writeln!(text, "  - id: {id}\n    name: {id}\n    items:").unwrap();
        for item in &ITEMS[6 * d..6 * d + 6] {
            let reverse = if item.ends_with('5') || item.ends_with('6') { ", reverse: true" } else { "" };
            writeln!(text, "      - {{id: {item}, text: {item}{reverse}}}").unwrap();
        }
    }
    text
}

fn write_survey(dir: &Path) {
    std::fs::write(dir.join("instrument.yaml"), instrument()).unwrap();
    let mut organisation = String::from("name: Bench\nunits:\n");
    for unit in 0..10 {
        writeln!(organisation, "  - {{id: u{unit}, name: U{unit}}}").unwrap();
        for sub in 0..10 {
            writeln!(organisation, "  - {{id: u{unit}-{sub}, parent: u{unit}, name: S{sub}}}").unwrap();
        }
    }
    organisation.push_str("teams:\n");
    for team in 0..TEAMS {
        let unit = format!("u{}-{}", team / 100, team / 10 % 10);
        writeln!(organisation, "  - {{id: t{team}, unit: {unit}, name: T{team}, headcount: 12}}").unwrap();
    }
    organisation.push_str("waves:\n  - {id: w1, date: 2026-03-15}\n  - {id: w2, date: 2026-09-15}\n");
    std::fs::write(dir.join("organisation.yaml"), organisation).unwrap();
    std::fs::create_dir_all(dir.join("responses")).unwrap();
    let mut state: u64 = 42;
    for wave in ["w1", "w2"] {
        let mut responses = format!("wave: {wave}\nitems: [{}]\nteams:\n", ITEMS.join(", "));
        for team in 0..TEAMS {
            writeln!(responses, "  t{team}:").unwrap();
            for _ in 0..RESPONDENTS {
                let row: Vec<String> = (0..ITEMS.len())
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
        std::fs::write(dir.join(format!("responses/{wave}.yaml")), responses).unwrap();
    }
}

fn main() {
    let times: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    write_survey(dir.path());
    let model = trustbook::model::TrustModel::default();
    let survey = Survey::load(&Source::open(dir.path(), Limits::default()).unwrap(), "", &model).unwrap();
    let mut withheld = 0;
    for _ in 0..times {
        let scored = scoring::score(&survey, &ScoringConfig::default(), &PrivacyConfig::default());
        withheld += scored.suppressed().iter().map(|(_, units, teams)| units + teams).sum::<usize>();
    }
    // Printed so the work cannot be optimised away.
    println!("scored {times} times, {withheld} groups withheld in all");
}
