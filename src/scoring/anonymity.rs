//! Which groups' figures are withheld in a wave: the threshold rule, then complementary
//! suppression so that no withheld group can be recovered by subtracting its visible siblings
//! from their visible parent.

use super::model::Suppression;
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

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Child {
    Unit(usize),
    Team(usize),
}

/// A group is recoverable when its figures are shown, or can be rebuilt from children that
/// are all recoverable. Complementary suppression makes sure that under every recoverable
/// parent, no single child is unrecoverable on its own.
pub fn decide(organisation: &Organisation, counts: &Counts<'_>, threshold: u32) -> Decision {
    let primary = |n: usize| (n < threshold as usize).then_some(Suppression::FewerResponses { threshold });
    let mut state = State {
        organisation,
        counts,
        complementary: Suppression::Complementary { threshold },
        decision: Decision {
            organisation: primary(counts.organisation),
            units: counts.units.iter().map(|n| primary(*n)).collect(),
            teams: counts.teams.iter().map(|n| primary(*n)).collect(),
        },
    };
    // Each pass withholds at least one more group, so this ends.
    loop {
        let mut changed = false;
        let parents = std::iter::once(None).chain((0..organisation.units.len()).map(Some));
        for parent in parents {
            let recoverable_parent = match parent {
                None => state.decision.organisation.is_none() || state.all_recoverable(&state.children(None)),
                Some(unit) => state.recoverable(Child::Unit(unit)),
            };
            if !recoverable_parent {
                continue;
            }
            let children = state.children(parent);
            let exposed: Vec<Child> = children.iter().copied().filter(|c| !state.recoverable(*c)).collect();
            if exposed.len() != 1 {
                continue;
            }
            let smallest_recoverable =
                children.iter().copied().filter(|c| state.recoverable(*c)).min_by_key(|c| (state.respondents(*c), *c));
            match smallest_recoverable {
                Some(child) => state.make_unrecoverable(child),
                // The exposed child is all there is: the parent's own figures would give it away.
                None => match parent {
                    None => state.decision.organisation = Some(state.complementary),
                    Some(unit) => state.decision.units[unit] = Some(state.complementary),
                },
            }
            changed = true;
        }
        if !changed {
            return state.decision;
        }
    }
}

struct State<'a> {
    organisation: &'a Organisation,
    counts: &'a Counts<'a>,
    complementary: Suppression,
    decision: Decision,
}

impl State<'_> {
    /// Children that contribute respondents to `parent` (the organisation when `None`).
    /// Children without respondents add nothing and reveal nothing.
    fn children(&self, parent: Option<usize>) -> Vec<Child> {
        let all: Vec<Child> = match parent {
            None => self.organisation.roots().map(Child::Unit).collect(),
            Some(unit) => {
                let node = &self.organisation.units[unit];
                node.units.iter().map(|u| Child::Unit(*u)).chain(node.teams.iter().map(|t| Child::Team(*t))).collect()
            }
        };
        all.into_iter().filter(|c| self.respondents(*c) > 0).collect()
    }

    fn respondents(&self, child: Child) -> usize {
        match child {
            Child::Unit(u) => self.counts.units[u],
            Child::Team(t) => self.counts.teams[t],
        }
    }

    fn recoverable(&self, child: Child) -> bool {
        match child {
            Child::Team(t) => self.decision.teams[t].is_none(),
            Child::Unit(u) => self.decision.units[u].is_none() || self.all_recoverable(&self.children(Some(u))),
        }
    }

    fn all_recoverable(&self, children: &[Child]) -> bool {
        !children.is_empty() && children.iter().all(|c| self.recoverable(*c))
    }

    /// Withholds `child` and, for a unit, as many of its smallest parts as it takes so that
    /// the unit cannot be rebuilt from them.
    fn make_unrecoverable(&mut self, child: Child) {
        match child {
            Child::Team(t) => self.decision.teams[t] = Some(self.complementary),
            Child::Unit(u) => {
                if self.decision.units[u].is_none() {
                    self.decision.units[u] = Some(self.complementary);
                }
                while self.recoverable(Child::Unit(u)) {
                    let Some(part) = self
                        .children(Some(u))
                        .into_iter()
                        .filter(|c| self.recoverable(*c))
                        .min_by_key(|c| (self.respondents(*c), *c))
                    else {
                        break;
                    };
                    self.make_unrecoverable(part);
                }
            }
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
        Organisation::load(&YamlFile::new(SourceText::new("o.yaml", text))).unwrap()
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
}
