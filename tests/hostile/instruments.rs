//! Further instruments (`content/survey/instruments/<id>.yaml`) and the response files that name
//! them: each mistake at its file, line and key, and the previous output untouched.

use crate::common::*;
use crate::survey::assert_error;
use trustbook::diagnostics::Diagnostics;

const CUSTOMERS: &str = "content/survey/instruments/customers.yaml";
const RESPONSES: &str = "content/survey/responses/w1-customers.yaml";

const INSTRUMENT_YAML: &str = "\
id: customers
title: {zh: 客户信任, en: Customer trust}
respondents: customers
applies_to: {function: [sales]}
scale: {min: 1, max: 5}
dimensions:
  - id: ability
    name: Ability
    items:
      - {id: CA1, text: Knows our business}
      - {id: CA2, text: Leaves gaps, reverse: true}
";

const RESPONSES_YAML: &str = "\
wave: w1
instrument: customers
items: [CA1, CA2]
teams:
  red:
    - [4, 2]
    - [5, 1]
    - [4, 2]
    - [3, 3]
    - [4, 2]
";

/// The survey fixture with red as a sales team and five of its customers' answers in w1.
fn with_customers() -> tempfile::TempDir {
    let project = fixture(SURVEY);
    let root = project.path();
    let organisation = root.join("content/survey/organisation.yaml");
    let text = std::fs::read_to_string(&organisation).unwrap();
    let text = text.replace("headcount: 8}", "headcount: 8, attributes: {function: sales}}");
    std::fs::write(&organisation, text).unwrap();
    std::fs::create_dir_all(root.join("content/survey/instruments")).unwrap();
    std::fs::write(root.join(CUSTOMERS), INSTRUMENT_YAML).unwrap();
    std::fs::write(root.join(RESPONSES), RESPONSES_YAML).unwrap();
    project
}

/// Builds the project with customers, rewrites one of its files, builds again and checks the
/// failure left the first output untouched.
fn broken(file: &str, edit: impl FnOnce(String) -> String) -> Diagnostics {
    broken_after_build(with_customers().path(), file, edit)
}

#[test]
fn unknown_instrument_in_a_response_file() {
    let errors = broken(RESPONSES, |t| t.replace("instrument: customers", "instrument: customer"));
    assert_error(&errors, RESPONSES, 2, "instrument", "unknown instrument `customer` (did you mean `customers`?)");
}

#[test]
fn customers_of_a_team_the_instrument_is_not_for() {
    let errors = broken(RESPONSES, |t| t.replace("  red:", "  blue:"));
    assert_error(&errors, RESPONSES, 5, "teams.blue", "team `blue` is not one instrument `customers` is for");
}

#[test]
fn answers_are_read_against_the_named_instrument() {
    // AB1 is an item of the default instrument, not of the customers' one.
    let errors = broken(RESPONSES, |t| t.replace("items: [CA1, CA2]", "items: [CA1, AB1]"));
    assert_error(&errors, RESPONSES, 3, "items[1]", "unknown item `AB1`");
}

#[test]
fn unknown_respondents() {
    let errors = broken(CUSTOMERS, |t| t.replace("respondents: customers", "respondents: clients"));
    let rendered = errors.render();
    assert!(rendered.contains(&format!("{CUSTOMERS}:3:")) && rendered.contains("members"), "{rendered}");
}

#[test]
fn applies_to_an_attribute_the_model_lacks() {
    let errors = broken(CUSTOMERS, |t| t.replace("{function: [sales]}", "{funktion: [sales]}"));
    assert_error(
        &errors,
        CUSTOMERS,
        4,
        "applies_to.funktion",
        "unknown attribute `funktion` (did you mean `function`?)",
    );
}

#[test]
fn applies_to_a_value_the_attribute_lacks() {
    let errors = broken(CUSTOMERS, |t| t.replace("[sales]", "[sails]"));
    assert_error(&errors, CUSTOMERS, 4, "applies_to.function", "`sails`");
}

#[test]
fn a_file_named_otherwise_than_its_instrument() {
    let errors = broken(CUSTOMERS, |t| t.replace("id: customers", "id: clients"));
    assert_error(&errors, CUSTOMERS, 1, "id", "name the file after the id (clients.yaml)");
}

#[test]
fn a_further_instrument_with_the_default_ones_id() {
    let file = "content/survey/instruments/fixture.yaml";
    let errors = broken(file, |_| INSTRUMENT_YAML.replace("id: customers", "id: fixture"));
    assert_error(&errors, file, 1, "id", "instrument id `fixture` is the default instrument's");
}

#[test]
fn the_default_instrument_cannot_be_for_customers() {
    let errors = broken("content/survey/instrument.yaml", |t| {
        t.replace("title: Fixture", "title: Fixture\nrespondents: customers")
    });
    assert_error(&errors, "content/survey/instrument.yaml", 3, "respondents", "answered by the members of every team");
}

