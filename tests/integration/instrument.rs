//! Instrument v2 on the sample: outcome items stand apart from the dimensions, and the leader
//! module (`instruments/leader-trust.yaml`, about "the team leader") is reported on its own and
//! met only with guidance written for it.

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::project::Lang;
use trustbook::scoring::InstrumentRef;
use trustbook::site::Site;

fn sample() -> Site {
    Site::load(&repo_root(), &LoadOptions::default()).unwrap()
}

#[test]
fn outcome_items_count_towards_no_dimension_and_every_report_shows_them() {
    let site = sample();
    let assessment = site.assessment.as_ref().unwrap();
    let instrument = &assessment.instrument;
    let (en, zh) = (Lang::parse("en").unwrap(), Lang::parse("zh").unwrap());
    let names: Vec<&str> = instrument.outcomes.iter().map(|o| o.name.get(&en, &zh)).collect();
    assert_eq!(names, ["Overall trust", "Willingness to rely"]);
    let wave = assessment.scores.waves.len() - 1;
    let dimension_items: Vec<usize> = instrument.dimensions.iter().flat_map(|d| d.items.clone()).collect();
    assert_eq!(dimension_items.len() + instrument.outcomes.len(), instrument.items.len());
    for outcome in &instrument.outcomes {
        assert!(!dimension_items.contains(&outcome.item), "an outcome item is in no dimension");
    }
    // The overall favourable share pools the dimensions' answers only.
    let figures = assessment.scores.waves[wave].organisation.figures.shown().unwrap();
    let pooled: usize = dimension_items.iter().map(|i| figures.items[*i].shown().unwrap().distribution.answers).sum();
    assert_eq!(figures.overall.shown().unwrap().distribution.answers, pooled);
    // Nor are they strengths or opportunities.
    for team in &assessment.scores.waves[wave].teams {
        let Some(figures) = team.figures.shown() else { continue };
        for i in figures.strengths.iter().chain(&figures.opportunities) {
            assert!(dimension_items.contains(i), "item {i} is a dimension's");
        }
    }
    let languages = site.project.config.languages.clone();
    let reports = site.compose(&languages, wave).unwrap();
    let mut shown = 0;
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        for lang in &languages {
            let markdown = &reports.team(lang, t).unwrap().markdown;
            let has_table =
                instrument.outcomes.iter().all(|o| markdown.contains(&format!("**{}**", o.name.get(lang, lang))));
            let team_shown = assessment.scores.waves[wave].teams[t].figures.is_shown();
            assert_eq!(
                has_table, team_shown,
                "{} ({lang}): the outcome table iff the team's figures are shown",
                team.id
            );
            shown += usize::from(has_table);
        }
    }
    assert_eq!(shown, 2 * 12, "12 of the 14 teams show figures in the autumn");

    // The exports carry each outcome item per group, figures where the team shows them.
    let rows = trustbook::render::data::rows(assessment, &|text| text.get(&en, &zh).to_string());
    let last = &assessment.scores.waves[wave];
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        let outcome_rows: Vec<_> = rows
            .iter()
            .filter(|r| r.wave == last.wave.as_str() && r.group_id == team.id.as_str() && r.measure == "outcome")
            .collect();
        let ids: Vec<&str> = outcome_rows.iter().map(|r| r.dimension.as_str()).collect();
        assert_eq!(ids, ["OT1", "OT2"], "{}", team.id);
        let figures = last.teams[t].figures.shown();
        for (row, outcome) in outcome_rows.iter().zip(&instrument.outcomes) {
            let expected = figures.and_then(|f| f.items[outcome.item].mean());
            assert_eq!(row.mean, expected, "{} {}: the export's mean is the report's", team.id, row.dimension);
            assert_eq!(row.suppressed.is_empty(), expected.is_some(), "{} {}", team.id, row.dimension);
        }
    }
}

