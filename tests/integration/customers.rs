//! The customers' view: the sample's sales and service teams are rated by their customers on a
//! second instrument (`content/survey/instruments/customer-trust.yaml`). Their reports get a
//! customer section, plans meet a customer gap with strategies for customers' trust, and the
//! exports carry the customer figures for those teams only.

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::model::Respondents;
use trustbook::scoring::InstrumentRef;
use trustbook::site::Site;

fn sample() -> Site {
    Site::load(&repo_root(), &LoadOptions::default()).unwrap()
}

#[test]
fn customer_facing_teams_get_a_customer_section_and_no_other_team_does() {
    let site = sample();
    let assessment = site.assessment.as_ref().unwrap();
    let customers = assessment
        .further
        .iter()
        .find(|f| f.instrument.respondents == Respondents::Customers)
        .expect("the sample has a customer instrument");
    let wave = assessment.scores.waves.len() - 1;
    let languages = site.project.config.languages.clone();
    let reports = site.compose(&languages, wave).unwrap();
    let (mut shown, mut withheld) = (0, 0);
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        let for_team = customers.instrument.applies_to_team(team);
        for (lang, heading) in [("zh", "## 客户眼中的团队"), ("en", "## How customers see the team")] {
            let lang = languages.iter().find(|l| l.as_str() == lang).unwrap();
            let markdown = &reports.team(lang, t).unwrap().markdown;
            assert_eq!(
                markdown.contains(heading),
                for_team,
                "{} ({lang}): a customer section iff it is rated",
                team.id
            );
            if !for_team {
                continue;
            }
            let section = markdown.split(heading).nth(1).unwrap().split("\n## ").next().unwrap();
            match customers.scores.waves[wave].teams[t].figures.shown() {
                Some(figures) => {
                    shown += 1;
                    let n = figures.respondents.to_string();
                    assert!(section.contains(&n), "{} ({lang}): the section names its {n} customers", team.id);
                    for dimension in &customers.instrument.dimensions {
                        assert!(section.contains(dimension.name.get(lang, lang)), "{}: every dimension", team.id);
                    }
                }
                None => {
                    withheld += 1;
                    assert!(!section.contains('|'), "{} ({lang}): a withheld section has no table: {section}", team.id);
                }
            }
        }
    }
    // Seven account teams. Shanghai 3 has four customers in the autumn, below the threshold, and
    // Shanghai 2's are withheld with them: with the East unit's figures shown, Shanghai 3's
    // would be the unit's less Shanghai 1's and 2's.
    assert_eq!((shown, withheld), (2 * 5, 2 * 2));
}

#[test]
fn a_customer_gap_gets_strategies_for_customers_trust_and_an_internal_one_never_does() {
    let site = sample();
    let assessment = site.assessment.as_ref().unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let mut customer_focus = 0;
    for t in 0..assessment.organisation.teams.len() {
        let plan = site.planner(assessment).team_plan(t, wave);
        let own = plan.focus.iter().filter(|f| assessment.instrument(f.measure.instrument).about.is_none());
        assert!(own.count() <= 2, "at most two focus dimensions besides one about the leader");
        for focus in &plan.focus {
            let whose = assessment.instrument(focus.measure.instrument).respondents;
            customer_focus += usize::from(whose == Respondents::Customers);
            for page in &focus.strategies {
                assert_eq!(
                    site.handbook.page(*page).entry.meta.respondents,
                    whose,
                    "team {t}: a strategy for whose trust"
                );
            }
        }
        for action in &plan.actions {
            let whose = assessment.instrument(action.measure.instrument).respondents;
            assert_eq!(site.handbook.page(action.strategy).entry.meta.respondents, whose, "team {t}");
        }
    }
    assert!(customer_focus >= 1, "some account team's customers show a gap");

    // Shanghai 1: customers rate its integrity far below the other account teams (it
    // overpromises), so its plan takes that up first, with a sales strategy: a gap below the
    // comparison comes before its own ability, which is only falling.
    let t = assessment.organisation.team_index(&trustbook::survey::TeamId::new("sales-east-1").unwrap()).unwrap();
    let plan = site.planner(assessment).team_plan(t, wave);
    let customer =
        plan.focus.iter().find(|f| f.measure.instrument == InstrumentRef::Further(0)).expect("a customer focus");
    assert_eq!(assessment.dimension(customer.measure).id.as_str(), "integrity");
    assert_eq!(plan.focus[0].measure, customer.measure, "below the others before only falling");
    assert_eq!(plan.focus[1].measure.instrument, InstrumentRef::Default, "the team's own trust keeps a place");
    assert!(plan.actions.iter().any(|a| a.measure == customer.measure), "an action for the customers' integrity");
}

#[test]
fn the_exports_carry_customer_figures_for_rated_teams_only() {
    let project = sample_project();
    build(project.path()).unwrap();
    let csv = std::fs::read_to_string(project.path().join("output/results/data/scores.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (instrument, kind, id) = (column("instrument"), column("group_type"), column("group_id"));
    let mut rated: std::collections::BTreeSet<String> = Default::default();
    for record in reader.records() {
        let record = record.unwrap();
        if &record[instrument] == "customer-trust" && &record[kind] == "team" {
            rated.insert(record[id].to_string());
        }
    }
    let expected = [
        "ops-service-1",
        "ops-service-2",
        "sales-east-1",
        "sales-east-2",
        "sales-east-3",
        "sales-north-1",
        "sales-north-2",
    ];
    assert_eq!(rated.iter().map(String::as_str).collect::<Vec<_>>(), expected);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path().join("output/results/data/scores.json")).unwrap())
            .unwrap();
    assert_eq!(json["further"][0]["id"], "customer-trust");
    assert_eq!(json["further"][0]["respondents"], "customers");
}
