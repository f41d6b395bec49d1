//! Bad survey data: each mistake is reported with its file, line and key path, all together,
//! and the previous output stays as it was.

use crate::common::*;
use trustbook::diagnostics::Diagnostics;

/// Builds the survey fixture, rewrites one file of its survey, builds again and checks the
/// failure left the first output untouched.
fn broken(file: &str, edit: impl FnOnce(String) -> String) -> Diagnostics {
    let project = fixture(SURVEY);
    broken_after_build(project.path(), &format!("content/survey/{file}"), edit)
}

/// Asserts one error at `file:line` with `key`, whose message contains `message`.
pub(crate) fn assert_error(errors: &Diagnostics, file: &str, line: usize, key: &str, message: &str) {
    let found = errors.iter().any(|d| {
        d.file.as_deref() == Some(file)
            && d.line_column().map(|p| p.0) == Some(line)
            && d.key.as_deref() == Some(key)
            && d.message.contains(message)
    });
    assert!(found, "no error `{message}` at {file}:{line} key {key}; got:\n{}", errors.render());
    let rendered = errors.render();
    assert!(rendered.contains(&format!("{file}:{line}:")) && rendered.contains(&format!("key: {key}")), "{rendered}");
}

const W1: &str = "content/survey/responses/w1.yaml";
const W2: &str = "content/survey/responses/w2.yaml";
const ORG: &str = "content/survey/organisation.yaml";
const INSTRUMENT: &str = "content/survey/instrument.yaml";

#[test]
fn unknown_team() {
    let errors = broken("responses/w1.yaml", |t| t.replacen("team: blue", "team: bleu", 1));
    assert_error(&errors, W1, 14, "responses[5].team", "unknown team `bleu` (did you mean `blue`?)");
}

#[test]
fn unknown_team_in_the_compact_form() {
    let errors = broken("responses/w2.yaml", |t| t.replace("  blue:", "  green:"));
    assert_error(&errors, W2, 10, "teams.green", "unknown team `green`");
}

#[test]
fn undeclared_wave() {
    let errors = broken("responses/w2.yaml", |t| t.replace("wave: w2", "wave: w3"));
    assert_error(&errors, W2, 1, "wave", "responses for undeclared wave `w3`");
}

#[test]
fn unknown_item() {
    let errors = broken("responses/w1.yaml", |t| t.replacen("IN1: 3, IN2: 3}", "IN1: 3, IN3: 3}", 1));
    assert_error(&errors, W1, 11, "responses[3].answers.IN3", "unknown item `IN3`");
}

#[test]
fn unknown_item_in_the_compact_header() {
    let errors =
        broken("responses/w2.yaml", |t| t.replace("items: [AB1, AB2, IN1, IN2]", "items: [AB1, AB9, IN1, IN2]"));
    assert_error(&errors, W2, 2, "items[1]", "unknown item `AB9`");
}

#[test]
fn answer_outside_the_scale() {
    let errors = broken("responses/w2.yaml", |t| t.replace("- [4, 2, 5, 4]", "- [4, 2, 7, 4]"));
    assert_error(&errors, W2, 7, "teams.red[2][2]", "item IN1: answer `7` is outside the scale");
}

#[test]
fn answer_not_a_whole_number() {
    let errors = broken("responses/w1.yaml", |t| t.replacen("AB1: 3, AB2: 3, IN1: 4", "AB1: 3.5, AB2: 3, IN1: 4", 1));
    assert_error(&errors, W1, 7, "responses[1].answers.AB1", "answer `3.5` is not a whole number");
}

#[test]
fn row_of_the_wrong_length() {
    let errors = broken("responses/w2.yaml", |t| t.replace("- [3, 3, 4, 99]", "- [3, 3, 4]"));
    assert_error(&errors, W2, 9, "teams.red[4]", "this row has 3 answers but `items:` names 4 items");
}

#[test]
fn duplicate_team_id() {
    let errors = broken("organisation.yaml", |t| t.replace("{id: blue, unit: sub", "{id: red, unit: sub"));
    assert_error(&errors, ORG, 7, "teams[1].id", "duplicate team id `red`");
}

#[test]
fn duplicate_item_id() {
    let errors = broken("instrument.yaml", |t| t.replace("{id: IN2, text: Fair}", "{id: IN1, text: Fair}"));
    assert_error(&errors, INSTRUMENT, 17, "dimensions[1].items[1].id", "duplicate item id `IN1`");
}

#[test]
fn team_in_an_unknown_unit() {
    let errors = broken("organisation.yaml", |t| t.replace("{id: red, unit: sub", "{id: red, unit: subb"));
    assert_error(&errors, ORG, 6, "teams[0].unit", "team `red` is in unknown unit `subb` (did you mean `sub`?)");
}

