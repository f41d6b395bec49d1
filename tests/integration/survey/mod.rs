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
    let csv = std::fs::read_to_string(project.path().join("output/results/data/scores.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with(
        "wave,wave_date,instrument,group_type,group_id,group_name,parent_unit,measure,dimension,item,respondents"
    ));
    assert!(header.ends_with(",suppressed"));
    // One row per group (organisation, 2 units, 2 teams) × wave (2) × measure (overall, 2
    // dimensions and their 4 items).
    assert_eq!(csv.lines().count(), 1 + 5 * 2 * 7);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<std::collections::HashMap<String, String>> = reader
        .records()
        .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect();
    let row = |wave: &str, group: &str, dimension: &str, item: &str| {
        rows.iter()
            .find(|r| r["wave"] == wave && r["group_id"] == group && r["dimension"] == dimension && r["item"] == item)
            .unwrap_or_else(|| panic!("{wave} {group} {dimension} {item}"))
    };
    // In w1 blue has 2 respondents and red, its only sibling, is withheld to protect it: every
    // figure column is empty, and the reason is given.
    let blue = row("w1", "blue", "overall", "");
    let figures = headers.iter().skip_while(|h| *h != "respondents").filter(|h| *h != "suppressed");
    for column in figures {
        assert_eq!(blue[column], "", "blue's {column}");
    }
    assert_eq!(blue["suppressed"], "fewer than 5 responses");
    assert_eq!(row("w1", "red", "overall", "")["suppressed"], "withheld to protect a smaller group");
    // In w2 both teams show figures, and red's trend against w1 is absent (w1 was withheld).
    let red2 = row("w2", "red", "ability", "");
    assert_eq!(
        [&red2["group_name"], &red2["parent_unit"], &red2["measure"], &red2["respondents"], &red2["headcount"]],
        ["Red", "sub", "dimension", "5", "8"]
    );
    assert_eq!((red2["response_rate"].as_str(), red2["n"].as_str(), red2["trend_mean"].as_str()), ("0.625", "5", ""));
    // Items have rows of their own, under their dimension.
    let item = row("w2", "red", "ability", "AB2");
    assert_eq!((item["measure"].as_str(), item["n"].as_str()), ("item", "5"));

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path().join("output/results/data/scores.json")).unwrap())
            .unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 70);
    assert!(json["waves"][1]["reliability"][0]["icc1"].is_number());
    let all = std::fs::read_to_string(project.path().join("output/results/data/scores.json")).unwrap() + &csv;
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
