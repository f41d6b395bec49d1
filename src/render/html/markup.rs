//! The document model as HTML. Text is always escaped; only raw HTML blocks written by the
//! handbook's author pass through. Where links and images point is decided by the caller
//! through [`Links`], since that depends on the page's place in the output.

use std::fmt::Write;

use super::escape::escape;
use crate::document::{Align, Block, Document, Inline, LinkTarget, List, Table, soft_break_joins_cjk};

/// Resolves symbolic targets to URLs relative to the page being written.
pub trait Links {
    fn link(&self, target: &LinkTarget) -> String;
    /// URL of an image, given its path relative to `content/`.
    fn image(&self, src: &str) -> String;
}

/// Renders a whole document: blocks, then footnotes.
pub fn document_to_html(document: &Document, links: &dyn Links) -> String {
    let mut writer = Writer { out: String::new(), links, seen_footnotes: Vec::new() };
    writer.blocks(&document.blocks, false);
    if !document.footnotes.is_empty() {
        writer.out.push_str("<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n");
        for footnote in &document.footnotes {
            let _ = write!(writer.out, "<li id=\"fn-{}\" value=\"{}\">", footnote.number, footnote.number);
            writer.blocks(&footnote.blocks, false);
            let _ = writeln!(writer.out, "<a href=\"#fnref-{}\" class=\"footnote-back\">↩</a></li>", footnote.number);
        }
        writer.out.push_str("</ol>\n</div>\n");
    }
    writer.out
}

/// Renders inlines alone (titles in navigation, table cells of reports).
pub fn inlines_to_html(inlines: &[Inline], links: &dyn Links) -> String {
    let mut writer = Writer { out: String::new(), links, seen_footnotes: Vec::new() };
    writer.inlines(inlines);
    writer.out
}

