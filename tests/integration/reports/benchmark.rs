//! The external benchmark on the sample (`content/benchmarks/sample-peers.yaml`, selected in
//! trustbook.yaml): every figure it has is compared, shown in its own column with its source,
//! and a gap to it is flagged only when it is large enough and significant.

use crate::common::*;
use trustbook::scoring::{Comparison, Reported};
use trustbook::site::Site;

#[test]
fn teams_and_the_organisation_are_compared_with_the_benchmark() {
    let project = sample_project();
    let site = Site::load(project.path(), &Default::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let benchmark = assessment.benchmark.as_ref().expect("the sample selects a benchmark");
    assert_eq!(benchmark.id, "sample-peers");
    let wave = assessment.scores.waves.last().unwrap();
    let mut flagged = 0;
    let mut within_noise = 0;
    for (t, group) in wave.teams.iter().enumerate() {
        let Reported::Shown(figures) = &group.figures else { continue };
        for (d, score) in figures.dimensions.iter().enumerate() {
            let Some(score) = score.shown() else { continue };
            let reference = benchmark.dimensions[d].unwrap();
            let c: &Comparison = score.vs_benchmark.as_deref().expect("every shown dimension is compared");
            // The difference is against the benchmark's own figure.
            assert!((c.mean.unwrap() - (score.mean.unwrap() - reference.mean.unwrap())).abs() < 1e-12);
            let p = c.mean_test.unwrap().p;
            if c.mean_flag {
                assert!(c.mean.unwrap() <= -0.2 + 1e-9 && c.mean_q.unwrap() <= 0.05, "team {t}: {c:?}");
                flagged += 1;
            }
            assert!(p > 0.0 && p <= 1.0);
            within_noise += usize::from(c.within_noise);
        }
        // Items too, for every item the benchmark has.
        for (i, item) in figures.items.iter().enumerate() {
            if let (Some(item), Some(_)) = (item.shown(), benchmark.items[i]) {
                assert!(item.vs_benchmark.is_some(), "team {t} item {i}");
            }
        }
    }
    assert!(flagged >= 3 && within_noise >= 3, "flagged {flagged}, within noise {within_noise}");

    build(project.path()).unwrap();
    let out = project.path().join("output");
    let web = std::fs::read_to_string(out.join("results/en/teams/rd-product-2/index.html")).unwrap();
    assert!(web.contains("Against the benchmark") && web.contains("clearly below the benchmark"));
    assert!(
        web.contains("Benchmark: Sample peer benchmark, made-up figures (trustbook sample data, not a published survey; 2026; n = 2400)"),
        "the benchmark is named with its source"
    );
    let summary = std::fs::read_to_string(out.join("results/zh/summary/index.html")).unwrap();
    assert!(
        summary.contains("与外部基准相比")
            && summary.contains("示例同行基准，虚构数据（trustbook 示例数据，并非已发表的调查；2026 年；n = 2400）")
    );
    let pdf = pdf_text(&out.join("results/zh/teams/rd-product-2/rd-product-2.pdf"));
    assert!(pdf.contains("与外部基准相比"), "the PDF has the column");
}