#[test]
fn cycle_in_the_unit_tree() {
    let errors =
        broken("organisation.yaml", |t| t.replace("{id: top, name: Top}", "{id: top, parent: sub, name: Top}"));
    assert_error(&errors, ORG, 3, "units[0].parent", "the unit tree has a cycle: top → sub → top");
}

#[test]
fn wave_without_a_date() {
    let errors = broken("organisation.yaml", |t| t.replace("{id: w2, date: 2026-09-15}", "{id: w2}"));
    assert_error(&errors, ORG, 10, "waves[1]", "wave `w2` has no date");
}

#[test]
fn impossible_date() {
    let errors = broken("organisation.yaml", |t| t.replace("2026-09-15", "2026-09-31"));
    assert_error(&errors, ORG, 10, "waves[1].date", "`2026-09-31` is not a date");
}

#[test]
fn missing_code_inside_the_scale() {
    let errors = broken("instrument.yaml", |t| t.replace("missing: [99, \"N/A\"]", "missing: [3, \"N/A\"]"));
    assert_error(&errors, INSTRUMENT, 6, "scale.missing[0]", "missing code 3 is also a valid answer");
}

#[test]
fn several_files_report_together() {
    let project = fixture(SURVEY);
    let edit = |file: &str, from: &str, to: &str| {
        let path = project.path().join("content/survey").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("responses/w1.yaml", "team: blue", "team: bleu");
    edit("responses/w2.yaml", "- [4, 2, 5, 4]", "- [4, 2, 6, 4]");
    edit("responses/w2.yaml", "- [5, 1, 4, 5]", "- [5, 1, 4, 2.5]");
    write(project.path(), "content/handbook/_index.md", "---\ntitel: X\n---\n");
    let errors = build_errors(project.path());
    assert_eq!(errors.error_count(), 4, "{}", errors.render());
}

#[test]
fn more_respondents_than_the_headcount_is_an_error_not_a_rate_over_100_percent() {
    let errors = broken("organisation.yaml", |text| text.replace("headcount: 8", "headcount: 2"));
    assert_error(
        &errors,
        "content/survey/organisation.yaml",
        6,
        "teams[0].headcount",
        "team `red` has 5 responses in wave `w2` but a headcount of 2",
    );
}

#[test]
fn a_copied_response_file_is_an_error_not_twice_the_respondents() {
    let project = fixture(SURVEY);
    build(project.path()).unwrap();
    let responses = project.path().join("content/survey/responses");
    std::fs::copy(responses.join("w2.yaml"), responses.join("w2 (copy).yaml")).unwrap();
    let errors = build_errors(project.path());
    let error = errors.iter().find(|e| e.message.contains("is a copy of")).expect("the copy is reported");
    // Files are read in name order; the second of the two is the one reported.
    assert_eq!(error.file.as_deref(), Some("content/survey/responses/w2.yaml"));
    assert!(error.message.contains("a copy of content/survey/responses/w2 (copy).yaml"), "{}", error.message);
    assert_eq!(errors.error_count(), 1, "{errors}");
}

/// The error about key `key` given twice in `file`: at the second line, naming the first.
fn assert_twice(errors: &Diagnostics, file: &str, key: &str, second: usize, first: usize) {
    let error = errors
        .iter()
        .find(|d| {
            d.file.as_deref() == Some(file) && d.message.contains(&format!("`{key}`")) && d.message.contains("twice")
        })
        .unwrap_or_else(|| panic!("no error about `{key}` given twice; got:\n{}", errors.render()));
    assert_eq!(error.line_column().map(|p| p.0), Some(second), "{}", errors.render());
    assert!(error.notes.iter().any(|n| n == &format!("it is first given at line {first}")), "{:?}", error.notes);
}

#[test]
fn a_team_given_twice_in_the_compact_form_is_an_error_at_both_lines() {
    let errors = broken("responses/w2.yaml", |text| text.replace("  blue:\n", "  red:\n    - [1, 1, 1, 1]\n  blue:\n"));
    assert_twice(&errors, "content/survey/responses/w2.yaml", "red", 10, 4);
}

#[test]
fn an_answer_given_twice_is_an_error_at_both_lines() {
    let errors = broken("responses/w1.yaml", |text| text.replacen("{AB1: 4, AB2: 2,", "{AB1: 4, AB1: 1, AB2: 2,", 1));
    let error = errors.iter().find(|d| d.message.contains("`AB1`")).expect("reported");
    assert_eq!(error.location().as_deref(), Some("content/survey/responses/w1.yaml:4:23"), "{}", errors.render());
    assert!(error.notes.iter().any(|n| n == "it is first given at line 4"));
}

#[test]
fn a_setting_given_twice_is_an_error_at_both_lines() {
    let errors = broken("instrument.yaml", |text| text.replacen("\n", "\nid: again\n", 1));
    let first = errors.iter().next().expect("reported");
    assert!(first.message.contains("duplicate field `id`"), "{}", errors.render());
    assert_eq!(first.line_column().map(|p| p.0), Some(2));
}

#[test]
fn an_overlong_id_is_refused_with_its_length() {
    let long = "r".repeat(300);
    let errors = broken("organisation.yaml", |t| t.replace("{id: red,", &format!("{{id: {long},")));
    assert_error(&errors, ORG, 6, "teams[0].id", "is 300 characters long; ids are at most 100 characters");
    let message = errors.iter().find(|d| d.key.as_deref() == Some("teams[0].id")).unwrap();
    assert!(!message.message.contains(&long), "the message does not repeat the whole id");
}

#[test]
fn a_glyph_no_font_has_in_a_team_name_is_reported_at_its_line() {
    let project = fixture(SURVEY);
    let org = project.path().join("content/survey/organisation.yaml");
    let text = std::fs::read_to_string(&org).unwrap().replace("name: Red,", "name: ทีมแดง,");
    std::fs::write(&org, text).unwrap();
    let warnings = build(project.path()).expect("a missing glyph is a warning").warnings.render();
    assert!(warnings.contains("no font has a glyph for `ท`"), "{warnings}");
    assert!(warnings.contains(&format!("{ORG}:6:")), "the warning names organisation.yaml's line: {warnings}");
}

#[test]
fn the_sample_streams_to_exactly_what_the_full_loader_reads() {
    use trustbook::diagnostics::SourceText;
    use trustbook::survey::ResponseFile;
    use trustbook::yaml::YamlFile;
    let survey = survey_at(&repo_root());
    let instruments: Vec<_> =
        std::iter::once(survey.instrument.clone()).chain(survey.further.iter().map(|f| f.instrument.clone())).collect();
    assert!(instruments.len() >= 2, "the sample has a customer instrument");
    let dir = repo_root().join("content/survey/responses");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file = YamlFile::new(SourceText::new("r.yaml", std::fs::read_to_string(&path).unwrap()));
        let streamed = ResponseFile::streamed(&file, &instruments, &survey.organisation).expect("valid: streamed");
        let full = ResponseFile::load_in_full(&file, &instruments, &survey.organisation).unwrap();
        assert_eq!(streamed, full, "{}", path.display());
        files += 1;
    }
    assert!(files >= 4);
}

