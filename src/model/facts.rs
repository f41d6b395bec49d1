//! Facts about teams the framework names: attributes and their values (`function: sales`),
//! conditions on them (`applies_to`), and whose trust is meant ([`Respondents`]).

use serde::Deserialize;

use super::Concept;
use crate::project::Localized;

/// A kind of fact about a team, and the values it may take.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    pub id: String,
    pub name: Localized,
    pub values: Vec<Concept>,
}

/// One value of one attribute (`function: sales`), by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AttributeValue {
    pub attribute: usize,
    pub value: usize,
}

/// A condition on teams: the attribute has one of `values` (`{function: [sales, service]}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub attribute: usize,
    pub values: Vec<usize>,
}

impl Condition {
    /// Whether a team with these attribute values meets the condition. A team that does not
    /// say what the attribute is for it does not.
    pub fn holds(&self, team: &[AttributeValue]) -> bool {
        team.iter().any(|v| v.attribute == self.attribute && self.values.contains(&v.value))
    }
}

/// Whose trust is meant: the team's own members (trust within the team) or the team's
/// customers (their trust in the team that serves them). An instrument says who answers it; a
/// strategy page says whose trust it builds. A fixed set, like page kinds: reports word their
/// sections by it and plans match strategies to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Respondents {
    #[default]
    Members,
    Customers,
}

impl Respondents {
    pub fn as_str(self) -> &'static str {
        match self {
            Respondents::Members => "members",
            Respondents::Customers => "customers",
        }
    }
}
