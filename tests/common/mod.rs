//! Helpers shared by the integration tests: fixture projects in temporary folders, running the
//! binary, and snapshots of whole output trees.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use trustbook::diagnostics::Diagnostics;
use trustbook::{BuildError, BuildOptions, BuildReport};

/// The repository root: also the sample project.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The minimal handbook-only fixture project, beside the site tests.
pub const MINIMAL: &str = "tests/integration/site/minimal";
/// The small survey fixture project (two waves, a handful of teams), beside the survey tests.
pub const SURVEY: &str = "tests/integration/survey/project";

/// A copy of a fixture project ([`MINIMAL`], [`SURVEY`]) in a fresh temporary folder; the
/// project is at `.path()`.
pub fn fixture(path: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_tree(&repo_root().join(path), dir.path());
    dir
}

/// A copy of the sample project (configuration and content) in a fresh temporary folder.
pub fn sample_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::copy(repo_root().join("trustbook.yaml"), dir.path().join("trustbook.yaml")).unwrap();
    copy_tree(&repo_root().join("content"), &dir.path().join("content"));
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Builds the project at `root` with default options.
pub fn build(root: &Path) -> Result<BuildReport, BuildError> {
    trustbook::build(&BuildOptions::new(root))
}

/// Builds, expecting the input to be rejected; returns the diagnostics.
pub fn build_errors(root: &Path) -> Diagnostics {
    match build(root) {
        Err(BuildError::Invalid(diagnostics)) => diagnostics,
        Err(other) => panic!("expected input errors, got {other}"),
        Ok(_) => panic!("expected the build to fail"),
    }
}

/// Builds `project`, rewrites its file `file` (relative to the root; a new one starts empty),
/// builds again and checks that the failure left the first output untouched; returns the
/// second build's diagnostics.
pub fn broken_after_build(project: &Path, file: &str, edit: impl FnOnce(String) -> String) -> Diagnostics {
    build(project).expect("the project builds before it is broken");
    let before = tree(&project.join("output"));
    let path = project.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, edit(text)).unwrap();
    let errors = build_errors(project);
    assert_eq!(tree(&project.join("output")), before, "the previous output changed");
    errors
}

/// Every file below `dir` with its bytes, keyed by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (relative, std::fs::read(entry.path()).unwrap())
        })
        .collect()
}

/// Runs the `trustbook` binary with `args` in `cwd`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustbook")).args(args).current_dir(cwd).output().expect("run trustbook")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The survey of the project at `root`, loaded through trustbook's loader.
pub fn survey_at(root: &Path) -> trustbook::survey::Survey {
    let source = trustbook::source::Source::open(root, trustbook::source::Limits::default()).unwrap();
    let model = trustbook::model::TrustModel::load(&source).unwrap();
    trustbook::survey::Survey::load_project(&source, &model).unwrap().expect("the project has a survey")
}

/// The text of a PDF, by `pdftotext -raw` (poppler-utils, from scripts/setup.sh).
pub fn pdf_text(file: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (scripts/setup.sh)");
    assert!(output.status.success(), "pdftotext failed on {}", file.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}
