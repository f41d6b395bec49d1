//! Successful builds: what lands in the output and that it is reproducible.

use crate::common::*;
use trustbook::project::Lang;
use trustbook::{BuildOptions, Format};

#[test]
fn sample_project_home_pages_link_every_chapter() {
    let project = sample_project();
    let report = build(project.path()).expect("the sample builds");
    let output = project.path().join("output/site");
    assert_eq!(report.output, project.path().join("output").canonicalize().unwrap());
    for lang in ["zh", "en"] {
        let home = std::fs::read_to_string(output.join(lang).join("index.html")).unwrap();
        let pages: Vec<String> = tree(&output.join(lang).join("handbook")).into_keys().collect();
        assert!(pages.len() >= 30, "{lang}: only {} pages", pages.len());
        for page in pages {
            let href = format!("href=\"../{lang}/handbook/{page}\"");
            assert!(home.contains(&href), "site/{lang}/index.html does not link {page}");
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let project = sample_project();
    let first_out = project.path().join("first");
    let second_out = project.path().join("second");
    for out in [&first_out, &second_out] {
        let mut options = BuildOptions::new(project.path());
        options.out = Some(out.clone());
        trustbook::build(&options).unwrap();
    }
    let first = tree(&first_out);
    let second = tree(&second_out);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}

#[test]
fn untranslated_page_falls_back_and_says_so() {
    let project = fixture(MINIMAL);
    build(project.path()).unwrap();
    let en = std::fs::read_to_string(project.path().join("output/site/en/handbook/guide/second/index.html")).unwrap();
    assert!(en.contains("has not been translated yet"), "{en}");
    assert!(en.contains("只有中文原文"), "the original text is shown");
    assert!(en.contains("<html lang=\"en\">") && en.contains("class=\"content\" lang=\"zh\""));
    let translated =
        std::fs::read_to_string(project.path().join("output/site/en/handbook/guide/first/index.html")).unwrap();
    assert!(!translated.contains("has not been translated yet"));
}

#[test]
fn internal_links_resolve_per_language_and_images_are_copied() {
    let project = fixture(MINIMAL);
    build(project.path()).unwrap();
    let out = project.path().join("output");
    let zh = std::fs::read_to_string(out.join("site/zh/handbook/guide/first/index.html")).unwrap();
    assert!(zh.contains("href=\"../../../../zh/handbook/guide/second/index.html#做法\""), "{zh}");
    assert!(zh.contains("src=\"../../../../media/handbook/guide/diagram.svg\""));
    let en = std::fs::read_to_string(out.join("site/en/handbook/guide/first/index.html")).unwrap();
    assert!(en.contains("href=\"../../../../en/handbook/guide/second/index.html\""), "{en}");
    assert!(out.join("site/media/handbook/guide/diagram.svg").is_file());
    assert!(out.join("site/static/style.css").is_file());
    assert!(!out.join("results").exists(), "a handbook without a survey has no results");
}

#[test]
fn strategy_actions_and_metadata_appear_on_the_page() {
    let project = fixture(MINIMAL);
    build(project.path()).unwrap();
    let zh = std::fs::read_to_string(project.path().join("output/site/zh/handbook/guide/second/index.html")).unwrap();
    assert!(zh.contains("<td>每周核对承诺</td><td>负责人</td><td>每周</td><td>兑现率</td>"), "{zh}");
    assert!(zh.contains("data-id=\"integrity\">诚信</li>"));
}

#[test]
fn selected_language_only() {
    let project = fixture(MINIMAL);
    let mut options = BuildOptions::new(project.path());
    options.languages = vec![Lang::parse("en").unwrap()];
    trustbook::build(&options).unwrap();
    let out = project.path().join("output");
    assert!(out.join("site/en/index.html").is_file());
    assert!(!out.join("site/zh").exists());
    let home = std::fs::read_to_string(out.join("site/en/index.html")).unwrap();
    assert!(!home.contains("hreflang=\"zh\""), "no switcher link to an unbuilt language");
}

#[test]
fn theme_override_replaces_one_file() {
    let project = fixture(MINIMAL);
    let page = std::fs::read_to_string(repo_root().join("themes/default/templates/page.html")).unwrap();
    write(project.path(), "themes/default/templates/page.html", &page.replace("<h1>", "<h1 class=\"custom\">"));
    build(project.path()).unwrap();
    let html = std::fs::read_to_string(project.path().join("output/site/zh/handbook/guide/first/index.html")).unwrap();
    assert!(html.contains("<h1 class=\"custom\">第一章</h1>"));
    let section = std::fs::read_to_string(project.path().join("output/site/zh/handbook/guide/index.html")).unwrap();
    assert!(section.contains("<h1>指南</h1>"), "other templates still come from the embedded theme");
}

#[test]
fn drafts_are_left_out() {
    let project = fixture(MINIMAL);
    write(project.path(), "content/handbook/guide/third.md", "---\ntitle: 草稿\ndraft: true\n---\n草稿内容\n");
    build(project.path()).unwrap();
    assert!(!project.path().join("output/site/zh/handbook/guide/third").exists());
}

#[test]
fn each_report_is_composed_once_per_build_whatever_the_formats() {
    let project = sample_project();
    let organisation = survey_at(project.path()).organisation;
    let (teams, units) = (organisation.teams.len(), organisation.units.len());
    let per_build = 2 * (teams + 1); // zh and en: the summary and every team
    // With PDF, every unit's pack too (it composes its teams' documents itself).
    let with_packs = per_build + 2 * units;
    let all = vec![];
    for (formats, expected) in
        [(all, with_packs), (vec![Format::Html], per_build), (vec![Format::Pdf], with_packs), (vec![Format::Data], 0)]
    {
        let mut options = BuildOptions::new(project.path());
        options.formats = formats.clone();
        let report = trustbook::build(&options).unwrap();
        assert_eq!(report.reports_composed, expected, "--format {formats:?}");
    }
    // The last full build wrote both encodings of every composed report.
    let mut options = BuildOptions::new(project.path());
    options.formats = Vec::new();
    let report = trustbook::build(&options).unwrap();
    let output = tree(&report.output);
    let team_pages = output.keys().filter(|p| p.contains("/teams/") && p.ends_with("index.html")).count();
    let team_pdfs = output.keys().filter(|p| p.contains("/teams/") && p.ends_with(".pdf")).count();
    assert_eq!((team_pages, team_pdfs), (2 * teams, 2 * teams));
    assert_eq!(report.reports_composed, with_packs);
}

#[test]
fn the_build_records_every_file_it_read_with_its_hash() {
    let project = sample_project();
    let report = build(project.path()).unwrap();
    let read = &report.dependencies.read;
    let markdown = tree(&project.path().join("content/handbook")).into_keys().filter(|p| p.ends_with(".md")).count();
    assert_eq!(read.keys().filter(|p| p.as_str().ends_with(".md")).count(), markdown, "every Markdown file");
    for expected in ["trustbook.yaml", "content/survey/instrument.yaml", "content/survey/organisation.yaml"] {
        assert!(read.keys().any(|p| p.as_str() == expected), "{expected} is not among what was read");
    }
    // The hash is the file's SHA-256, as sha256sum computes it.
    let output = std::process::Command::new("sha256sum").arg(project.path().join("trustbook.yaml")).output().unwrap();
    let expected = String::from_utf8(output.stdout).unwrap().split_whitespace().next().unwrap().to_string();
    let hash = read.iter().find(|(p, _)| p.as_str() == "trustbook.yaml").unwrap().1;
    assert_eq!(hash.to_string(), expected);
    // Pictures and every response file are read through the same door.
    for expected in ["content/handbook/model/trust-power-model.png", "content/survey/responses/2026-autumn.yaml"] {
        assert!(read.keys().any(|p| p.as_str() == expected), "{expected} is not among what was read");
    }
    // Asking whether a folder exists counts too: a theme folder appearing changes the build.
    let probed: Vec<&str> = report.dependencies.probed.iter().map(|p| p.as_str()).collect();
    for expected in ["themes/default", "content/handbook", "content/survey", "content/survey/responses"] {
        assert!(probed.contains(&expected), "{expected} is not among what was asked about: {probed:?}");
    }
}
