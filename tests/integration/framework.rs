//! Another framework end to end: `tests/fixtures/trust-equation/` measures credibility,
//! reliability, intimacy and (reverse-keyed) self-orientation, with its own stages, challenge,
//! attributes and strategies. Nothing of the trust power model may show.

use crate::common::*;

const TRUST_EQUATION: &str = "tests/fixtures/trust-equation";

#[test]
fn a_project_on_another_model_builds_in_html_and_pdf() {
    let project = fixture(TRUST_EQUATION);
    build(project.path()).expect("the trust-equation project builds");
    let out = project.path().join("output");
    let north = std::fs::read_to_string(out.join("results/en/teams/north/index.html")).unwrap();
    let south = std::fs::read_to_string(out.join("results/en/teams/south/index.html")).unwrap();
    for name in ["Credibility", "Reliability", "Intimacy", "Low self-orientation"] {
        assert!(north.contains(name), "the report names {name}");
    }
    // The advisory strategy is for the advisory team only (the page list beside names it too).
    let plan = |page: &str| page.split("id=\"improvement-plan\"").nth(1).unwrap_or_default().to_string();
    assert!(plan(&north).contains("Put the client&#39;s agenda first"), "north (advisory) gets it");
    assert!(!plan(&south).is_empty() && !plan(&south).contains("agenda first"), "south (delivery) does not");
    // The model's own stage bands: south formed a month before the survey.
    assert!(south.contains("Engage (the team formed a month ago)"), "south's stage comes from its date");
    assert!(north.contains("Suspected hidden agenda"), "a challenge of this model, suggested by the results");
    assert!(north.contains("Which promise to this client did we last move"), "the model's own conversation questions");
    for file in ["results/en/teams/north/north.pdf", "results/en/teams/south/south.pdf", "site/en/handbook.pdf"] {
        let text = pdf_text(&out.join(file));
        assert!(text.contains("Credibility") || file.ends_with("handbook.pdf"), "{file}");
    }
    for (path, bytes) in tree(&project.path().join("output")) {
        let text = if path.ends_with(".pdf") {
            pdf_text(&project.path().join("output").join(&path))
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        for other in ["Benevolence", "Integrity", "Initial contact", "Ability"] {
            assert!(!text.contains(other), "{path} shows `{other}` of the trust power model");
        }
    }
}

#[test]
fn front_matter_naming_a_dimension_the_model_lacks_fails_at_its_line() {
    let project = fixture(TRUST_EQUATION);
    let page = project.path().join("content/handbook/practices/say-what-you-know.md");
    let text = std::fs::read_to_string(&page)
        .unwrap()
        .replace("dimensions: [credibility, intimacy]", "dimensions: [credibilty, ability]");
    std::fs::write(&page, text).unwrap();
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/handbook/practices/say-what-you-know.md:4:"), "{errors}");
    assert!(errors.contains("unknown dimension `credibilty` (did you mean `credibility`?)"), "{errors}");
    assert!(errors.contains("unknown dimension `ability`"), "{errors}");
}
