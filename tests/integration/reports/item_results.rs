//! Item-level results in team reports (issue 13): every item of the instrument, with its n,
//! mean and shares, and each flagged difference set in bold and named; means with their 95%
//! margin when `reports.margins` asks for it.

use crate::common::*;
use trustbook::project::Lang;
use trustbook::scoring::{Comparison, Reported};
use trustbook::site::Site;

/// The part of a report's HTML from the item results heading to the next section.
fn item_section<'a>(html: &'a str, heading: &str) -> &'a str {
    let start = html.find(&format!(">{heading}</h2>")).unwrap_or_else(|| panic!("no {heading} section"));
    let rest = &html[start..];
    let end = rest[1..].find("<h2").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn every_item_is_reported_with_its_flags_set_apart() {
    let project = sample_project();
    let config = project.path().join("trustbook.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("margins: false", "margins: true")).unwrap();
    build(project.path()).unwrap();
    let out = project.path().join("output");
    // The scored model as the build has it (with the sample's benchmark).
    let site = Site::load(project.path(), &Default::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.last().unwrap();
    let instrument = &assessment.instrument;
    let (en, zh) = (Lang::parse("en").unwrap(), Lang::parse("zh").unwrap());
    let mut flagged_anywhere = 0;
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        let html =
            std::fs::read_to_string(out.join("results/en/teams").join(team.id.as_str()).join("index.html")).unwrap();
        let Reported::Shown(figures) = &wave.teams[t].figures else {
            assert!(!html.contains(">Results by item</h2>"), "{}: withheld, and no item table", team.id);
            continue;
        };
        let section = item_section(&html, "Results by item");
        let mut flagged = 0;
        for i in instrument.dimension_items() {
            let item = &instrument.items[i];
            let text = item.text.get(&en, &zh).replace('\'', "&#39;");
            assert!(section.contains(&text), "{}: item {} is missing", team.id, item.id);
            let Some(score) = figures.items[i].shown() else { continue };
            // Its row: n, and the mean with its margin.
            let row = &section[section.find(&text).unwrap()..];
            let row = &row[..row.find("</tr>").unwrap()];
            assert!(
                row.contains(&format!("<td class=\"align-right\">{}</td>", score.n)),
                "{}: n of {}",
                team.id,
                item.id
            );
            if let (Some(mean), Some(interval)) = (score.mean, score.interval) {
                let margin = format!("{mean:.2} ± {:.2}", (interval.high - interval.low) / 2.0);
                assert!(row.contains(&margin), "{}: {} shows {margin}: {row}", team.id, item.id);
            }
            let comparisons = [&score.trend, &score.vs_organisation, &score.vs_unit, &score.vs_benchmark];
            let flags = comparisons.iter().filter(|c| c.as_deref().is_some_and(Comparison::flagged)).count();
            assert_eq!(row.matches("<strong>").count(), flags, "{}: {} has {flags} flags: {row}", team.id, item.id);
            if score.vs_organisation.as_deref().is_some_and(Comparison::flagged) {
                assert!(row.contains("clearly below the organisation"), "{}: {} names its flag", team.id, item.id);
            }
            if score.vs_unit.as_deref().is_some_and(Comparison::flagged) {
                assert!(row.contains("clearly below the rest of the unit"), "{}: {}", team.id, item.id);
            }
            if score.vs_benchmark.as_deref().is_some_and(Comparison::flagged) {
                assert!(row.contains("clearly below the benchmark"), "{}: {}", team.id, item.id);
            }
            flagged += flags;
        }
        // Outcome items have their own table, not this one.
        for outcome in &instrument.outcomes {
            let text = instrument.items[outcome.item].text.get(&en, &zh);
            assert!(!section.contains(text), "{}: an outcome item among the items", team.id);
        }
        flagged_anywhere += flagged;
    }
    // The sample has real item gaps (Web's integrity items): the test is not vacuous.
    assert!(flagged_anywhere >= 5, "only {flagged_anywhere} flagged item differences in the sample");
    // The Chinese report has the same table, in Chinese.
    let zh = std::fs::read_to_string(out.join("results/zh/teams/rd-product-2/index.html")).unwrap();
    assert!(item_section(&zh, "逐题结果").contains("与本单位其他团队相比"));
    // The PDF carries the table too.
    let pdf = pdf_text(&out.join("results/en/teams/rd-product-2/rd-product-2.pdf"));
    assert!(pdf.contains("Results by item") && pdf.contains("vs rest"), "the PDF has the item table");
}