#[test]
fn the_leader_module_has_its_own_section_and_only_its_own_guidance() {
    let site = sample();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let index = assessment.further.iter().position(|f| f.instrument.id == "leader-trust").expect("the leader module");
    let leader = InstrumentRef::Further(index);
    assert!(assessment.instrument(leader).about.is_some(), "it is about the team leader");
    let languages = site.project.config.languages.clone();
    let reports = site.compose(&languages, wave).unwrap();
    let mut leader_focus = 0;
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        for (lang, heading) in [("zh", "## 对团队负责人的信任"), ("en", "## Trust in the team leader")] {
            let lang = languages.iter().find(|l| l.as_str() == lang).unwrap();
            assert!(
                reports.team(lang, t).unwrap().markdown.contains(heading),
                "{} ({lang}): a leader section",
                team.id
            );
        }
        let plan = site.planner(assessment).team_plan(t, wave);
        for focus in &plan.focus {
            let about_leader = focus.measure.instrument == leader;
            leader_focus += usize::from(about_leader);
            assert!(!focus.strategies.is_empty(), "{}: every focus has guidance", team.id);
            for page in &focus.strategies {
                let named = site.handbook.page(*page).entry.meta.instrument.as_deref();
                let expected = about_leader.then_some("leader-trust");
                assert_eq!(named, expected, "{}: guidance for the leader serves the leader's focus only", team.id);
            }
        }
        for action in &plan.actions {
            let named = site.handbook.page(action.strategy).entry.meta.instrument.as_deref();
            assert_eq!(named.is_some(), action.measure.instrument == leader, "{}: actions follow their focus", team.id);
        }
    }
    assert!(leader_focus >= 2, "some teams' plans take up trust in their leader: {leader_focus}");

    // Web's leader took over between the two surveys: its leader ratings show no change (it
    // would compare two people), while its members' own ratings and others' leader ratings do.
    let t = assessment.organisation.teams.iter().position(|t| t.id.as_str() == "rd-product-2").unwrap();
    let trend = |instrument: InstrumentRef, team: usize| {
        assessment.scores_of(instrument).waves[wave].teams[team].figures.shown().unwrap().dimensions[1]
            .shown()
            .unwrap()
            .trend
            .is_some()
    };
    assert!(!trend(leader, t), "no change across a change of leader");
    assert!(trend(InstrumentRef::Default, t), "the members' view of each other still compares");
    let other = assessment.organisation.teams.iter().position(|t| t.id.as_str() == "ops-supply-1").unwrap();
    assert!(trend(leader, other), "a team with the same leader compares");
    let en = languages.iter().find(|l| l.as_str() == "en").unwrap();
    let markdown = &reports.team(en, t).unwrap().markdown;
    assert!(markdown.contains("the team leader has changed"), "the report says why");
}

#[test]
fn results_about_the_leader_are_marked_private_and_kept_out_of_the_team_conversation() {
    let site = sample();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let index = assessment.further.iter().position(|f| f.instrument.id == "leader-trust").unwrap();
    let leader = InstrumentRef::Further(index);
    let scores = &assessment.further[index].scores.waves[wave];
    let languages = site.project.config.languages.clone();
    let reports = site.compose(&languages, wave).unwrap();
    let en = languages.iter().find(|l| l.as_str() == "en").unwrap();
    let (mut guided_elsewhere, mut flagged_items) = (0, 0);
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        let Some(figures) = scores.teams[t].figures.shown() else { continue };
        let markdown = reports.team(en, t).unwrap().markdown.replace('\\', "");
        let section = |from: &str| {
            let start = markdown.find(from).unwrap_or_else(|| panic!("{}: no `{from}`", team.id));
            let rest = &markdown[start + from.len()..];
            rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
        };
        let leader_part = section("## Trust in the team leader");
        // Page 1 may be shared with the team: it names a focus on the leader, not how it compares.
        let glance = section("## At a glance");
        assert!(!glance.contains("members see it ("), "{}: the glance says how the leader compares: {glance}", team.id);
        assert!(leader_part.contains("For the team leader and the HR partner"), "{}: marked private", team.id);
        // It compares with everyone's ratings of their leader, and says so throughout.
        assert!(!leader_part.contains("organisation"), "{}: the leader compared with 'the organisation'", team.id);
        assert!(!markdown.contains("{about}") && !markdown.contains("{teams}"), "{}: a placeholder left", team.id);
        // Only items clearly below (flagged) are listed as the ones below all teams.
        let instrument = &assessment.further[index].instrument;
        for (i, item) in instrument.items.iter().enumerate() {
            let flagged = figures.items[i]
                .shown()
                .and_then(|s| s.vs_organisation.as_deref())
                .is_some_and(|c| c.mean < Some(0.0) && (c.mean_flag || c.favourable_flag));
            let listed = leader_part.lines().any(|l| l.starts_with(&format!("| {}", item.text.get(en, en))));
            if listed {
                assert!(flagged, "{}: `{}` listed, but not clearly below", team.id, item.text.get(en, en));
                flagged_items += 1;
            }
        }
        // A focus on the leader has no questions for the leader to ask the team face to face.
        let plan = site.planner(assessment).team_plan(t, wave);
        let guide = section("## Team conversation guide");
        for focus in plan.focus.iter().filter(|f| f.measure.instrument == leader) {
            let name = "### The team leader's";
            let at = guide.find(name).unwrap_or_else(|| panic!("{}: the guide names the focus", team.id));
            let part = &guide[at..];
            let part = &part[..part[4..].find("\n### ").map_or(part.len(), |end| end + 4)];
            assert!(part.contains("the HR partner leads that conversation"), "{}: {part}", team.id);
            assert!(!part.lines().any(|l| l.starts_with("- ")), "{}: questions for the leader to ask: {part}", team.id);
            assert_eq!(focus.measure.instrument, leader);
            guided_elsewhere += 1;
        }
    }
    assert!(guided_elsewhere >= 2, "some plans focus on the leader: {guided_elsewhere}");
    assert!(flagged_items >= 1, "some leader items are clearly below: {flagged_items}");
}

