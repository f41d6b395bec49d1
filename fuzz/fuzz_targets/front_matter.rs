//! Arbitrary text through the front matter split: the two ranges it returns must lie inside the
//! text, on character boundaries, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trustbook::content::split_front_matter as split;
use trustbook::diagnostics::SourceText;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parts) = split(&SourceText::new("page.md", text)) {
        assert!(parts.yaml.end <= parts.body.start && parts.body.end <= text.len());
        assert!(text.is_char_boundary(parts.yaml.start) && text.is_char_boundary(parts.yaml.end));
        assert!(text.is_char_boundary(parts.body.start) && text.is_char_boundary(parts.body.end));
    }
});
