//! What drives trust, in the organisation summary (issue 13): each dimension's correlation
//! with the outcome items and its share of what they explain, as scoring computed them, and
//! the impact-versus-score chart, in HTML (SVG with its figures as a table) and in the PDF.

use crate::common::*;
use trustbook::site::Site;

#[test]
fn the_summary_shows_what_drives_overall_trust() {
    let project = sample_project();
    let site = Site::load(project.path(), &Default::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.last().unwrap();
    build(project.path()).unwrap();
    let out = project.path().join("output");
    let html = std::fs::read_to_string(out.join("results/en/summary/index.html")).unwrap();
    let start = html.find(">What goes with overall trust</h2>").expect("the drivers section");
    let section = &html[start..start + html[start..].find("<h2").map_or(html.len() - start, |e| e)];
    // Every outcome item with drivers has its table; every dimension its figures there.
    assert_eq!(wave.drivers.len(), 2);
    for drivers in &wave.drivers {
        let r2 = drivers.r_squared.unwrap();
        let basis = format!("n = {} people; together the dimensions explain {:.0}%", drivers.n, 100.0 * r2);
        assert!(section.contains(&basis), "{basis}");
        let mut printed_shares = 0;
        for (d, dimension) in assessment.instrument.dimensions.iter().enumerate() {
            let c = drivers.correlations[d].as_ref().unwrap();
            let cells = format!(
                "<td class=\"align-right\">{:.2} ({:.2} to {:.2})</td><td class=\"align-right\">",
                c.r, c.low, c.high
            );
            let at = section.find(&cells).unwrap_or_else(|| panic!("{}: {cells}", dimension.id)) + cells.len();
            let printed: f64 = section[at..].split('%').next().unwrap().parse().unwrap();
            // Whole percentages of R², within a point of the exact share, adding up to 100.
            let share = 100.0 * drivers.shares.as_ref().unwrap()[d] / r2;
            assert!((printed - share).abs() < 1.0, "{}: {printed} for {share}", dimension.id);
            printed_shares += printed as i64;
        }
        assert_eq!(printed_shares, 100);
    }
    // The chart: one point per dimension, its figures listed beside it.
    let chart = &section[section.find("<figure class=\"chart chart-scatter\">").expect("the impact chart")..];
    let chart = &chart[..chart.find("</figure>").unwrap()];
    assert!(chart.contains("Importance against score: Overall trust"));
    let organisation = wave.organisation.figures.shown().unwrap();
    for (d, dimension) in assessment.instrument.dimensions.iter().enumerate() {
        let mean = organisation.dimensions[d].mean().unwrap();
        assert!(chart.contains(&format!("{mean:.2}")), "{} mean in the chart's table", dimension.id);
    }
    let zh = std::fs::read_to_string(out.join("results/zh/summary/index.html")).unwrap();
    assert!(zh.contains("哪些维度与总体信任关系最密切") && zh.contains("chart-scatter"));
    let pdf = pdf_text(&out.join("results/en/summary/summary.pdf"));
    assert!(pdf.contains("What goes with overall trust") && pdf.contains("Top left: weighs much, scores low"));
}
