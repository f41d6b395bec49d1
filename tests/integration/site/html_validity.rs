//! The sample handbook must pass the Nu Html Checker with no errors. The checker is installed
//! by scripts/setup.sh; without it this test fails and says how to get it.

use std::process::Command;

use crate::common::*;

#[test]
fn sample_output_passes_the_nu_html_checker() {
    let jar = repo_root().join(".tools/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "the Nu Html Checker is missing: run scripts/setup.sh (expected {})", jar.display());
    let project = sample_project();
    build(project.path()).expect("the sample builds");
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(project.path().join("output"))
        .output()
        .expect("java runs (scripts/setup.sh installs it)");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && report.trim().is_empty(), "Nu Html Checker errors:\n{report}");
    let checked = tree(&project.path().join("output")).keys().filter(|k| k.ends_with(".html")).count();
    assert!(checked > 60, "only {checked} pages were checked");
}
