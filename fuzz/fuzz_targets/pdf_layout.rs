//! Arbitrary Markdown laid out and written as a PDF with the default theme's fonts (loaded
//! once): no panic, and the result is a PDF.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trustbook::content::LoadOptions;
use trustbook::content::markdown::parse;
use trustbook::render::pdf::Assets;
use trustbook::render::pdf::writer::Meta;
use trustbook::site::Site;

fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/integration/site/minimal");
        let site = Site::load(&root, &LoadOptions::default()).expect("the minimal fixture loads");
        let languages = site.project.config.languages.clone();
        let input = site.render_input(&languages, 0, false);
        Assets::load(input).expect("the default theme's fonts load")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let document = parse(&text, "guide").document;
    let meta = Meta {
        title: "fuzz".into(),
        author: String::new(),
        subject: String::new(),
        lang: "zh".into(),
        created: Some(0),
        footer: "{page} / {pages}".into(),
        book: None,
        named_destinations: false,
    };
    let (bytes, _missing) = assets().report_pdf(&document, "header", &meta).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
});
