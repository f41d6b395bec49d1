//! Last time's plan, as the next wave's reports show it: for a team, each action it committed
//! to, how far it got and how the dimension it worked on moved since; for the summary, how far
//! each unit's teams got.

use serde::Serialize;

use super::words::{DimensionNames, Words};
use crate::content::Handbook;
use crate::plan::followup::{Committed, FollowUps, Status};
use crate::scoring::Assessment;

#[derive(Serialize)]
pub(super) struct LastPlanRow {
    text: String,
    status: String,
    dimension: String,
    /// The dimension's change since that wave: `+0.12 (+5.0 pp)`, or `–` when not shown.
    change: String,
    note: String,
}

/// The commitments `team` recorded after the wave before `wave`, with the change since.
pub(super) fn rows(
    words: &Words<'_>,
    handbook: &Handbook,
    assessment: &Assessment,
    follow_ups: &FollowUps,
    team: usize,
    wave: usize,
    names: &DimensionNames,
) -> Vec<LastPlanRow> {
    let Some(previous) = wave.checked_sub(1) else { return Vec::new() };
    follow_ups
        .of(previous, team)
        .iter()
        .map(|commitment| {
            let text = match &commitment.what {
                Committed::Strategy { page, action } => {
                    let variant = handbook.page(*page).entry.variant(words.lang);
                    let action = variant.actions.get(*action).map_or_else(String::new, |a| a.text.clone());
                    format!("{action}{}{}{}", words.t("paren_open"), variant.title, words.t("paren_close"))
                }
                Committed::Own { text } => words.name(text),
            };
            let trend = commitment
                .measure
                .and_then(|m| {
                    let now = assessment.scores_of(m.instrument).waves[wave].teams[team].figures.shown()?;
                    now.dimensions[m.dimension].shown()?.trend.as_deref()
                })
                .filter(|t| t.mean.is_some());
            // A change is the dimension's, not the action's doing; for an action never started
            // or given up, printing it would suggest an effect it cannot have had.
            let change = match trend {
                _ if commitment.status == Status::Planned => words.t("change_not_started"),
                _ if commitment.status == Status::Dropped => Words::mean(None),
                Some(t) => {
                    let pp = Words::signed(t.favourable_pp, 1, &words.t("pp"));
                    format!("{}{}{pp}{}", Words::signed(t.mean, 2, ""), words.t("paren_open"), words.t("paren_close"))
                }
                None => Words::mean(None),
            };
            LastPlanRow {
                text,
                status: words.t(&format!("status_{}", commitment.status.name())),
                dimension: commitment.measure.map_or_else(|| Words::mean(None), |m| names.of(m).to_string()),
                change,
                note: commitment.note.as_ref().map(|n| words.name(n)).unwrap_or_default(),
            }
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct UnitFollowThrough {
    name: String,
    depth: usize,
    /// Commitments per status, in [`Status::ALL`]'s order.
    counts: Vec<usize>,
    done_share: String,
}

/// Per unit (in tree order, with depth), how many of its teams' commitments after the wave
/// before `wave` reached each status. Units whose teams recorded none are left out.
pub(super) fn by_unit(
    words: &Words<'_>,
    assessment: &Assessment,
    follow_ups: &FollowUps,
    units: &[(usize, usize)],
    wave: usize,
) -> Vec<UnitFollowThrough> {
    let Some(previous) = wave.checked_sub(1) else { return Vec::new() };
    let organisation = &assessment.organisation;
    let done = Status::ALL.iter().position(|s| *s == Status::Done).unwrap_or(0);
    units
        .iter()
        .filter_map(|(unit, depth)| {
            let mut counts = vec![0; Status::ALL.len()];
            for team in organisation.teams_below(*unit) {
                for commitment in follow_ups.of(previous, team) {
                    counts[Status::ALL.iter().position(|s| *s == commitment.status).unwrap_or(0)] += 1;
                }
            }
            let total: usize = counts.iter().sum();
            (total > 0).then(|| UnitFollowThrough {
                name: words.name(&organisation.units[*unit].name),
                depth: *depth,
                done_share: Words::percent(Some(100.0 * counts[done] as f64 / total as f64)),
                counts,
            })
        })
        .collect()
}
