//! The delivery files of the sample: `results/manifest.json` lists every result file with the
//! bytes, checksum and page count the file really has, and `results/distribution.csv` gives
//! each recipient of organisation.yaml the file of their team or unit, in every language.

use sha2::{Digest, Sha256};

use crate::common::*;

#[test]
fn the_manifest_lists_every_result_file_as_it_is_and_the_list_says_who_gets_which() {
    let project = sample_project();
    build(project.path()).unwrap();
    let results = project.path().join("output/results");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(results.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let on_disk: Vec<String> = tree(&results).into_keys().filter(|p| p != "manifest.json").collect();
    let listed: Vec<String> = files.iter().map(|f| f["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(listed, on_disk, "every result file, and only those, in path order");
    for file in files {
        let path = results.join(file["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(file["bytes"].as_u64().unwrap(), bytes.len() as u64, "{path:?}");
        let sha: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(file["sha256"].as_str().unwrap(), sha, "{path:?}");
        if path.extension().is_some_and(|e| e == "pdf") {
            let info = std::process::Command::new("pdfinfo").arg(&path).output().unwrap();
            let info = String::from_utf8_lossy(&info.stdout).into_owned();
            let pages: u64 = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
            assert_eq!(file["pages"].as_u64(), Some(pages), "{path:?}");
        } else {
            assert!(file["pages"].is_null());
        }
    }
    let kind = |k: &str| files.iter().filter(|f| f["kind"] == k).count();
    let organisation = survey_at(project.path()).organisation;
    assert_eq!(kind("team-report"), 2 * organisation.teams.len());
    assert_eq!(kind("unit-pack"), 2 * organisation.units.len());
    let web = files.iter().find(|f| f["path"] == "en/teams/rd-product-2/rd-product-2.pdf").unwrap();
    assert_eq!(
        (web["kind"].as_str(), web["team"].as_str(), web["lang"].as_str()),
        (Some("team-report"), Some("rd-product-2"), Some("en"))
    );

    // The distribution list: one row per recipient, language and file, each file present.
    let mut reader = csv::Reader::from_path(results.join("distribution.csv")).unwrap();
    let rows: Vec<std::collections::HashMap<String, String>> = reader.deserialize().map(Result::unwrap).collect();
    let named_teams = organisation.teams.iter().filter(|t| !t.recipients.named().is_empty()).count();
    let named_units = organisation.units.iter().filter(|u| !u.recipients.named().is_empty()).count();
    assert!(named_teams > 0 && named_units > 0);
    assert_eq!(rows.len(), 2 * (named_teams + named_units));
    for row in &rows {
        assert!(results.join(&row["file"]).is_file(), "{row:?}");
        assert!(row["email"].contains('@'));
    }
    let hu_rong = rows.iter().find(|r| r["email"] == "rong.hu@example-group.example" && r["lang"] == "en").unwrap();
    assert_eq!(
        (hu_rong["name"].as_str(), hu_rong["file"].as_str()),
        ("Hu Rong", "en/teams/rd-product-2/rd-product-2.pdf")
    );
    let head = rows.iter().find(|r| r["email"] == "yang.liu@example-group.example" && r["lang"] == "zh").unwrap();
    assert_eq!(
        (head["name"].as_str(), head["kind"].as_str(), head["file"].as_str()),
        ("刘洋", "unit-pack", "zh/units/rd.pdf")
    );
}

#[test]
fn without_recipients_there_is_no_distribution_list_but_a_manifest() {
    let project = fixture(SURVEY);
    build(project.path()).unwrap();
    let results = project.path().join("output/results");
    assert!(results.join("manifest.json").is_file());
    assert!(!results.join("distribution.csv").exists());
}
