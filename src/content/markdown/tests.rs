use super::*;
use crate::document::*;

#[test]
fn chinese_headings_get_readable_unique_ids() {
    let parsed = parse("## 信任的 三个维度\n\n## 信任的 三个维度\n\n## Keep *promises*!\n", "handbook");
    let ids: Vec<&str> = parsed.document.headings().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["信任的-三个维度", "信任的-三个维度-1", "keep-promises"]);
}

#[test]
fn explicit_heading_ids_win() {
    let parsed = parse("## 透明 {#transparency}\n", "handbook");
    assert_eq!(parsed.document.headings().next().unwrap().id, "transparency");
}

#[test]
fn internal_links_and_images_are_recorded_with_spans() {
    let text = "见[透明](@/handbook/strategies/transparency.md#why)。\n\n![图](img/a.png)\n";
    let parsed = parse(text, "handbook/model");
    let kinds: Vec<_> = parsed.references.iter().map(|r| r.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            ReferenceKind::Internal { path: "handbook/strategies/transparency.md".into(), anchor: Some("why".into()) },
            ReferenceKind::Image("handbook/model/img/a.png".into()),
        ]
    );
    let span = &parsed.references[0].span;
    assert!(text[span.clone()].starts_with("[透明]"));
}

#[test]
fn chart_blocks_become_charts_and_bad_ones_are_reported() {
    let text = "```chart\n{\"type\": \"radar\", \"title\": \"T\", \"description\": \"D\", \"axes\": [\"a\"], \"series\": [], \"min\": 1, \"max\": 5}\n```\n\n```chart\n{\"type\": \"pie\"}\n```\n";
    let parsed = parse(text, "reports");
    assert!(matches!(parsed.document.blocks[0], Block::Chart(_)));
    assert!(matches!(&parsed.references[0].kind, ReferenceKind::Invalid(m) if m.contains("chart")));
}

#[test]
fn remote_images_are_refused() {
    let parsed = parse("![x](https://cdn.example/x.png)\n", "handbook");
    assert!(matches!(parsed.references[0].kind, ReferenceKind::Invalid(_)));
}

#[test]
fn tables_lists_tasks_and_footnotes_build_the_model() {
    let text = "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\nText[^n].\n\n[^n]: Note.\n";
    let document = parse(text, "handbook").document;
    let Block::Table(table) = &document.blocks[0] else { panic!("{:?}", document.blocks[0]) };
    assert_eq!(table.align, [Align::Left, Align::Right]);
    assert_eq!(table.header.len(), 2);
    assert_eq!(table.rows, vec![vec![vec![Inline::Text("1".into())], vec![Inline::Text("2".into())]]]);
    let Block::List(list) = &document.blocks[1] else { panic!() };
    assert!(list.tight);
    assert_eq!(list.items.iter().map(|i| i.task).collect::<Vec<_>>(), [Some(true), Some(false)]);
    assert_eq!(document.footnotes.len(), 1);
    assert_eq!(document.footnotes[0].number, 1);
    assert_eq!(document.paragraphs(), ["a", "b", "1", "2", "done", "open", "Text1.", "Note."]);
}

#[test]
fn a_page_break_comment_becomes_a_page_break_and_other_comments_vanish() {
    let document = parse("Before\n\n<!-- pagebreak -->\n\nAfter\n\n<!-- note -->\n", "handbook").document;
    assert!(matches!(document.blocks[1], Block::PageBreak), "{:?}", document.blocks);
    assert_eq!(document.blocks.len(), 3, "the note is not published: {:?}", document.blocks);
}

#[test]
fn raw_html_blocks_are_text_unless_allowed_and_then_sanitised() {
    let text = "<div onclick=\"x()\"><b>Hi</b><script>alert(1)</script></div>\n";
    let escaped = parse(text, "handbook").document;
    assert!(matches!(&escaped.blocks[0], Block::Paragraph(inlines) if plain_text(inlines).contains("<script>")));
    let kept =
        parse_with(text, "handbook", &ParseOptions { raw_html: RawHtml::Sanitise, ..Default::default() }).document;
    let Block::Html(html) = &kept.blocks[0] else { panic!("{:?}", kept.blocks) };
    assert!(html.contains("<b>Hi</b>") && !html.contains("script") && !html.contains("onclick"), "{html}");
}

#[test]
fn links_with_unsafe_schemes_are_reported() {
    for dest in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,x", "file:///etc/passwd"] {
        let parsed = parse(&format!("[x]({dest})\n"), "handbook");
        assert!(
            parsed.references.iter().any(|r| matches!(&r.kind, ReferenceKind::Invalid(m) if m.contains("scheme"))),
            "{dest} passed"
        );
    }
    for dest in ["https://example.org", "mailto:a@example.org", "../other.html"] {
        assert!(parse(&format!("[x]({dest})\n"), "handbook").references.is_empty(), "{dest} refused");
    }
}

#[test]
fn citations_are_read_from_brackets_with_at_keys_and_nothing_else() {
    assert_eq!(citation_keys("@mayer1995"), Some(vec!["mayer1995".to_string()]));
    assert_eq!(
        citation_keys("@blau1964; @rousseau1995"),
        Some(vec!["blau1964".to_string(), "rousseau1995".to_string()])
    );
    for not_a_citation in ["mayer1995", "@", "@a b", "@a;", "see @a", ""] {
        assert_eq!(citation_keys(not_a_citation), None, "{not_a_citation}");
    }
    let parsed = parse("见[@mayer1995]与[注意]，代码 `[@x]`。\n", "handbook");
    let keys: Vec<&Vec<String>> = parsed
        .references
        .iter()
        .filter_map(|r| match &r.kind {
            ReferenceKind::Citation(keys) => Some(keys),
            _ => None,
        })
        .collect();
    assert_eq!(keys, [&vec!["mayer1995".to_string()]], "one citation; brackets and code stay text");
    let text = crate::document::plain_text(match &parsed.document.blocks[0] {
        crate::document::Block::Paragraph(inlines) => inlines,
        _ => panic!("a paragraph"),
    });
    assert_eq!(text, "见与[注意]，代码 [@x]。", "the citation's text waits for formatting");
}
