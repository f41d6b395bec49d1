//! Text that is not what it seems: other encodings, byte order marks, line endings, YAML that
//! explodes or is malformed, and names that look like template code or HTML. Each is either
//! read correctly or refused with the file and line, never misread.

use crate::common::*;

fn build_error_text(project: &tempfile::TempDir) -> String {
    let errors = build_errors(project.path());
    assert!(!project.path().join("output").exists(), "nothing is published");
    errors.render()
}

#[test]
fn a_markdown_file_in_utf16_is_refused_naming_the_file() {
    let project = fixture(MINIMAL);
    let text = "---\ntitle: 十六位\n---\n正文\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(project.path().join("content/handbook/guide/utf16.md"), bytes).unwrap();
    let errors = build_error_text(&project);
    assert!(errors.contains("content/handbook/guide/utf16.md") && errors.contains("UTF-16"), "{errors}");
}

#[test]
fn latin1_survey_data_is_refused_at_the_first_bad_line() {
    let project = fixture(SURVEY);
    let path = project.path().join("content/survey/organisation.yaml");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(8).position(|w| w == b"name: Re").unwrap() + 6;
    bytes.splice(at..at + 3, b"R\xe9d".iter().copied());
    std::fs::write(&path, bytes).unwrap();
    let errors = build_error_text(&project);
    assert!(errors.contains("content/survey/organisation.yaml:6:"), "{errors}");
    assert!(errors.contains("not UTF-8 text (byte 0xE9 at line 6, column"), "{errors}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_read_as_plain_utf8() {
    let project = fixture(SURVEY);
    for file in ["content/survey/organisation.yaml", "content/survey/instrument.yaml", "trustbook.yaml"] {
        let text = std::fs::read_to_string(project.path().join(file)).unwrap();
        write(project.path(), file, &format!("\u{feff}{}", text.replace('\n', "\r\n")));
    }
    build(project.path()).expect("BOM and CRLF are fine");
    let html = std::fs::read_to_string(project.path().join("output/results/en/teams/red/index.html")).unwrap();
    assert!(html.contains("Red") && !html.contains('\u{feff}') && !html.contains('\r'), "names are read cleanly");
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly_at_its_line() {
    let project = fixture(SURVEY);
    // Nine levels of nine aliases each: 387 million strings once expanded.
    let mut bomb =
        String::from("wave: w1\nitems: [AB1]\nteams:\n  red: &a0 [[1], [1], [1], [1], [1], [1], [1], [1], [1]]\n");
    for i in 1..10 {
        let previous = format!("*a{}", i - 1);
        bomb.push_str(&format!("  t{i}: &a{i} [{}]\n", vec![previous; 9].join(", ")));
    }
    write(project.path(), "content/survey/responses/w1.yaml", &bomb);
    let started = std::time::Instant::now();
    let errors = build_error_text(&project);
    // Not a timing assertion on speed: a bomb expanded would take minutes and gigabytes.
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "refused before expansion");
    assert!(errors.contains("content/survey/responses/w1.yaml:"), "{errors}");
    let count = errors.matches("error:").count();
    assert!(count < 1000, "the report stays readable: {count} errors");
}

#[test]
fn tabs_in_yaml_indentation_are_an_error_at_their_line() {
    let project = fixture(SURVEY);
    let path = project.path().join("content/survey/instrument.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replacen("  - id: ability", "\t- id: ability", 1);
    std::fs::write(&path, text).unwrap();
    let errors = build_error_text(&project);
    assert!(errors.contains("content/survey/instrument.yaml:8:"), "{errors}");
}

#[test]
fn names_that_look_like_template_code_or_html_are_printed_as_written() {
    let project = fixture(SURVEY);
    let path = project.path().join("content/survey/organisation.yaml");
    let name = "\"{{ 7*7 }} {% raw %}<b onmouseover=alert(1)>x</b>\"";
    let text = std::fs::read_to_string(&path).unwrap().replace("name: Red,", &format!("name: {name},"));
    std::fs::write(&path, text).unwrap();
    write(
        project.path(),
        "content/handbook/_index.md",
        "---\ntitle: \"{{ config }}\"\n---\nBody {{ lang }} {% if x %}\n",
    );
    build(project.path()).expect("template-looking text is only text");
    let team = std::fs::read_to_string(project.path().join("output/results/en/teams/red/index.html")).unwrap();
    assert!(team.contains("{{ 7*7 }} {% raw %}&lt;b onmouseover"), "not evaluated, and HTML escaped");
    assert!(!team.contains("<b onmouseover"), "HTML in a name never reaches the page");
    let home = std::fs::read_to_string(project.path().join("output/site/en/index.html")).unwrap();
    assert!(home.contains("Body {{ lang }} {% if x %}"), "Markdown text is text");
    let summary = std::fs::read_to_string(project.path().join("output/results/en/summary/index.html")).unwrap();
    assert!(summary.contains("{{ config }}"), "a title is text");
    let pdf = pdf_text(&project.path().join("output/results/en/teams/red/red.pdf"));
    assert!(pdf.contains("{{ 7*7 }}"), "the PDF prints it as written");
}
