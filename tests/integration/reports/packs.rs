//! Unit packs, read back with the tools a recipient's computer has (`qpdf`, `pdfinfo`,
//! `pdftotext`): for every unit of the sample and both languages, one bookmark per team with
//! figures in the organisation's order, a contents page whose numbers are those bookmarks'
//! pages, page numbers that run through, and each withheld team listed with its reason and no
//! report of its own.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::site::Site;

fn run_tool(name: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(name).args(args).arg(file).output().unwrap_or_else(|e| panic!("{name} runs: {e}"));
    assert!(output.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The top-level bookmarks: title and page (from 1).
fn bookmarks(file: &Path) -> Vec<(String, u64)> {
    let json: serde_json::Value =
        serde_json::from_str(&run_tool("qpdf", &["--json", "--json-key=outlines"], file)).unwrap();
    json["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["title"].as_str().unwrap().to_string(), o["destpageposfrom1"].as_u64().unwrap()))
        .collect()
}

fn page_count(file: &Path) -> usize {
    let info = run_tool("pdfinfo", &[], file);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

fn page(file: &Path, n: usize) -> String {
    let n = n.to_string();
    Command::new("pdftotext")
        .args(["-f", &n, "-l", &n, "-layout", "-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap()
}

#[test]
fn every_unit_pack_has_a_bookmark_and_a_contents_line_per_team_and_lists_the_withheld() {
    let project = sample_project();
    build(project.path()).unwrap();
    let site = Site::load(project.path(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let organisation = &assessment.organisation;
    let wave = assessment.scores.waves.last().unwrap();
    let mut withheld_seen = 0;
    for (lang, report_title, unit_title, page_word) in
        [("en", "Trust improvement plan", "Unit results", "Page"), ("zh", "信任改进计划", "单位结果", "第")]
    {
        let language = trustbook::project::Lang::parse(lang).unwrap();
        let name = |n: &trustbook::project::Localized| n.get(&language, &language).to_string();
        for (u, unit) in organisation.units.iter().enumerate() {
            let file = project.path().join(format!("output/results/{lang}/units/{}.pdf", unit.id));
            let mut teams = organisation.teams_below(u);
            teams.sort_unstable();
            let (shown, withheld): (Vec<usize>, Vec<usize>) =
                teams.iter().partition(|t| wave.teams[**t].figures.is_shown());
            // Bookmarks: the contents, the unit's results, then one per team with figures.
            let marks = bookmarks(&file);
            let mut expected: Vec<String> = vec![format!("{} · {unit_title}", name(&unit.name))];
            expected.extend(shown.iter().map(|t| format!("{} · {report_title}", name(&organisation.teams[*t].name))));
            let titles: Vec<&str> = marks.iter().skip(1).map(|(t, _)| t.as_str()).collect();
            assert_eq!(titles, expected, "{lang} {}: bookmarks", unit.id);
            assert!(marks.windows(2).all(|w| w[0].1 < w[1].1), "{lang} {}: parts in order {marks:?}", unit.id);
            // The contents page gives each part with the page its bookmark leads to.
            let contents = page(&file, 1);
            for (title, page_number) in marks.iter().skip(1) {
                let line = contents
                    .lines()
                    .find(|l| l.contains(title.as_str()))
                    .unwrap_or_else(|| panic!("{lang} {}: contents lack {title}:\n{contents}", unit.id));
                assert!(
                    line.trim_end().ends_with(&page_number.to_string()),
                    "{lang} {}: `{line}` should end with {page_number}",
                    unit.id
                );
                let starts = page(&file, *page_number as usize);
                assert!(starts.contains(title.as_str()), "{lang} {}: page {page_number} starts {title}", unit.id);
            }
            // Page numbers run through the whole pack.
            let pages = page_count(&file);
            let last = page(&file, pages);
            let numbered = if lang == "en" {
                format!("{page_word} {pages} of {pages}")
            } else {
                format!("第 {pages} 页 / 共 {pages} 页")
            };
            assert!(last.contains(&numbered), "{lang} {}: the last page is numbered {numbered}", unit.id);
            // Withheld teams: listed by name with the reason, no report, no figure.
            let text = pdf_text(&file);
            for t in &withheld {
                let team_name = name(&organisation.teams[*t].name);
                let listed = text
                    .lines()
                    .find(|l| l.contains(&team_name))
                    .unwrap_or_else(|| panic!("{lang} {}: {team_name} not listed", unit.id));
                // The reason may name the threshold; nothing else is a number.
                let threshold = site.project.config.privacy.min_respondents.to_string();
                assert!(
                    !listed.replace(&threshold, "").chars().any(|c| c.is_ascii_digit()),
                    "{lang}: no figure beside a withheld team: {listed}"
                );
                assert!(
                    !marks.iter().any(|(title, _)| title.contains(&team_name)),
                    "{lang}: {team_name} has no report"
                );
                withheld_seen += 1;
            }
        }
    }
    assert!(withheld_seen >= 2, "the sample has withheld teams, so the check is not vacuous");
}
