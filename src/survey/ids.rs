//! Identifiers of the survey data as newtypes, so a team id can never be passed where an item id
//! is expected. Ids end up in file names (`output/results/zh/teams/<team-id>/`), so they are restricted
//! to letters, digits, `-`, `_` and `.`, and checked as they are read.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: &str) -> Result<Self, String> {
                check_id(id, $what).map(|()| Self(id.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let id = IdText::deserialize(deserializer)?.0;
                Self::new(&id).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// A question of the instrument: `AB1`.
    ItemId, "item"
);
id_type!(
    /// A dimension of the instrument: `ability`.
    DimensionId, "dimension"
);
id_type!(
    /// A team: `sales-north-1`.
    TeamId, "team"
);
id_type!(
    /// A unit of the organisation: `sales-north`.
    UnitId, "unit"
);
id_type!(
    /// A survey wave: `2026-autumn`.
    WaveId, "wave"
);

/// Accepts ids written as strings or as plain numbers (`team: 12`), as exports often do.
struct IdText(String);

impl<'de> Deserialize<'de> for IdText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = IdText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id (letters, digits, `-`, `_` or `.`)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IdText, E> {
                Ok(IdText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IdText, E> {
                Ok(IdText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IdText, E> {
                Ok(IdText(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Ids become folder and file names: 100 characters keeps every output path far below the
/// 255-byte name limit of common file systems.
pub const MAX_ID_LENGTH: usize = 100;

fn check_id(id: &str, what: &str) -> Result<(), String> {
    let length = id.chars().count();
    if length > MAX_ID_LENGTH {
        let start: String = id.chars().take(20).collect();
        return Err(format!(
            "the {what} id `{start}…` is {length} characters long; ids are at most {MAX_ID_LENGTH} characters"
        ));
    }
    let valid = !id.is_empty()
        && !id.starts_with('.')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if valid {
        Ok(())
    } else {
        Err(format!("`{id}` cannot be a {what} id: use letters, digits, `-`, `_` and `.` (not first)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_escape_a_folder_are_refused() {
        assert!(TeamId::new("sales-north-1").is_ok());
        assert!(TeamId::new("../etc").is_err());
        assert!(TeamId::new("a/b").is_err());
        assert!(TeamId::new("").is_err());
        assert!(TeamId::new("北京").is_err());
        let from_number: TeamId = yaml_serde::from_str("12").unwrap();
        assert_eq!(from_number.as_str(), "12");
        let long = "a".repeat(MAX_ID_LENGTH + 1);
        let error = TeamId::new(&long).unwrap_err();
        assert!(error.contains("is 101 characters long; ids are at most 100"), "{error}");
        assert!(!error.contains(&long), "the message does not repeat the whole id");
        assert!(TeamId::new(&"a".repeat(MAX_ID_LENGTH)).is_ok());
    }
}
