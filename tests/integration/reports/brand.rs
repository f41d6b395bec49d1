//! The brand and the top of page 1: the sample's fictional consultancy signs its results
//! (header, footer, page 1, PDF metadata) and the handbook only as its author; without
//! `brand:` none of it appears.

use std::process::Command;

use crate::common::*;

fn pdf_author(file: &std::path::Path) -> String {
    let output =
        Command::new("pdfinfo").arg("-enc").arg("UTF-8").arg(file).output().expect("pdfinfo runs (scripts/setup.sh)");
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    info.lines().find_map(|l| l.strip_prefix("Author:")).map(|a| a.trim().to_string()).unwrap_or_default()
}

/// Page `n` (from 1) of a PDF as text, in reading order.
fn page_text(file: &std::path::Path, n: usize) -> String {
    let page = n.to_string();
    let output = Command::new("pdftotext")
        .args(["-f", &page, "-l", &page, "-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn page_one_of_a_team_report_says_whose_it_is_in_both_languages() {
    let project = sample_project();
    build(project.path()).unwrap();
    let out = project.path().join("output/results");
    let en = out.join("en/teams/rd-product-2/rd-product-2.pdf");
    let first = page_text(&en, 1).replace('\n', " ");
    for expected in [
        "Team: Web",
        "Unit: Research and development › Product engineering",
        "Prepared for: Example Group",
        "Survey: Team trust assessment · Autumn 2026 (2026-09-15 – 2026-09-29)",
        "Prepared by: Clearwater Organisational Consulting (fictional)",
        "Delivered: ",
        "Who may read it: Hu Rong, leader of this team",
        "Confidential: only for the readers this report names.",
    ] {
        assert!(first.contains(expected), "page 1 lacks `{expected}`: {first}");
    }
    let zh = page_text(&out.join("zh/teams/rd-product-2/rd-product-2.pdf"), 1).replace('\n', "");
    for expected in
        ["团队：网页组", "委托方：示例集团", "编制：清泉组织咨询（虚构）", "阅读范围：本团队负责人胡蓉", "交付日期："]
    {
        assert!(zh.contains(expected), "zh page 1 lacks `{expected}`: {zh}");
    }
    // Every page's footer carries the confidentiality line; the header names the client.
    let pages = pdf_text(&en);
    assert!(pages.matches("Confidential: only for the readers this report names.").count() >= 3, "{pages}");
    assert!(page_text(&en, 2).contains("Example Group"));
    assert_eq!(pdf_author(&en), "Clearwater Organisational Consulting (fictional)");
    // The handbook names the consultancy as author, but is not confidential.
    let book = project.path().join("output/site/en/handbook.pdf");
    assert_eq!(pdf_author(&book), "Clearwater Organisational Consulting (fictional)");
    assert!(!pdf_text(&book).contains("Confidential"), "the handbook is for everyone");
    // The web pages: logo and consultancy in the header, the line in the footer of results.
    let page = std::fs::read_to_string(out.join("en/teams/rd-product-2/index.html")).unwrap();
    assert!(page.contains(r#"<img class="brand-logo" src="../../../static/brand/clearwater.svg""#), "{page}");
    assert!(out.join("static/brand/clearwater.svg").is_file() && out.join("static/brand.css").is_file());
    assert!(page.contains(r#"<p class="confidentiality">Confidential"#));
    // Chart series take the brand's palette (the radar's second series is the accent);
    // shares keep their fixed colours.
    assert!(page.contains(r##"stroke="#B5562B""##) && !page.contains(r##"stroke="#E69F00""##), "series colours");
    assert!(page.contains(r##"fill="#0072B2""##), "the favourable share keeps its colour");
    let css = std::fs::read_to_string(out.join("static/brand.css")).unwrap();
    assert!(css.contains("--accent: #1F4E79") && css.contains("#B5562B"), "{css}");
    let home = std::fs::read_to_string(project.path().join("output/site/en/index.html")).unwrap();
    assert!(
        home.contains("brand-logo") && !home.contains("confidentiality"),
        "the handbook is signed, not confidential"
    );
}

#[test]
fn without_a_brand_nothing_of_it_appears() {
    let project = fixture(SURVEY);
    build(project.path()).unwrap();
    let out = project.path().join("output/results");
    let page = std::fs::read_to_string(out.join("en/teams/red/index.html")).unwrap();
    assert!(!page.contains("brand") && !page.contains("Prepared") && !page.contains("confidentiality"), "{page}");
    assert!(!out.join("static/brand.css").exists());
    assert!(page.contains(r##"stroke="#E69F00""##), "the default series colours");
    let pdf = out.join("en/teams/red/red.pdf");
    assert!(!pdf_text(&pdf).contains("Prepared"));
    assert_eq!(pdf_author(&pdf), "", "no author configured, none claimed");
}

#[test]
fn a_colour_too_light_to_read_is_refused_with_its_contrast_ratio() {
    let project = sample_project();
    let errors = broken_after_build(project.path(), "trustbook.yaml", |text| {
        text.replace(r##"accent: "#B5562B""##, r##"accent: "#F4B400""##)
            .replace(r##"chart: ["#1F4E79", "#B5562B""##, r##"chart: ["#1F4E79", "#FFE08A""##)
    });
    let rendered = errors.render();
    let keys: Vec<_> = errors.iter().filter_map(|e| e.key.clone()).collect();
    assert_eq!(keys, ["brand.colours.accent", "brand.colours.chart[1]"], "{rendered}");
    assert!(
        rendered.contains("`#F4B400` has a contrast ratio of 1.84:1 against the white page; text needs at least 4.5:1"),
        "{rendered}"
    );
    assert!(
        rendered.contains(
            "`#FFE08A` has a contrast ratio of 1.28:1 against the white page; chart colours need at least 3:1"
        ),
        "{rendered}"
    );
    assert!(rendered.contains("trustbook.yaml:"), "the error points at its line: {rendered}");
}
