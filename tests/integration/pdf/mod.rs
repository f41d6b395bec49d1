//! PDF output checked with real tools: qpdf (structure), pdffonts (embedded subsets), pdftotext
//! (the text comes back in order, with no line starting with closing punctuation). The tools
//! come from scripts/setup.sh (poppler-utils, qpdf). The handbook as a book: `book.rs`.

mod book;

use std::path::Path;
use std::process::Command;

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::document::{Block, Document, Inline, Table};
use trustbook::render::RenderInput;
use trustbook::render::pdf::lines::NO_LINE_START;
use trustbook::render::pdf::writer::Meta;
use trustbook::render::pdf::{Assets, layout};
use trustbook::site::Site;

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let mut command = Command::new(name);
    command.args(args).arg(file);
    if name == "pdftotext" {
        command.arg("-");
    }
    let output = command.output().unwrap_or_else(|e| panic!("{name} is missing ({e}): run scripts/setup.sh"));
    assert!(
        output.status.success(),
        "{name} {:?} failed on {}: {}",
        args,
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn text_of(file: &Path) -> String {
    let path = file.to_path_buf();
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (scripts/setup.sh)");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts every paragraph of `document` appears in `text`, in order (whitespace ignored).
fn assert_in_order(document: &Document, text: &str, what: &str) {
    let haystack = squeeze(text);
    let mut from = 0;
    let paragraphs = document.paragraphs();
    assert!(paragraphs.len() > 10, "{what}: too few paragraphs to mean anything");
    for paragraph in paragraphs {
        let needle = squeeze(&paragraph);
        if needle.is_empty() {
            continue;
        }
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{what}: `{paragraph}` is missing or out of order in the PDF text"),
        }
    }
}

/// Every word of `bbox` (pdftotext -bbox) lies between the left and right page margins of the
/// default theme (22 mm each): no label, cell or line runs into the margin or off the page.
fn assert_inside_the_margins(pdf: &str, bbox: &str) {
    let margin = 22.0 * 72.0 / 25.4;
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut width = 0.0;
    let mut words = 0;
    for tag in bbox.split('<').filter(|t| t.starts_with("page ") || t.starts_with("word ")) {
        if tag.starts_with("page ") {
            width = number(tag, "width");
            continue;
        }
        words += 1;
        let (left, right) = (number(tag, "xMin"), number(tag, "xMax"));
        let word = tag.split('>').nth(1).unwrap_or("");
        assert!(
            left >= margin - 1.0 && right <= width - margin + 1.0,
            "{pdf}: `{word}` at x {left:.1}..{right:.1} leaves the text area"
        );
    }
    assert!(words > 50, "{pdf}: only {words} words read back");
}

#[test]
fn every_sample_pdf_is_valid_with_embedded_subset_fonts() {
    let project = sample_project();
    build(project.path()).unwrap();
    let pdfs: Vec<_> = tree(&project.path().join("output")).into_keys().filter(|k| k.ends_with(".pdf")).collect();
    assert_eq!(
        pdfs.len(),
        2 * (14 + 1 + 1 + 9),
        "per language: a PDF per team, the summary, the handbook, a pack per unit: {pdfs:?}"
    );
    for pdf in pdfs {
        let file = project.path().join("output").join(&pdf);
        tool("qpdf", &["--check"], &file);
        let fonts = tool("pdffonts", &[], &file);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{pdf} has no fonts");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let n = columns.len();
            assert_eq!(
                &columns[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "{pdf}: font not embedded, subset and mapped: {row}"
            );
        }
        assert_inside_the_margins(&pdf, &tool("pdftotext", &["-bbox", "-enc", "UTF-8"], &file));
        // Visual lines (-layout): -raw also breaks where the font changes within a line.
        let text = tool("pdftotext", &["-layout", "-enc", "UTF-8"], &file);
        for line in text.lines() {
            let line = line.trim_start();
            assert!(
                !line.starts_with(|c| NO_LINE_START.contains(c)),
                "{pdf}: a line starts with closing punctuation: {line}"
            );
        }
    }
}

fn sample_site(dir: &Path) -> Site {
    Site::load(dir, &LoadOptions::default()).unwrap()
}

fn input<'a>(site: &'a Site, languages: &'a [trustbook::project::Lang], wave: usize) -> RenderInput<'a> {
    site.render_input(languages, wave, true)
}

fn meta(title: &str) -> Meta {
    Meta {
        title: title.to_string(),
        author: String::new(),
        subject: String::new(),
        lang: "zh".into(),
        created: Some(0),
        footer: "第 {page} 页 / 共 {pages} 页".into(),
        book: None,
        named_destinations: false,
        footer_note: String::new(),
        header_note: String::new(),
    }
}

#[test]
// Handbook chapters are read back in order, all of them, by `pdf_book`.
fn a_team_report_reads_back_in_order() {
    let project = sample_project();
    let site = sample_site(project.path());
    let languages = site.project.config.languages.clone();
    let input = input(&site, &languages, 1);
    let assets = Assets::load(input).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let reports = site.compose(&languages[..1], 1).unwrap();
    let team = reports.team(&languages[0], 0).unwrap();
    let trustbook::render::pdf::Encoded { bytes, missing, .. } =
        assets.report_pdf(&team.document, &team.title, &meta(&team.title)).unwrap();
    assert!(missing.is_empty(), "{missing:?}");
    std::fs::write(dir.path().join("team.pdf"), &bytes).unwrap();
    // Running headers and page numbers stand between the parts of a paragraph a page break
    // divides: read the body text alone.
    let body: String = text_of(&dir.path().join("team.pdf"))
        .split('\u{c}')
        .enumerate()
        .flat_map(|(page, text)| {
            let header = move |line: &&str| page > 0 && line.trim() == team.title;
            text.lines().filter(move |line| !header(line) && !line.contains("页 / 共")).map(|line| format!("{line}\n"))
        })
        .collect();
    assert_in_order(&team.document, &body, "team report");
}

#[test]
fn justified_lines_with_mixed_styles_never_overlap() {
    let project = sample_project();
    let site = sample_site(project.path());
    let languages = site.project.config.languages.clone();
    let assets = Assets::load(input(&site, &languages, 1)).unwrap();
    let strong = |t: &str| Inline::Strong(vec![Inline::Text(t.into())]);
    let text = |t: &str| Inline::Text(t.into());
    let mut blocks = Vec::new();
    for _ in 0..6 {
        blocks.push(Block::Paragraph(vec![
            strong("Agree on roles and on what \"done\" means"),
            text(": who owns what, what counts as finished, by when, and who is told when plans change;"),
            strong("先约定角色"),
            text("：谁负责什么、怎样算完成、什么时候完成，计划变化时要通知谁，"),
            strong("并且"),
            text("把这些写下来。"),
        ]));
    }
    let laid = layout::lay_out(&Document { blocks, footnotes: Vec::new() }, &assets);
    let mut checked = 0;
    for page in &laid.pages {
        let texts: Vec<_> = page
            .draws
            .iter()
            .filter_map(|d| match d {
                layout::Draw::Text { x, y, style, text, spacing } => Some((*x, *y, style, text, *spacing)),
                _ => None,
            })
            .collect();
        for pair in texts.windows(2) {
            let ((x1, y1, style, text, spacing), (x2, y2, ..)) = (pair[0], pair[1]);
            if y1 != y2 {
                continue;
            }
            let stretches = text.chars().filter(|c| trustbook::render::pdf::lines::stretches_after(*c)).count();
            let end = x1 + assets.fonts.width(style.role, style.bold, text) * style.size + spacing * stretches as f32;
            assert!(x2 + 0.01 >= end, "`{text}` ends at {end} but the next piece starts at {x2}");
            checked += 1;
        }
    }
    assert!(checked > 10, "too few style changes within lines: {checked}");
}

#[test]
fn a_40_row_table_spans_pages_with_its_header_repeated() {
    let project = sample_project();
    let site = sample_site(project.path());
    let languages = site.project.config.languages.clone();
    let assets = Assets::load(input(&site, &languages, 1)).unwrap();
    let cell = |text: String| vec![Inline::Text(text)];
    let table = Table {
        align: vec![trustbook::document::Align::None; 3],
        header: vec![cell("行动编号".into()), cell("行动内容".into()), cell("负责人".into())],
        rows: (1..=40)
            .map(|i| {
                vec![
                    cell(format!("第{i}项")),
                    cell(format!("每周公开一次团队进展，说明已完成、进行中和有风险的事项（{i}）")),
                    cell("团队负责人".into()),
                ]
            })
            .collect(),
    };
    let document = Document { blocks: vec![Block::Table(table)], footnotes: Vec::new() };
    let laid = layout::lay_out(&document, &assets);
    assert!(laid.pages.len() >= 2, "40 rows fit on one page?");
    let bytes = assets.report_pdf(&document, "表格", &meta("表格")).unwrap().bytes;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("table.pdf");
    std::fs::write(&file, bytes).unwrap();
    let pages: Vec<String> = (1..=laid.pages.len())
        .map(|p| {
            let output = Command::new("pdftotext")
                .args(["-raw", "-f", &p.to_string(), "-l", &p.to_string()])
                .arg(&file)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&output.stdout).into_owned()
        })
        .collect();
    for (n, page) in pages.iter().enumerate() {
        assert!(page.contains("行动编号") && page.contains("行动内容"), "page {} lacks the header row", n + 1);
    }
    let all = squeeze(&pages.concat());
    for i in 1..=40 {
        assert_eq!(all.matches(&format!("第{i}项")).count(), 1, "row {i} appears once (rows are not split)");
    }
}

