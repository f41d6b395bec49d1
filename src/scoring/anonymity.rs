//! Which figures are withheld for anonymity: the threshold rule, then complementary
//! suppression, so that no withheld figure can be rebuilt by subtracting visible figures from
//! their visible total.
//!
//! Figures add up along two trees: the organisation's (organisation → units → sub-units and
//! teams) and the instrument's (a group's overall score → its dimensions → their items: answer
//! counts and favourable counts pool that way). [`decide`] works on groups alone; [`cells`]
//! decides every figure of a wave, one statistic of one group, along both trees until neither
//! exposes anything. It does not score anything and does not know what a figure means.

use super::model::Suppression;
use super::recovery;
pub use super::tree::Tree;
use crate::survey::Organisation;

/// Respondents of every group in one wave.
pub struct Counts<'a> {
    pub organisation: usize,
    pub units: &'a [usize],
    pub teams: &'a [usize],
}

/// The groups withheld in one wave, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub organisation: Option<Suppression>,
    pub units: Vec<Option<Suppression>>,
    pub teams: Vec<Option<Suppression>>,
}

impl Decision {
    /// Per node of [`Tree::of_organisation`].
    pub fn nodes(&self) -> Vec<Option<Suppression>> {
        std::iter::once(self.organisation).chain(self.units.iter().copied()).chain(self.teams.iter().copied()).collect()
    }
}

/// Withholds every group with fewer than `threshold` respondents, then whatever it takes so
/// that none of them can be rebuilt from the others.
pub fn decide(organisation: &Organisation, counts: &Counts<'_>, threshold: u32) -> Decision {
    let tree = Tree::of_organisation(organisation);
    let counts: Vec<usize> = std::iter::once(counts.organisation)
        .chain(counts.units.iter().copied())
        .chain(counts.teams.iter().copied())
        .collect();
    let mut withheld: Vec<Option<Suppression>> =
        counts.iter().map(|n| (*n < threshold as usize).then_some(Suppression::FewerResponses { threshold })).collect();
    complete(
        &tree,
        Sizes { people: &counts, answers: &counts, rest: Some(threshold as usize) },
        &mut withheld,
        Suppression::Complementary { threshold },
    );
    let units = organisation.units.len();
    Decision {
        organisation: withheld[0],
        units: withheld[1..1 + units].to_vec(),
        teams: withheld[1 + units..].to_vec(),
    }
}

/// Every figure of one wave, withheld or not: `[group node][statistic node]`, with the nodes of
/// [`Tree::of_organisation`] and [`Tree::of_instrument`].
pub type Cells = Vec<Vec<Option<Suppression>>>;

/// What stands behind every figure of a wave, `[group node][statistic node]`.
pub struct Behind<'a> {
    /// People behind the figure: who answered an item, or have a dimension or overall score.
    pub people: &'a [Vec<usize>],
    /// Valid answers pooled into the figure. A figure with none is empty: it adds nothing to
    /// any total and reveals nothing. One with answers but no people scored still adds to its
    /// parents' pooled shares.
    pub answers: &'a [Vec<usize>],
}

