//! The plans the sample's teams get: guidance that fits the team it is given to.

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::scoring::InstrumentRef;
use trustbook::site::Site;
use trustbook::survey::Date;

#[test]
fn no_team_outside_sales_or_service_gets_a_sales_strategy() {
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let model = &site.model;
    let function = model.attribute("function").unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let (mut sales_checked, mut others_checked, mut offered) = (0, 0, 0);
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        let plan = site.planner(assessment).team_plan(t, wave);
        let value = team
            .attributes
            .iter()
            .find(|v| v.attribute == function)
            .map(|v| &model.attributes[function].values[v.value].id);
        let customer_facing = matches!(value.map(String::as_str), Some("sales" | "service"));
        let strategies: Vec<&str> = plan
            .focus
            .iter()
            .flat_map(|f| &f.strategies)
            .chain(plan.actions.iter().map(|a| &a.strategy))
            .map(|page| site.handbook.page(*page).entry.path.as_str())
            .collect();
        assert!(!strategies.is_empty(), "{} gets guidance", team.id);
        if customer_facing {
            sales_checked += 1;
            offered += usize::from(strategies.iter().any(|p| p.starts_with("handbook/sales/")));
        } else {
            others_checked += 1;
            let sales: Vec<&&str> = strategies.iter().filter(|p| p.starts_with("handbook/sales/")).collect();
            assert!(sales.is_empty(), "{} ({value:?}) is offered sales strategies {sales:?}", team.id);
        }
    }
    assert!(sales_checked > 0 && others_checked > 0, "both kinds of team are in the sample");
    assert!(offered > 0, "customer-facing teams are offered the sales strategies (the paths are right)");
}

#[test]
fn the_stage_comes_from_the_team_and_the_report_says_why() {
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let stage_of = |id: &str| {
        let t = assessment.organisation.teams.iter().position(|t| t.id.as_str() == id).unwrap();
        let plan = site.planner(assessment).team_plan(t, wave);
        let choice = plan.stage.expect("a stage");
        (site.model.stage_concept(choice.stage).id.clone(), choice.basis)
    };
    use trustbook::plan::StageBasis;
    // The warehouse has worked together for twelve years: not "initial contact". Yet only 23 %
    // answer favourably, so trust has not settled: deeper understanding, not consolidation.
    assert_eq!(
        stage_of("ops-supply-1"),
        ("deeper_understanding".to_string(), StageBasis::ScoresBelowAge { months: 147, leader: false, percent: 23 })
    );
    // The hotline of nine years, with most answers favourable, is where its age says.
    assert_eq!(stage_of("ops-service-1"), ("consolidation".to_string(), StageBasis::Formed { months: 114 }));
    // A leader three months in starts again.
    assert_eq!(stage_of("rd-product-2"), ("initial_contact".to_string(), StageBasis::LeaderSince { months: 3 }));
    // No dates: by the team's own results.
    assert!(matches!(stage_of("ops-supply-3").1, StageBasis::Favourable { .. }));

    let out = tempfile::tempdir().unwrap();
    let mut options = trustbook::BuildOptions::new(repo_root());
    options.out = Some(out.path().to_path_buf());
    options.formats = vec![trustbook::Format::Html];
    trustbook::build(&options).unwrap();
    let page = std::fs::read_to_string(out.path().join("results/zh/teams/ops-supply-1/index.html")).unwrap();
    assert!(page.contains("（团队组建于 12 年前，但整体认同率只有 23%，信任尚未稳固）"), "the zh report says why");
    let page = std::fs::read_to_string(out.path().join("results/en/teams/rd-product-2/index.html")).unwrap();
    assert!(page.contains("(its leader took over 3 months ago)"), "the en report says why");
}

