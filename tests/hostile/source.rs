//! The source stage under attack: files and folders that lead out of the project (symlinks,
//! `..`, absolute paths), links into the survey data, symlink loops, files that are not text
//! or are too large. Each is an error naming the file (and the key where a setting names it),
//! reported once, and the previous output stays intact.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::diagnostics::Diagnostics;
use trustbook::project::Project;
use trustbook::source::{Limits, Source};
use trustbook::{BuildError, BuildOptions};

/// Builds `fixture`, applies `break_it` (which gets the project folder and a folder outside
/// it), builds again and checks the failure left the first output untouched.
fn broken(fixture_path: &str, break_it: impl FnOnce(&Path, &Path)) -> Diagnostics {
    let project = fixture(fixture_path);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Secret\n---\nsalaries of everyone\n").unwrap();
    build(project.path()).expect("the fixture builds before it is broken");
    let before = tree(&project.path().join("output"));
    break_it(project.path(), outside.path());
    let errors = within_a_minute(project.path().to_path_buf(), |root| build_errors(&root));
    assert_eq!(tree(&project.path().join("output")), before, "the failed build changed the output");
    errors
}

/// Runs `work` on its own thread and fails the test if it takes more than a minute: a symlink
/// loop that is not caught would otherwise hang the suite instead of failing it.
fn within_a_minute<T: Send + 'static, A: Send + 'static>(argument: A, work: fn(A) -> T) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || sender.send(work(argument)));
    receiver.recv_timeout(Duration::from_secs(60)).expect("the build neither finished nor failed within a minute")
}

fn messages(errors: &Diagnostics) -> String {
    errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
}

/// What loading the handbook of the project at `root` read, whatever it found wrong.
fn files_read(root: &Path) -> Vec<String> {
    let source = Source::open(root, Limits::default()).unwrap();
    let project = Project::load(&source).unwrap();
    let model = trustbook::model::TrustModel::default();
    let _ = trustbook::content::load(&source, &project, &model, &LoadOptions::default());
    source.dependencies().read.keys().map(|p| p.to_string()).collect()
}

#[test]
fn a_handbook_page_linking_outside_the_project_is_refused_and_never_read() {
    let errors = broken(MINIMAL, |project, outside| {
        symlink(outside.join("secret.md"), project.join("content/handbook/secret.md")).unwrap();
    });
    assert_eq!(errors.error_count(), 1, "one cause, one error: {errors}");
    let all = messages(&errors);
    assert!(all.contains("content/handbook/secret.md") && all.contains("outside the project folder"), "{all}");

    let project = fixture(MINIMAL);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Secret\n---\n").unwrap();
    symlink(outside.path().join("secret.md"), project.path().join("content/handbook/secret.md")).unwrap();
    let read = files_read(project.path());
    assert!(read.iter().any(|p| p == "content/handbook/guide/first.md"), "the rest is read: {read:?}");
    assert!(!read.iter().any(|p| p.contains("secret")), "the linked file is not read: {read:?}");
}

#[test]
fn a_handbook_folder_linking_outside_is_refused_once_at_the_link() {
    let errors = broken(MINIMAL, |project, outside| {
        std::fs::create_dir(outside.join("more")).unwrap();
        std::fs::write(outside.join("more/a.md"), "---\ntitle: A\n---\n").unwrap();
        symlink(outside, project.join("content/handbook/elsewhere")).unwrap();
    });
    assert_eq!(errors.error_count(), 1, "reported at the link, not per file behind it: {errors}");
    let error = errors.iter().next().unwrap();
    assert_eq!(error.file.as_deref(), Some("content/handbook/elsewhere"));
    assert!(error.message.contains("outside the project folder"), "{}", error.message);
}