/// Decides every figure of a wave: one resting on fewer than `threshold` people is withheld,
/// as is every figure of a withheld group. Then complementary suppression runs along both trees
/// in turn until neither withholds anything more. Rules on one tree at a time cannot see every
/// way sums along two trees combine, so the result is then solved exactly
/// ([`recovery::exposed`]); any withheld figure it still gives away makes one more figure
/// withheld, and the rules run again. Every round only withholds, so it ends: with everything
/// withheld, nothing can be solved for.
pub fn cells(
    groups: &Tree,
    statistics: &Tree,
    group_withheld: &[Option<Suppression>],
    behind: Behind<'_>,
    threshold: u32,
) -> Cells {
    let fewer = Suppression::FewerAnswers { threshold };
    let complementary = Suppression::Complementary { threshold };
    let mut cells: Cells = behind
        .people
        .iter()
        .zip(group_withheld)
        .map(|(row, group)| row.iter().map(|n| group.or((*n < threshold as usize).then_some(fewer))).collect())
        .collect();
    let column = |table: &[Vec<usize>], s: usize| -> Vec<usize> { table.iter().map(|row| row[s]).collect() };
    let private_rests = rests_below(groups, &behind, threshold as usize);
    loop {
        let mut changed = false;
        for s in 0..statistics.len() {
            let (people, answers) = (column(behind.people, s), column(behind.answers, s));
            let mut withheld: Vec<Option<Suppression>> = cells.iter().map(|row| row[s]).collect();
            let sizes = Sizes { people: &people, answers: &answers, rest: Some(threshold as usize) };
            if complete(groups, sizes, &mut withheld, complementary) {
                changed = true;
                for (row, cell) in cells.iter_mut().zip(withheld) {
                    row[s] = cell;
                }
            }
        }
        for (g, row) in cells.iter_mut().enumerate() {
            let sizes = Sizes { people: &behind.people[g], answers: &behind.answers[g], rest: None };
            changed |= complete(statistics, sizes, row, complementary);
        }
        if changed {
            continue;
        }
        let rests = small_rests(groups, &cells, &behind, threshold as usize);
        if !rests.is_empty() {
            for (g, s) in rests {
                cells[g][s] = Some(complementary);
            }
            continue;
        }
        let table = recovery::Table {
            rests: &private_rests,
            groups,
            statistics,
            withheld: &|(g, s)| cells[g][s].is_some(),
            empty: &|(g, s)| behind.answers[g][s] == 0,
            people: &|(g, s)| behind.people[g][s],
        };
        let more: Vec<recovery::Cell> = recovery::exposed(&table).into_iter().filter_map(|e| e.withhold).collect();
        if more.is_empty() {
            return cells;
        }
        for (g, s) in more {
            cells[g][s] = Some(complementary);
        }
    }
}

/// Every rest of a wave that rests on answers of fewer than `threshold` people, `(whole,
/// part)`: a group's figure taken from its parent unit's, or from the organisation's.
fn rests_below(groups: &Tree, behind: &Behind<'_>, threshold: usize) -> Vec<((usize, usize), (usize, usize))> {
    let parents = groups.parents();
    let mut rests = Vec::new();
    for (g, parent) in parents.iter().enumerate() {
        let Some(parent) = *parent else { continue };
        for s in 0..behind.answers[g].len() {
            // A top unit's parent is the organisation: one rest, not two.
            let wholes: &[usize] = if parent == 0 { &[0] } else { &[parent, 0] };
            for &whole in wholes {
                let answers = behind.answers[whole][s].saturating_sub(behind.answers[g][s]);
                let people = behind.people[whole][s].saturating_sub(behind.people[g][s]);
                if answers > 0 && people < threshold {
                    rests.push(((whole, s), (g, s)));
                }
            }
        }
    }
    rests
}

/// Shown figures whose "rest" would rest on too few people: a figure of a group shown with
/// the same figure of its parent unit or of the organisation gives away what the parent's
/// other people add up to (the rest a comparison is tested against). Where that rest has
/// answers but fewer than `threshold` people, the group's figure is the one to withhold: it is
/// the smaller of the two. Within a parent, complementary suppression already keeps rests
/// large; this catches a rest of the organisation that runs through withheld units.
fn small_rests(groups: &Tree, cells: &Cells, behind: &Behind<'_>, threshold: usize) -> Vec<(usize, usize)> {
    let parents = groups.parents();
    let mut found = Vec::new();
    for (g, parent) in parents.iter().enumerate() {
        let Some(parent) = *parent else { continue };
        for (s, cell) in cells[g].iter().enumerate() {
            if cell.is_some() {
                continue;
            }
            let small = |a: usize| {
                cells[a][s].is_none()
                    && behind.answers[a][s] > behind.answers[g][s]
                    && behind.people[a][s].saturating_sub(behind.people[g][s]) < threshold
            };
            if small(parent) || small(0) {
                found.push((g, s));
            }
        }
    }
    found
}

