//! What a build publishes: exactly the files that built pages show. Notes, backups, data and
//! pictures only drafts use stay private, however they got beside the Markdown.

use crate::common::*;

#[test]
fn only_pictures_that_built_pages_show_are_published() {
    let project = fixture(MINIMAL);
    let guide = project.path().join("content/handbook/guide");
    for (name, text) in [("secrets.yaml", "salary: 1"), ("first.md~", "old"), ("notes.txt", "n"), ("old.png.bak", "b")]
    {
        std::fs::write(guide.join(name), text).unwrap();
    }
    std::fs::write(guide.join("draft-only.png"), b"\x89PNG").unwrap();
    std::fs::write(guide.join("later.md"), "---\ntitle: Later\ndraft: true\n---\n![x](draft-only.png)\n").unwrap();
    build(project.path()).unwrap();
    let media: Vec<String> = tree(&project.path().join("output/media")).into_keys().collect();
    assert_eq!(media, ["handbook/guide/diagram.svg"], "published beside the pages");
}

#[test]
fn names_that_a_spreadsheet_would_run_as_formulas_are_neutralised_in_the_csv() {
    let project = fixture(SURVEY);
    let org = project.path().join("content/survey/organisation.yaml");
    let text = std::fs::read_to_string(&org).unwrap();
    let text = text
        .replace("name: Red,", "name: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\",")
        .replace("name: Sub}", "name: \"@SUM(A1)\"}");
    std::fs::write(&org, text).unwrap();
    build(project.path()).unwrap();
    let csv = std::fs::read_to_string(project.path().join("output/data/scores.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[4].to_string()).collect();
    assert!(names.iter().any(|n| n == "'=HYPERLINK(\"http://evil\",\"x\")"), "{names:?}");
    assert!(names.iter().any(|n| n == "'@SUM(A1)"), "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with(['=', '+', '-', '@'])), "{names:?}");
    // Figures stay numbers.
    assert!(csv.lines().nth(1).unwrap().split(',').any(|cell| cell.parse::<f64>().is_ok()));
}

#[test]
fn a_nul_in_markdown_reaches_no_output() {
    let project = fixture(MINIMAL);
    let page = "---\ntitle: N\n---\nA\0B\n";
    std::fs::write(project.path().join("content/handbook/guide/nul.md"), page).unwrap();
    build(project.path()).unwrap();
    for (path, bytes) in tree(&project.path().join("output")) {
        assert!(!bytes.contains(&0) || path.ends_with(".pdf"), "{path} carries a NUL");
    }
    let html = std::fs::read_to_string(project.path().join("output/zh/handbook/guide/nul/index.html")).unwrap();
    assert!(html.contains("A\u{FFFD}B"), "shown as the replacement character");
}