#[test]
fn every_plan_has_one_to_three_actions_none_twice_and_the_overview_names_its_focus() {
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let languages = site.project.config.languages.clone();
    let reports = site.compose(&languages, wave).unwrap();
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        let plan = site.planner(assessment).team_plan(t, wave);
        // Results about the team leader take a focus and an action of their own, beyond the
        // team's two and three.
        let about_leader =
            plan.focus.iter().filter(|f| assessment.instrument(f.measure.instrument).about.is_some()).count();
        assert!(about_leader <= 1, "{}: one leader focus at most", team.id);
        let most = 3 + about_leader;
        assert!((1..=most).contains(&plan.actions.len()), "{}: {} actions", team.id, plan.actions.len());
        assert!(plan.focus.len() - about_leader <= 2, "{}: at most two focus dimensions of its own", team.id);
        let mut seen = std::collections::BTreeSet::new();
        for action in &plan.actions {
            assert!(seen.insert((action.strategy, action.action)), "{}: an action twice", team.id);
        }
        if !assessment.scores.waves[wave].teams[t].figures.is_shown() {
            continue;
        }
        for lang in &languages {
            let first = &assessment.dimension(plan.focus[0].measure).name;
            let name = first.get(lang, site.project.default_lang()).to_lowercase();
            let markdown = &reports.team(lang, t).unwrap().markdown;
            let overview = markdown.split("\n## ").nth(1).unwrap_or_default();
            let sentence = overview.lines().find(|l| l.starts_with("**")).expect("the overview's sentence");
            // English names a dimension in lower case inside a sentence.
            let said = sentence.to_lowercase();
            assert!(said.contains(&name), "{} ({lang}): the overview names the focus {name}: {sentence}", team.id);
        }
    }
}

#[test]
fn the_next_wave_opens_with_last_times_plan_its_statuses_and_changes() {
    let project = fixture(SURVEY);
    let plans = "wave: w1\nteams:\n  red:\n    - {text: Weekly stand-up on open commitments, dimension: integrity, status: done, note: since April}\n    - {text: Pair new members with a mentor, dimension: ability, status: dropped}\n  blue:\n    - {text: Monthly retrospective, status: doing}\n";
    write(project.path(), "content/plans/w1.yaml", plans);
    // Blue answered in twos in w1: a threshold of 2 shows both teams in both waves, so changes exist.
    write(
        project.path(),
        "trustbook.yaml",
        "title: Survey fixture\nlanguages: [en]\nprivacy: {min_respondents: 2, min_comments: 2}\n",
    );
    build(project.path()).unwrap();
    let page = std::fs::read_to_string(project.path().join("output/results/en/teams/red/index.html")).unwrap();
    let section = page.split("Previous plan (w1)").nth(1).expect("the section is there");
    let table = section.split("</table>").next().unwrap();
    assert!(
        table.contains("Weekly stand-up on open commitments")
            && table.contains("since April")
            && table.contains("Done"),
        "{table}"
    );
    assert!(table.contains("Pair new members with a mentor") && table.contains("Dropped"), "{table}");
    // The change of the dimension each action worked on, since w1, for the action carried out;
    // none for the one dropped (it cannot have had an effect).
    let survey = survey_at(project.path());
    let privacy = trustbook::project::PrivacyConfig { min_respondents: 2, min_comments: 2 };
    let model = trustbook::scoring::score(&survey, &Default::default(), &privacy);
    let red = survey.organisation.team_index(&trustbook::survey::TeamId::new("red").unwrap()).unwrap();
    let change_of = |d: usize| {
        let score = model.waves[1].teams[red].figures.shown().unwrap().dimensions[d].shown().unwrap();
        let change = score.trend.as_deref().unwrap().mean.unwrap();
        if change >= 0.0 { format!("+{change:.2}") } else { format!("−{:.2}", change.abs()) }
    };
    let row = |text: &str| table.split("<tr>").find(|r| r.contains(text)).unwrap().to_string();
    let done = row("Weekly stand-up on open commitments");
    assert!(done.contains(&change_of(1)), "integrity's change {} is shown: {done}", change_of(1));
    let dropped = row("Pair new members with a mentor");
    assert!(!dropped.contains(&change_of(0)) && dropped.contains(">–<"), "no change for a dropped action: {dropped}");
    let summary = std::fs::read_to_string(project.path().join("output/results/en/summary/index.html")).unwrap();
    assert!(summary.contains("Follow-through on the w1 plans"), "the summary shows completion");
}

#[test]
fn the_plan_template_is_a_valid_plans_file_of_every_planned_action() {
    let project = sample_project();
    let text = trustbook::site::plan_template(project.path(), Some("2026-autumn")).unwrap();
    assert!(text.starts_with("# What each team committed to") && text.contains("wave: 2026-autumn"));
    assert!(text.contains("status: planned") && !text.contains("status: done"));
    write(project.path(), "content/plans/2026-autumn.yaml", &text);
    trustbook::check(project.path()).expect("the template loads as it is");
}

