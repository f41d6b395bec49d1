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
    let (files, errors) = source.walk("content", Hidden::Skip);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<&str> = files.iter().map(ProjectPath::as_str).collect();
    assert_eq!(names, ["content/a.md", "content/b/two.md"]);
    let (top, _) = source.files_in("content", Hidden::Skip);
    assert_eq!(top.len(), 1, "only content/a.md lies directly in content/");
    assert!(source.dependencies().probed.contains(&ProjectPath::parse("content").unwrap()));
    assert!(source.walk("missing", Hidden::Skip).0.is_empty());
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
    assert!(source.kind("content/link.md").is_err(), "asking about it is refused too, not `None`");
    assert!(error.into_diagnostic().to_string().contains("content/link.md"));
    assert_eq!(&*source.read("content/inside.md").unwrap().bytes, b"one", "links inside the project are fine");
    let (files, errors) = source.walk("content", Hidden::Skip);
    assert!(files.iter().all(|f| f.as_str() != "content/link.md"));
    assert!(files.iter().any(|f| f.as_str() == "content/inside.md"));
    assert_eq!(errors.len(), 1, "the link out is reported, not skipped: {errors:?}");
    assert!(!source.dependencies().read.keys().any(|p| p.as_str() == "content/link.md"), "and never read");
}

#[test]
fn hidden_entries_are_skipped_or_included_as_asked() {
    let (dir, source) = project();
    std::fs::create_dir(dir.path().join("content/.git")).unwrap();
    std::fs::write(dir.path().join("content/.git/HEAD"), "ref").unwrap();
    std::fs::write(dir.path().join("content/.hidden.md"), "h").unwrap();
    let names = |hidden| source.walk("content", hidden).0.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    assert_eq!(names(Hidden::Skip), ["content/a.md", "content/b/two.md"]);
    assert_eq!(names(Hidden::Include).len(), 4);
}

#[test]
fn a_file_that_changes_between_two_reads_is_an_error() {
    let (dir, source) = project();
    source.read("content/a.md").unwrap();
    source.read("content/a.md").expect("the same bytes again are fine");
    std::fs::write(dir.path().join("content/a.md"), "changed").unwrap();
    assert!(matches!(source.read("content/a.md"), Err(SourceError::Changed { .. })));
}

#[test]
fn what_a_path_is_and_where_it_really_is() {
    let (dir, source) = project();
    assert_eq!(source.kind("content/a.md").unwrap(), Some(PathKind::File));
    assert_eq!(source.kind("content/b").unwrap(), Some(PathKind::Folder));
    assert_eq!(source.kind("content/none").unwrap(), None);
    std::os::unix::fs::symlink(dir.path().join("content/b"), dir.path().join("content/c")).unwrap();
    let linked = ProjectPath::parse("content/c/two.md").unwrap();
    assert_eq!(source.resolved(&linked).unwrap().as_str(), "content/b/two.md");
    std::os::unix::fs::symlink("/nowhere/at/all", dir.path().join("content/dangling.md")).unwrap();
    assert!(matches!(source.read("content/dangling.md"), Err(SourceError::Dangling { .. })));
}

#[test]
fn files_over_the_limit_are_refused_before_reading() {
    let (dir, _) = project();
    let source = Source::open(dir.path(), Limits { input_file_size: 2, ..Limits::default() }).unwrap();
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

#[test]
fn a_nul_in_text_becomes_the_replacement_character() {
    let (dir, source) = project();
    std::fs::write(dir.path().join("content/nul.md"), "line 1\nA\0B\n").unwrap();
    let text = source.read_text("content/nul.md").unwrap();
    assert_eq!(&*text.text, "line 1\nA\u{FFFD}B\n");
    assert_eq!(text.line_column(text.text.find('B').unwrap()), (2, 3), "lines are where they were");
}
