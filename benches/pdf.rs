//! PDF rendering of the sample's team reports.
//!
//!     cargo bench --bench pdf
//!
//! `team_report_pdf` renders one team report (report document, layout, PDF with subset fonts)
//! on one thread; `all_reports_pdf_parallel` renders every team's report of one language across
//! all cores; `handbook_book_pdf` lays out and writes the whole Chinese handbook book (cover,
//! contents, every chapter). The baseline in the same run is `team_report_html`: the same report
//! as an HTML page. Bytes per report and of the book are printed once.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use trustbook::content::LoadOptions;
use trustbook::render::RenderInput;
use trustbook::render::html::markup::{Links, document_to_html};
use trustbook::render::pdf::Assets;
use trustbook::render::pdf::writer::Meta;
use trustbook::render::report;
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
    let input = RenderInput {
        project: &site.project,
        handbook: &site.handbook,
        theme: &site.theme,
        assessment: Some(assessment),
        report_wave: wave,
        languages: &languages,
        pdf_book: true,
    };
    let assets = Assets::load(input).unwrap();
    let lang = &languages[0];
    let meta = |title: &str| Meta {
        title: title.to_string(),
        author: String::new(),
        subject: String::new(),
        lang: lang.to_string(),
        created: Some(0),
        footer: "第 {page} 页 / 共 {pages} 页".into(),
        book: None,
        named_destinations: false,
    };
    let teams = assessment.organisation.teams.len();
    let sizes: Vec<usize> = (0..teams)
        .map(|t| {
            let report = report::team_report(input, assessment, t, wave, lang).unwrap();
            assets.report_pdf(&report, &meta(&report.title)).unwrap().0.len()
        })
        .collect();
    println!(
        "bytes per team report PDF: min {} / mean {} / max {}",
        sizes.iter().min().unwrap(),
        sizes.iter().sum::<usize>() / teams,
        sizes.iter().max().unwrap()
    );

    let mut group = c.benchmark_group("team_reports");
    group.sample_size(20);
    group.bench_function("team_report_html", |b| {
        b.iter(|| {
            let report = report::team_report(input, assessment, 0, wave, lang).unwrap();
            document_to_html(&report.document, &NoLinks)
        })
    });
    group.bench_function("team_report_pdf", |b| {
        b.iter(|| {
            let report = report::team_report(input, assessment, 0, wave, lang).unwrap();
            assets.report_pdf(&report, &meta(&report.title)).unwrap()
        })
    });
    group.bench_function("all_reports_pdf_parallel", |b| {
        b.iter(|| {
            (0..teams)
                .into_par_iter()
                .map(|t| {
                    let report = report::team_report(input, assessment, t, wave, lang).unwrap();
                    assets.report_pdf(&report, &meta(&report.title)).unwrap().0.len()
                })
                .sum::<usize>()
        })
    });
    group.finish();

    let texts = trustbook::render::pdf::book::BookTexts { author: String::new(), date: None };
    let book_meta = Meta { named_destinations: true, ..meta(&site.handbook.root().entry.variant(lang).title) };
    let (book, _) = assets.book_pdf(input, lang, &texts, &book_meta).unwrap();
    println!("bytes of the handbook book: {}", book.len());
    let mut group = c.benchmark_group("handbook");
    group.sample_size(10);
    group.bench_function("handbook_book_pdf", |b| b.iter(|| assets.book_pdf(input, lang, &texts, &book_meta).unwrap()));
    group.finish();
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
