//! Hostile input to the deliverables' settings: `brand:` in trustbook.yaml (texts, colours,
//! the logo file) and the people of organisation.yaml (`leader`, `recipients`, a wave's
//! `closes`). Each mistake fails the build at its file, line and key, says what was expected,
//! and leaves the previous output as it was.

use crate::common::*;

/// The survey fixture, built once, then with `brand` (YAML under `brand:`) in its settings.
fn with_brand(brand: &str) -> trustbook::diagnostics::Diagnostics {
    let project = fixture(SURVEY);
    std::fs::create_dir_all(project.path().join("content/brand")).unwrap();
    let logo = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1F4E79"/></svg>"##;
    write(project.path(), "content/brand/logo.svg", logo);
    broken_after_build(project.path(), "trustbook.yaml", |text| format!("{text}brand:\n{brand}"))
}

fn one_error(errors: &trustbook::diagnostics::Diagnostics) -> (String, String, (usize, usize)) {
    assert_eq!(errors.error_count(), 1, "{}", errors.render());
    let error = errors.iter().next().unwrap();
    (error.key.clone().unwrap_or_default(), errors.render(), error.line_column().unwrap_or((0, 0)))
}

#[test]
fn a_good_brand_builds() {
    let project = fixture(SURVEY);
    write(
        project.path(),
        "content/brand/logo.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1F4E79"/></svg>"##,
    );
    let config = std::fs::read_to_string(project.path().join("trustbook.yaml")).unwrap();
    write(
        project.path(),
        "trustbook.yaml",
        &format!(
            "{config}brand:\n  client: Fixture Ltd\n  prepared_by: Us\n  logo: content/brand/logo.svg\n  colours: {{primary: \"#1F4E79\", chart: [\"#1F4E79\", \"#B5562B\"]}}\n"
        ),
    );
    build(project.path()).expect("a brand within the rules builds");
}

#[test]
fn a_misspelt_brand_key_is_named_with_a_suggestion() {
    let (key, rendered, (line, _)) = one_error(&with_brand("  clinet: Fixture Ltd\n"));
    assert_eq!(line, 4, "{rendered}");
    assert!(rendered.contains("did you mean `client`?"), "{key}: {rendered}");
}

#[test]
fn a_colour_that_is_not_one_says_the_form_expected() {
    let (_, rendered, (line, _)) = one_error(&with_brand("  colours: {primary: blue}\n"));
    assert!(rendered.contains("`blue` is not a colour: expected #RRGGBB"), "{rendered}");
    assert_eq!(line, 4);
}

#[test]
fn a_pale_text_colour_is_refused_with_its_ratio() {
    let (key, rendered, _) = one_error(&with_brand("  colours: {primary: \"#999999\"}\n"));
    assert_eq!(key, "brand.colours.primary");
    assert!(rendered.contains("`#999999` has a contrast ratio of 2.84:1 against the white page"), "{rendered}");
}

#[test]
fn a_brand_text_in_an_unconfigured_language_is_refused() {
    let (key, _, _) = one_error(&with_brand("  client: {fr: Fixture}\n"));
    assert_eq!(key, "brand.client.fr");
}

#[test]
fn a_logo_outside_the_project_missing_or_of_another_kind_is_refused_at_its_key() {
    for (logo, expected) in [
        ("../logo.svg", "leaves the project folder"),
        ("/etc/hostname.svg", "leaves the project folder"),
        ("content/brand/none.svg", "there is no such file"),
        ("content/brand/logo.gif", "is not an SVG or PNG file"),
    ] {
        let (key, rendered, _) = one_error(&with_brand(&format!("  logo: {logo}\n")));
        assert_eq!(key, "brand.logo", "{logo}: {rendered}");
        assert!(rendered.contains(expected), "{logo}: {rendered}");
    }
}

#[test]
fn a_logo_the_pdf_cannot_draw_is_refused_with_what_to_do() {
    for (svg, expected) in [
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text y="8">A</text></svg>"#,
            "convert the text to outlines",
        ),
        (
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><defs><radialGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></radialGradient></defs><circle r="4" cx="4" cy="4" fill="url(#g)"/></svg>"##,
            "use flat colours",
        ),
        ("<svg", "cannot be read as SVG"),
    ] {
        let project = fixture(SURVEY);
        write(project.path(), "content/brand/bad.svg", svg);
        let errors = broken_after_build(project.path(), "trustbook.yaml", |t| {
            format!("{t}brand:\n  logo: content/brand/bad.svg\n")
        });
        let (key, rendered, _) = one_error(&errors);
        assert_eq!(key, "brand.logo");
        assert!(rendered.contains(expected), "{expected}: {rendered}");
    }
    let project = fixture(SURVEY);
    write(project.path(), "content/brand/bad.png", "not a picture");
    let errors =
        broken_after_build(project.path(), "trustbook.yaml", |t| format!("{t}brand:\n  logo: content/brand/bad.png\n"));
    assert!(one_error(&errors).1.contains("cannot be read as PNG"));
}