#[test]
fn the_sample_reads_like_real_survey_data() {
    let site = sample();
    let assessment = site.assessment.as_ref().unwrap();
    // Plausible internal consistency on every instrument, wave and dimension.
    for instrument in
        std::iter::once(InstrumentRef::Default).chain((0..assessment.further.len()).map(InstrumentRef::Further))
    {
        for wave in &assessment.scores_of(instrument).waves {
            for r in &wave.reliability {
                let alpha = r.alpha.unwrap();
                assert!(
                    (0.75..=0.9).contains(&alpha),
                    "{} {} dimension {}: alpha {alpha:.3}",
                    assessment.instrument(instrument).id,
                    wave.wave,
                    r.dimension
                );
            }
        }
    }
    // Teams that trust each other more say so on the outcome item: across the shown teams,
    // overall trust (OT1) goes with the overall score.
    let wave = assessment.scores.waves.last().unwrap();
    let ot1 = assessment.instrument.outcomes[0].item;
    let pairs: Vec<(f64, f64)> = wave
        .teams
        .iter()
        .filter_map(|t| {
            let f = t.figures.shown()?;
            Some((f.overall.shown()?.mean?, f.items[ot1].mean()?))
        })
        .collect();
    let (x, y): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mx, my) = (mean(&x), mean(&y));
    let cov: f64 = pairs.iter().map(|(a, b)| (a - mx) * (b - my)).sum();
    let sx = x.iter().map(|a| (a - mx).powi(2)).sum::<f64>().sqrt();
    let sy = y.iter().map(|b| (b - my).powi(2)).sum::<f64>().sqrt();
    let r = cov / (sx * sy);
    assert!(r > 0.6, "team-level correlation of overall trust with the overall score: {r:.2}");
}

#[test]
fn the_outcome_items_have_drivers_at_organisation_level() {
    let site = sample();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.last().unwrap();
    assert_eq!(wave.drivers.len(), 2, "one set per outcome item");
    let integrity = assessment.instrument.dimensions.iter().position(|d| d.id.as_str() == "integrity").unwrap();
    for drivers in &wave.drivers {
        let (shares, r2) = (drivers.shares.as_ref().unwrap(), drivers.r_squared.unwrap());
        assert!((shares.iter().sum::<f64>() - r2).abs() < 1e-9, "LMG shares add up to R squared");
        assert!(drivers.n > 100 && r2 > 0.1, "n {} R² {r2}", drivers.n);
        for c in drivers.correlations.iter().flatten() {
            assert!(c.r > 0.0 && c.low < c.r && c.r < c.high && c.p < 0.05, "{c:?}");
        }
        // The generator weighs integrity most in overall trust, as field studies find.
        let top = (0..shares.len()).max_by(|a, b| shares[*a].total_cmp(&shares[*b])).unwrap();
        assert_eq!(top, integrity, "shares {shares:?}");
    }
    // An instrument without outcome items has no drivers.
    assert!(assessment.further.iter().all(|f| f.scores.waves.iter().all(|w| w.drivers.is_empty())));
}
