//! Who receives which result file: the `recipients` of teams and units in
//! `organisation.yaml`, each a name and an e-mail address, for the delivery list
//! (`results/distribution.csv`).
//!
//! This module owns the checks `trustbook check` runs on them: every address looks like one,
//! no address twice in one list or under two names, and, once any recipient is named, every
//! team reaches someone (its own recipients or those of a unit above it, whose pack holds its
//! report) or says `recipients: []` on purpose. It does not write the list.

use serde::Deserialize;

use crate::diagnostics::Diagnostics;
use crate::project::Localized;
use crate::yaml::YamlFile;

/// One person who receives results.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub name: Localized,
    pub email: String,
}

/// What a team or unit says about its recipients.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Recipients {
    /// Nothing: the team or unit names no one.
    #[default]
    Unstated,
    /// `recipients: []`: on purpose, no one receives this group's own file.
    NoOne,
    Named(Vec<Recipient>),
}

impl Recipients {
    pub fn from_spec(spec: Option<Vec<Recipient>>) -> Recipients {
        match spec {
            None => Recipients::Unstated,
            Some(list) if list.is_empty() => Recipients::NoOne,
            Some(list) => Recipients::Named(list),
        }
    }

    pub fn named(&self) -> &[Recipient] {
        match self {
            Recipients::Named(list) => list,
            _ => &[],
        }
    }
}

/// Whether `email` has the form of an address: one `@`, a local part and a domain with a dot,
/// no spaces or characters mail programs would take apart (`<>()[],;:"`).
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"@\\".contains(c);
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.chars().any(forbidden)
        && domain.contains('.')
        && labels_ok
}

/// A group's recipients with the key of its list in the file (`teams[3].recipients`).
pub struct Listed<'a> {
    pub key: String,
    pub recipients: &'a Recipients,
}

/// Checks every list, and reports each team of `unreached` (its id and the key of its entry)
/// as reaching no one. All problems go to `problems`.
pub fn check(
    file: &YamlFile,
    lists: &[Listed<'_>],
    unreached: impl Iterator<Item = (String, String)>,
    problems: &mut Diagnostics,
) {
    let mut seen: Vec<(&str, &Localized, String)> = Vec::new();
    for list in lists {
        let named = list.recipients.named();
        for (index, recipient) in named.iter().enumerate() {
            let key = format!("{}[{index}]", list.key);
            let email = recipient.email.trim();
            if !is_email(email) {
                problems.push(file.error(
                    &format!("{key}.email"),
                    format!("`{email}` is not an e-mail address: expected one such as name@example.com"),
                ));
                continue;
            }
            if recipient.name.is_blank() {
                problems.push(file.error(&format!("{key}.name"), "the recipient needs a name, for the mail merge"));
            }
            let lower = email.to_lowercase();
            if named[..index].iter().any(|other| other.email.trim().to_lowercase() == lower) {
                problems.push(file.error(&format!("{key}.email"), format!("`{email}` is listed twice here")));
            } else if let Some((_, _, at)) =
                seen.iter().find(|(other, name, _)| other.eq_ignore_ascii_case(email) && **name != recipient.name)
            {
                problems.push(file.error(
                    &format!("{key}.name"),
                    format!("`{email}` has another name at {at}: one address, one person"),
                ));
            }
            seen.push((email, &recipient.name, key));
        }
    }
    for (team, key) in unreached {
        problems.push(file.error(
            &key,
            format!(
                "no one receives team `{team}`'s report: name its `recipients`, or a unit's above it, or write `recipients: []` if no one should"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_from_what_is_not_one() {
        for good in ["lin.xiao@clearwater.example", "a+b@x.co", "王芳@例子.中国"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "lin",
            "lin@",
            "@x.com",
            "lin@localhost",
            "lin xiao@x.com",
            "lin@@x.com",
            "a..b@x.com",
            "lin@x..com",
            "<lin@x.com>",
            "lin@-x.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