#[test]
fn every_focus_gets_an_action_and_nothing_finished_last_time_comes_back() {
    use trustbook::plan::followup::{Committed, Status};
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let mut finished_checked = 0;
    for t in 0..assessment.organisation.teams.len() {
        let plan = site.planner(assessment).team_plan(t, wave);
        for focus in plan.focus.iter().filter(|f| !f.strategies.is_empty()) {
            assert!(plan.actions.iter().any(|a| a.measure == focus.measure), "team {t}: a focus without an action");
        }
        for commitment in site.follow_ups.of(wave - 1, t) {
            if let (Committed::Strategy { page, action }, Status::Done | Status::Dropped) =
                (&commitment.what, commitment.status)
            {
                finished_checked += 1;
                assert!(
                    !plan.actions.iter().any(|a| a.strategy == *page && a.action == *action),
                    "team {t} gets a finished action again"
                );
            }
        }
    }
    assert!(finished_checked > 0, "the sample records finished actions");
}

#[test]
fn a_challenge_is_named_only_where_the_results_point_to_it() {
    use trustbook::model::Signal;
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let model = &site.model;
    let cultural = model.challenge("cultural_differences").unwrap();
    let mut named = 0;
    // Both waves: the spring has gaps only, the autumn gaps and changes.
    let cases =
        (0..assessment.scores.waves.len()).flat_map(|w| (0..assessment.organisation.teams.len()).map(move |t| (w, t)));
    for (wave, t) in cases {
        let plan = site.planner(assessment).team_plan(t, wave);
        for choice in &plan.challenges {
            named += 1;
            assert_ne!(choice.challenge, cultural, "team {t}: no pattern of scores shows cultural differences");
            let flagged = plan.focus.iter().map(|f| f.measure).chain(plan.also_flagged.iter().map(|(m, _)| *m));
            assert!(flagged.into_iter().any(|m| m == choice.because), "team {t}: the evidence is a flagged dimension");
            let score = assessment.scores_of(choice.because.instrument).waves[wave].teams[t]
                .figures
                .shown()
                .unwrap()
                .dimensions[choice.because.dimension]
                .shown()
                .unwrap();
            let shows = match choice.signal {
                // Falling: flagged, and neither figure up.
                Signal::Falling => score.trend.as_deref().is_some_and(|c| {
                    let not_up = |value: Option<f64>| value.is_some_and(|v| v < 0.005);
                    c.flagged() && not_up(c.mean) && not_up(c.favourable_pp)
                }),
                Signal::BelowOrganisation => score.vs_organisation.as_deref().is_some_and(|c| c.flagged()),
            };
            assert!(shows, "team {t}: {:?} is not what the figure shows", choice.signal);
            let concept = assessment.dimension(choice.because).concept;
            assert!(model.suggested_by(choice.signal, concept).any(|c| c == choice.challenge), "the model's rule");
        }
    }
    assert!(named >= 5, "the sample's plans name challenges: {named}");
}

#[test]
fn every_survey_item_a_handbook_action_names_exists_in_the_instrument() {
    use trustbook::content::{EntryId, Kind};
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let instruments: Vec<&trustbook::survey::Instrument> =
        std::iter::once(&assessment.instrument).chain(assessment.further.iter().map(|f| &f.instrument)).collect();
    let mut named = 0;
    for id in site.handbook.reading_order() {
        let EntryId::Page(page) = id else { continue };
        let entry = &site.handbook.page(page).entry;
        if entry.meta.kind != Some(Kind::Strategy) {
            continue;
        }
        for lang in &site.project.config.languages {
            let variant = entry.variant(lang);
            for (a, action) in variant.actions.iter().enumerate() {
                // A measure quoting a survey item: “…”一题 in Chinese, agreeing … "…" in English.
                let quoted = if lang.as_str() == "zh" {
                    action.measure.split('“').nth(1).and_then(|rest| rest.split_once("”一题")).map(|(q, _)| q)
                } else {
                    action.measure.split_once("agreeing").and_then(|(_, rest)| rest.split('"').nth(1))
                };
                let item = entry.meta.action_items[a].as_deref();
                let Some(quoted) = quoted else {
                    continue;
                };
                let id = item.unwrap_or_else(|| {
                    panic!("{} action {}: quotes an item but names none: {quoted}", entry.path, a + 1)
                });
                let found = instruments
                    .iter()
                    .flat_map(|i| &i.items)
                    .find(|x| x.id.as_str() == id)
                    .unwrap_or_else(|| panic!("{} action {}: item {id} is in no instrument", entry.path, a + 1));
                let text = found.text.get(lang, site.project.default_lang());
                assert_eq!(
                    text.trim_end_matches(['。', '.']),
                    quoted.trim_end_matches(['。', '.']),
                    "{} ({lang}) action {}: the measure quotes item {id} as it is worded",
                    entry.path,
                    a + 1
                );
                named += 1;
            }
        }
    }
    assert!(named >= 8, "the sample's actions name items: {named}");
}

