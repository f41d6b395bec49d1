//! PDF rendering of the sample's team reports.
//!
//!     cargo bench --bench pdf
//!
//! Reports are composed once, as in a build; `compose_all_reports` times that step for every
//! team and the summary of one language. `team_report_pdf` encodes one composed team report
//! (layout, PDF with subset fonts) on one thread; `all_reports_pdf_parallel` encodes every
//! team's report of one language across all cores; `handbook_book_pdf` lays out and writes the
//! whole Chinese handbook book (cover, contents, every chapter). The baseline in the same run
//! is `team_report_html`: the same composed report encoded as HTML. Bytes per report and of the
//! book are printed once.

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use trustbook::content::LoadOptions;
use trustbook::render::html::markup::{Links, document_to_html};
use trustbook::render::pdf::Assets;
use trustbook::render::pdf::writer::Meta;
use trustbook::site::Site;

struct NoLinks;
impl Links for NoLinks {
    fn link(&self, _: &trustbook::document::LinkTarget) -> String {
        String::new()
    }
    fn image(&self, src: &str) -> String {
        src.to_string()
    }
}

fn benchmarks(c: &mut Criterion) {
    let site = Site::load(Path::new(env!("CARGO_MANIFEST_DIR")), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let languages = site.project.config.languages.clone();
    let wave = assessment.scores.waves.len() - 1;
    let lang = &languages[0];
    let reports = site.compose(std::slice::from_ref(lang), wave).unwrap();
    let input = site.render_input(&languages, wave, true);
    let assets = Assets::load(input).unwrap();
    let meta = |title: &str| Meta {
        title: title.to_string(),
        author: String::new(),
        subject: String::new(),
        lang: lang.to_string(),
        created: Some(0),
        footer: "第 {page} 页 / 共 {pages} 页".into(),
        book: None,
        named_destinations: false,
        footer_note: String::new(),
        header_note: String::new(),
    };
    let teams = assessment.organisation.teams.len();
    let team = |t: usize| reports.team(lang, t).unwrap();
    let sizes: Vec<usize> = (0..teams)
        .map(|t| assets.report_pdf(&team(t).document, &team(t).title, &meta(&team(t).title)).unwrap().bytes.len())
        .collect();
    println!(
        "bytes per team report PDF: min {} / mean {} / max {}",
        sizes.iter().min().unwrap(),
        sizes.iter().sum::<usize>() / teams,
        sizes.iter().max().unwrap()
    );

    let mut group = c.benchmark_group("team_reports");
    group.sample_size(20);
    group.bench_function("compose_all_reports", |b| {
        b.iter(|| site.compose(std::slice::from_ref(lang), wave).unwrap().len())
    });
    group.bench_function("team_report_html", |b| b.iter(|| document_to_html(&team(0).document, &NoLinks)));
    group.bench_function("team_report_pdf", |b| {
        b.iter(|| assets.report_pdf(&team(0).document, &team(0).title, &meta(&team(0).title)).unwrap())
    });
    group.bench_function("all_reports_pdf_parallel", |b| {
        b.iter(|| {
            (0..teams)
                .into_par_iter()
                .map(|t| {
                    assets.report_pdf(&team(t).document, &team(t).title, &meta(&team(t).title)).unwrap().bytes.len()
                })
                .sum::<usize>()
        })
    });
    group.finish();

    let texts = trustbook::render::pdf::book::BookTexts { author: String::new(), date: None };
    let book_meta = Meta { named_destinations: true, ..meta(&site.handbook.root().entry.variant(lang).title) };
    let book = assets.book_pdf(input, lang, &texts, &book_meta).unwrap().bytes;
    println!("bytes of the handbook book: {}", book.len());
    let mut group = c.benchmark_group("handbook");
    group.sample_size(10);
    group.bench_function("handbook_book_pdf", |b| b.iter(|| assets.book_pdf(input, lang, &texts, &book_meta).unwrap()));
    group.finish();
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