/// Complementary suppression on one tree: afterwards no withheld node can be rebuilt from its
/// children, and under every node that can be known no single child is unknown. Children with
/// no answers add nothing and reveal nothing. On the organisation's tree the unknown children
/// of a known node together must also rest on at least `sizes.rest` people: their sum is the
/// "rest of the unit" of every known sibling, a figure of its own that a comparison shows.
/// Returns whether anything more was withheld.
fn complete(tree: &Tree, sizes: Sizes<'_>, withheld: &mut [Option<Suppression>], complementary: Suppression) -> bool {
    let mut state = State { tree, sizes, withheld, complementary };
    let mut any = false;
    // Each pass withholds at least one more node, so this ends.
    loop {
        let mut changed = false;
        for node in 0..tree.len() {
            if state.withheld[node].is_some() && state.recoverable(node) {
                state.make_unrecoverable(node);
                changed = true;
            }
            if !state.recoverable(node) {
                continue;
            }
            let children = state.children(node);
            let exposed: Vec<usize> = children.iter().copied().filter(|c| !state.recoverable(*c)).collect();
            let people: usize = exposed.iter().map(|c| state.sizes.people[*c]).sum();
            let too_few_together = exposed.len() > 1 && state.sizes.rest.is_some_and(|rest| people < rest);
            if exposed.len() != 1 && !too_few_together {
                continue;
            }
            match state.smallest_recoverable(&children) {
                Some(child) => state.make_unrecoverable(child),
                // The exposed child is all there is: the node's own figures would give it away.
                None => state.withheld[node] = Some(complementary),
            }
            changed = true;
        }
        if !changed {
            return any;
        }
        any = true;
    }
}

/// Per node of one tree: people behind it (to pick the smallest to withhold) and answers in
/// it; and, on a tree whose children are disjoint groups of people, the fewest people that
/// unknown children taken together may rest on.
#[derive(Clone, Copy)]
struct Sizes<'a> {
    people: &'a [usize],
    answers: &'a [usize],
    rest: Option<usize>,
}

struct State<'a> {
    tree: &'a Tree,
    sizes: Sizes<'a>,
    withheld: &'a mut [Option<Suppression>],
    complementary: Suppression,
}

