//! The handbook as a PDF book, checked with poppler (pdftotext, pdfinfo, pdfimages) and by
//! reading the PDF's link annotations and named destinations with lopdf: the contents' page
//! numbers are the pages the entries are on, chapters open pages, every link lands on a
//! heading, team reports link to places the book names, pictures are embedded.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use lopdf::{Dictionary, Object};

use crate::common::*;
use trustbook::content::{EntryId, LoadOptions};
use trustbook::site::Site;

fn poppler(name: &str, args: &[String], file: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(file)
        .args(if name == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{name} is missing ({e}): run scripts/setup.sh"));
    assert!(output.status.success(), "{name} {args:?} {}: {}", file.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn page_count(file: &Path) -> usize {
    let info = poppler("pdfinfo", &[], file);
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo prints Pages");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// The text of page `n` (1-based), in reading order.
fn page_text(file: &Path, n: usize) -> String {
    let args = ["-f", &n.to_string(), "-l", &n.to_string(), "-raw", "-enc", "UTF-8"].map(String::from);
    poppler("pdftotext", &args, file)
}

/// The text inside a rectangle of page `n`, in points from the top-left corner.
fn text_in(file: &Path, n: usize, (x, y, width, height): (f32, f32, f32, f32)) -> String {
    let number = |v: f32| format!("{}", v.max(0.0).round() as i64);
    let args = [
        "-f".into(),
        n.to_string(),
        "-l".into(),
        n.to_string(),
        "-x".into(),
        number(x),
        "-y".into(),
        number(y),
        "-W".into(),
        number(width),
        "-H".into(),
        number(height),
        "-raw".into(),
        "-enc".into(),
        "UTF-8".into(),
    ];
    poppler("pdftotext", &args, file)
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The contents' lines: (title, page number), read from pages 2… of the book.
fn contents(file: &Path, pages: usize) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    for n in 2..=pages {
        let args = ["-f", &n.to_string(), "-l", &n.to_string(), "-layout", "-enc", "UTF-8"].map(String::from);
        let text = poppler("pdftotext", &args, file);
        let mut found = false;
        for line in text.lines().map(str::trim) {
            let Some((title, number)) = line.rsplit_once(char::is_whitespace) else { continue };
            let (title, number) = (title.trim(), number.trim());
            if let (false, Ok(number)) = (title.is_empty(), number.parse::<usize>()) {
                let footer = line.starts_with('第') && line.ends_with('页') || line.starts_with("Page ");
                if !footer {
                    entries.push((title.to_string(), number));
                    found = true;
                }
            }
        }
        if !found {
            break;
        }
    }
    entries
}

#[test]
fn the_book_has_a_cover_true_page_numbers_and_chapters_on_new_pages() {
    let project = sample_project();
    build(project.path()).unwrap();
    let site = Site::load(project.path(), &LoadOptions::default()).unwrap();
    let handbook = &site.handbook;
    for (lang, page_word) in [("zh", "页"), ("en", "Page")] {
        let lang_id = site.project.config.languages.iter().find(|l| l.as_str() == lang).unwrap().clone();
        let file = project.path().join(format!("output/site/{lang}/handbook.pdf"));
        let pages = page_count(&file);
        let index = std::fs::read_to_string(project.path().join(format!("output/site/{lang}/index.html"))).unwrap();
        assert!(index.contains(&format!("href=\"../{lang}/handbook.pdf\"")), "{lang}: the home page offers the book");
        let root = handbook.root().entry.variant(&lang_id);
        let cover = page_text(&file, 1);
        assert!(squeeze(&cover).contains(&squeeze(&root.title)), "{lang}: the cover lacks the title: {cover}");
        assert!(!cover.contains(page_word), "{lang}: the cover has a page number: {cover}");

        let toc = contents(&file, pages);
        let order = handbook.reading_order();
        assert_eq!(toc.len(), order.len(), "{lang}: one contents line per chapter and page: {toc:?}");
        let mut last = 0;
        for ((title, number), id) in toc.iter().zip(&order) {
            let entry = handbook.entry(*id);
            if !matches!(id, EntryId::Section(s) if s.0 == 0) {
                assert_eq!(squeeze(title), squeeze(&entry.variant(&lang_id).title), "{lang}: contents order");
            }
            assert!(*number >= last && *number <= pages, "{lang}: `{title}` on page {number} of {pages}");
            last = *number;
            let text = page_text(&file, *number);
            assert!(squeeze(&text).contains(&squeeze(title)), "{lang}: `{title}` is not on page {number}:\n{text}");
            // A chapter opens its page: its title is the first line (no running header there).
            if handbook.ancestors(*id).len() <= 1 {
                let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
                assert_eq!(squeeze(first), squeeze(title), "{lang}: chapter `{title}` does not start page {number}");
            }
        }
        // Every page after the cover has its number in the footer.
        for n in 2..=pages {
            let footer =
                if lang == "zh" { format!("第 {n} 页 / 共 {pages} 页") } else { format!("Page {n} of {pages}") };
            assert!(page_text(&file, n).contains(&footer), "{lang}: page {n} lacks `{footer}`");
        }
        // The body reads in the handbook's order, every paragraph of every entry.
        let body_start = toc.first().map(|(_, n)| *n).unwrap();
        let args = ["-f", &body_start.to_string(), "-raw", "-enc", "UTF-8"].map(String::from);
        // Running headers (chapter titles) and footers interrupt paragraphs that cross pages.
        let running: Vec<String> = toc
            .iter()
            .zip(&order)
            .filter(|(_, id)| handbook.ancestors(**id).len() <= 1)
            .map(|((title, _), _)| squeeze(title))
            .collect();
        let body: String = poppler("pdftotext", &args, &file)
            .lines()
            .filter(|line| {
                let line = squeeze(line);
                let footer = line.starts_with('第') && line.ends_with('页') || line.starts_with("Page");
                !footer && !running.contains(&line)
            })
            .map(squeeze)
            .collect();
        let mut from = 0;
        for id in &order {
            let document = &handbook.entry(*id).variant(&lang_id).document;
            // A picture shows its title as the caption; its description is not printed.
            let mut pictures = Vec::new();
            trustbook::document::visit_inlines(&document.blocks, &mut |inline| {
                if let trustbook::document::Inline::Image(image) = inline {
                    pictures.push(squeeze(&image.alt));
                }
            });
            for paragraph in document.paragraphs() {
                let needle = squeeze(&paragraph);
                if pictures.contains(&needle) {
                    continue;
                }
                match body[from..].find(&needle) {
                    Some(at) => from += at + needle.len(),
                    None => panic!("{lang}: `{paragraph}` is missing or out of order in the book"),
                }
            }
        }
    }
}

fn dict<'a>(pdf: &'a lopdf::Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => pdf.get_object(*id).and_then(Object::as_dict).expect("a dictionary"),
        other => other.as_dict().expect("a dictionary"),
    }
}

fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// Every link annotation of a PDF: (page index, rectangle, the annotation).
fn links(pdf: &lopdf::Document) -> Vec<(usize, [f32; 4], Dictionary)> {
    let mut found = Vec::new();
    for (index, page_id) in pdf.get_pages().values().enumerate() {
        let page = pdf.get_object(*page_id).and_then(Object::as_dict).unwrap();
        let Ok(annotations) = page.get(b"Annots").and_then(Object::as_array) else { continue };
        for annotation in annotations {
            let annotation = dict(pdf, annotation).clone();
            let rect: Vec<f32> = annotation.get(b"Rect").unwrap().as_array().unwrap().iter().map(number).collect();
            found.push((index, [rect[0], rect[1], rect[2], rect[3]], annotation));
        }
    }
    found
}

#[test]
fn every_link_in_the_book_lands_on_a_heading_and_reports_link_to_named_places() {
    let project = sample_project();
    build(project.path()).unwrap();
    let site = Site::load(project.path(), &LoadOptions::default()).unwrap();
    let file = project.path().join("output/site/zh/handbook.pdf");
    let pdf = lopdf::Document::load(&file).unwrap();
    let page_ids: Vec<_> = pdf.get_pages().into_values().collect();
    let height = 841.89;
    // Headings of the book: entry titles and the headings inside them.
    let zh = &site.project.config.languages[0];
    let mut headings: Vec<String> = vec!["引言".into(), "目录".into()];
    for id in site.handbook.reading_order() {
        let variant = site.handbook.entry(id).variant(zh);
        headings.push(squeeze(&variant.title));
        headings.extend(variant.document.headings().map(|h| squeeze(&trustbook::document::plain_text(&h.content))));
    }
    headings.push(squeeze(site.theme.text(zh, "actions_heading")));
    // Footnote numbers lead to their notes.
    headings.extend((1..10).map(|n| format!("{n}.")));
    // The contents run from page 2 to the page before the first entry's.
    let body_start = contents(&file, page_ids.len()).first().map(|(_, n)| *n).unwrap();
    let (mut in_contents, mut in_text) = (0, 0);
    for (page, rect, link) in links(&pdf) {
        if let Ok(action) = link.get(b"A") {
            let kind = dict(&pdf, action).get(b"S").unwrap().as_name().unwrap();
            assert_eq!(kind, b"URI", "the book links only to itself and the web");
            continue;
        }
        let dest = link.get(b"Dest").and_then(Object::as_array).expect("an internal link has a destination");
        let target = page_ids.iter().position(|id| Object::Reference(*id) == dest[0]).expect("a page of the book");
        let top = number(&dest[3]);
        let landed = squeeze(&text_in(&file, target + 1, (0.0, height - top, 595.0, 36.0)));
        let heading = headings
            .iter()
            .filter(|h| !h.is_empty() && landed.starts_with(h.as_str()))
            .max_by_key(|h| h.len())
            .unwrap_or_else(|| {
                panic!("a link on page {} lands on `{landed}` (page {}), not a heading", page + 1, target + 1)
            });
        if page + 1 < body_start {
            in_contents += 1;
            let area = (rect[0], height - rect[3], rect[2] - rect[0], rect[3] - rect[1]);
            let source = squeeze(&text_in(&file, page + 1, area));
            assert!(source.starts_with(heading.as_str()), "contents line `{source}` leads to `{landed}`");
        } else {
            in_text += 1;
        }
    }
    assert_eq!(in_contents, site.handbook.reading_order().len(), "every contents line is a link");
    assert!(in_text >= 5, "the handbook's own @/ links work in the book: {in_text}");

    // Team reports name places of the book; the book defines every one of them.
    let catalog = pdf.catalog().unwrap();
    let names = dict(&pdf, catalog.get(b"Names").unwrap());
    let dests = dict(&pdf, names.get(b"Dests").unwrap());
    let defined: BTreeSet<Vec<u8>> = dests
        .get(b"Names")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .step_by(2)
        .map(|name| name.as_str().unwrap().to_vec())
        .collect();
    let team = project.path().join("output/results/zh/teams/rd-platform-1/rd-platform-1.pdf");
    let report = lopdf::Document::load(&team).unwrap();
    let mut remote = 0;
    for (_, _, link) in links(&report) {
        let Ok(action) = link.get(b"A") else { continue };
        let action = dict(&report, action);
        if action.get(b"S").unwrap().as_name().unwrap() != b"GoToR" {
            continue;
        }
        remote += 1;
        assert_eq!(action.get(b"F").unwrap().as_str().unwrap(), b"../../../../site/zh/handbook.pdf");
        let name = action.get(b"D").unwrap().as_str().unwrap();
        assert!(defined.contains(name), "the book has no place `{}`", String::from_utf8_lossy(name));
    }
    assert!(remote >= 2, "the team report links its strategies into the book");
}

#[test]
fn the_book_embeds_the_handbook_picture_and_honours_page_breaks() {
    let project = sample_project();
    write(
        project.path(),
        "content/handbook/model/breaks.md",
        "---\ntitle: 分页\nweight: 9\n---\n分页之前的段落。\n\n<!-- pagebreak -->\n\n分页之后的段落。\n",
    );
    build(project.path()).unwrap();
    for lang in ["zh", "en"] {
        let file = project.path().join(format!("output/site/{lang}/handbook.pdf"));
        let list = poppler("pdfimages", &["-list".to_string()], &file);
        let rows: Vec<&str> = list.lines().skip(2).collect();
        assert_eq!(rows.len(), 1, "{lang}: one picture: {list}");
        let columns: Vec<&str> = rows[0].split_whitespace().collect();
        assert_eq!((columns[3], columns[4]), ("720", "440"), "{lang}: the picture's pixels: {list}");
        assert_eq!(columns[8], "image", "{lang}: {list}");
        let page: usize = columns[0].parse().unwrap();
        let title = if lang == "zh" { "三个维度" } else { "The three dimensions" };
        assert!(page_text(&file, page).contains(title), "{lang}: the picture is not on the page of `{title}`");
    }
    let file = project.path().join("output/site/zh/handbook.pdf");
    let pages = page_count(&file);
    let on = |needle: &str| (1..=pages).find(|n| page_text(&file, *n).contains(needle)).unwrap();
    assert_eq!(on("分页之后的段落"), on("分页之前的段落") + 1, "the page break starts a new page");
}

#[test]
fn a_picture_the_pdf_cannot_hold_is_a_warning_and_a_broken_one_an_error() {
    let project = fixture(MINIMAL);
    std::fs::write(
        project.path().join("content/handbook/guide/figure.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    )
    .unwrap();
    write(project.path(), "content/handbook/guide/first.md", "---\ntitle: 第一章\n---\n正文。\n\n![图](figure.svg)\n");
    let report = build(project.path()).unwrap();
    let warning = report.warnings.iter().find(|w| w.message.contains("figure.svg")).expect("a warning");
    assert!(warning.message.contains("not PNG or JPEG"), "{}", warning.message);
    assert_eq!(warning.location().as_deref(), Some("content/handbook/guide/first.md:6:1"));

    let before = tree(&project.path().join("output"));
    std::fs::write(project.path().join("content/handbook/guide/broken.png"), b"not a picture").unwrap();
    write(project.path(), "content/handbook/guide/first.md", "---\ntitle: 第一章\n---\n正文。\n\n![图](broken.png)\n");
    let errors = build_errors(project.path());
    let error = errors.iter().find(|e| e.message.contains("broken.png")).expect("an error naming the picture");
    assert!(error.message.contains("cannot read image"), "{}", error.message);
    assert_eq!(error.location().as_deref(), Some("content/handbook/guide/first.md:6:1"));
    assert_eq!(tree(&project.path().join("output")), before, "the previous output is intact");
}

#[test]
fn an_html_only_build_neither_writes_nor_offers_the_book() {
    let project = fixture(MINIMAL);
    let options = trustbook::site::BuildOptions {
        formats: vec![trustbook::site::Format::Html],
        ..trustbook::site::BuildOptions::new(project.path())
    };
    trustbook::build(&options).unwrap();
    let files = tree(&project.path().join("output"));
    assert!(!files.keys().any(|f| f.ends_with(".pdf")), "{:?}", files.keys());
    let index =
        files.iter().find(|(f, _)| f.ends_with("/index.html")).map(|(_, b)| String::from_utf8_lossy(b)).unwrap();
    assert!(!index.contains("handbook.pdf"), "{index}");

    trustbook::build(&trustbook::site::BuildOptions::new(project.path())).unwrap();
    let files = tree(&project.path().join("output"));
    let books: Vec<_> = files.keys().filter(|f| f.ends_with("handbook.pdf")).collect();
    assert!(!books.is_empty(), "a project without a survey still gets its book: {:?}", files.keys());
}
