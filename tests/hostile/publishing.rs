//! What a build publishes: exactly the files that built pages show. Notes, backups, data and
//! pictures only drafts use stay private, however they got beside the Markdown.

use crate::common::*;

#[test]
fn only_pictures_that_built_pages_show_are_published() {
    let project = fixture(MINIMAL);
    let guide = project.path().join("content/handbook/guide");
    for (name, text) in [("secrets.yaml", "salary: 1"), ("first.md~", "old"), ("notes.txt", "n"), ("old.png.bak", "b")]
    {
        std::fs::write(guide.join(name), text).unwrap();
    }
    std::fs::write(guide.join("draft-only.png"), b"\x89PNG").unwrap();
    std::fs::write(guide.join("later.md"), "---\ntitle: Later\ndraft: true\n---\n![x](draft-only.png)\n").unwrap();
    build(project.path()).unwrap();
    let media: Vec<String> = tree(&project.path().join("output/media")).into_keys().collect();
    assert_eq!(media, ["handbook/guide/diagram.svg"], "published beside the pages");
}
