//! The survey area: what a good survey build writes and reports, and scoring checked against
//! reference values from R, pingouin, scipy and statsmodels. The fixture project is in
//! `project/`; bad survey input is tested in `tests/hostile/survey.rs`.

mod scoring_reference;
mod significance;

use crate::common::*;

#[test]
fn scores_are_exported_with_suppressed_cells_empty() {
    let project = fixture(SURVEY);
    build(project.path()).unwrap();
    let csv = std::fs::read_to_string(project.path().join("output/data/scores.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with(
        "wave,wave_date,instrument,group_type,group_id,group_name,parent_unit,measure,dimension,respondents"
    ));
    assert!(header.ends_with(",suppressed"));
    // One row per group (organisation, 2 units, 2 teams) × wave (2) × dimension (overall + 2).
    assert_eq!(csv.lines().count(), 1 + 5 * 2 * 3);
    // In w1 blue has 2 respondents and red, its only sibling, is withheld to protect it.
    let blue = csv
        .lines()
        .find(|l| l.starts_with("w1,2026-03-15,fixture,") && l.contains(",team,blue,") && l.contains(",overall,"))
        .unwrap();
    assert!(blue.ends_with(",,,,,,,,,,,,,,,,,fewer than 5 responses"), "{blue}");
    let red =
        csv.lines().find(|l| l.starts_with("w1,") && l.contains(",team,red,") && l.contains(",overall,")).unwrap();
    assert!(red.ends_with("withheld to protect a smaller group"), "{red}");
    // In w2 both teams show figures, and red's trend against w1 is absent (w1 was withheld).
    let red2 =
        csv.lines().find(|l| l.starts_with("w2,") && l.contains(",team,red,") && l.contains(",ability,")).unwrap();
    assert!(red2.starts_with("w2,2026-09-15,fixture,team,red,Red,sub,dimension,ability,5,8,0.625,5,"), "{red2}");

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path().join("output/data/scores.json")).unwrap())
            .unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 30);
    assert!(json["waves"][1]["reliability"][0]["icc1"].is_number());
    let all = std::fs::read_to_string(project.path().join("output/data/scores.json")).unwrap() + &csv;
    assert!(!all.contains("alert"), "comments never reach the data export");
}

#[test]
fn check_prints_the_survey_summary() {
    let output = run(&repo_root(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("Survey: 9 units, 14 teams, 2 waves; team-trust: 3 dimensions, 18 items and 2 outcome items, "),
        "{text}"
    );
    assert!(text.contains("; customer-trust (customers): 3 dimensions, 12 items, "), "{text}");
    assert!(text.contains("; leader-trust: 3 dimensions, 12 items, 258 responses"), "{text}");
    assert!(text.contains("2026-autumn: figures withheld for anonymity for 2 team(s)"), "{text}");
}