impl State<'_> {
    fn children(&self, node: usize) -> Vec<usize> {
        self.tree.children(node).iter().copied().filter(|c| self.sizes.answers[*c] > 0).collect()
    }

    /// Shown, or rebuilt from children that can all be known.
    fn recoverable(&self, node: usize) -> bool {
        if self.withheld[node].is_none() {
            return true;
        }
        let children = self.children(node);
        !children.is_empty() && children.iter().all(|c| self.recoverable(*c))
    }

    fn smallest_recoverable(&self, nodes: &[usize]) -> Option<usize> {
        nodes.iter().copied().filter(|c| self.recoverable(*c)).min_by_key(|c| (self.sizes.people[*c], *c))
    }

    /// Withholds `node` and as many of its smallest parts as it takes so that it cannot be
    /// rebuilt from them.
    fn make_unrecoverable(&mut self, node: usize) {
        if self.withheld[node].is_none() {
            self.withheld[node] = Some(self.complementary);
        }
        while self.recoverable(node) {
            let Some(part) = self.smallest_recoverable(&self.children(node)) else {
                break;
            };
            self.make_unrecoverable(part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceText;
    use crate::yaml::YamlFile;

    fn organisation() -> Organisation {
        let text = "name: X\nunits:\n  - {id: u, name: U}\n  - {id: v, name: V}\nteams:\n  - {id: a, unit: u, name: A}\n  - {id: b, unit: u, name: B}\n  - {id: c, unit: u, name: C}\n  - {id: d, unit: v, name: D}\n  - {id: e, unit: v, name: E}\nwaves: []\n";
        Organisation::load(&YamlFile::new(SourceText::new("o.yaml", text)), &crate::model::TrustModel::default())
            .unwrap()
    }

    #[test]
    fn one_hidden_team_hides_its_smallest_sibling() {
        let org = organisation();
        let teams = [3, 8, 6, 10, 12];
        let decision = decide(&org, &Counts { organisation: 39, units: &[17, 22], teams: &teams }, 5);
        let hidden: Vec<bool> = decision.teams.iter().map(Option::is_some).collect();
        assert_eq!(hidden, [true, false, true, false, false]);
        assert_eq!(decision.teams[0], Some(Suppression::FewerResponses { threshold: 5 }));
        assert_eq!(decision.teams[2], Some(Suppression::Complementary { threshold: 5 }));
        assert!(decision.units.iter().all(Option::is_none));
    }

    #[test]
    fn two_hidden_teams_need_nothing_more() {
        let org = organisation();
        let teams = [3, 4, 9, 10, 12];
        let decision = decide(&org, &Counts { organisation: 38, units: &[16, 22], teams: &teams }, 5);
        let hidden: Vec<bool> = decision.teams.iter().map(Option::is_some).collect();
        assert_eq!(hidden, [true, true, false, false, false]);
    }

    #[test]
    fn hidden_teams_too_few_together_hide_a_sibling_too() {
        // b and c (2 people each) are withheld, and together they are 4: unit u minus a would
        // show those 4 people's figures as a's "rest of unit". So a is withheld as well.
        let org = organisation();
        let teams = [12, 2, 2, 10, 12];
        let decision = decide(&org, &Counts { organisation: 38, units: &[16, 22], teams: &teams }, 5);
        let hidden: Vec<bool> = decision.teams.iter().map(Option::is_some).collect();
        assert_eq!(hidden, [true, true, true, false, false]);
        assert_eq!(decision.teams[0], Some(Suppression::Complementary { threshold: 5 }));
        assert!(decision.units.iter().all(Option::is_none));
        // Together 6, enough: a stays shown.
        let teams = [12, 3, 3, 10, 12];
        let decision = decide(&org, &Counts { organisation: 40, units: &[18, 22], teams: &teams }, 5);
        assert_eq!(decision.teams[0], None);
    }

    #[test]
    fn a_hidden_unit_hides_its_smallest_sibling_unit() {
        let org = organisation();
        let teams = [1, 1, 2, 10, 12];
        let decision = decide(&org, &Counts { organisation: 26, units: &[4, 22], teams: &teams }, 5);
        assert_eq!(decision.units[0], Some(Suppression::FewerResponses { threshold: 5 }));
        assert_eq!(decision.units[1], Some(Suppression::Complementary { threshold: 5 }));
        // Unit v's teams would add up to v, and organisation minus v is u: hide v's smallest team.
        assert_eq!(decision.teams[3], Some(Suppression::Complementary { threshold: 5 }));
        assert_eq!(decision.teams[4], None);
    }

    /// Two dimensions of two items each: overall = 0, dimensions 1 and 2, items 3 to 6.
    fn statistics() -> Tree {
        Tree::from_children(vec![vec![1, 2], vec![3, 4], vec![5, 6], vec![], vec![], vec![], vec![]])
    }

    #[test]
    fn a_figure_too_few_answered_is_withheld_with_what_would_give_it_away() {
        // Organisation 0 → unit 1 → teams 2 and 3. Team 2: one person answered dimension 2.
        let groups = Tree::from_children(vec![vec![1], vec![2, 3], vec![], vec![]]);
        let full = vec![6, 6, 6, 6, 6, 6, 6];
        let mut thin = full.clone();
        (thin[2], thin[5], thin[6]) = (1, 1, 1);
        let sum: Vec<usize> = full.iter().zip(&thin).map(|(a, b)| a + b).collect();
        let answers = vec![sum.clone(), sum, thin, full];
        let cells = cells(&groups, &statistics(), &[None; 4], Behind { people: &answers, answers: &answers }, 5);
        let fewer = Some(Suppression::FewerAnswers { threshold: 5 });
        let complementary = Some(Suppression::Complementary { threshold: 5 });
        // Team 2: dimension 2 and its items on their own counts; dimension 1 because the overall
        // minus dimension 1 would give dimension 2, and then item 3, so dimension 1 cannot be
        // rebuilt from its items.
        assert_eq!(cells[2], [None, complementary, fewer, complementary, None, fewer, fewer]);
        // Team 3 loses the same figures: the unit minus team 3 would give team 2's.
        assert_eq!(cells[3], [None, complementary, complementary, complementary, None, complementary, complementary]);
        assert!(cells[0].iter().chain(&cells[1]).all(Option::is_none), "totals stay shown");
    }

    #[test]
    fn a_withheld_group_withholds_every_figure_of_its_own() {
        let groups = Tree::from_children(vec![vec![1, 2], vec![], vec![]]);
        let answers = vec![vec![12; 7], vec![3; 7], vec![9; 7]];
        let withheld = [None, Some(Suppression::FewerResponses { threshold: 5 }), None];
        let cells = cells(&groups, &statistics(), &withheld, Behind { people: &answers, answers: &answers }, 5);
        assert!(cells[1].iter().all(|c| *c == withheld[1]));
        assert!(cells[2].iter().all(|c| *c == Some(Suppression::Complementary { threshold: 5 })));
    }
}