#[test]
fn three_thousand_chinese_characters_break_into_clean_lines() {
    let project = sample_project();
    let site = sample_site(project.path());
    let languages = site.project.config.languages.clone();
    let assets = Assets::load(input(&site, &languages, 1)).unwrap();
    let text: String =
        "信任来自一次次可以被观察到的行为，说到的事做到了，遇到难处时有人伸手。".chars().cycle().take(3000).collect();
    let document = Document { blocks: vec![Block::Paragraph(vec![Inline::Text(text.clone())])], footnotes: Vec::new() };
    let bytes = assets.report_pdf(&document, "段落", &meta("段落")).unwrap().bytes;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("paragraph.pdf");
    std::fs::write(&file, bytes).unwrap();
    let extracted = text_of(&file);
    let body: String = extracted.lines().filter(|l| !l.contains("页 / 共")).collect::<Vec<_>>().concat();
    assert_eq!(squeeze(&body).replace("段落", ""), text, "every character back, in order");
    let lines: Vec<&str> = extracted.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() > 60, "only {} lines", lines.len());
    for line in lines {
        assert!(
            !line.trim_start().starts_with(|c| NO_LINE_START.contains(c)),
            "line starts with closing punctuation: {line}"
        );
    }
}

#[test]
fn a_team_pdf_does_not_change_when_other_teams_come_and_go() {
    let project = fixture(SURVEY);
    build(project.path()).unwrap();
    let red = || std::fs::read(project.path().join("output/results/en/teams/red/red.pdf")).unwrap();
    let before = red();
    // A new team without responses: nothing in red's report changes, so neither may its bytes.
    let org = project.path().join("content/survey/organisation.yaml");
    let text = std::fs::read_to_string(&org).unwrap();
    std::fs::write(&org, text.replace("waves:", "  - {id: green, unit: top, name: Green, headcount: 4}\nwaves:"))
        .unwrap();
    build(project.path()).unwrap();
    assert!(project.path().join("output/results/en/teams/green/green.pdf").is_file());
    assert!(red() == before, "red's PDF changed when a team was added");
    std::fs::write(&org, text).unwrap();
    build(project.path()).unwrap();
    assert!(red() == before, "red's PDF changed when the team was removed again");
}

