//! Interrupted builds: Ctrl-C or SIGTERM removes the build's staging folder before the process
//! ends, and a build killed outright (kill -9) leaves folders that the next build removes. The
//! previous output stays as it was either way.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// Starts a build of `project` and waits until its staging folder exists, so the signal
/// arrives while it renders.
fn build_in_flight(project: &Path) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .args(["build", "--quiet"])
        .current_dir(project)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let staging = project.join(format!(".output.staging-{}", child.id()));
    let started = Instant::now();
    while !staging.exists() {
        assert!(started.elapsed() < Duration::from_secs(60), "the build never started writing");
        std::thread::sleep(Duration::from_millis(2));
    }
    child
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill").args([format!("-{name}"), child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

fn leftovers(project: &Path) -> Vec<String> {
    let names = std::fs::read_dir(project).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
    names.filter(|n| n.starts_with(".output.")).collect()
}

#[test]
fn sigterm_and_ctrl_c_remove_the_staging_folder_and_keep_the_output() {
    let project = sample_project();
    build(project.path()).unwrap();
    let before = tree(&project.path().join("output"));
    for name in ["TERM", "INT"] {
        let child = build_in_flight(project.path());
        signal(&child, name);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(130), "SIG{name}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stderr).contains("previous output is unchanged"));
        assert_eq!(leftovers(project.path()), Vec::<String>::new(), "SIG{name} left a folder behind");
        assert_eq!(tree(&project.path().join("output")), before, "SIG{name} changed the output");
    }
}

#[test]
fn a_killed_builds_leftovers_are_removed_by_the_next_build() {
    let project = sample_project();
    build(project.path()).unwrap();
    let before = tree(&project.path().join("output"));
    let mut child = build_in_flight(project.path());
    signal(&child, "KILL");
    child.wait().unwrap();
    assert_eq!(leftovers(project.path()).len(), 1, "kill -9 leaves the staging folder");
    assert_eq!(tree(&project.path().join("output")), before, "the output is untouched");
    build(project.path()).unwrap();
    assert_eq!(leftovers(project.path()), Vec::<String>::new(), "the next build removed it");
}
