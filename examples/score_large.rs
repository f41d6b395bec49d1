//! Scores a generated survey of 1,000 teams × 10 respondents × 18 items, two waves
//! (`benches/support/large_survey.rs`, as `benches/scoring.rs` measures it) a number of times, for timing whole runs against another revision
//! with `bench/scoring-vs.sh`.
//!
//!     cargo run --release --example score_large -- [TIMES]

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

#[path = "../benches/support/large_survey.rs"]
mod large_survey;

use trustbook::project::{PrivacyConfig, ScoringConfig};
use trustbook::scoring;
use trustbook::source::{Limits, Source};
use trustbook::survey::Survey;

fn main() {
    let times: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    large_survey::write_survey(dir.path());
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
