//! The published handbook (`output/site/`) holds no result: no figure, team id, team name,
//! leader, recipient or comment, no link into the results, on the sample and on a generated organisation. Two
//! proofs: the site tree is byte for byte the tree the same project builds with its survey
//! removed (so nothing in it can depend on any answer), and a search of every site file, PDF
//! text included, finds none of the survey's ids, names and comments.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;
use crate::privacy::{generated_project, output_texts};

/// Builds `project`, then a copy without `content/survey/` (and without what needs a survey),
/// and checks the two site trees are the same files with the same bytes. Returns the first
/// build's site files.
fn assert_site_independent_of_survey(project: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    build(project).expect("the project builds");
    let site = tree(&project.join("output/site"));
    assert!(site.keys().any(|p| p.ends_with("handbook.pdf")), "the site has the handbook book");
    assert!(!site.is_empty());
    let bare = tempfile::tempdir().unwrap();
    copy_tree(project, bare.path());
    std::fs::remove_dir_all(bare.path().join("output")).unwrap();
    std::fs::remove_dir_all(bare.path().join("content/survey")).unwrap();
    for needs_a_survey in ["content/plans", "content/benchmarks"] {
        let _ = std::fs::remove_dir_all(bare.path().join(needs_a_survey));
    }
    let config = std::fs::read_to_string(bare.path().join("trustbook.yaml")).unwrap();
    let config: String =
        config.lines().filter(|l| !l.trim_start().starts_with("benchmark:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(bare.path().join("trustbook.yaml"), config).unwrap();
    build(bare.path()).expect("the project without its survey builds");
    assert!(!bare.path().join("output/results").exists(), "no survey, no results");
    let without = tree(&bare.path().join("output/site"));
    let differ: Vec<&String> = site
        .keys()
        .chain(without.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|p| site.get(*p) != without.get(*p))
        .collect();
    assert!(differ.is_empty(), "the site depends on the survey in {differ:?}");
    site
}

/// Every id, name and comment of the survey at `project`.
fn survey_words(project: &Path) -> Vec<String> {
    let survey = survey_at(project);
    let organisation = &survey.organisation;
    let mut words: Vec<String> = Vec::new();
    for team in &organisation.teams {
        words.push(team.id.as_str().to_string());
        words.extend(team.name.texts().into_iter().map(str::to_string));
        words.extend(team.leader.iter().flat_map(|l| l.texts()).map(str::to_string));
    }
    // The people of the organisation: leaders and who receives the results.
    let recipients = organisation
        .teams
        .iter()
        .map(|t| &t.recipients)
        .chain(organisation.units.iter().map(|u| &u.recipients))
        .flat_map(|r| r.named());
    for recipient in recipients {
        words.push(recipient.email.clone());
        words.extend(recipient.name.texts().into_iter().map(str::to_string));
    }
    words.extend(organisation.units.iter().flat_map(|u| u.leader.iter().flat_map(|l| l.texts())).map(str::to_string));
    let comments =
        survey.responses.iter().flatten().chain(survey.further.iter().flat_map(|f| f.responses.iter().flatten()));
    words.extend(comments.filter_map(|r| r.comment.as_ref()).map(|c| c.text.clone()));
    words.sort();
    words.dedup();
    words
}

/// `needle` stands in `text` as a word of its own (not inside a longer id or word).
fn contains_word(text: &str, needle: &str) -> bool {
    let part_of_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    text.match_indices(needle).any(|(at, _)| {
        !part_of_word(text[..at].chars().next_back()) && !part_of_word(text[at + needle.len()..].chars().next())
    })
}

/// Searches the site's files as text (HTML with its markup, PDFs through `pdftotext`) for the
/// survey's words and for links into the results.
fn assert_site_names_nothing_of_the_survey(project: &Path) {
    let words = survey_words(project);
    assert!(words.len() > 10, "the survey has ids, names and comments to look for");
    let site_dir = project.join("output/site");
    let mut texts = output_texts(&site_dir);
    // Attributes too: ids would sit in links.
    for (path, bytes) in tree(&site_dir).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        texts.push((path, String::from_utf8_lossy(&bytes).into_owned()));
    }
    assert!(texts.iter().any(|(p, _)| p.ends_with("handbook.pdf")), "the book's text is searched");
    // The search finds what is there: the results name the teams.
    let results = output_texts(&project.join("output/results"));
    assert!(words.iter().any(|w| results.iter().any(|(_, t)| contains_word(t, w))), "results name the survey's teams");
    for (path, text) in &texts {
        for word in &words {
            assert!(!contains_word(text, word), "the site's {path} names `{word}` from the survey");
        }
        assert!(!text.contains("results/"), "the site's {path} links into the results");
    }
}

#[test]
fn the_sample_site_holds_no_result() {
    let project = sample_project();
    assert_site_independent_of_survey(project.path());
    assert_site_names_nothing_of_the_survey(project.path());
}

#[test]
fn a_generated_organisation_site_holds_no_result() {
    let project = generated_project(40, 17);
    assert_site_independent_of_survey(project.path());
    assert_site_names_nothing_of_the_survey(project.path());
}
