//! The large survey the scoring benchmark and `examples/score_large` both measure: 1,000 teams
//! of 12 (10 answering) in 100 sub-units, two waves, 18 items in three dimensions, a random
//! blank now and then. Written here once so that every revision measures exactly the same data.

use std::fmt::Write;
use std::path::Path;

pub const TEAMS: usize = 1_000;
pub const RESPONDENTS: usize = 10;
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

/// Writes the survey folder (instrument, organisation, two response files) into `dir`.
pub fn write_survey(dir: &Path) {
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