#[test]
fn customers_are_not_counted_against_the_headcount() {
    // Nine customers rate red, whose headcount is 8: not an error, customers are not members.
    let project = with_customers();
    let path = project.path().join(RESPONSES);
    let more = RESPONSES_YAML.to_string() + "    - [4, 2]\n    - [4, 2]\n    - [4, 2]\n    - [4, 2]\n";
    std::fs::write(&path, more).unwrap();
    build(project.path()).expect("nine customers of a team of eight build");
}

#[test]
fn an_outcome_item_with_a_dimension_items_id() {
    let errors = broken("content/survey/instrument.yaml", |t| {
        t + "outcomes:\n  - {id: AB1, name: Overall trust, text: Overall I trust them}\n"
    });
    assert_error(&errors, "content/survey/instrument.yaml", 19, "outcomes[0].id", "duplicate item id `AB1`");
}

#[test]
fn an_outcome_item_without_a_name() {
    let errors =
        broken("content/survey/instrument.yaml", |t| t + "outcomes:\n  - {id: OT1, text: Overall I trust them}\n");
    let rendered = errors.render();
    assert!(rendered.contains("content/survey/instrument.yaml:19:") && rendered.contains("`name`"), "{rendered}");
}

#[test]
fn a_source_the_bibliography_lacks() {
    let errors = broken(CUSTOMERS, |t| {
        t.replace("scale: {min: 1, max: 5}", "source:\n  adapted_from: [mayer1999]\nscale: {min: 1, max: 5}")
    });
    assert_error(&errors, CUSTOMERS, 6, "source.adapted_from[0]", "unknown source `mayer1999`");
}

#[test]
fn a_source_that_names_nothing() {
    let errors = broken(CUSTOMERS, |t| {
        t.replace("scale: {min: 1, max: 5}", "source: {adapted_from: []}\nscale: {min: 1, max: 5}")
    });
    assert_error(&errors, CUSTOMERS, 5, "source.adapted_from", "`adapted_from` names no source");
}

#[test]
fn the_default_instrument_is_about_the_team_itself() {
    let errors = broken("content/survey/instrument.yaml", |t| {
        t.replace("title: Fixture", "title: Fixture\nabout: {en: the team leader}")
    });
    assert_error(&errors, "content/survey/instrument.yaml", 3, "about", "about the team's own members");
}

/// A strategy page for trust in someone else names its instrument; the fixture's own strategy
/// page, written into the handbook.
fn strategy_page(instrument_line: &str) -> String {
    format!(
        "---\ntitle: Leading\nkind: strategy\n{instrument_line}dimensions: [ability]\nactions:\n  - {{text: Explain decisions, owner: Team leader, frequency: Monthly, measure: Share of decisions explained}}\n---\nBody.\n"
    )
}

#[test]
fn a_strategy_for_an_instrument_that_does_not_exist() {
    let file = "content/handbook/leading.md";
    let errors = broken(file, |_| strategy_page("instrument: leader-trust\n"));
    let rendered = errors.render();
    assert!(
        rendered.contains(&format!("{file}:4:")) && rendered.contains("unknown instrument `leader-trust`"),
        "{rendered}"
    );
}

#[test]
fn a_strategy_for_an_instrument_about_the_team_itself() {
    // `customers` rates the team itself: guidance for it says `respondents: customers`.
    let file = "content/handbook/leading.md";
    let errors = broken(file, |_| strategy_page("instrument: customers\n"));
    let rendered = errors.render();
    assert!(rendered.contains(&format!("{file}:4:")) && rendered.contains("is about the team itself"), "{rendered}");
}

#[test]
fn an_instrument_key_on_a_page_that_is_not_a_strategy() {
    let file = "content/handbook/leading.md";
    let errors = broken(file, |_| "---\ntitle: Reading\ninstrument: customers\n---\nBody.\n".to_string());
    assert_error(&errors, file, 3, "instrument", "it belongs on strategy pages");
}

#[test]
fn rated_since_names_a_fact_trustbook_knows() {
    let errors =
        broken(CUSTOMERS, |t| t.replace("respondents: customers", "respondents: customers\nrated_since: formed"));
    let rendered = errors.render();
    assert!(rendered.contains(&format!("{CUSTOMERS}:4:")) && rendered.contains("leader_since"), "{rendered}");
}

#[test]
fn the_default_instrument_rates_no_one_person() {
    let errors = broken("content/survey/instrument.yaml", |t| {
        t.replace("title: Fixture", "title: Fixture\nrated_since: leader_since")
    });
    assert_error(&errors, "content/survey/instrument.yaml", 3, "rated_since", "not one person");
}
