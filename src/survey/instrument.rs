//! A questionnaire: `content/survey/instrument.yaml` (the default, answered by every team's
//! members) or `content/survey/instruments/<id>.yaml` (further ones, such as customers rating
//! their account team). Dimensions, their items, the answer scale (overridable per dimension),
//! reverse-keyed items, outcome items (overall trust, kept out of every dimension),
//! missing-answer codes, who answers, which teams it is for and the published scales it adapts.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::ids::{DimensionId, ItemId};
pub use super::scale::{Category, Scale};
use super::scale::{ScaleOverride, ScaleSpec, resolve_scale};
use crate::diagnostics::{Diagnostic, Diagnostics};
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
    /// Whom its items are about, where that is not the team itself (the leader module: "the
    /// team leader"): names its dimensions in sentences ("the team leader's integrity").
    pub about: Option<Localized>,
    /// The team fact that dates when the person rated took up the role (`leader_since` for the
    /// leader module): a team's change since a wave before that date compares two people, so
    /// none is shown.
    pub rated_since: Option<RatedSince>,
    /// The teams it is for: every condition holds for the team's attributes. Empty: every team.
    pub applies_to: Vec<Condition>,
    pub dimensions: Vec<Dimension>,
    /// Outcome items: what the dimensions should explain (overall trust, willingness to rely
    /// on the team). Scored per item on the instrument's own scale, in no dimension and not in
    /// the overall score.
    pub outcomes: Vec<Outcome>,
    /// All items in questionnaire order, outcome items last; dimensions and outcomes refer to
    /// them by index.
    pub items: Vec<Item>,
    /// The instrument's own scale: that of its outcome items, and of every dimension that
    /// does not override it.
    pub scale: Scale,
    /// Where the items come from, when the file says (`source:`).
    pub source: Option<Provenance>,
    item_index: HashMap<ItemId, usize>,
}

/// A team fact that dates a change of the person an instrument rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatedSince {
    /// `leader_since` in organisation.yaml: the current leader took over.
    LeaderSince,
}

impl RatedSince {
    /// Whether the person rated in a wave on `date` is still the one rated now, for `team`.
    pub fn same_person_since(self, team: &super::Team, date: super::Date) -> bool {
        match self {
            RatedSince::LeaderSince => team.leader_since.is_none_or(|since| since <= date),
        }
    }
}

/// An outcome item with the short name reports give it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Index into [`Instrument::items`].
    pub item: usize,
    pub name: Localized,
}

/// The published scales an instrument adapts: keys of `content/references.yaml`, and a note
/// for readers. The keys are checked against the bibliography where both are loaded
/// ([`Instrument::unknown_sources`]).
#[derive(Debug, Clone)]
pub struct Provenance {
    pub adapted_from: Vec<String>,
    pub note: Option<Localized>,
    /// For each key, the error to report should the bibliography lack it, placed at the key.
    if_unknown: Vec<Diagnostic>,
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
    /// Worded against what it measures: scored as `min + max - answer`.
    pub reverse: bool,
    pub measures: Measures,
}

/// What an item's answers count towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measures {
    /// Index into [`Instrument::dimensions`].
    Dimension(usize),
    /// Index into [`Instrument::outcomes`].
    Outcome(usize),
}

impl Measures {
    /// The dimension, for an item that measures one.
    pub fn dimension(self) -> Option<usize> {
        match self {
            Measures::Dimension(d) => Some(d),
            Measures::Outcome(_) => None,
        }
    }
}

impl Instrument {
    pub fn item_index(&self, id: &ItemId) -> Option<usize> {
        self.item_index.get(id).copied()
    }

    /// The scale an item is answered on: its dimension's, or the instrument's for an outcome.
    pub fn scale_of(&self, item: usize) -> &Scale {
        match self.items[item].measures {
            Measures::Dimension(d) => &self.dimensions[d].scale,
            Measures::Outcome(_) => &self.scale,
        }
    }

    /// The dimension an item belongs to; `None` for an outcome item.
    pub fn dimension_of(&self, item: usize) -> Option<&Dimension> {
        match self.items[item].measures {
            Measures::Dimension(d) => Some(&self.dimensions[d]),
            Measures::Outcome(_) => None,
        }
    }

