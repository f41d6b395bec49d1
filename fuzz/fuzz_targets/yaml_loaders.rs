//! Arbitrary text through every YAML loader: trustbook.yaml, the model, an instrument (default
//! and further), the organisation and a response file (against a fixed, valid design of two
//! instruments, the second for customers of the sales team `red`). Each must return a value or
//! diagnostics, never panic, and render its diagnostics; where the streaming reader of response
//! files answers, the full loader must read the same responses.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trustbook::diagnostics::SourceText;
use trustbook::model::TrustModel;
use trustbook::project::Config;
use trustbook::survey::{Instrument, InstrumentRole, Organisation, ResponseFile};
use trustbook::yaml::YamlFile;

const INSTRUMENT: &str = include_str!("../../tests/integration/survey/project/content/survey/instrument.yaml");
const ORGANISATION: &str = include_str!("../../tests/integration/survey/project/content/survey/organisation.yaml");

/// A further instrument: customers rate the sales team, with an outcome item and its sources.
const CUSTOMERS: &str = "id: customers\ntitle: Customer trust\nrespondents: customers\napplies_to: {function: [sales]}\nsource: {adapted_from: [mayer1999], note: {en: Our own items}}\nscale: {min: 1, max: 5}\ndimensions:\n  - id: ability\n    name: Ability\n    items:\n      - {id: CA1, text: Knows our business}\n      - {id: CA2, text: Leaves gaps, reverse: true}\noutcomes:\n  - {id: CO1, name: Overall trust, text: Overall we trust this team}\n";

fn design() -> &'static (Vec<Instrument>, Organisation) {
    static DESIGN: OnceLock<(Vec<Instrument>, Organisation)> = OnceLock::new();
    DESIGN.get_or_init(|| {
        let model = TrustModel::default();
        let yaml = |name: &str, text: &str| YamlFile::new(SourceText::new(name, text));
        let instrument = Instrument::load(&yaml("instrument.yaml", INSTRUMENT), &model).unwrap();
        let customers =
            Instrument::load_as(&yaml("instruments/customers.yaml", CUSTOMERS), &model, InstrumentRole::Further).unwrap();
        let organisation = ORGANISATION.replace("headcount: 8}", "headcount: 8, attributes: {function: sales}}");
        let organisation = Organisation::load(&yaml("organisation.yaml", &organisation), &model).unwrap();
        (vec![instrument, customers], organisation)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (instruments, organisation) = design();
    let file = || YamlFile::new(SourceText::new("fuzz.yaml", text));
    if let Err(errors) = Config::parse(&SourceText::new("trustbook.yaml", text)) {
        let _ = errors.render();
    }
    if let Err(errors) = Instrument::load(&file(), &TrustModel::default()) {
        let _ = errors.render();
    }
    if let Err(errors) = Instrument::load_as(&file(), &TrustModel::default(), InstrumentRole::Further) {
        let _ = errors.render();
    }
    if let Err(errors) = TrustModel::parse(&file()) {
        let _ = errors.render();
    }
    if let Err(errors) = Organisation::load(&file(), &TrustModel::default()) {
        let _ = errors.render();
    }
    // The streaming reader and the full loader must agree wherever the stream answers.
    let full = ResponseFile::load_in_full(&file(), instruments, organisation);
    if let Some(streamed) = ResponseFile::streamed(&file(), instruments, organisation) {
        assert_eq!(Some(&streamed), full.as_ref().ok(), "the stream read a file the full loader reads otherwise");
    }
    if let Err(errors) = full {
        let _ = errors.render();
    }
});
