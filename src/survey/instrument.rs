//! A questionnaire: `content/survey/instrument.yaml` (the default, answered by every team's
//! members) or `content/survey/instruments/<id>.yaml` (further ones, such as customers rating
//! their account team). Dimensions, their items, the answer scale (overridable per dimension),
//! reverse-keyed items, missing-answer codes, who answers and which teams it is for.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::answer::RawAnswer;
use super::ids::{DimensionId, ItemId};
use crate::diagnostics::Diagnostics;
use crate::model::{Condition, DimensionRef, Respondents, TrustModel};
use crate::project::Localized;
use crate::yaml::YamlFile;

/// The resolved instrument: every dimension with its own effective scale.
#[derive(Debug, Clone)]
pub struct Instrument {
    pub id: String,
    pub version: String,
    pub title: Localized,
    /// Who answers it.
    pub respondents: Respondents,
    /// The teams it is for: every condition holds for the team's attributes. Empty: every team.
    pub applies_to: Vec<Condition>,
    pub dimensions: Vec<Dimension>,
    /// All items in questionnaire order; dimensions refer to them by index.
    pub items: Vec<Item>,
    item_index: HashMap<ItemId, usize>,
}

/// Which instrument of a project: the default one or a further one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InstrumentRole {
    /// `content/survey/instrument.yaml`.
    Default,
    /// `content/survey/instruments/<id>.yaml`.
    Further,
}

impl Instrument {
    /// Whether the instrument is for `team` (its `applies_to` holds for the team's attributes).
    pub fn applies_to_team(&self, team: &super::Team) -> bool {
        self.applies_to.iter().all(|condition| condition.holds(&team.attributes))
    }
}

#[derive(Debug, Clone)]
pub struct Dimension {
    pub id: DimensionId,
    /// The model's dimension this one measures: the same id in `content/model.yaml`.
    pub concept: DimensionRef,
    pub name: Localized,
    pub description: Option<Localized>,
    pub scale: Scale,
    /// Indices into [`Instrument::items`].
    pub items: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: ItemId,
    pub text: Localized,
    /// Worded against the dimension: scored as `min + max - answer`.
    pub reverse: bool,
    /// Index into [`Instrument::dimensions`].
    pub dimension: usize,
}

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

impl Instrument {
    pub fn item_index(&self, id: &ItemId) -> Option<usize> {
        self.item_index.get(id).copied()
    }

    pub fn dimension_of(&self, item: usize) -> &Dimension {
        &self.dimensions[self.items[item].dimension]
    }

    /// Reads and checks the default instrument (`instrument.yaml`) against `model`, whose
    /// dimensions its own must be. All problems are returned together.
    pub fn load(file: &YamlFile, model: &TrustModel) -> Result<Instrument, Diagnostics> {
        Instrument::load_as(file, model, InstrumentRole::Default)
    }

