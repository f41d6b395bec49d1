//! The plans the sample's teams get: guidance that fits the team it is given to.

use crate::common::*;
use trustbook::content::LoadOptions;
use trustbook::plan::team_plan;
use trustbook::site::Site;

#[test]
fn no_team_outside_sales_or_service_gets_a_sales_strategy() {
    let site = Site::load(&repo_root(), &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().unwrap();
    let model = &site.model;
    let function = model.attribute("function").unwrap();
    let wave = assessment.scores.waves.len() - 1;
    let (mut sales_checked, mut others_checked, mut offered) = (0, 0, 0);
    for (t, team) in assessment.organisation.teams.iter().enumerate() {
        let plan = team_plan(model, assessment, &site.handbook, &site.project.config.plan, t, wave);
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
