//! Team reports and the organisation summary: one per team and language, anonymity kept in
//! the HTML, hostile free text escaped, and snapshots of one report.

mod benchmark;
mod brand;
mod delivery;
mod drivers;
mod item_results;
mod packs;

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::project::PrivacyConfig;
use trustbook::render::html::markup::{Links, document_to_html};
use trustbook::scoring::{self, Comparison, Figures};
use trustbook::site::Site;

#[test]
fn every_team_has_a_report_in_every_language_and_the_summary_links_them() {
    let project = sample_project();
    build(project.path()).unwrap();
    let out = project.path().join("output/results");
    let survey = survey_at(project.path());
    for lang in ["zh", "en"] {
        let summary = std::fs::read_to_string(out.join(lang).join("summary/index.html")).unwrap();
        assert!(summary.contains(r#"<meta name="robots" content="noindex, nofollow">"#), "results are not indexed");
        for team in &survey.organisation.teams {
            let file = out.join(lang).join("teams").join(team.id.as_str()).join("index.html");
            assert!(file.is_file(), "missing {}", file.display());
            assert!(
                summary.contains(&format!("href=\"../teams/{}/index.html\"", team.id)),
                "{lang} summary misses {}",
                team.id
            );
        }
        // The handbook's home page, published to everyone, does not lead to the results.
        let home = std::fs::read_to_string(project.path().join("output/site").join(lang).join("index.html")).unwrap();
        assert!(!home.contains("summary/index.html") && !home.contains("results/"), "{lang} home links no result");
        assert!(!home.contains("noindex"), "the handbook may be indexed");
    }
    // The results' own front door leads to the summary; they link back into the handbook
    // through the sibling folder.
    let front = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(front.contains("url=zh/summary/index.html") && front.contains("noindex"), "{front}");
    let team = std::fs::read_to_string(out.join("en/teams/rd-product-2/index.html")).unwrap();
    assert!(team.contains(r#"href="../../../../site/en/index.html""#), "a result links the handbook's home");
    assert!(team.contains(r#"href="../../../static/style.css""#), "a result has its own style sheet");
}

/// Every way the reports could print one of `figures`' numbers.
fn printed_forms(figures: &Figures) -> Vec<String> {
    let mut forms = Vec::new();
    let scores = std::iter::once(&figures.overall).chain(&figures.dimensions).filter_map(|s| s.shown());
    for score in scores.clone() {
        if let Some(v) = score.mean {
            forms.push(format!("{v:.2}"));
        }
        for comparison in [&score.vs_organisation, &score.trend].into_iter().flatten() {
            let Comparison { mean: m, .. } = &**comparison;
            if let Some(m) = m {
                forms.push(format!("{:.2}", m.abs()));
            }
        }
    }
    let items = figures.items.iter().filter_map(|i| i.shown());
    for item in items.clone() {
        if let Some(v) = item.mean {
            forms.push(format!("{v:.2}"));
        }
    }
    let percents = scores.map(|s| &s.distribution);
    for distribution in percents.chain(items.map(|i| &i.distribution)) {
        for share in [distribution.favourable, distribution.neutral, distribution.unfavourable].into_iter().flatten() {
            forms.push(format!(">{share:.0}%"));
            forms.push(format!(" {share:.0}%"));
        }
    }
    forms.push(format!("{} respondents", figures.respondents));
    forms
}

#[test]
fn a_withheld_teams_report_contains_none_of_its_figures() {
    let project = sample_project();
    build(project.path()).unwrap();
    let survey = survey_at(project.path());
    let site = Site::load(project.path(), &LoadOptions::default()).unwrap();
    let config = site.project.config;
    let reported = scoring::score(&survey, &config.scoring, &config.privacy);
    // The same data with no threshold: the figures the scorer computes for every team.
    let everything = scoring::score(&survey, &config.scoring, &PrivacyConfig { min_respondents: 1, min_comments: 1 });
    let wave = reported.waves.len() - 1;
    let withheld: Vec<usize> =
        (0..survey.organisation.teams.len()).filter(|t| !reported.waves[wave].teams[*t].figures.is_shown()).collect();
    assert_eq!(withheld.len(), 2, "the sample withholds two teams in the latest wave");
    for team in withheld {
        let figures = everything.waves[wave].teams[team].figures.shown().unwrap();
        let forms = printed_forms(figures);
        assert!(forms.len() > 50);
        for lang in ["zh", "en"] {
            let id = survey.organisation.teams[team].id.as_str();
            let html = std::fs::read_to_string(
                project.path().join("output/results").join(lang).join("teams").join(id).join("index.html"),
            )
            .unwrap();
            for form in &forms {
                assert!(!html.contains(form.as_str()), "{lang}/{id} shows `{form}`, one of its withheld figures");
            }
            assert!(!html.contains("<svg"), "{lang}/{id} draws no chart");
            let why = if lang == "zh" { "不显示" } else { "withheld" };
            assert!(html.contains(why), "{lang}/{id} says why");
        }
    }
}

/// The survey fixture with a hostile team name and comment, and comments shown from one up.
fn hostile_fixture() -> tempfile::TempDir {
    let project = fixture(SURVEY);
    write(project.path(), "trustbook.yaml", "title: Survey fixture\nlanguages: [en]\nprivacy: {min_comments: 1}\n");
    let org_path = project.path().join("content/survey/organisation.yaml");
    let org = std::fs::read_to_string(&org_path).unwrap();
    std::fs::write(
        &org_path,
        org.replace("name: Red,", "name: \"Red & <script>alert('team')</script> \\\"Q\\\" [x](http://evil)\","),
    )
    .unwrap();
    write(
        project.path(),
        "content/survey/responses/w2-comments.yaml",
        "wave: w2\nresponses:\n  - team: red\n    answers: {AB1: 4, AB2: 2, IN1: 4, IN2: 4}\n    comment: \"Boss said \\\"fine\\\" & <script>alert(1)</script> **bold** <img src=x onerror=alert(2)>\"\n",
    );
    project
}

#[test]
fn free_text_is_escaped_everywhere() {
    let project = hostile_fixture();
    build(project.path()).unwrap();
    let out = project.path().join("output");
    for page in ["results/en/teams/red/index.html", "results/en/teams/blue/index.html", "results/en/summary/index.html"]
    {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("<script"), "{page} carries a script element");
        assert!(!html.contains("<img src=x"), "{page} carries injected markup");
        assert!(!html.contains("href=\"http://evil\""), "{page} turned a name into a link");
        if !page.contains("blue") {
            let name = "Red &amp; &lt;script&gt;alert(&#39;team&#39;)&lt;/script&gt; &quot;Q&quot; [x](http://evil)";
            assert!(html.contains(name), "{page} shows the name as text");
        }
    }
    let red = std::fs::read_to_string(out.join("results/en/teams/red/index.html")).unwrap();
    assert!(red.contains("Boss said &quot;fine&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt; **bold** &lt;img src=x onerror=alert(2)&gt;"), "{red}");
    let csv = std::fs::read_to_string(out.join("results/data/scores.csv")).unwrap();
    assert!(csv.contains("\"Red & <script>alert('team')</script> \"\"Q\"\" [x](http://evil)\""), "CSV quoting");
}

struct PlainLinks;

impl Links for PlainLinks {
    fn link(&self, target: &trustbook::document::LinkTarget) -> String {
        format!("{target:?}")
    }
    fn image(&self, src: &str) -> String {
        src.to_string()
    }
}

#[test]
fn team_report_snapshot() {
    let project = fixture(SURVEY);
    write(project.path(), "trustbook.yaml", "title: Survey fixture\nlanguages: [en]\nprivacy: {min_comments: 1}\n");
    let mut site = Site::load(project.path(), &LoadOptions::default()).unwrap();
    // The delivery date is the build's; the snapshot fixes it.
    site.delivered = trustbook::survey::Date::from_unix_seconds(1_792_454_400);
    let assessment = site.assessment.as_ref().unwrap();
    let languages = site.project.config.languages.clone();
    let red = assessment.organisation.team_index(&"red".parse_team()).unwrap();
    let reports = site.compose(&languages, 1).unwrap();
    let report = reports.team(&languages[0], red).unwrap();
    insta::assert_snapshot!("team_report_markdown", report.markdown);
    insta::assert_snapshot!("team_report_html", document_to_html(&report.document, &PlainLinks));
}

trait ParseTeam {
    fn parse_team(&self) -> trustbook::survey::TeamId;
}

impl ParseTeam for str {
    fn parse_team(&self) -> trustbook::survey::TeamId {
        trustbook::survey::TeamId::new(self).unwrap()
    }
}

#[test]
fn reports_for_an_earlier_wave_on_request() {
    let project = fixture(SURVEY);
    let output = run(project.path(), &["build", "--wave", "w1"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary = std::fs::read_to_string(project.path().join("output/results/en/summary/index.html")).unwrap();
    assert!(summary.contains("<strong>Survey</strong>: Fixture · w1 (2026-03-15)"), "{summary}");
    let unknown = run(project.path(), &["build", "--wave", "w9"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("--wave w9: no such wave (organisation.yaml has w1, w2)"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn comments_keep_their_language_and_say_it_in_the_other_language() {
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let languages = site.project.config.languages.clone();
    let reports = site.compose(&languages, wave).unwrap();
    let (zh, en) = (&languages[0], &languages[1]);
    let mut english_seen = 0;
    for (t, group) in assessment.scores.waves[wave].teams.iter().enumerate() {
        let Some(comments) = group.comments.shown().filter(|_| group.figures.is_shown()) else { continue };
        let zh_report = &reports.team(zh, t).unwrap().markdown;
        let en_report = &reports.team(en, t).unwrap().markdown;
        let section = |markdown: &str| markdown.rsplit("\n## ").next().unwrap_or_default().replace('\\', "");
        for comment in comments {
            let english = comment.lang.as_ref().is_some_and(|l| l.as_str() == "en");
            english_seen += usize::from(english);
            let (own, other, label, lang) = if english {
                (en_report, zh_report, "（英文）", "en")
            } else {
                (zh_report, en_report, " (in Chinese)", "zh")
            };
            // As written; a comment several people wrote is shown once, with their number.
            let own_section = section(own);
            let as_written = own_section.lines().any(|line| {
                line.strip_prefix("- ")
                    .and_then(|rest| rest.strip_prefix(comment.text.as_str()))
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with(" people)") || rest.ends_with(" 人）"))
            });
            assert!(as_written, "team {t}: shown as written: {}", comment.text);
            // In the other language's report: marked as in its language, so a screen reader
            // reads it in that language's voice, and labelled in the reader's (outside the mark).
            let marked = format!("<span lang=\"{lang}\">{}</span>{label}", comment.text);
            assert!(section(other).contains(&format!("- {marked}")), "team {t}: labelled: {}", comment.text);
            let other_document = if english { &reports.team(zh, t) } else { &reports.team(en, t) };
            let html = document_to_html(&other_document.as_ref().unwrap().document, &PlainLinks);
            assert!(html.contains(&format!("<li>{marked}")), "team {t}: marked in the page: {}", comment.text);
            let marked_as_written = format!("<span lang=\"{lang}\">{}", comment.text);
            assert!(!section(own).contains(&marked_as_written), "team {t}: marked in its own language");
        }
    }
    assert!(english_seen >= 5, "the sample has English comments: {english_seen}");
}

#[test]
fn a_comment_several_people_wrote_is_listed_once_with_their_number() {
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let languages = site.project.config.languages.clone();
    let reports = site.compose(&languages, wave).unwrap();
    let en = languages.iter().find(|l| l.as_str() == "en").unwrap();
    let mut merged = 0;
    for (t, group) in assessment.scores.waves[wave].teams.iter().enumerate() {
        let Some(comments) = group.comments.shown().filter(|_| group.figures.is_shown()) else { continue };
        let markdown = reports.team(en, t).unwrap().markdown.replace('\\', "");
        // Comments in Chinese are marked as such; the count follows the mark.
        let section = markdown.rsplit("\n## ").next().unwrap_or_default().replace("<span lang=\"zh\">", "");
        let mut counts: std::collections::BTreeMap<&trustbook::survey::Comment, usize> = Default::default();
        for comment in comments {
            *counts.entry(comment).or_default() += 1;
        }
        for (comment, n) in counts {
            let lines = section.lines().filter(|l| l.starts_with(&format!("- {}", comment.text))).count();
            assert_eq!(lines, 1, "team {t}: listed once: {}", comment.text);
            if n > 1 {
                merged += 1;
                assert!(section.contains(&format!(" ({n} people)")), "team {t}: {n} people wrote {}", comment.text);
            }
        }
    }
    assert!(merged > 0, "the sample has comments several people wrote");
}
