//! Page flow: what is kept together across a page break.

use super::*;
use crate::diagnostics::SourceText;
use crate::document::{List, ListItem};
use crate::project::Paper;
use crate::render::pdf::fonts::tests::default_fonts;

fn style() -> Style {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/pdf.yaml")).unwrap();
    Style::parse(&SourceText::new("pdf.yaml", text), Paper::A4).unwrap()
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph(vec![Inline::Text(text.to_string())])
}

/// The page each text containing `word` was drawn on.
fn pages_of(laid: &Laid, word: &str) -> Vec<usize> {
    let drawn = |page: &Page| page.draws.iter().any(|d| matches!(d, Draw::Text { text, .. } if text.contains(word)));
    laid.pages.iter().enumerate().filter(|(_, page)| drawn(page)).map(|(n, _)| n).collect()
}

/// Lays `blocks` out starting `y` points down the first page.
fn lay_out_from(blocks: Vec<Block>, y: f32, fonts: &Fonts, style: &Style) -> Laid {
    let images = Images::default();
    let mut layout = Layout::with(fonts, style, &images);
    layout.page().draws.push(Draw::Rect { x: 0.0, y: 0.0, width: 1.0, height: 1.0, fill: None, stroke: None });
    layout.y = y;
    layout.document(&Document { blocks, footnotes: Vec::new() }, "", 0);
    layout.finish()
}

#[test]
fn an_introduction_never_ends_a_page_whose_list_starts_the_next() {
    let (fonts, style) = (default_fonts(), style());
    let item = |text: &str| ListItem { task: None, blocks: vec![paragraph(text)] };
    let long = "INTRO ".to_string() + &"多行的引导文字，".repeat(40) + "ENDINTRO：";
    let mut moved = 0;
    // First items of one to four lines: a three-line item cannot be parted at all.
    for repeat in [0, 8, 14, 20] {
        let first_item = "FIRSTITEM ".to_string() + &"第一项的文字，".repeat(repeat);
        let images = Images::default();
        let indent = style.list_indent;
        let lines = Layout::with(&fonts, &style, &images).body_lines(&[Inline::Text(first_item.clone())], indent);
        assert_eq!(lines, repeat / 6 + 1, "the first item is {} lines long", repeat / 6 + 1);
        let list = Block::List(List {
            start: None,
            tight: true,
            items: vec![item(&first_item), item("second"), item("third")],
        });
        for intro in ["INTRO ENDINTRO：", long.as_str()] {
            // Every starting point over the last 150 points of the page, a point apart.
            let mut y = style.bottom() - 150.0;
            while y < style.bottom() {
                let laid = lay_out_from(vec![paragraph(intro), list.clone()], y, &fonts, &style);
                let (end, first) = (pages_of(&laid, "ENDINTRO"), pages_of(&laid, "FIRSTITEM"));
                assert_eq!(
                    end, first,
                    "{repeat}, from y = {y}: the introduction ends on {end:?}, its list on {first:?}"
                );
                moved += usize::from(first == [1]);
                y += 1.0;
            }
        }
    }
    assert!(moved > 0, "some starting points put both on the next page");

    // What follows a paragraph is not held to it otherwise: a second paragraph may start
    // the next page while the first stays.
    let mut parted = false;
    let mut y = style.bottom() - 150.0;
    while y < style.bottom() {
        let laid = lay_out_from(vec![paragraph("ENDINTRO"), paragraph("FIRSTITEM")], y, &fonts, &style);
        parted |= pages_of(&laid, "ENDINTRO") == [0] && pages_of(&laid, "FIRSTITEM") == [1];
        y += 1.0;
    }
    assert!(parted, "two paragraphs can be parted by a page break");
}

#[test]
fn a_paragraph_of_three_lines_is_never_parted() {
    let (fonts, style) = (default_fonts(), style());
    for (repeat, lines) in [(14, 3), (20, 4)] {
        let text = "FIRSTLINE ".to_string() + &"一段文字，".repeat(repeat * 7 / 5) + " LASTLINE";
        let images = Images::default();
        let measured = Layout::with(&fonts, &style, &images).body_lines(&[Inline::Text(text.clone())], 0.0);
        assert_eq!(measured, lines, "the text is {lines} lines long");
        let mut y = style.bottom() - 100.0;
        let mut parted = false;
        while y < style.bottom() {
            let laid = lay_out_from(vec![paragraph(&text)], y, &fonts, &style);
            let (first, last) = (pages_of(&laid, "FIRSTLINE"), pages_of(&laid, "LASTLINE"));
            if lines == 3 {
                assert_eq!(first, last, "from y = {y}, three lines are parted");
            }
            parted |= first != last;
            y += 1.0;
        }
        assert_eq!(parted, lines == 4, "a paragraph of {lines} lines may be parted: {}", lines == 4);
    }
}