#[test]
fn the_main_folders_linking_outside_are_errors_not_silently_missing() {
    // Without the check, a linked-out survey folder would quietly give a build without reports,
    // and a linked-out theme folder the embedded theme.
    type Break = fn(&Path, &Path);
    let cases: [(&str, &str, Break); 3] = [
        (SURVEY, "content/survey", |project, outside| {
            std::fs::rename(project.join("content/survey"), outside.join("survey")).unwrap();
            symlink(outside.join("survey"), project.join("content/survey")).unwrap();
        }),
        (MINIMAL, "content/handbook", |project, outside| {
            std::fs::rename(project.join("content/handbook"), outside.join("handbook")).unwrap();
            symlink(outside.join("handbook"), project.join("content/handbook")).unwrap();
        }),
        (MINIMAL, "themes/default", |project, outside| {
            std::fs::create_dir_all(outside.join("theme/templates")).unwrap();
            std::fs::create_dir(project.join("themes")).unwrap();
            symlink(outside.join("theme"), project.join("themes/default")).unwrap();
        }),
    ];
    for (fixture_path, folder, break_it) in cases {
        let errors = broken(fixture_path, break_it);
        let error = errors.iter().find(|e| e.file.as_deref() == Some(folder)).unwrap_or_else(|| panic!("{errors}"));
        assert!(error.message.contains("outside the project folder"), "{folder}: {}", error.message);
    }
}

#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    let errors = broken(MINIMAL, |project, _| {
        symlink(project.join("content/handbook"), project.join("content/handbook/again")).unwrap();
    });
    let all = messages(&errors);
    assert!(all.contains("content/handbook/again"), "{all}");
}

#[test]
fn hidden_folders_are_not_inputs_whatever_they_hold() {
    // Version control, editor state and lock files live in hidden folders; what is in them,
    // even a link out or a loop, is none of the build's business.
    let project = fixture(MINIMAL);
    let hidden = project.path().join("content/handbook/.obsidian");
    std::fs::create_dir(&hidden).unwrap();
    symlink("/etc", hidden.join("out")).unwrap();
    symlink(project.path().join("content"), hidden.join("loop")).unwrap();
    symlink("/nowhere", project.path().join("content/handbook/.#first.md")).unwrap();
    let report =
        within_a_minute(project.path().to_path_buf(), |root| build(&root)).expect("hidden entries are skipped");
    assert!(!report.dependencies.read.keys().any(|p| p.as_str().contains(".obsidian")));
}

#[test]
fn a_handbook_link_into_the_survey_data_is_refused() {
    let errors = broken(SURVEY, |project, _| {
        symlink(project.join("content/survey/responses"), project.join("content/handbook/raw")).unwrap();
    });
    let all = messages(&errors);
    assert!(
        all.contains("content/handbook/raw/w1.yaml") && all.contains("survey responses are never published"),
        "{all}"
    );
    assert_eq!(errors.error_count(), 2, "w1.yaml and w2.yaml: {errors}");
}

#[test]
fn links_inside_the_project_are_followed() {
    let project = fixture(MINIMAL);
    let (from, to) = (project.path().join("shared.md"), project.path().join("content/handbook/guide/shared.md"));
    std::fs::write(&from, "---\ntitle: Shared\nweight: 9\n---\nShared text.\n").unwrap();
    symlink(&from, &to).unwrap();
    build(project.path()).expect("a link to a file inside the project is fine");
    let page = std::fs::read_to_string(project.path().join("output/site/en/handbook/guide/shared/index.html")).unwrap();
    assert!(page.contains("Shared text."));
}

#[test]
fn a_font_path_leaving_the_project_is_an_error_at_its_line_and_key() {
    for path in ["../outside.otf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"] {
        let errors = broken(MINIMAL, |project, _| {
            let config = std::fs::read_to_string(project.join("trustbook.yaml")).unwrap();
            let config = format!("{config}pdf:\n  fonts:\n    body: {{path: \"{path}\"}}\n");
            std::fs::write(project.join("trustbook.yaml"), config).unwrap();
        });
        let error = errors.iter().find(|e| e.key.as_deref() == Some("pdf.fonts.body.path")).expect("at the key");
        assert_eq!(error.location().as_deref(), Some("trustbook.yaml:5:18"), "{error:?}");
        assert!(error.message.contains("leaves the project folder"), "{path}: {}", error.message);
    }
}

