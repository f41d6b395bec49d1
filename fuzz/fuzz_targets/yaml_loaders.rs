//! Arbitrary text through every YAML loader: trustbook.yaml, the model, the instrument, the organisation
//! and a response file (against a fixed, valid instrument and organisation). Each must return
//! a value or diagnostics, never panic, and render its diagnostics; where the streaming reader
//! of response files answers, the full loader must read the same responses.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trustbook::diagnostics::SourceText;
use trustbook::model::TrustModel;
use trustbook::project::Config;
use trustbook::survey::{Instrument, Organisation, ResponseFile};
use trustbook::yaml::YamlFile;

const INSTRUMENT: &str = include_str!("../../tests/integration/survey/project/content/survey/instrument.yaml");
const ORGANISATION: &str = include_str!("../../tests/integration/survey/project/content/survey/organisation.yaml");

fn design() -> &'static (Instrument, Organisation) {
    static DESIGN: OnceLock<(Instrument, Organisation)> = OnceLock::new();
    DESIGN.get_or_init(|| {
        let model = TrustModel::default();
        let instrument =
            Instrument::load(&YamlFile::new(SourceText::new("instrument.yaml", INSTRUMENT)), &model).unwrap();
        let organisation =
            Organisation::load(&YamlFile::new(SourceText::new("organisation.yaml", ORGANISATION)), &model).unwrap();
        (instrument, organisation)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (instrument, organisation) = design();
    let file = || YamlFile::new(SourceText::new("fuzz.yaml", text));
    if let Err(errors) = Config::parse(&SourceText::new("trustbook.yaml", text)) {
        let _ = errors.render();
    }
    if let Err(errors) = Instrument::load(&file(), &TrustModel::default()) {
        let _ = errors.render();
    }
    if let Err(errors) = TrustModel::parse(&file()) {
        let _ = errors.render();
    }
    if let Err(errors) = Organisation::load(&file(), &TrustModel::default()) {
        let _ = errors.render();
    }
    // The streaming reader and the full loader must agree wherever the stream answers.
    let full = ResponseFile::load_in_full(&file(), std::slice::from_ref(instrument), organisation);
    if let Some(streamed) = ResponseFile::streamed(&file(), std::slice::from_ref(instrument), organisation) {
        assert_eq!(Some(&streamed), full.as_ref().ok(), "the stream read a file the full loader reads otherwise");
    }
    if let Err(errors) = full {
        let _ = errors.render();
    }
});