    /// The items of every dimension, in questionnaire order: all but the outcome items.
    pub fn dimension_items(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.items.len()).filter(|i| matches!(self.items[*i].measures, Measures::Dimension(_)))
    }

    /// An error for every key of `source.adapted_from` that `known` does not hold, each at
    /// its place in the instrument's file.
    pub fn unknown_sources(&self, known: &dyn Fn(&str) -> bool) -> Diagnostics {
        let mut problems = Diagnostics::new();
        let Some(source) = &self.source else { return problems };
        for (key, error) in source.adapted_from.iter().zip(&source.if_unknown) {
            if !known(key) {
                problems.push(error.clone());
            }
        }
        problems
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
            if spec.about.is_some() {
                problems.push(file.error(
                    "about",
                    "the default instrument is about the team's own members: put an instrument about someone else (the team leader) in content/survey/instruments/<id>.yaml",
                ));
            }
            if spec.rated_since.is_some() {
                problems.push(file.error(
                    "rated_since",
                    "the default instrument rates the team's own members, not one person: `rated_since` belongs on an instrument with `about`",
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
                let new = Item {
                    id: item.id.clone(),
                    text: item.text.clone(),
                    reverse: item.reverse,
                    measures: Measures::Dimension(d),
                };
                let place = ItemPlace { file, key: format!("{key}.items[{i}].id") };
                indices.extend(add_item(&mut items, &mut item_index, new, place, &mut problems));
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
        let mut outcomes = Vec::new();
        for (o, outcome) in spec.outcomes.iter().enumerate() {
            let new = Item {
                id: outcome.id.clone(),
                text: outcome.text.clone(),
                reverse: outcome.reverse,
                measures: Measures::Outcome(outcomes.len()),
            };
            let place = ItemPlace { file, key: format!("outcomes[{o}].id") };
            if let Some(item) = add_item(&mut items, &mut item_index, new, place, &mut problems) {
                outcomes.push(Outcome { item, name: outcome.name.clone() });
            }
        }
        let source = spec.source.map(|source| {
            if source.adapted_from.is_empty() {
                problems.push(file.error(
                    "source.adapted_from",
                    "`adapted_from` names no source: list the keys in content/references.yaml of the scales the items adapt",
                ));
            }
            let if_unknown = source
                .adapted_from
                .iter()
                .enumerate()
                .map(|(i, key)| {
                    let message = format!(
                        "unknown source `{key}`: `source.adapted_from` names entries of content/references.yaml"
                    );
                    file.error(&format!("source.adapted_from[{i}]"), message)
                })
                .collect();
            Provenance { adapted_from: source.adapted_from, note: source.note, if_unknown }
        });
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
            about: spec.about,
            rated_since: spec.rated_since,
            applies_to,
            dimensions,
            outcomes,
            items,
            scale: base,
            source,
            item_index,
        })
    }
}

/// Where an item is written, for the error when its id is taken.
struct ItemPlace<'a> {
    file: &'a YamlFile,
    key: String,
}

/// Adds `item` to the instrument's items, or reports its id as taken; its index when added.
fn add_item(
    items: &mut Vec<Item>,
    index: &mut HashMap<ItemId, usize>,
    item: Item,
    place: ItemPlace<'_>,
    problems: &mut Diagnostics,
) -> Option<usize> {
    if index.contains_key(&item.id) {
        let message = format!("duplicate item id `{}`: item ids must be unique across the instrument", item.id);
        problems.push(place.file.error(&place.key, message));
        return None;
    }
    index.insert(item.id.clone(), items.len());
    items.push(item);
    Some(items.len() - 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstrumentFile {
    id: String,
    #[serde(default = "default_version")]
    version: yaml_serde::Value,
    title: Localized,
    respondents: Option<Respondents>,
    about: Option<Localized>,
    rated_since: Option<RatedSince>,
    #[serde(default, deserialize_with = "crate::yaml::unique_opt")]
    applies_to: Option<BTreeMap<String, Vec<String>>>,
    source: Option<SourceSpec>,
    scale: ScaleSpec,
    dimensions: Vec<DimensionSpec>,
    #[serde(default)]
    outcomes: Vec<OutcomeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceSpec {
    #[serde(default)]
    adapted_from: Vec<String>,
    note: Option<Localized>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeSpec {
    id: ItemId,
    name: Localized,
    text: Localized,
    #[serde(default)]
    reverse: bool,
}

fn default_version() -> yaml_serde::Value {
    yaml_serde::Value::Number(1.into())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceText;
    use crate::survey::RawAnswer;

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
    fn outcome_items_come_last_on_the_instruments_own_scale() {
        let text = GOOD.to_string()
            + "outcomes:\n  - {id: OT1, name: Overall trust, text: Overall I trust them}\nsource: {adapted_from: [mayer1999, nosuch]}\n";
        let instrument = load(&text).unwrap();
        let ot1 = instrument.item_index(&ItemId::new("OT1").unwrap()).unwrap();
        assert_eq!(ot1, 3, "after the three dimension items");
        assert_eq!(instrument.items[ot1].measures, Measures::Outcome(0));
        assert_eq!(instrument.outcomes[0].item, ot1);
        assert!(instrument.dimension_of(ot1).is_none());
        // The hostility dimension overrides the scale (0..4); the outcome keeps the instrument's.
        assert_eq!((instrument.scale_of(ot1).min, instrument.scale_of(2).min), (1, 0));
        assert_eq!(instrument.dimension_items().collect::<Vec<_>>(), [0, 1, 2]);
        let unknown = instrument.unknown_sources(&|key| key == "mayer1999");
        let keys: Vec<_> = unknown.iter().map(|d| (d.key.clone().unwrap(), d.line_column().unwrap().0)).collect();
        assert_eq!(keys, [("source.adapted_from[1]".to_string(), 22)]);
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