struct Writer<'a> {
    out: String,
    links: &'a dyn Links,
    seen_footnotes: Vec<usize>,
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block], tight: bool) {
        for block in blocks {
            self.block(block, tight);
        }
    }

    fn block(&mut self, block: &Block, tight: bool) {
        match block {
            Block::Heading(heading) => {
                let _ = write!(self.out, "<h{} id=\"{}\">", heading.level, escape(&heading.id));
                self.inlines(&heading.content);
                let _ = writeln!(self.out, "</h{}>", heading.level);
            }
            Block::Paragraph(inlines) if tight => {
                self.inlines(inlines);
                self.out.push('\n');
            }
            Block::Paragraph(inlines) => {
                self.out.push_str("<p>");
                self.inlines(inlines);
                self.out.push_str("</p>\n");
            }
            Block::List(list) => self.list(list),
            Block::Quote(blocks) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks, false);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code(code) => {
                match &code.lang {
                    Some(lang) => {
                        let _ = write!(self.out, "<pre><code class=\"language-{}\">", escape(lang));
                    }
                    None => self.out.push_str("<pre><code>"),
                }
                self.out.push_str(&escape(&code.text));
                self.out.push_str("</code></pre>\n");
            }
            Block::Table(table) => self.table(table),
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::Html(html) => self.out.push_str(html),
            Block::PageBreak => self.out.push_str("<div class=\"page-break\" aria-hidden=\"true\"></div>\n"),
            Block::Chart(figure) => self.out.push_str(&super::svg::figure(figure)),
        }
    }

    fn list(&mut self, list: &List) {
        let is_task_list = list.items.iter().any(|item| item.task.is_some());
        let class = if is_task_list { " class=\"task-list\"" } else { "" };
        match list.start {
            Some(1) => {
                let _ = writeln!(self.out, "<ol{class}>");
            }
            Some(start) => {
                let _ = writeln!(self.out, "<ol{class} start=\"{start}\">");
            }
            None => {
                let _ = writeln!(self.out, "<ul{class}>");
            }
        }
        for item in &list.items {
            self.out.push_str("<li>");
            if let Some(done) = item.task {
                let checked = if done { " checked" } else { "" };
                let _ = write!(self.out, "<input type=\"checkbox\" disabled{checked}> ");
            }
            self.blocks(&item.blocks, list.tight);
            self.out.push_str("</li>\n");
        }
        self.out.push_str(if list.start.is_some() { "</ol>\n" } else { "</ul>\n" });
    }

    fn table(&mut self, table: &Table) {
        self.out.push_str("<div class=\"table-wrap\"><table>\n<thead>\n<tr>");
        for (index, cell) in table.header.iter().enumerate() {
            self.cell("th", table.align.get(index).copied().unwrap_or(Align::None), cell);
        }
        self.out.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &table.rows {
            self.out.push_str("<tr>");
            for (index, cell) in row.iter().enumerate() {
                self.cell("td", table.align.get(index).copied().unwrap_or(Align::None), cell);
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table></div>\n");
    }

    fn cell(&mut self, tag: &str, align: Align, content: &[Inline]) {
        let class = match align {
            Align::None => "",
            Align::Left => " class=\"align-left\"",
            Align::Center => " class=\"align-center\"",
            Align::Right => " class=\"align-right\"",
        };
        let _ = write!(self.out, "<{tag}{class}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for (index, inline) in inlines.iter().enumerate() {
            if matches!(inline, Inline::SoftBreak) && soft_break_joins_cjk(inlines, index) {
                continue;
            }
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) => self.out.push_str(&escape(text)),
            Inline::Code(code) => {
                let _ = write!(self.out, "<code>{}</code>", escape(code));
            }
            Inline::Emphasis(children) => self.wrap("em", children),
            Inline::Strong(children) => self.wrap("strong", children),
            Inline::Strikethrough(children) => self.wrap("del", children),
            Inline::Link(link) => {
                let href = self.links.link(&link.target);
                let _ = write!(self.out, "<a href=\"{}\"", escape(&href));
                if !link.title.is_empty() {
                    let _ = write!(self.out, " title=\"{}\"", escape(&link.title));
                }
                self.out.push('>');
                self.inlines(&link.content);
                self.out.push_str("</a>");
            }
            Inline::Image(image) => {
                let src = self.links.image(&image.src);
                let _ = write!(self.out, "<img src=\"{}\" alt=\"{}\"", escape(&src), escape(&image.alt));
                if !image.title.is_empty() {
                    let _ = write!(self.out, " title=\"{}\"", escape(&image.title));
                }
                self.out.push('>');
            }
            Inline::FootnoteRef { number, .. } => {
                // Only the first reference to a note carries the id the note links back to.
                let id = if self.seen_footnotes.contains(number) {
                    String::new()
                } else {
                    self.seen_footnotes.push(*number);
                    format!(" id=\"fnref-{number}\"")
                };
                let _ = write!(self.out, "<sup class=\"footnote-ref\"><a href=\"#fn-{number}\"{id}>{number}</a></sup>");
            }
            Inline::Citation(citation) => {
                self.out.push_str("<span class=\"citation\">");
                self.inlines(&citation.text);
                self.out.push_str("</span>");
            }
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br>\n"),
            Inline::Html(html) => self.out.push_str(html),
        }
    }

    fn wrap(&mut self, tag: &str, children: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(children);
        let _ = write!(self.out, "</{tag}>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown;

    struct Plain;
    impl Links for Plain {
        fn link(&self, target: &LinkTarget) -> String {
            match target {
                LinkTarget::External(url) => url.clone(),
                LinkTarget::Internal { path, anchor } => {
                    format!("/{path}#{}", anchor.clone().unwrap_or_default())
                }
                LinkTarget::Anchor(anchor) => format!("#{anchor}"),
            }
        }
        fn image(&self, src: &str) -> String {
            format!("/media/{src}")
        }
    }

    fn html(markdown: &str) -> String {
        document_to_html(&markdown::parse(markdown, "handbook").document, &Plain)
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(html("a < b & \"c\" > d\n"), "<p>a &lt; b &amp; &quot;c&quot; &gt; d</p>\n");
    }

    #[test]
    fn tight_lists_have_no_paragraphs_and_loose_ones_do() {
        assert_eq!(html("- a\n- b\n"), "<ul>\n<li>a\n</li>\n<li>b\n</li>\n</ul>\n");
        assert!(html("- a\n\n- b\n").contains("<li><p>a</p>\n</li>"));
    }

    #[test]
    fn footnotes_link_both_ways() {
        let out = html("A[^x] B[^x]\n\n[^x]: Note\n");
        assert_eq!(out.matches("id=\"fnref-1\"").count(), 1);
        assert!(out.contains("<li id=\"fn-1\" value=\"1\"><p>Note</p>\n<a href=\"#fnref-1\""));
    }

    #[test]
    fn line_breaks_inside_chinese_are_dropped_and_kept_in_latin() {
        assert_eq!(html("信任来自\n行为。\n"), "<p>信任来自行为。</p>\n");
        assert_eq!(html("trust comes\nfrom deeds\n"), "<p>trust comes\nfrom deeds</p>\n");
    }

    #[test]
    fn headings_carry_their_ids() {
        assert_eq!(html("## 信任\n"), "<h2 id=\"信任\">信任</h2>\n");
    }
}
