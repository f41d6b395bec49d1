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
    let media: Vec<String> = tree(&project.path().join("output/site/media")).into_keys().collect();
    assert_eq!(media, ["handbook/guide/diagram.svg"], "published beside the pages");
}

#[test]
fn names_that_a_spreadsheet_would_run_as_formulas_are_neutralised_in_the_csv() {
    let project = fixture(SURVEY);
    let org = project.path().join("content/survey/organisation.yaml");
    let text = std::fs::read_to_string(&org).unwrap();
    let text = text
        .replace("name: Red,", "name: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\",")
        .replace("name: Sub}", "name: \"@SUM(A1)\"}");
    std::fs::write(&org, text).unwrap();
    build(project.path()).unwrap();
    let csv = std::fs::read_to_string(project.path().join("output/results/data/scores.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader.headers().unwrap().iter().position(|h| h == "group_name").expect("a group_name column");
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[column].to_string()).collect();
    assert!(names.iter().any(|n| n == "'=HYPERLINK(\"http://evil\",\"x\")"), "{names:?}");
    assert!(names.iter().any(|n| n == "'@SUM(A1)"), "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with(['=', '+', '-', '@'])), "{names:?}");
    // Figures stay numbers.
    assert!(csv.lines().nth(1).unwrap().split(',').any(|cell| cell.parse::<f64>().is_ok()));
}

#[test]
fn a_nul_in_markdown_reaches_no_output() {
    let project = fixture(MINIMAL);
    let page = "---\ntitle: N\n---\nA\0B\n";
    std::fs::write(project.path().join("content/handbook/guide/nul.md"), page).unwrap();
    build(project.path()).unwrap();
    for (path, bytes) in tree(&project.path().join("output")) {
        assert!(!bytes.contains(&0) || path.ends_with(".pdf"), "{path} carries a NUL");
    }
    let html = std::fs::read_to_string(project.path().join("output/site/zh/handbook/guide/nul/index.html")).unwrap();
    assert!(html.contains("A\u{FFFD}B"), "shown as the replacement character");
}

/// Raw HTML a page might carry, one attack per line.
const HOSTILE_HTML: &str = "<div>
<script>alert('script')</script>
<img src=x onerror=alert('img')>
<iframe src=\"https://evil.example/\"></iframe>
<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">
<base href=\"https://evil.example/\">
<link rel=stylesheet href=\"https://evil.example/x.css\">
<img src=\"https://tracker.example/pixel.gif\">
<a href=\"javascript:alert('a')\">a</a>
<b>kept</b>
</div>
";

fn page_with(project: &std::path::Path, body: &str) -> String {
    std::fs::write(project.join("content/handbook/guide/raw.md"), format!("---\ntitle: Raw\n---\n{body}\n")).unwrap();
    build(project).unwrap();
    std::fs::read_to_string(project.join("output/site/en/handbook/guide/raw/index.html")).unwrap()
}

/// No hostile tag reached the page's content as markup, and with `strict`, no hostile
/// attribute or address either (escaped text may still spell them out).
fn assert_nothing_active(html: &str, strict: bool) {
    let content = &html[html.find("<div class=\"content\"").unwrap()..];
    let tags = ["<script", "<img src=x", "<iframe", "<meta http-equiv", "<base", "<link rel=stylesheet"];
    let words = ["onerror", "javascript:", "tracker.example", "evil.example"];
    for bad in tags.iter().chain(if strict { &words[..] } else { &[] }) {
        assert!(!content.contains(bad), "`{bad}` reached the page:\n{content}");
    }
}

#[test]
fn raw_html_is_shown_as_text_by_default() {
    let project = fixture(MINIMAL);
    let html =
        page_with(project.path(), HOSTILE_HTML.replace("<a href=\"javascript:alert('a')\">a</a>\n", "").as_str());
    assert_nothing_active(&html, false);
    assert!(html.contains("&lt;script&gt;alert(&#39;script&#39;)&lt;/script&gt;"), "shown as text");
}

#[test]
fn allowed_raw_html_is_sanitised() {
    let project = fixture(MINIMAL);
    let config = std::fs::read_to_string(project.path().join("trustbook.yaml")).unwrap();
    std::fs::write(project.path().join("trustbook.yaml"), format!("{config}content:\n  allow_raw_html: true\n"))
        .unwrap();
    let html = page_with(project.path(), HOSTILE_HTML);
    assert_nothing_active(&html, true);
    assert!(html.contains("<b>kept</b>"), "harmless markup stays");
}

#[test]
fn an_inline_span_keeps_a_language_code_and_nothing_that_could_act() {
    let project = fixture(MINIMAL);
    let body = "Trust is <span lang=\"zh\">信任</span>.\n\n\
        A <span lang=\"zh\" onmouseover=\"alert(1)\">x</span>, \
        a <span lang=zh onclick=alert(2)>y</span>, \
        a <span lang=\"javascript:alert(3)\">z</span> \
        and a <span style=\"background:url(https://tracker.example/p)\">w</span>.";
    let html = page_with(project.path(), body);
    assert!(html.contains("Trust is <span lang=\"zh\">信任</span>."), "the language is marked");
    let content = &html[html.find("<div class=\"content\"").unwrap()..];
    for active in ["<span lang=\"zh\" on", "<span lang=zh", "<span lang=\"javascript", "<span style"] {
        assert!(!content.contains(active), "`{active}` reached the page as markup");
    }
    assert!(content.contains("&lt;span lang=zh onclick=alert(2)&gt;"), "shown as text");
}

#[test]
fn markdown_links_with_unsafe_schemes_fail_the_build_at_their_line() {
    let project = fixture(MINIMAL);
    let page = "---\ntitle: Links\n---\nfine [web](https://example.org)\n\n[click](javascript:alert(1)) and [x](data:text/html,hi)\n";
    std::fs::write(project.path().join("content/handbook/guide/links.md"), page).unwrap();
    let errors = build_errors(project.path());
    let at: Vec<Option<String>> = errors.iter().map(|e| e.location()).collect();
    assert_eq!(
        at,
        [Some("content/handbook/guide/links.md:6:1".into()), Some("content/handbook/guide/links.md:6:34".into())],
        "{errors}"
    );
}

#[test]
fn direction_controls_in_names_and_comments_reach_no_output() {
    let project = fixture(SURVEY);
    write(project.path(), "trustbook.yaml", "title: Survey fixture\nlanguages: [en]\nprivacy: {min_comments: 1}\n");
    let org = project.path().join("content/survey/organisation.yaml");
    let text = std::fs::read_to_string(&org).unwrap().replace("name: Red,", "name: \"Red\u{202E}gnp.exe\",");
    std::fs::write(&org, text).unwrap();
    let w1 = project.path().join("content/survey/responses/w2.yaml");
    let extra =
        "wave: w2\nresponses:\n  - team: red\n    answers: {AB1: 4}\n    comment: \"ok\u{2067}hidden\u{2069}\"\n";
    std::fs::write(w1.with_file_name("w2-comments.yaml"), extra).unwrap();
    build(project.path()).unwrap();
    for (path, bytes) in tree(&project.path().join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(['\u{202E}', '\u{2067}', '\u{2069}']), "{path} carries a direction control");
    }
    let red = std::fs::read_to_string(project.path().join("output/results/en/teams/red/index.html")).unwrap();
    assert!(red.contains("Red\u{FFFD}gnp.exe") && red.contains("ok\u{FFFD}hidden\u{FFFD}"), "shown, made visible");
}
