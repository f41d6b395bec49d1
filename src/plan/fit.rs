//! Which actions a plan takes: the focus strategies' actions ranked by how well they fit the
//! team, at most a few, none twice.

use super::Focus;
use crate::content::{Handbook, PageId};
use crate::model::{ChallengeRef, DimensionRef, StageRef};

/// One action of one strategy, with its place in the ranking: (−fit, action, strategy rank).
struct Candidate {
    order: (i64, usize, usize),
    focus: usize,
    page: PageId,
    action: usize,
}

/// How much each action already taken from a strategy counts against its next one: less than
/// a stage match or the strategy naming the dimension first, more than a challenge.
const REPEAT_PENALTY: i64 = 8;

/// How well each action of the focus strategies fits the team, for ranking them.
pub(super) struct Fit<'a> {
    pub handbook: &'a Handbook,
    /// The model dimension of each focus.
    pub concepts: Vec<DimensionRef>,
    pub stage: Option<StageRef>,
    pub challenges: &'a [ChallengeRef],
    pub focus: &'a [Focus],
    /// Actions the team finished, dropped or still has under way since the last wave: not
    /// offered again.
    pub finished: Vec<(PageId, usize)>,
    /// Per focus: the ids of its dimension's items, and of those the team is weak on.
    pub items: Vec<(Vec<String>, Vec<String>)>,
}

impl Fit<'_> {
    /// Up to `count` actions, best fit first, each at most once: `(focus index, strategy,
    /// action index)`. Fit, in this order of weight: the focus it serves (the first focus
    /// before the second), whether the strategy is for the team's stage, whether it names that
    /// dimension first, whether the action itself names it (`dimensions` on the action),
    /// whether its measure's item is one the team is weak on, how
    /// many of the plan's challenges it addresses, and whether it is written for teams like
    /// this one (`applies_to`); each action already taken from a strategy counts a little
    /// against its next; on equal fit a strategy's first action comes before another's
    /// second, then the strategy offered first. An action that names other dimensions only, or
    /// is measured by another dimension's item, is not offered for the focus at all. Each focus
    /// first gets its best action; the rest go by fit. Actions finished, dropped or under way since the last wave are not
    /// offered again (under way, they continue).
    pub fn best(&self, count: usize) -> Vec<(usize, PageId, usize)> {
        let mut candidates: Vec<Candidate> = Vec::new();
        for (f, focus) in self.focus.iter().enumerate() {
            for (rank, page) in focus.strategies.iter().enumerate() {
                let meta = &self.handbook.page(*page).entry.meta;
                let first = meta.dimensions.first() == Some(&self.concepts[f]);
                let score = 100 * (self.focus.len() - f) as i64
                    + if self.stage.is_some_and(|s| meta.stages.contains(&s)) { 30 } else { 0 }
                    + if first { 20 } else { 10 }
                    + 4 * meta.challenges.iter().filter(|c| self.challenges.contains(c)).count() as i64
                    + if meta.applies_to.is_empty() { 0 } else { 2 };
                let actions = self.handbook.page(*page).entry.variants.values().next().map_or(0, |v| v.actions.len());
                for action in (0..actions).filter(|a| !self.finished.contains(&(*page, *a))) {
                    let own = meta.action_dimensions.get(action).map(Vec::as_slice).unwrap_or_default();
                    let item = meta.action_items.get(action).and_then(Option::as_deref);
                    let (dimension_items, weak) = &self.items[f];
                    // An action that names its own dimensions, or whose measure is another
                    // dimension's item, serves another aim: never offered for this focus (its
                    // target would be this dimension's, its measure another's).
                    let elsewhere = !own.is_empty() && !own.contains(&self.concepts[f]);
                    if elsewhere || item.is_some_and(|id| !dimension_items.iter().any(|d| d == id)) {
                        continue;
                    }
                    let named = own.contains(&self.concepts[f]);
                    // An action measured by an item the team is weak on answers what the
                    // results show.
                    let item_fit = if item.is_some_and(|id| weak.iter().any(|w| w == id)) { 10 } else { 0 };
                    let score = score + if named { 12 } else { 0 } + item_fit;
                    candidates.push(Candidate { order: (-score, action, rank), focus: f, page: *page, action });
                }
            }
        }
        candidates.sort_by_key(|c| c.order);
        let mut chosen: Vec<(usize, PageId, usize)> = Vec::new();
        let taken =
            |chosen: &[(usize, PageId, usize)], c: &Candidate| chosen.iter().any(|x| x.1 == c.page && x.2 == c.action);
        // Every focus first gets its best action, so none is named without something to do.
        for f in 0..self.focus.len() {
            let best = candidates.iter().find(|c| c.focus == f && !taken(&chosen, c));
            if let Some(candidate) = best.filter(|_| chosen.len() < count) {
                chosen.push((candidate.focus, candidate.page, candidate.action));
            }
        }
        // Then the best fits, whichever strategy they come from, each action already taken
        // from a strategy counting a little against its next one: two strategies give a team
        // more to work with than one strategy's whole list, unless that one fits clearly better.
        while chosen.len() < count {
            let uses = |c: &Candidate| chosen.iter().filter(|x| x.1 == c.page).count() as i64;
            let next = candidates
                .iter()
                .filter(|c| !taken(&chosen, c))
                .min_by_key(|c| (c.order.0 + REPEAT_PENALTY * uses(c), c.order.1, c.order.2));
            let Some(candidate) = next else { break };
            chosen.push((candidate.focus, candidate.page, candidate.action));
        }
        chosen
    }
}
