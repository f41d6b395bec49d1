//! Which actions a plan takes: the focus strategies' actions ranked by how well they fit the
//! team, at most a few, none twice.

use super::Focus;
use crate::content::{Handbook, PageId};
use crate::model::{ChallengeRef, DimensionRef, StageRef};

/// One action of one strategy, with its place in the ranking: (−fit, strategy rank, action).
struct Candidate {
    order: (i64, usize, usize),
    focus: usize,
    page: PageId,
    action: usize,
}

/// How well each action of the focus strategies fits the team, for ranking them.
pub(super) struct Fit<'a> {
    pub handbook: &'a Handbook,
    /// The model dimension of each focus.
    pub concepts: Vec<DimensionRef>,
    pub stage: Option<StageRef>,
    pub challenges: &'a [ChallengeRef],
    pub focus: &'a [Focus],
    /// Actions the team finished or dropped after the last wave: not offered again.
    pub finished: Vec<(PageId, usize)>,
}

impl Fit<'_> {
    /// Up to `count` actions, best fit first, each at most once: `(focus index, strategy,
    /// action index)`. Fit, in this order of weight: the focus it serves (the first focus
    /// before the second), whether the strategy names that dimension first, whether it is for
    /// the team's stage, how many of the plan's challenges it addresses, and whether it is
    /// written for teams like this one (`applies_to`); ties go to the strategy offered first,
    /// then the action listed first. Each focus first gets its best action; after that a
    /// strategy gives a second action only when every chosen strategy has given one, so the
    /// plan spreads over strategies. Actions finished or dropped since the last wave are not
    /// offered again.
    pub fn best(&self, count: usize) -> Vec<(usize, PageId, usize)> {
        let mut candidates: Vec<Candidate> = Vec::new();
        for (f, focus) in self.focus.iter().enumerate() {
            for (rank, page) in focus.strategies.iter().enumerate() {
                let meta = &self.handbook.page(*page).entry.meta;
                let first = meta.dimensions.first() == Some(&self.concepts[f]);
                let score = 100 * (self.focus.len() - f) as i64
                    + if first { 20 } else { 10 }
                    + if self.stage.is_some_and(|s| meta.stages.contains(&s)) { 8 } else { 0 }
                    + 4 * meta.challenges.iter().filter(|c| self.challenges.contains(c)).count() as i64
                    + if meta.applies_to.is_empty() { 0 } else { 2 };
                let actions = self.handbook.page(*page).entry.variants.values().next().map_or(0, |v| v.actions.len());
                for action in (0..actions).filter(|a| !self.finished.contains(&(*page, *a))) {
                    candidates.push(Candidate { order: (-score, rank, action), focus: f, page: *page, action });
                }
            }
        }
        candidates.sort_by_key(|c| c.order);
        let mut chosen: Vec<(usize, PageId, usize)> = Vec::new();
        // Every focus first gets its best action, so none is named without something to do.
        for f in 0..self.focus.len() {
            let best =
                candidates.iter().find(|c| c.focus == f && !chosen.iter().any(|x| x.1 == c.page && x.2 == c.action));
            if let Some(candidate) = best.filter(|_| chosen.len() < count) {
                chosen.push((candidate.focus, candidate.page, candidate.action));
            }
        }
        // Round by round: in round r, a strategy may give its r-th action.
        for round in 0.. {
            let before = chosen.len();
            for candidate in &candidates {
                if chosen.len() == count {
                    return chosen;
                }
                let given = chosen.iter().filter(|c| c.1 == candidate.page).count();
                let taken = chosen.iter().any(|c| c.1 == candidate.page && c.2 == candidate.action);
                if given == round && !taken {
                    chosen.push((candidate.focus, candidate.page, candidate.action));
                }
            }
            if chosen.len() == before {
                break;
            }
        }
        chosen
    }
}