#[test]
fn an_instrument_dimension_the_model_lacks_is_an_error_with_a_suggestion() {
    let errors = broken("instrument.yaml", |t| t.replace("  - id: integrity", "  - id: integrty"));
    assert_error(
        &errors,
        INSTRUMENT,
        13,
        "dimensions[1].id",
        "unknown dimension `integrty` (did you mean `integrity`?)",
    );
}

#[test]
fn a_model_file_is_checked_like_all_input() {
    let project = fixture(SURVEY);
    let model = "id: m\nname: M\ndimensions:\n  - {id: ability, name: A}\n  - {id: ability, name: B}\nstages:\n  - {id: s, name: S, colour: red}\n";
    write(project.path(), "content/model.yaml", model);
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/model.yaml:7:"), "an unknown key at its line: {errors}");
    write(project.path(), "content/model.yaml", &model.replace(", colour: red", ""));
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/model.yaml:5:") && errors.contains("`ability` is given twice"), "{errors}");
}

#[test]
fn a_challenge_suggested_on_a_dimension_the_model_lacks() {
    let project = fixture(SURVEY);
    let model = "id: m\nname: M\ndimensions:\n  - {id: ability, name: A}\n  - {id: integrity, name: I}\nstages:\n  - {id: s, name: S}\nchallenges:\n  - id: c\n    name: C\n    suggested_when: [falling]\n    suggested_on: [integrty]\n";
    write(project.path(), "content/model.yaml", model);
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/model.yaml:12:"), "at its line: {errors}");
    assert!(errors.contains("unknown dimension `integrty` (did you mean `integrity`?)"), "{errors}");
}

#[test]
fn a_plans_file_names_an_instrument_and_its_dimension_that_exist() {
    let project = fixture(SURVEY);
    let plans = "wave: w1\nteams:\n  red:\n    - {text: A, dimension: ability, instrument: clients, status: done}\n  blue:\n    - {text: B, dimension: abilty, status: done}\n";
    write(project.path(), "content/plans/w1.yaml", plans);
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/plans/w1.yaml:4:") && errors.contains("unknown instrument `clients`"), "{errors}");
    assert!(errors.contains("content/plans/w1.yaml:6:") && errors.contains("unknown dimension `abilty`"), "{errors}");
}