#[test]
fn an_image_path_climbing_out_of_the_project_is_one_error() {
    let errors = broken(MINIMAL, |project, outside| {
        std::fs::write(outside.join("x.png"), b"\x89PNG").unwrap();
        let name = outside.file_name().unwrap().to_string_lossy();
        let page = project.join("content/handbook/guide/first.md");
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, format!("{text}\n![x](../../../../{name}/x.png)\n")).unwrap();
    });
    assert_eq!(errors.error_count(), 1, "{errors}");
    let error = errors.iter().next().unwrap();
    assert_eq!(error.file.as_deref(), Some("content/handbook/guide/first.md"));
    assert!(error.message.contains("points outside content/"), "{}", error.message);
}

#[test]
fn a_theme_file_linking_outside_is_refused() {
    let errors = broken(MINIMAL, |project, outside| {
        std::fs::create_dir_all(project.join("themes/default/templates")).unwrap();
        symlink(outside.join("secret.md"), project.join("themes/default/templates/page.html")).unwrap();
    });
    let all = messages(&errors);
    assert!(all.contains("themes/default/templates/page.html"), "{all}");
    assert!(all.contains("outside the project folder"), "{all}");
}

#[test]
fn a_response_file_linking_outside_is_refused_with_the_other_problems() {
    let errors = broken(SURVEY, |project, outside| {
        std::fs::write(outside.join("w3.yaml"), "wave: w3\nresponses: []\n").unwrap();
        symlink(outside.join("w3.yaml"), project.join("content/survey/responses/w3.yaml")).unwrap();
        std::fs::write(project.join("content/handbook/broken.md"), b"---\ntitle: caf\xe9\n---\n").unwrap();
    });
    let all = messages(&errors);
    assert!(all.contains("content/survey/responses/w3.yaml"), "{all}");
    assert!(all.contains("outside the project folder"), "{all}");
    assert!(all.contains("content/handbook/broken.md") && all.contains("not UTF-8"), "reported together: {all}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let project = fixture(SURVEY);
    let responses = project.path().join("content/survey/responses/w1.yaml");
    let size = std::fs::metadata(&responses).unwrap().len();
    let mut options = BuildOptions::new(project.path());
    options.limits = Some(Limits { input_file_size: size - 1, ..Limits::default() });
    let Err(BuildError::Invalid(errors)) = trustbook::build(&options) else { panic!("the build must fail") };
    let error = errors.iter().find(|e| e.file.as_deref() == Some("content/survey/responses/w1.yaml")).expect("named");
    let expected = format!("{size} bytes, more than `limits.input_file_size` ({} bytes)", size - 1);
    assert!(error.message.contains(&expected), "{}", error.message);
    assert!(!project.path().join("output").exists(), "nothing written");
}

#[test]
fn a_picture_linking_outside_the_project_is_refused_once_and_never_embedded() {
    let errors = broken(MINIMAL, |project, outside| {
        std::fs::copy(repo_root().join("content/handbook/model/trust-power-model.png"), outside.join("x.png")).unwrap();
        symlink(outside.join("x.png"), project.join("content/handbook/guide/x.png")).unwrap();
        let page = project.join("content/handbook/guide/first.md");
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, format!("{text}\n![outside](x.png)\n")).unwrap();
    });
    assert_eq!(errors.error_count(), 1, "the link, not also a missing image: {errors}");
    let error = errors.iter().next().unwrap();
    assert_eq!(error.file.as_deref(), Some("content/handbook/guide/x.png"));
    assert!(error.message.contains("outside the project folder"), "{}", error.message);
}