/// The survey fixture with organisation.yaml rewritten by `edit`, built before and after.
fn organisation_with(edit: impl FnOnce(String) -> String) -> trustbook::diagnostics::Diagnostics {
    let project = fixture(SURVEY);
    broken_after_build(project.path(), "content/survey/organisation.yaml", edit)
}

const RED: &str = "  - {id: red, unit: sub, name: Red, headcount: 8}";
const BLUE: &str = "  - {id: blue, unit: sub, name: Blue, headcount: 7}";

#[test]
fn a_recipient_without_an_address_is_refused() {
    for bad in ["ann", "ann@localhost", "ann smith@x.example", "<ann@x.example>"] {
        let errors = organisation_with(|t| {
            t.replace(
                RED,
                &format!(
                    "  - {{id: red, unit: sub, name: Red, headcount: 8, recipients: [{{name: Ann, email: \"{bad}\"}}]}}"
                ),
            )
            .replace(BLUE, "  - {id: blue, unit: sub, name: Blue, headcount: 7, recipients: []}")
        });
        let (key, rendered, (line, _)) = one_error(&errors);
        assert_eq!((key.as_str(), line), ("teams[0].recipients[0].email", 6), "{bad}: {rendered}");
        assert!(rendered.contains("is not an e-mail address"), "{rendered}");
    }
}

#[test]
fn an_address_twice_or_under_two_names_is_refused() {
    let errors = organisation_with(|t| {
        t.replace(RED, "  - {id: red, unit: sub, name: Red, recipients: [{name: Ann, email: ann@x.example}, {name: Ann, email: ANN@x.example}]}")
            .replace(BLUE, "  - {id: blue, unit: sub, name: Blue, recipients: [{name: Bob, email: ann@x.example}]}")
    });
    let keys: Vec<String> = errors.iter().filter_map(|e| e.key.clone()).collect();
    assert_eq!(keys, ["teams[0].recipients[1].email", "teams[1].recipients[0].name"], "{}", errors.render());
    assert!(errors.render().contains("is listed twice here") && errors.render().contains("one address, one person"));
}

#[test]
fn a_team_no_one_receives_is_named_unless_it_says_so() {
    let errors = organisation_with(|t| {
        t.replace(RED, "  - {id: red, unit: sub, name: Red, recipients: [{name: Ann, email: ann@x.example}]}")
    });
    let (key, rendered, _) = one_error(&errors);
    assert_eq!(key, "teams[1]");
    assert!(
        rendered.contains("no one receives team `blue`'s report") && rendered.contains("recipients: []"),
        "{rendered}"
    );
    // A unit above it reaches it: its pack holds the report.
    let project = fixture(SURVEY);
    let text = std::fs::read_to_string(project.path().join("content/survey/organisation.yaml")).unwrap();
    let reached = text
        .replace(RED, "  - {id: red, unit: sub, name: Red, recipients: [{name: Ann, email: ann@x.example}]}")
        .replace(
            "  - {id: top, name: Top}",
            "  - {id: top, name: Top, leader: Cai, recipients: [{name: Cai, email: cai@x.example}]}",
        );
    write(project.path(), "content/survey/organisation.yaml", &reached);
    build(project.path()).expect("reached through its unit");
}

#[test]
fn a_recipient_with_an_unknown_key_is_named() {
    let errors = organisation_with(|t| {
        t.replace(RED, "  - {id: red, unit: sub, name: Red, recipients: [{name: Ann, mail: ann@x.example}]}")
    });
    assert!(errors.render().contains("mail"), "{}", errors.render());
    assert!(errors.iter().any(|e| e.line_column().is_some_and(|(line, _)| line == 6)), "{}", errors.render());
}

#[test]
fn a_wave_that_closes_before_it_opens_is_refused() {
    let errors = organisation_with(|t| {
        t.replace("{id: w2, date: 2026-09-15}", "{id: w2, date: 2026-09-15, closes: 2026-09-01}")
    });
    let (key, rendered, _) = one_error(&errors);
    assert_eq!(key, "waves[1].closes");
    assert!(rendered.contains("closes on 2026-09-01, before it opens on 2026-09-15"), "{rendered}");
}

#[test]
fn a_leader_or_recipients_of_the_wrong_shape_are_named_at_their_line() {
    for (edit, expected) in [
        ("  - {id: red, unit: sub, name: Red, leader: [Ann, Bob]}", "a string, or a map from language code to string"),
        ("  - {id: red, unit: sub, name: Red, recipients: ann@x.example}", "recipients"),
    ] {
        let errors = organisation_with(|t| t.replace(RED, edit));
        let rendered = errors.render();
        assert!(rendered.contains(expected), "{edit}: {rendered}");
        assert!(errors.iter().any(|e| e.line_column().is_some_and(|(line, _)| line == 6)), "{edit}: {rendered}");
    }
}