#[test]
fn a_glyph_missing_from_a_chart_label_is_reported() {
    let project = sample_project();
    let site = sample_site(project.path());
    let languages = site.project.config.languages.clone();
    let assets = Assets::load(input(&site, &languages, 1)).unwrap();
    let chart = trustbook::document::Chart {
        title: "图".into(),
        description: "说明".into(),
        data_label: String::new(),
        palette: Vec::new(),
        kind: trustbook::document::ChartKind::Radar {
            axes: vec!["能力 α".into(), "ᚠ系数".into(), "Dvořák".into()],
            series: Vec::new(),
            min: 1.0,
            max: 5.0,
        },
    };
    let document = Document {
        blocks: vec![Block::Chart(Box::new(trustbook::document::Figure::new(chart)))],
        footnotes: Vec::new(),
    };
    let laid = layout::lay_out(&document, &assets);
    // Greek and extended Latin come from the theme's fallback faces; runic from none.
    assert_eq!(laid.missing, vec![('ᚠ', "ᚠ系数".to_string())]);
}

#[test]
fn a_table_too_wide_for_the_page_is_cut_into_bands_with_every_column_inside_the_margins() {
    let project = fixture(MINIMAL);
    let columns = 120;
    let header: Vec<String> = (0..columns).map(|c| format!("h{c}")).collect();
    let row: Vec<String> = (0..columns).map(|c| format!("v{c}")).collect();
    let table = format!("| {} |\n|{}\n| {} |\n", header.join(" | "), "---|".repeat(columns), row.join(" | "));
    write(project.path(), "content/handbook/guide/wide.md", &format!("---\ntitle: Wide\n---\n{table}"));
    build(project.path()).unwrap();
    let book = project.path().join("output/site/zh/handbook.pdf");
    let text = tool("pdftotext", &["-enc", "UTF-8"], &book);
    let words: std::collections::HashSet<&str> = text.split_whitespace().collect();
    for c in 0..columns {
        assert!(
            words.contains(format!("h{c}").as_str()) && words.contains(format!("v{c}").as_str()),
            "column {c} is lost"
        );
    }
    assert_inside_the_margins("site/zh/handbook.pdf", &tool("pdftotext", &["-bbox", "-enc", "UTF-8"], &book));
}

#[test]
fn a_ten_thousand_character_team_name_stays_inside_the_margins() {
    let project = fixture(SURVEY);
    let org = project.path().join("content/survey/organisation.yaml");
    let name = format!("Red{}", "x".repeat(10_000));
    let text = std::fs::read_to_string(&org).unwrap().replace("name: Red,", &format!("name: {name},"));
    std::fs::write(&org, text).unwrap();
    build(project.path()).unwrap();
    for pdf in ["results/en/teams/red/red.pdf", "results/en/summary/summary.pdf"] {
        let file = project.path().join("output").join(pdf);
        assert_inside_the_margins(pdf, &tool("pdftotext", &["-bbox", "-enc", "UTF-8"], &file));
    }
}
