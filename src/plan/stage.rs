//! Which stage of the model a team is at, and what says so: the team's own facts first.

use super::{StageBasis, StageChoice};
use crate::model::{TrustModel, band_of};
use crate::scoring::Figures;
use crate::survey::{Date, Team};

/// The stage the team is at: as organisation.yaml says; else by months since it formed or its
/// leader took over, whichever is later, in the model's `stage_by_months` bands, unless its own
/// overall favourable share puts it at an earlier stage in `stage_by_favourable` (a team of
/// twelve years whose members do not trust each other has not reached consolidation: time
/// makes trust possible, the answers show whether it came); else by the favourable share alone.
/// `None` when nothing tells.
pub(super) fn team_stage(model: &TrustModel, team: &Team, on: Date, figures: Option<&Figures>) -> Option<StageChoice> {
    if let Some(stage) = team.stage {
        return Some(StageChoice { stage, basis: StageBasis::Given });
    }
    let since = |date: Option<Date>| date.map(|d| months_between(d, on));
    let dated = match (since(team.formed), since(team.leader_since)) {
        (Some(formed), Some(leader)) if leader < formed => Some(StageBasis::LeaderSince { months: leader }),
        (Some(formed), _) => Some(StageBasis::Formed { months: formed }),
        (None, Some(leader)) => Some(StageBasis::LeaderSince { months: leader }),
        (None, None) => None,
    };
    if let Some(basis) = dated {
        let months = match basis {
            StageBasis::Formed { months } | StageBasis::LeaderSince { months } => months,
            _ => 0,
        };
        if let Some(stage) = band_of(&model.stage_by_months, f64::from(months)) {
            let by_scores = figures
                .and_then(|f| f.overall.favourable())
                .and_then(|p| Some((band_of(&model.stage_by_favourable, p)?, p)));
            if let Some((earlier, percent)) = by_scores.filter(|(s, _)| *s < stage) {
                let leader = matches!(basis, StageBasis::LeaderSince { .. });
                let basis = StageBasis::ScoresBelowAge { months, leader, percent: percent.round() as u32 };
                return Some(StageChoice { stage: earlier, basis });
            }
            return Some(StageChoice { stage, basis });
        }
    }
    let favourable = figures?.overall.favourable()?;
    let stage = band_of(&model.stage_by_favourable, favourable)?;
    Some(StageChoice { stage, basis: StageBasis::Favourable { percent: favourable.round() as u32 } })
}

/// Whole months from `from` to `to` (0 when `from` is later).
fn months_between(from: Date, to: Date) -> u32 {
    from.whole_months_until(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn months_are_whole_months_between_dates() {
        assert_eq!(months_between(date("2026-05-16"), date("2026-09-15")), 3);
        assert_eq!(months_between(date("2026-05-15"), date("2026-09-15")), 4);
        assert_eq!(months_between(date("2015-04-01"), date("2026-09-15")), 137);
        assert_eq!(months_between(date("2026-10-01"), date("2026-09-15")), 0);
    }

    #[test]
    fn the_stage_comes_from_the_team_then_its_dates() {
        let model = TrustModel::default();
        let on = date("2026-09-15");
        let mut team = Team {
            id: crate::survey::TeamId::new("t").unwrap(),
            name: crate::project::Localized::default(),
            unit: 0,
            headcount: None,
            attributes: Vec::new(),
            formed: Some(date("2015-04-01")),
            leader_since: None,
            stage: None,
            leader: None,
            recipients: Default::default(),
        };
        let stage_named = |choice: Option<StageChoice>| model.stage_concept(choice.unwrap().stage).id.clone();
        assert_eq!(stage_named(team_stage(&model, &team, on, None)), "consolidation");
        // A leader new four months ago starts the relationship again.
        team.leader_since = Some(date("2026-05-10"));
        let choice = team_stage(&model, &team, on, None).unwrap();
        assert_eq!(choice.basis, StageBasis::LeaderSince { months: 4 });
        assert_eq!(model.stage_concept(choice.stage).id, "initial_contact");
        team.stage = Some(model.stage("deeper_understanding").unwrap());
        assert_eq!(team_stage(&model, &team, on, None).unwrap().basis, StageBasis::Given);
        // Nothing to go on: no stage.
        let bare = Team { formed: None, leader_since: None, stage: None, ..team };
        assert_eq!(team_stage(&model, &bare, on, None), None);
    }
}
