//! Raw HTML written in Markdown, and what may reach a page of it.
//!
//! The policy ([`RawHtml`]): HTML blocks are shown as the text they are unless the project sets
//! `content.allow_raw_html: true`, and then they are sanitised with ammonia (no scripts, event
//! handlers, frames, forms, `<base>`/`<meta>`/`<link>`, remote pictures or URL schemes other than
//! http, https and mailto, ever). Inline HTML keeps only a few tags that cannot carry anything
//! (`<sub>`, `<sup>`, `<br>` and the like, without attributes) and `<span lang="…">` with a
//! language code, which marks words in another language; the rest is shown as text.
//! Comments are dropped, and `<!-- pagebreak -->` becomes a page break. The renderers trust what
//! comes out of here and do not look again.

use std::collections::HashSet;

use crate::document::{Block, Inline};
use crate::project::Lang;

/// What happens to HTML blocks written in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Shown as text (the default).
    #[default]
    Escape,
    /// Sanitised, then kept.
    Sanitise,
}

/// Inline tags kept as they are when written without attributes: they change how text looks
/// and can carry nothing else.
const PLAIN_INLINE_TAGS: &[&str] =
    &["sub", "sup", "br", "kbd", "mark", "small", "s", "u", "i", "b", "em", "strong", "span"];

/// Link schemes a page may point to; anything else (`javascript:`, `data:`, `vbscript:`…) is
/// refused.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The scheme of a URL (`javascript` for `javascript:alert(1)`), when it has one.
pub fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

/// An HTML block: a page break, nothing (comments only), text, or sanitised HTML.
pub fn block(html: String, policy: RawHtml) -> Option<Block> {
    let marker = html.trim().strip_prefix("<!--").and_then(|rest| rest.strip_suffix("-->")).map(str::trim);
    if marker.is_some_and(|word| word.eq_ignore_ascii_case("pagebreak") || word.eq_ignore_ascii_case("page-break")) {
        return Some(Block::PageBreak);
    }
    if without_comments(&html).trim().is_empty() {
        return None;
    }
    match policy {
        RawHtml::Escape => Some(Block::Paragraph(vec![Inline::Text(html.trim_end().to_string())])),
        RawHtml::Sanitise => {
            let clean = sanitiser().clean(&html).to_string();
            (!clean.trim().is_empty()).then(|| Block::Html(format!("{clean}\n")))
        }
    }
}

/// One inline HTML tag or comment: kept when it is a plain tag, dropped when a comment, else
/// text.
pub fn inline(html: String) -> Option<Inline> {
    let trimmed = html.trim();
    if trimmed.starts_with("<!--") {
        return None;
    }
    if let Some(lang) = language_span(trimmed) {
        return Some(Inline::Html(format!("<span lang=\"{lang}\">")));
    }
    let name =
        trimmed.trim_start_matches('<').trim_start_matches('/').trim_end_matches('>').trim_end_matches('/').trim();
    let plain = PLAIN_INLINE_TAGS.contains(&name.to_ascii_lowercase().as_str());
    Some(if plain {
        Inline::Html(format!("<{}{}>", if trimmed.starts_with("</") { "/" } else { "" }, name.to_ascii_lowercase()))
    } else {
        Inline::Text(html)
    })
}

/// The language of `<span lang="en">`: the one tag kept with an attribute, a language code and
/// nothing else, so a page can mark words in another language (a screen reader then reads them
/// in that language's voice: WCAG 2.2, 3.1.2).
fn language_span(tag: &str) -> Option<Lang> {
    let inside = tag.strip_prefix('<')?.strip_suffix('>')?;
    let (name, attribute) = inside.split_once(char::is_whitespace)?;
    let (key, value) = attribute.trim().split_once('=')?;
    if !name.eq_ignore_ascii_case("span") || !key.trim().eq_ignore_ascii_case("lang") {
        return None;
    }
    let value = value.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|quote| value.strip_prefix(*quote).and_then(|v| v.strip_suffix(*quote)))
        .unwrap_or(value);
    Lang::parse(unquoted).ok()
}

