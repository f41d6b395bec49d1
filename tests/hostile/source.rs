//! The source stage under attack: files and folders that lead out of the project (symlinks,
//! `..`, absolute paths), symlink loops and files that are not text. Each is an error naming
//! the file (and the key where a setting names it), and the previous output stays intact.

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::*;
use trustbook::diagnostics::Diagnostics;

/// Builds `fixture`, applies `break_it` (which gets the project folder and a folder outside
/// it), builds again and checks the failure left the first output untouched.
fn broken(fixture_path: &str, break_it: impl FnOnce(&Path, &Path)) -> Diagnostics {
    let project = fixture(fixture_path);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Secret\n---\nsalaries of everyone\n").unwrap();
    build(project.path()).expect("the fixture builds before it is broken");
    let before = tree(&project.path().join("output"));
    break_it(project.path(), outside.path());
    let errors = build_errors(project.path());
    assert_eq!(tree(&project.path().join("output")), before, "the failed build changed the output");
    errors
}

fn messages(errors: &Diagnostics) -> String {
    errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_handbook_page_linking_outside_the_project_is_refused() {
    let errors = broken(MINIMAL, |project, outside| {
        symlink(outside.join("secret.md"), project.join("content/handbook/secret.md")).unwrap();
    });
    let all = messages(&errors);
    assert!(all.contains("content/handbook/secret.md"), "{all}");
    assert!(all.contains("outside the project folder"), "{all}");
    assert!(!all.contains("salaries"), "nothing of the file outside is read");
}

#[test]
fn a_handbook_folder_linking_outside_is_refused_file_by_file() {
    let errors = broken(MINIMAL, |project, outside| {
        symlink(outside, project.join("content/handbook/elsewhere")).unwrap();
    });
    let all = messages(&errors);
    assert!(all.contains("content/handbook/elsewhere/secret.md"), "{all}");
    assert!(all.contains("outside the project folder"), "{all}");
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
fn links_inside_the_project_are_followed() {
    let project = fixture(MINIMAL);
    let (from, to) = (project.path().join("shared.md"), project.path().join("content/handbook/guide/shared.md"));
    std::fs::write(&from, "---\ntitle: Shared\nweight: 9\n---\nShared text.\n").unwrap();
    symlink(&from, &to).unwrap();
    build(project.path()).expect("a link to a file inside the project is fine");
    let page = std::fs::read_to_string(project.path().join("output/en/handbook/guide/shared/index.html")).unwrap();
    assert!(page.contains("Shared text."));
}

#[test]
fn a_font_path_leaving_the_project_is_an_error_at_its_key() {
    for path in ["../outside.otf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"] {
        let errors = broken(MINIMAL, |project, _| {
            let config = std::fs::read_to_string(project.join("trustbook.yaml")).unwrap();
            let config = format!("{config}pdf:\n  fonts:\n    body: {{path: \"{path}\"}}\n");
            std::fs::write(project.join("trustbook.yaml"), config).unwrap();
        });
        let error = errors.iter().find(|e| e.key.as_deref() == Some("pdf.fonts.body.path")).expect("at the key");
        assert_eq!(error.file.as_deref(), Some("trustbook.yaml"));
        assert!(error.message.contains("leaves the project folder"), "{path}: {}", error.message);
    }
}

#[test]
fn an_image_path_climbing_out_of_the_project_is_not_found() {
    let errors = broken(MINIMAL, |project, outside| {
        std::fs::write(outside.join("x.png"), b"\x89PNG").unwrap();
        let name = outside.file_name().unwrap().to_string_lossy();
        let page = project.join("content/handbook/guide/first.md");
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, format!("{text}\n![x](../../../../{name}/x.png)\n")).unwrap();
    });
    let all = messages(&errors);
    assert!(all.contains("content/handbook/guide/first.md"), "{all}");
    assert!(all.contains("image not found"), "{all}");
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