#[test]
fn team_attributes_and_stages_are_checked_against_the_model() {
    let errors = broken("organisation.yaml", |t| {
        t.replace("headcount: 8}", "headcount: 8, attributes: {function: sails}, stage: consolidaton}")
    });
    assert_error(
        &errors,
        ORG,
        6,
        "teams[0].attributes.function",
        "`sails` is not a value of `function` (did you mean `sales`?)",
    );
    assert_error(&errors, ORG, 6, "teams[0].stage", "unknown stage `consolidaton` (did you mean `consolidation`?)");
}

#[test]
fn a_plans_file_is_checked_at_its_lines() {
    let project = fixture(SURVEY);
    let plans = "wave: w1\nteams:\n  red:\n    - {text: A, status: finished}\n  bleu:\n    - {text: B, status: done}\n  blue:\n    - {strategy: handbook/nothing.md, action: 1, status: done}\n";
    write(project.path(), "content/plans/w1.yaml", plans);
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/plans/w1.yaml:4:") && errors.contains("unknown variant `finished`"), "{errors}");
    let plans = "wave: w1\nteams:\n  bleu:\n    - {text: B, status: done}\n  blue:\n    - {strategy: handbook/nothing.md, action: 1, status: done}\n";
    write(project.path(), "content/plans/w1.yaml", plans);
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/plans/w1.yaml:3:") && errors.contains("unknown team `bleu`"), "{errors}");
    assert!(errors.contains("content/plans/w1.yaml:6:") && errors.contains("is not a strategy page"), "{errors}");
}

#[test]
fn stage_bands_and_the_target_cap_in_the_model_are_checked_at_their_lines() {
    let project = fixture(SURVEY);
    let model = "id: m\nname: M\ndimensions:\n  - {id: ability, name: A}\n  - {id: integrity, name: I}\nstages:\n  - {id: early, name: E}\n  - {id: late, name: L}\nstage_by_months:\n  - {below: 12, stage: early}\n  - {below: 6, stage: late}\n  - {stage: lately}\ndefault_target_cap_pp: 0\n";
    write(project.path(), "content/model.yaml", model);
    let errors = build_errors(project.path()).render();
    assert!(errors.contains("content/model.yaml:11:") && errors.contains("bands go in rising order"), "{errors}");
    assert!(
        errors.contains("content/model.yaml:12:") && errors.contains("unknown stage `lately` (did you mean `late`?)"),
        "{errors}"
    );
    assert!(errors.contains("content/model.yaml:13:") && errors.contains("above 0 and at most 100"), "{errors}");
}

#[test]
fn an_action_naming_an_item_no_instrument_has_is_an_error_at_its_line() {
    let project = fixture(SURVEY);
    build(project.path()).expect("the fixture builds before it is broken");
    let before = tree(&project.path().join("output"));
    let page = "---\ntitle: 透明\nkind: strategy\ndimensions: [integrity]\nactions:\n  - text: 每周简报\n    owner: 负责人\n    frequency: 每周\n    measure: 认同比例\n    item: IN9\n---\n正文\n";
    write(project.path(), "content/handbook/transparency.md", page);
    let errors = build_errors(project.path()).render();
    assert_eq!(tree(&project.path().join("output")), before, "the previous output changed");
    assert!(errors.contains("content/handbook/transparency.md:10:"), "at its line: {errors}");
    assert!(errors.contains("action item `IN9` is in no members instrument (did you mean `IN1`?)"), "{errors}");
}

#[test]
fn a_comment_language_is_a_language_tag_for_a_comment_that_exists() {
    let errors = broken("responses/w1.yaml", |t| t.replacen("team: blue", "team: blue\n    comment_lang: en", 1));
    let rendered = errors.render();
    assert!(
        rendered.contains("`comment_lang` names the language of a comment, and this respondent left none"),
        "{rendered}"
    );
    let errors = broken("responses/w1.yaml", |t| {
        t.replacen("team: blue", "team: blue\n    comment: ok\n    comment_lang: english!", 1)
    });
    assert!(errors.render().contains("w1.yaml:"), "a bad tag at its line: {}", errors.render());
}

#[test]
fn a_control_character_in_a_comment() {
    // Found by fuzzing: the streaming reader let an escape character through where the full
    // loader refuses it; now both refuse, at its line.
    let errors = broken("responses/w1.yaml", |t| t.replacen("team: blue", "team: blue, comment: \"\u{1b}[31mred\"", 1));
    let rendered = errors.render();
    assert!(
        rendered.contains(&format!("{W1}:14:")) && rendered.contains("U+001B is not allowed in YAML"),
        "{rendered}"
    );
}
