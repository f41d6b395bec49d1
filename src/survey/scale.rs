//! Answer scales: the range, labels, favourable and unfavourable values and missing-answer
//! codes an instrument (or one of its dimensions) declares, resolved and checked, and the strict
//! reading of one raw answer against them. What the scale applies to is the instrument's business.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::answer::RawAnswer;
use crate::diagnostics::Diagnostics;
use crate::project::Localized;
use crate::yaml::YamlFile;

/// An answer scale, after reverse coding: which values count as favourable or unfavourable,
/// and which codes mean "not answered".
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    pub labels: BTreeMap<i64, Localized>,
    pub favourable: Vec<i64>,
    pub unfavourable: Vec<i64>,
    pub missing_numbers: Vec<i64>,
    pub missing_texts: Vec<String>,
}

/// Where an answer falls, after reverse coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Favourable,
    Neutral,
    Unfavourable,
}

impl Scale {
    /// Number of answer options (A in r_wg's uniform null variance).
    pub fn points(&self) -> i64 {
        self.max - self.min + 1
    }

    pub fn reverse(&self, value: i64) -> i64 {
        self.min + self.max - value
    }

    pub fn category(&self, coded: i64) -> Category {
        if self.favourable.contains(&coded) {
            Category::Favourable
        } else if self.unfavourable.contains(&coded) {
            Category::Unfavourable
        } else {
            Category::Neutral
        }
    }

    /// Reads one raw answer: `Ok(Some(value))` when answered, `Ok(None)` when not answered
    /// (`~`, a missing code), `Err` with the reason when it is not a valid answer. Values
    /// outside the scale are errors, never silently treated as missing.
    pub fn read(&self, raw: &RawAnswer) -> Result<Option<i64>, String> {
        let number = match raw {
            RawAnswer::Missing => return Ok(None),
            RawAnswer::Integer(n) => *n,
            RawAnswer::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => *f as i64,
            RawAnswer::Float(f) => {
                return Err(format!("answer `{f}` is not a whole number: expected {}", self.expected()));
            }
            RawAnswer::Text(text) => {
                if self.missing_texts.iter().any(|code| code == text.trim()) {
                    return Ok(None);
                }
                match text.trim().parse::<i64>() {
                    Ok(n) => n,
                    Err(_) => {
                        return Err(format!("`{text}` is not an answer: expected {}", self.expected()));
                    }
                }
            }
            RawAnswer::Other(what) => {
                return Err(format!("{what} is not an answer: expected {}", self.expected()));
            }
        };
        if self.missing_numbers.contains(&number) {
            Ok(None)
        } else if (self.min..=self.max).contains(&number) {
            Ok(Some(number))
        } else {
            Err(format!("answer `{number}` is outside the scale: expected {}", self.expected()))
        }
    }

    fn expected(&self) -> String {
        let mut codes: Vec<String> = self.missing_numbers.iter().map(i64::to_string).collect();
        codes.extend(self.missing_texts.iter().cloned());
        let mut text = format!("a whole number from {} to {}, or ~ for no answer", self.min, self.max);
        if !codes.is_empty() {
            text.push_str(&format!(", or a missing code ({})", codes.join(", ")));
        }
        text
    }
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct ScaleSpec {
    min: i64,
    max: i64,
    #[serde(default, deserialize_with = "crate::yaml::unique")]
    labels: BTreeMap<i64, Localized>,
    /// Default: the top two values.
    favourable: Option<Vec<i64>>,
    /// Default: the mirror image of `favourable` (the bottom two values).
    unfavourable: Option<Vec<i64>>,
    #[serde(default)]
    missing: Vec<MissingCode>,
}

/// A dimension's changes to the instrument's scale; unset fields are inherited.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScaleOverride {
    min: Option<i64>,
    max: Option<i64>,
    #[serde(default, deserialize_with = "crate::yaml::unique_opt")]
    labels: Option<BTreeMap<i64, Localized>>,
    favourable: Option<Vec<i64>>,
    unfavourable: Option<Vec<i64>>,
    missing: Option<Vec<MissingCode>>,
}

impl ScaleOverride {
    pub(super) fn apply_to(&self, base: &ScaleSpec) -> ScaleSpec {
        let range_changed = self.min.is_some() || self.max.is_some();
        ScaleSpec {
            min: self.min.unwrap_or(base.min),
            max: self.max.unwrap_or(base.max),
            // Labels, categories and codes made for another range do not carry over to a new one.
            labels: self
                .labels
                .clone()
                .unwrap_or_else(|| if range_changed { BTreeMap::new() } else { base.labels.clone() }),
            favourable: self.favourable.clone().or_else(|| if range_changed { None } else { base.favourable.clone() }),
            unfavourable: self
                .unfavourable
                .clone()
                .or_else(|| if range_changed { None } else { base.unfavourable.clone() }),
            missing: self.missing.clone().unwrap_or_else(|| base.missing.clone()),
        }
    }
}

#[derive(Deserialize, Clone, Debug)]
#[serde(untagged)]
enum MissingCode {
    Number(i64),
    Text(String),
}

pub(super) fn resolve_scale(file: &YamlFile, key: &str, spec: &ScaleSpec, problems: &mut Diagnostics) -> Scale {
    let (min, max) = (spec.min, spec.max);
    if min >= max {
        problems
            .push(file.error(&format!("{key}.min"), format!("the scale's min ({min}) must be below its max ({max})")));
    }
    let in_range = |v: &i64| (min..=max).contains(v);
    let favourable = spec.favourable.clone().unwrap_or_else(|| vec![max - 1, max]);
    let unfavourable = spec.unfavourable.clone().unwrap_or_else(|| favourable.iter().map(|f| min + max - f).collect());
    for (name, values) in [("favourable", &favourable), ("unfavourable", &unfavourable)] {
        if let Some(bad) = values.iter().find(|v| !in_range(v)) {
            problems.push(file.error(&format!("{key}.{name}"), format!("{bad} is outside the scale {min}..{max}")));
        }
    }
    if let Some(both) = favourable.iter().find(|v| unfavourable.contains(v)) {
        problems.push(
            file.error(&format!("{key}.unfavourable"), format!("{both} cannot be both favourable and unfavourable")),
        );
    }
    if favourable.is_empty() {
        problems.push(file.error(&format!("{key}.favourable"), "at least one value must count as favourable"));
    }
    for value in spec.labels.keys().filter(|v| !in_range(v)) {
        problems.push(file.error(
            &format!("{key}.labels.{value}"),
            format!("label for {value}, which is outside the scale {min}..{max}"),
        ));
    }
    let mut missing_numbers = Vec::new();
    let mut missing_texts = Vec::new();
    for (index, code) in spec.missing.iter().enumerate() {
        match code {
            MissingCode::Number(n) if in_range(n) => problems.push(file.error(
                &format!("{key}.missing[{index}]"),
                format!("missing code {n} is also a valid answer on the scale {min}..{max}"),
            )),
            MissingCode::Number(n) => missing_numbers.push(*n),
            MissingCode::Text(text) => missing_texts.push(text.trim().to_string()),
        }
    }
    Scale { min, max, labels: spec.labels.clone(), favourable, unfavourable, missing_numbers, missing_texts }
}
