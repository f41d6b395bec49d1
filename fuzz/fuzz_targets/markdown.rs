//! Arbitrary Markdown to the document model, with raw HTML escaped and sanitised, and the model
//! to HTML: no panic, no raw `<script` in what comes out, and the references it reports lie
//! inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trustbook::content::markdown::{ParseOptions, RawHtml, parse_with};
use trustbook::document::LinkTarget;
use trustbook::render::html::markup::{Links, document_to_html};

struct Plain;
impl Links for Plain {
    fn link(&self, _: &LinkTarget) -> String {
        "#".to_string()
    }
    fn image(&self, src: &str) -> String {
        src.to_string()
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for raw in [RawHtml::Escape, RawHtml::Sanitise] {
        let parsed = parse_with(&text, "guide", &ParseOptions { raw_html: raw, ..ParseOptions::default() });
        for reference in &parsed.references {
            assert!(reference.span.end <= text.len());
        }
        let html = document_to_html(&parsed.document, &Plain);
        assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    }
});