    /// Reads and checks an instrument in its role: a further one may name its respondents and
    /// the teams it applies to; the default one is answered by the members of every team.
    pub fn load_as(file: &YamlFile, model: &TrustModel, role: InstrumentRole) -> Result<Instrument, Diagnostics> {
        let spec: InstrumentFile = file.parse()?;
        let mut problems = Diagnostics::new();
        if role == InstrumentRole::Default {
            if spec.respondents.is_some_and(|r| r != Respondents::Members) {
                problems.push(file.error(
                    "respondents",
                    "the default instrument is answered by the members of every team: put an instrument for customers in content/survey/instruments/<id>.yaml",
                ));
            }
            if spec.applies_to.is_some() {
                problems.push(file.error(
                    "applies_to",
                    "the default instrument is for every team: put an instrument for some teams in content/survey/instruments/<id>.yaml",
                ));
            }
        }
        let mut applies_to = Vec::new();
        for (attribute, values) in spec.applies_to.iter().flatten() {
            match model.condition(attribute, values) {
                Ok(condition) => applies_to.push(condition),
                Err(message) => problems.push(file.error(&format!("applies_to.{attribute}"), message)),
            }
        }
        if spec.applies_to.as_ref().is_some_and(BTreeMap::is_empty) {
            problems.push(file.error("applies_to", "`applies_to` names no attribute: leave it out to mean every team"));
        }
        let base = resolve_scale(file, "scale", &spec.scale, &mut problems);
        let mut dimensions = Vec::new();
        let mut items = Vec::new();
        let mut item_index = HashMap::new();
        let mut dimension_ids = HashMap::new();
        if spec.dimensions.is_empty() {
            problems.push(file.error("dimensions", "the instrument needs at least one dimension"));
        }
        for (d, dimension) in spec.dimensions.iter().enumerate() {
            let key = format!("dimensions[{d}]");
            if dimension.id.as_str() == "overall" {
                problems.push(
                    file.error(&format!("{key}.id"), "`overall` is reserved for the score across all dimensions"),
                );
            }
            if let Some(first) = dimension_ids.insert(dimension.id.clone(), d) {
                problems.push(file.error(
                    &format!("{key}.id"),
                    format!("duplicate dimension id `{}` (also dimensions[{first}])", dimension.id),
                ));
            }
            let concept = model.dimension(dimension.id.as_str()).unwrap_or_else(|message| {
                problems.push(file.error(&format!("{key}.id"), message));
                DimensionRef(0)
            });
            let scale = match &dimension.scale {
                Some(over) => resolve_scale(file, &format!("{key}.scale"), &over.apply_to(&spec.scale), &mut problems),
                None => base.clone(),
            };
            if dimension.items.is_empty() {
                problems
                    .push(file.error(&format!("{key}.items"), format!("dimension `{}` has no items", dimension.id)));
            }
            let mut indices = Vec::new();
            for (i, item) in dimension.items.iter().enumerate() {
                if item_index.contains_key(&item.id) {
                    problems.push(file.error(
                        &format!("{key}.items[{i}].id"),
                        format!("duplicate item id `{}`: item ids must be unique across the instrument", item.id),
                    ));
                    continue;
                }
                item_index.insert(item.id.clone(), items.len());
                indices.push(items.len());
                items.push(Item { id: item.id.clone(), text: item.text.clone(), reverse: item.reverse, dimension: d });
            }
            dimensions.push(Dimension {
                id: dimension.id.clone(),
                concept,
                name: dimension.name.clone(),
                description: dimension.description.clone(),
                scale,
                items: indices,
            });
        }
        let version = match &spec.version {
            yaml_serde::Value::Number(n) => n.to_string(),
            yaml_serde::Value::String(s) => s.clone(),
            _ => String::new(),
        };
        problems.into_result(Instrument {
            id: spec.id,
            version,
            title: spec.title,
            respondents: spec.respondents.unwrap_or_default(),
            applies_to,
            dimensions,
            items,
            item_index,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstrumentFile {
    id: String,
    #[serde(default = "default_version")]
    version: yaml_serde::Value,
    title: Localized,
    respondents: Option<Respondents>,
    #[serde(default, deserialize_with = "crate::yaml::unique_opt")]
    applies_to: Option<BTreeMap<String, Vec<String>>>,
    scale: ScaleSpec,
    dimensions: Vec<DimensionSpec>,
}

fn default_version() -> yaml_serde::Value {
    yaml_serde::Value::Number(1.into())
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct ScaleSpec {
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
struct ScaleOverride {
    min: Option<i64>,
    max: Option<i64>,
    #[serde(default, deserialize_with = "crate::yaml::unique_opt")]
    labels: Option<BTreeMap<i64, Localized>>,
    favourable: Option<Vec<i64>>,
    unfavourable: Option<Vec<i64>>,
    missing: Option<Vec<MissingCode>>,
}

impl ScaleOverride {
    fn apply_to(&self, base: &ScaleSpec) -> ScaleSpec {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionSpec {
    id: DimensionId,
    name: Localized,
    description: Option<Localized>,
    scale: Option<ScaleOverride>,
    #[serde(default)]
    items: Vec<ItemSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemSpec {
    id: ItemId,
    text: Localized,
    #[serde(default)]
    reverse: bool,
}

fn resolve_scale(file: &YamlFile, key: &str, spec: &ScaleSpec, problems: &mut Diagnostics) -> Scale {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceText;

    fn load(text: &str) -> Result<Instrument, Diagnostics> {
        Instrument::load(
            &YamlFile::new(SourceText::new("instrument.yaml", text)),
            &TrustModel::of_dimensions(&["ability", "hostility"]),
        )
    }

    const GOOD: &str = "id: t\nversion: 1\ntitle: {zh: 评估, en: Assessment}\nscale:\n  min: 1\n  max: 5\n  favourable: [4, 5]\n  missing: [0, 99, \"N/A\"]\ndimensions:\n  - id: ability\n    name: {zh: 能力}\n    items:\n      - {id: AB1, text: {zh: 甲}}\n      - {id: AB2, reverse: true, text: {zh: 乙}}\n  - id: hostility\n    name: Hostility\n    scale: {min: 0, max: 4, missing: [99]}\n    items:\n      - {id: H1, text: X}\n";

    #[test]
    fn scales_are_resolved_per_dimension() {
        let instrument = load(GOOD).unwrap();
        let ability = &instrument.dimensions[0].scale;
        assert_eq!((ability.min, ability.max, ability.unfavourable.clone()), (1, 5, vec![2, 1]));
        assert_eq!(ability.reverse(2), 4);
        let hostility = &instrument.dimensions[1].scale;
        assert_eq!((hostility.min, hostility.favourable.clone()), (0, vec![3, 4]));
        assert_eq!(instrument.item_index(&ItemId::new("H1").unwrap()), Some(2));
    }

    #[test]
    fn answers_are_read_strictly() {
        let scale = load(GOOD).unwrap().dimensions[0].scale.clone();
        assert_eq!(scale.read(&RawAnswer::Integer(4)), Ok(Some(4)));
        assert_eq!(scale.read(&RawAnswer::Integer(99)), Ok(None));
        assert_eq!(scale.read(&RawAnswer::Text("N/A".into())), Ok(None));
        assert_eq!(scale.read(&RawAnswer::Missing), Ok(None));
        assert!(scale.read(&RawAnswer::Integer(7)).unwrap_err().contains("outside the scale"));
        assert!(scale.read(&RawAnswer::Float(2.5)).unwrap_err().contains("not a whole number"));
        assert!(scale.read(&RawAnswer::Text("yes".into())).is_err());
    }

    #[test]
    fn problems_are_collected_with_keys_and_lines() {
        let text = GOOD.replace("AB2, reverse", "AB1, reverse").replace("missing: [0, 99", "missing: [3, 99");
        let errors = load(&text).unwrap_err();
        let keys: Vec<_> = errors.iter().map(|d| (d.key.clone().unwrap(), d.line_column().unwrap().0)).collect();
        assert_eq!(keys, vec![("scale.missing[0]".to_string(), 8), ("dimensions[0].items[1].id".to_string(), 14)]);
    }
}
