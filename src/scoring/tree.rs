//! The two hierarchies along which figures add up: the organisation's groups (organisation →
//! units → sub-units and teams) and a group's statistics (overall → dimensions → items). Only
//! their shape: which node is whose child, and which index stands for which group or statistic.

use crate::survey::{Instrument, Organisation};

/// A hierarchy in which a parent's additive figures are the sum of its children's.
/// Node 0 is the root.
#[derive(Debug, Clone)]
pub struct Tree {
    children: Vec<Vec<usize>>,
}

impl Tree {
    /// Organisation = node 0, unit `u` = node `1 + u`, team `t` = node `1 + units + t`.
    pub fn of_organisation(organisation: &Organisation) -> Tree {
        let units = organisation.units.len();
        let mut children = vec![Vec::new(); 1 + units + organisation.teams.len()];
        children[0] = organisation.roots().map(|u| 1 + u).collect();
        for (u, unit) in organisation.units.iter().enumerate() {
            children[1 + u] =
                unit.units.iter().map(|s| 1 + s).chain(unit.teams.iter().map(|t| 1 + units + t)).collect();
        }
        Tree { children }
    }

    /// Overall = node 0, dimension `d` = node `1 + d`, item `i` = node `1 + dimensions + i`.
    pub fn of_instrument(instrument: &Instrument) -> Tree {
        let dimensions = instrument.dimensions.len();
        let mut children = vec![Vec::new(); 1 + dimensions + instrument.items.len()];
        children[0] = (0..dimensions).map(|d| 1 + d).collect();
        for (d, dimension) in instrument.dimensions.iter().enumerate() {
            children[1 + d] = dimension.items.iter().map(|i| 1 + dimensions + i).collect();
        }
        Tree { children }
    }

    /// A tree given by each node's children; node 0 is the root.
    pub fn from_children(children: Vec<Vec<usize>>) -> Tree {
        Tree { children }
    }

    pub fn len(&self) -> usize {
        self.children.len()
    }

    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    pub fn children(&self, node: usize) -> &[usize] {
        &self.children[node]
    }

    /// Each node's parent; the root has none.
    pub fn parents(&self) -> Vec<Option<usize>> {
        let mut parents = vec![None; self.children.len()];
        for (node, children) in self.children.iter().enumerate() {
            for child in children {
                parents[*child] = Some(node);
            }
        }
        parents
    }
}