#[test]
fn among_equally_flagged_dimensions_the_gap_that_matters_most_for_trust_comes_first() {
    use trustbook::plan::Reason;
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let shares = assessment.scores.waves[wave].drivers[0].shares.clone().expect("the sample weighs its dimensions");
    let mut compared = 0;
    for t in 0..assessment.organisation.teams.len() {
        let plan = site.planner(assessment).team_plan(t, wave);
        let own: Vec<_> = plan.focus.iter().filter(|f| f.measure.instrument == InstrumentRef::Default).collect();
        let [first, second] = own.as_slice() else { continue };
        let score = |d: usize| {
            assessment.scores.waves[wave].teams[t].figures.shown().unwrap().dimensions[d].shown().unwrap().clone()
        };
        let (a, b) = (score(first.measure.dimension), score(second.measure.dimension));
        let both = |s: &trustbook::scoring::Score| {
            s.vs_organisation.as_deref().is_some_and(|c| c.flagged()) && s.trend.as_deref().is_some_and(|c| c.falling())
        };
        if first.reason != second.reason || both(&a) != both(&b) {
            continue;
        }
        let gap = |s: &trustbook::scoring::Score, reason: Reason| match reason {
            Reason::BelowOrganisation => s.vs_organisation.as_deref().and_then(|c| c.mean).unwrap().abs(),
            _ => s.trend.as_deref().and_then(|c| c.mean).unwrap().abs(),
        };
        let urgency = |s: &trustbook::scoring::Score, d: usize, reason| gap(s, reason) * shares[d];
        assert!(
            urgency(&a, first.measure.dimension, first.reason) >= urgency(&b, second.measure.dimension, second.reason),
            "team {t}: the first focus has the larger gap weighted by importance"
        );
        compared += 1;
    }
    assert!(compared > 0, "the sample has teams with two equally flagged dimensions");
}

#[test]
fn actions_are_due_from_delivery_and_never_before_the_survey_closed() {
    let mut site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let wave = site.assessment.as_ref().unwrap().scores.waves.len() - 1;
    let closes = site.assessment.as_ref().unwrap().organisation.waves[wave].closes.expect("the sample's waves close");
    let interval = i64::from(site.project.config.plan.action_interval_days);
    // Delivered before the survey closed (a draft), three weeks after, and a year late.
    for delivered in [closes.add_days(-5), closes.add_days(21), closes.add_days(365)] {
        site.delivered = delivered;
        let assessment = site.assessment.as_ref().unwrap();
        let starts = delivered.max(closes);
        let mut planned = 0;
        for t in 0..assessment.organisation.teams.len() {
            let plan = site.planner(assessment).team_plan(t, wave);
            let due: Vec<_> = plan.actions.iter().map(|a| a.due).collect();
            let expected: Vec<_> = (1..=due.len() as i64).map(|n| starts.add_days(interval * n)).collect();
            assert_eq!(due, expected, "team {t}, delivered {delivered:?}");
            assert!(due.iter().all(|d| *d > delivered && *d > closes), "team {t}: an action is due on delivery");
            planned += due.len();
        }
        assert!(planned > 20, "the sample's teams get actions ({planned})");
    }
    // The sample's autumn wave closed on 29 September; delivered on 20 October, the first
    // action is due 30 days on, on 19 November.
    site.delivered = Date::parse("2026-10-20").unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let first = site.planner(assessment).team_plan(0, wave).actions[0].due;
    assert_eq!((closes, first), (Date::parse("2026-09-29").unwrap(), Date::parse("2026-11-19").unwrap()));
}
