//! The command line: exit codes, `check`, `init`, and what users read on the terminal.

use crate::common::*;

#[test]
fn check_prints_three_mistakes_at_once() {
    let project = fixture(MINIMAL);
    write(project.path(), "content/handbook/guide/_index.md", "---\nweight: 1\n---\n");
    write(project.path(), "content/handbook/guide/first.md", "---\ntitle: 第一章\ndimensions: [abilty]\n---\n");
    write(project.path(), "content/handbook/guide/second.md", "---\ntitle: 第二章\n---\n[x](@/handbook/nope.md)\n");
    let output = run(project.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("content/handbook/guide/_index.md:2:1"), "{text}");
    assert!(text.contains("content/handbook/guide/first.md:3:14"), "{text}");
    assert!(text.contains("content/handbook/guide/second.md:4:1"), "{text}");
    assert!(text.contains("3 errors in the project"), "{text}");
    assert!(!project.path().join("output").exists(), "check writes nothing");
}

#[test]
fn check_on_the_sample_succeeds() {
    let output = run(&repo_root(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("OK: 11 sections and 26 pages"), "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_with_two() {
    let project = fixture(MINIMAL);
    assert_eq!(run(project.path(), &["build", "--format", "docx"]).status.code(), Some(2));
    assert_eq!(run(project.path(), &["build", "--lang", "fr"]).status.code(), Some(2));
    assert_eq!(run(project.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn init_makes_a_project_that_builds_and_refuses_to_clobber() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new");
    let output = run(dir.path(), &["init", "new"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(target.join("trustbook.yaml").is_file());
    assert!(target.join("content/handbook/strategies/transparency.md").is_file());
    assert!(!target.join("themes").exists(), "the theme stays embedded");

    let built = run(&target, &["build", "--quiet"]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(stderr(&built).is_empty(), "--quiet prints nothing on success");
    assert!(target.join("output/site/zh/index.html").is_file());

    let again = run(dir.path(), &["init", "new"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("not empty"));
    assert_eq!(run(dir.path(), &["init", "new", "--force"]).status.code(), Some(0));
}

#[test]
fn build_reports_what_it_wrote() {
    let project = fixture(MINIMAL);
    let output = run(project.path(), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("Built 8 pages in zh, en"), "{}", stderr(&output));
}
