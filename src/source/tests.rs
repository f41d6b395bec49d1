use super::*;

fn project() -> (tempfile::TempDir, Source) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/b")).unwrap();
    std::fs::write(dir.path().join("content/b/two.md"), "two").unwrap();
    std::fs::write(dir.path().join("content/a.md"), "one").unwrap();
    let source = Source::open(dir.path(), Limits::default()).unwrap();
    (dir, source)
}

#[test]
fn a_read_returns_bytes_path_and_hash_and_is_recorded() {
    let (_dir, source) = project();
    let file = source.read("content/a.md").unwrap();
    assert_eq!(&*file.bytes, b"one");
    assert_eq!(file.path.as_str(), "content/a.md");
    assert_eq!(file.hash, ContentHash::of(b"one"));
    let dependencies = source.dependencies();
    assert_eq!(dependencies.read.get(&file.path), Some(&file.hash));
}

#[test]
fn walking_lists_files_in_name_order_and_records_the_folder() {
    let (_dir, source) = project();
    let (files, errors) = source.walk("content");
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<&str> = files.iter().map(ProjectPath::as_str).collect();
    assert_eq!(names, ["content/a.md", "content/b/two.md"]);
    let (top, _) = source.files_in("content");
    assert_eq!(top.len(), 1, "only content/a.md lies directly in content/");
    assert!(source.dependencies().probed.contains(&ProjectPath::parse("content").unwrap()));
    assert!(source.walk("missing").0.is_empty());
}

#[test]
fn paths_and_links_that_leave_the_project_are_refused() {
    let (dir, source) = project();
    assert!(matches!(source.read("../secret"), Err(SourceError::Outside { .. })));
    assert!(matches!(source.read("/etc/hostname"), Err(SourceError::Outside { .. })));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("content/link.md")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("content/a.md"), dir.path().join("content/inside.md")).unwrap();
    let error = source.read("content/link.md").unwrap_err();
    assert!(matches!(error, SourceError::LinksOutside { .. }), "{error:?}");
    assert!(error.into_diagnostic().to_string().contains("content/link.md"));
    assert_eq!(&*source.read("content/inside.md").unwrap().bytes, b"one", "links inside the project are fine");
    let (files, errors) = source.walk("content");
    assert!(files.iter().all(|f| f.as_str() != "content/link.md"));
    assert!(files.iter().any(|f| f.as_str() == "content/inside.md"));
    assert_eq!(errors.len(), 1, "the link out is reported, not skipped: {errors:?}");
}

#[test]
fn files_over_the_limit_are_refused_before_reading() {
    let (dir, _) = project();
    let source = Source::open(dir.path(), Limits { max_file_bytes: 2 }).unwrap();
    let error = source.read("content/a.md").unwrap_err();
    assert!(matches!(error, SourceError::TooLarge { size: 3, limit: 2, .. }), "{error:?}");
    assert!(source.dependencies().read.is_empty());
}

#[test]
fn text_that_is_not_utf8_is_named_in_the_error() {
    let (dir, source) = project();
    std::fs::write(dir.path().join("content/latin1.md"), b"caf\xe9").unwrap();
    let error = source.read_text("content/latin1.md").unwrap_err();
    assert!(error.to_string().contains("not UTF-8"), "{error}");
    assert!(source.read_text("content/missing.md").unwrap_err().to_string().contains("not found"));
}