fn without_comments(html: &str) -> String {
    let mut rest = html;
    let mut out = String::new();
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// ammonia's cleaner, narrowed: only web and mail links, and pictures only from the project.
fn sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(LINK_SCHEMES.iter().copied().collect::<HashSet<_>>())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| {
            // A picture must come from the project: the handbook works offline, and a remote
            // one would tell a server who reads the page.
            let remote = scheme(value).is_some() || value.starts_with("//");
            match (element, attribute) {
                ("img", "src" | "srcset") if remote => None,
                _ => Some(value.into()),
            }
        });
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sanitised(html: &str) -> String {
        match block(html.to_string(), RawHtml::Sanitise) {
            Some(Block::Html(html)) => html,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn escaped_blocks_are_text_and_comments_vanish() {
        let text = block("<script>alert(1)</script>\n".into(), RawHtml::Escape);
        assert_eq!(text, Some(Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>".into())])));
        assert_eq!(block("<!-- a note -->\n".into(), RawHtml::Escape), None);
        assert_eq!(block("<!-- pagebreak -->\n".into(), RawHtml::Escape), Some(Block::PageBreak));
    }

    #[test]
    fn sanitised_blocks_keep_markup_and_lose_everything_active() {
        for hostile in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil\"></iframe>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil\">",
            "<base href=\"https://evil/\">",
            "<link rel=stylesheet href=\"https://evil/x.css\">",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox\">x</a>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "<img src=\"https://tracker.example/pixel.gif\">",
        ] {
            let clean = sanitised(&format!("<div>{hostile}</div>"));
            for bad in [
                "<script",
                "onerror",
                "<iframe",
                "<meta",
                "<base",
                "<link",
                "javascript:",
                "vbscript:",
                "data:",
                "tracker",
            ] {
                assert!(!clean.contains(bad), "{hostile} left {bad}: {clean}");
            }
        }
        assert!(sanitised("<table><tr><td><b>ok</b></td></tr></table>").contains("<b>ok</b>"));
        assert!(sanitised("<a href=\"https://example.org\">x</a>").contains("href=\"https://example.org\""));
        assert!(sanitised("<img src=\"pic.png\" alt=\"p\">").contains("src=\"pic.png\""));
    }

    #[test]
    fn only_plain_inline_tags_stay_markup() {
        assert_eq!(inline("<sub>".into()), Some(Inline::Html("<sub>".into())));
        assert_eq!(inline("</SUB>".into()), Some(Inline::Html("</sub>".into())));
        assert_eq!(inline("<br/>".into()), Some(Inline::Html("<br>".into())));
        assert_eq!(
            inline("<img src=x onerror=alert(1)>".into()),
            Some(Inline::Text("<img src=x onerror=alert(1)>".into()))
        );
        assert_eq!(inline("<sub onclick=x>".into()), Some(Inline::Text("<sub onclick=x>".into())));
        assert_eq!(inline("<!-- c -->".into()), None);
    }

    #[test]
    fn a_span_keeps_a_language_code_and_nothing_else() {
        for kept in ["<span lang=\"zh\">", "<span lang='zh'>", "<SPAN LANG=zh>", "<span  lang = \"zh\" >"] {
            assert_eq!(inline(kept.into()), Some(Inline::Html("<span lang=\"zh\">".into())), "{kept}");
        }
        assert_eq!(inline("<span lang=\"zh-Hant\">".into()), Some(Inline::Html("<span lang=\"zh-Hant\">".into())));
        assert_eq!(inline("</span>".into()), Some(Inline::Html("</span>".into())));
        for hostile in [
            "<span lang=\"zh\" onclick=\"alert(1)\">",
            "<span lang=zh onclick=alert(1)>",
            "<span lang=\"zh\"onmouseover=\"alert(1)\">",
            "<span lang=\"\"><script>\">",
            "<span lang=\"javascript:alert(1)\">",
            "<span style=\"color:red\">",
            "<span lang=\"ZH\">",
            "<a lang=\"zh\">",
        ] {
            assert_eq!(inline(hostile.into()), Some(Inline::Text(hostile.into())), "{hostile}");
        }
    }

    #[test]
    fn schemes_are_read_like_browsers_do() {
        assert_eq!(scheme("JavaScript:alert(1)"), Some("JavaScript"));
        assert_eq!(scheme("mailto:a@b"), Some("mailto"));
        assert_eq!(scheme("../a.html"), None);
        assert_eq!(scheme("a.html#x:y"), None);
    }
}
