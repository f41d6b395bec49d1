//! The framework: the dimensions, process stages and challenges that guidance and reports are
//! built on, read from `content/model.yaml` (through the source stage), or, in a project
//! without one, the trust power model embedded in the binary.
//!
//! After `project`, before `content` and `survey`, which check every dimension, stage and
//! challenge they name against it and hold [`DimensionRef`]s, [`StageRef`]s and
//! [`ChallengeRef`]s instead of names. No Rust identifier names a dimension, stage or challenge:
//! a consultant with another framework writes another model file. What this module fixes is
//! only the shape of a framework and the few signals a challenge may be suggested by
//! ([`Signal`]).

mod facts;

pub use facts::{Attribute, AttributeValue, Condition, Respondents};
use serde::Deserialize;

use crate::diagnostics::{Diagnostics, closest};
use crate::project::Localized;
use crate::source::Source;
use crate::yaml::YamlFile;

/// Where a project's framework lives, relative to its root.
pub const MODEL_FILE: &str = "content/model.yaml";

/// The trust power model, for projects without a model file: the sample's own file.
const DEFAULT_MODEL: &str = include_str!("../../content/model.yaml");

/// A framework: what trust is made of here, how it grows, what gets in its way.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustModel {
    pub id: String,
    pub name: Localized,
    /// The parts trust is judged on (ability, integrity, benevolence), in the file's order.
    pub dimensions: Vec<Concept>,
    /// The stages a relationship goes through, in order.
    pub stages: Vec<Concept>,
    /// Typical obstacles.
    pub challenges: Vec<Challenge>,
    /// Facts a team may carry (`function: sales`), each with its allowed values.
    pub attributes: Vec<Attribute>,
    /// The stage of a team that organisation.yaml gives dates for: by months since it formed
    /// or its leader took over, whichever is later. Bands in rising order, the last open.
    pub stage_by_months: Vec<Band>,
    /// The stage of a team without dates: by its overall favourable share in percent.
    pub stage_by_favourable: Vec<Band>,
    /// The most a plan's target asks a dimension's favourable share to rise by one survey to
    /// the next, in percentage points, until ten teams have been measured twice and what
    /// teams actually gained can say.
    pub default_target_cap_pp: f64,
}

/// One band of a stage rule: values below `below` (the last band: all the rest) mean `stage`.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub below: Option<f64>,
    pub stage: StageRef,
}

/// Picks the band a value falls in.
pub fn band_of(bands: &[Band], value: f64) -> Option<StageRef> {
    bands.iter().find(|band| band.below.is_none_or(|below| value < below)).map(|band| band.stage)
}

/// A named part of the framework.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub id: String,
    pub name: Localized,
    #[serde(default)]
    pub description: Localized,
    /// For a dimension: questions for the team's conversation when a plan works on it.
    #[serde(default)]
    pub questions: Vec<Localized>,
    /// For a dimension: questions for when a plan works on the customers' view of it.
    #[serde(default)]
    pub customer_questions: Vec<Localized>,
}

/// An obstacle, and the signals in a team's results that suggest it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub concept: Concept,
    pub suggested_when: Vec<Signal>,
    /// The dimensions a signal must be on to suggest the challenge; empty: any.
    pub suggested_on: Vec<DimensionRef>,
}

/// What a team's results can show that makes a challenge likely: a fixed, documented set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// A dimension the plan works on is falling since the last wave.
    Falling,
    /// A dimension the plan works on is clearly below the organisation.
    BelowOrganisation,
}

/// A dimension of the model, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DimensionRef(pub usize);

/// A stage of the model, by position (earlier stages first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StageRef(pub usize);

/// A challenge of the model, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChallengeRef(pub usize);

/// What a model part is called in messages: "dimension", "stage", "challenge".
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Dimension,
    Stage,
    Challenge,
}

impl Part {
    fn word(self) -> &'static str {
        match self {
            Part::Dimension => "dimension",
            Part::Stage => "stage",
            Part::Challenge => "challenge",
        }
    }
}

impl TrustModel {
    /// Reads `content/model.yaml`, or takes the embedded trust power model when the project
    /// has none.
    pub fn load(source: &Source) -> Result<TrustModel, Diagnostics> {
        match source.kind(MODEL_FILE) {
            Ok(None) => Ok(TrustModel::default()),
            Ok(Some(_)) => TrustModel::parse(&YamlFile::new(source.read_text(MODEL_FILE)?)),
            Err(error) => Err(error.into_diagnostic().into()),
        }
    }

    /// Parses and checks a model file; all problems together.
    pub fn parse(file: &YamlFile) -> Result<TrustModel, Diagnostics> {
        let spec: ModelFile = file.parse()?;
        let mut problems = Diagnostics::new();
        for (key, list) in [("dimensions", &spec.dimensions), ("stages", &spec.stages)] {
            check_ids(file, key, list.iter(), &mut problems);
        }
        let dimension_ids: Vec<&str> = spec.dimensions.iter().map(|d| d.id.as_str()).collect();
        let mut suggested_on = Vec::new();
        for (c, challenge) in spec.challenges.iter().enumerate() {
            let mut on = Vec::new();
            for (d, id) in challenge.suggested_on.iter().enumerate() {
                match dimension_ids.iter().position(|known| known == id) {
                    Some(index) => on.push(DimensionRef(index)),
                    None => {
                        let hint = closest(id, dimension_ids.iter().copied())
                            .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
                        problems.push(file.error(
                            &format!("challenges[{c}].suggested_on[{d}]"),
                            format!("unknown dimension `{id}`{hint}: the model has {}", list(&dimension_ids)),
                        ));
                    }
                }
            }
            suggested_on.push(on);
        }
        let challenges: Vec<Challenge> = spec
            .challenges
            .into_iter()
            .zip(suggested_on)
            .map(|(c, suggested_on)| Challenge {
                concept: Concept {
                    id: c.id,
                    name: c.name,
                    description: c.description,
                    questions: Vec::new(),
                    customer_questions: Vec::new(),
                },
                suggested_when: c.suggested_when,
                suggested_on,
            })
            .collect();
        check_ids(file, "challenges", challenges.iter().map(|c| &c.concept), &mut problems);
        if spec.dimensions.is_empty() {
            problems.push(file.error("dimensions", "a model needs at least one dimension"));
        }
        let attribute_concepts: Vec<Concept> = spec
            .attributes
            .iter()
            .map(|a| Concept {
                id: a.id.clone(),
                name: a.name.clone(),
                description: Localized::default(),
                questions: Vec::new(),
                customer_questions: Vec::new(),
            })
            .collect();
        check_ids(file, "attributes", attribute_concepts.iter(), &mut problems);
        for (a, attribute) in spec.attributes.iter().enumerate() {
            check_ids(file, &format!("attributes[{a}].values"), attribute.values.iter(), &mut problems);
            if attribute.values.is_empty() {
                problems.push(file.error(&format!("attributes[{a}].values"), "an attribute needs at least one value"));
            }
        }
        let stage_ids: Vec<&str> = spec.stages.iter().map(|s| s.id.as_str()).collect();
        let mut bands = |key: &str, list: &[BandSpec]| -> Vec<Band> {
            let mut out = Vec::new();
            for (i, band) in list.iter().enumerate() {
                let last = i + 1 == list.len();
                let at = format!("{key}[{i}]");
                match (band.below, last) {
                    (None, false) => problems.push(file.error(&at, "only the last band may leave out `below`")),
                    (Some(_), true) => {
                        problems.push(file.error(&at, "the last band leaves out `below`: it takes everything above"))
                    }
                    (Some(below), false)
                        if out.last().is_some_and(|b: &Band| b.below.is_some_and(|prev| below <= prev)) =>
                    {
                        problems.push(file.error(&format!("{at}.below"), "bands go in rising order of `below`"))
                    }
                    _ => {}
                }
                match stage_ids.iter().position(|id| *id == band.stage) {
                    Some(s) => out.push(Band { below: band.below, stage: StageRef(s) }),
                    None => {
                        let hint = closest(&band.stage, stage_ids.iter().copied())
                            .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
                        problems
                            .push(file.error(&format!("{at}.stage"), format!("unknown stage `{}`{hint}", band.stage)));
                    }
                }
            }
            out
        };
        let stage_by_months = bands("stage_by_months", &spec.stage_by_months);
        let stage_by_favourable = bands("stage_by_favourable", &spec.stage_by_favourable);
        if !(spec.default_target_cap_pp > 0.0 && spec.default_target_cap_pp <= 100.0) {
            problems.push(file.error("default_target_cap_pp", "expected percentage points above 0 and at most 100"));
        }
        let model = TrustModel {
            id: spec.id,
            name: spec.name,
            dimensions: spec.dimensions,
            stages: spec.stages,
            challenges,
            attributes: spec.attributes,
            stage_by_months,
            stage_by_favourable,
            default_target_cap_pp: spec.default_target_cap_pp,
        };
        problems.into_result(model)
    }

    /// A model of just these dimensions, each named by its id, with no stages or challenges:
    /// for data measured on scales of another framework (the reference data's leadership
    /// scales) and for tests.
    pub fn of_dimensions(ids: &[&str]) -> TrustModel {
        let concept = |id: &&str| Concept {
            id: id.to_string(),
            name: Localized::Same(id.to_string()),
            description: Localized::default(),
            questions: Vec::new(),
            customer_questions: Vec::new(),
        };
        TrustModel {
            id: "dimensions".to_string(),
            name: Localized::Same("dimensions".to_string()),
            dimensions: ids.iter().map(concept).collect(),
            stages: Vec::new(),
            challenges: Vec::new(),
            attributes: Vec::new(),
            stage_by_months: Vec::new(),
            stage_by_favourable: Vec::new(),
            default_target_cap_pp: DEFAULT_TARGET_CAP_PP,
        }
    }

    /// The dimension with `id`, or a message naming the known ones and the closest.
    pub fn dimension(&self, id: &str) -> Result<DimensionRef, String> {
        find(self.dimensions.iter(), id, Part::Dimension).map(DimensionRef)
    }

    pub fn stage(&self, id: &str) -> Result<StageRef, String> {
        find(self.stages.iter(), id, Part::Stage).map(StageRef)
    }

    pub fn challenge(&self, id: &str) -> Result<ChallengeRef, String> {
        find(self.challenges.iter().map(|c| &c.concept), id, Part::Challenge).map(ChallengeRef)
    }

    /// The value `value` of the attribute `attribute` (`function: sales`).
    pub fn attribute_value(&self, attribute: &str, value: &str) -> Result<AttributeValue, String> {
        let a = self.attribute(attribute)?;
        let values: Vec<&str> = self.attributes[a].values.iter().map(|v| v.id.as_str()).collect();
        match values.iter().position(|id| *id == value) {
            Some(v) => Ok(AttributeValue { attribute: a, value: v }),
            None => {
                let hint =
                    closest(value, values.iter().copied()).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
                Err(format!("`{value}` is not a value of `{attribute}`{hint}: it may be {}", list(&values)))
            }
        }
    }

    /// The attribute with `id`, by position.
    pub fn attribute(&self, id: &str) -> Result<usize, String> {
        let known: Vec<&str> = self.attributes.iter().map(|a| a.id.as_str()).collect();
        known.iter().position(|a| *a == id).ok_or_else(|| {
            let hint = closest(id, known.iter().copied()).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
            format!("unknown attribute `{id}`{hint}: the model (content/model.yaml) has {}", list(&known))
        })
    }

    /// A condition `{attribute: [values]}`, or the first problem with it.
    pub fn condition(&self, attribute: &str, values: &[String]) -> Result<Condition, String> {
        let index = self.attribute(attribute)?;
        if values.is_empty() {
            return Err(format!("`{attribute}` lists no values: name those the page applies to"));
        }
        let values =
            values.iter().map(|v| self.attribute_value(attribute, v).map(|v| v.value)).collect::<Result<_, _>>()?;
        Ok(Condition { attribute: index, values })
    }

    pub fn dimension_concept(&self, dimension: DimensionRef) -> &Concept {
        &self.dimensions[dimension.0]
    }

    pub fn stage_concept(&self, stage: StageRef) -> &Concept {
        &self.stages[stage.0]
    }

    pub fn challenge_concept(&self, challenge: ChallengeRef) -> &Concept {
        &self.challenges[challenge.0].concept
    }

    /// Challenges the model suggests when the results show `signal`, in the model's order.
    /// The challenges that `signal` on `dimension` suggests, in the model's order.
    pub fn suggested_by(&self, signal: Signal, dimension: DimensionRef) -> impl Iterator<Item = ChallengeRef> + '_ {
        (0..self.challenges.len())
            .filter(move |c| {
                let challenge = &self.challenges[*c];
                challenge.suggested_when.contains(&signal)
                    && (challenge.suggested_on.is_empty() || challenge.suggested_on.contains(&dimension))
            })
            .map(ChallengeRef)
    }
}

impl Default for TrustModel {
    /// The trust power model.
    fn default() -> Self {
        let file = YamlFile::new(crate::diagnostics::SourceText::new("content/model.yaml (embedded)", DEFAULT_MODEL));
        TrustModel::parse(&file).expect("the embedded model is valid (a unit test reads it)")
    }
}

fn find<'a>(concepts: impl Iterator<Item = &'a Concept> + Clone, id: &str, part: Part) -> Result<usize, String> {
    if let Some(index) = concepts.clone().position(|c| c.id == id) {
        return Ok(index);
    }
    let known: Vec<&str> = concepts.map(|c| c.id.as_str()).collect();
    let hint = closest(id, known.iter().copied()).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
    Err(format!("unknown {} `{id}`{hint}: the model (content/model.yaml) has {}", part.word(), list(&known)))
}

fn list(ids: &[&str]) -> String {
    if ids.is_empty() {
        return "none".to_string();
    }
    ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
}

/// Ids are letters, digits, `-` and `_`, unique within their list.
fn check_ids<'a>(file: &YamlFile, key: &str, concepts: impl Iterator<Item = &'a Concept>, problems: &mut Diagnostics) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, concept) in concepts.enumerate() {
        let id = concept.id.as_str();
        let valid =
            !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
        if !valid {
            let message = format!("`{id}` cannot be an id: use at most 64 letters, digits, `-` and `_`");
            problems.push(file.error(&format!("{key}[{i}].id"), message));
        } else if seen.contains(&id) {
            problems.push(file.error(&format!("{key}[{i}].id"), format!("`{id}` is given twice in `{key}`")));
        }
        seen.push(id);
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    id: String,
    name: Localized,
    dimensions: Vec<Concept>,
    #[serde(default)]
    stages: Vec<Concept>,
    #[serde(default)]
    challenges: Vec<ChallengeSpec>,
    #[serde(default)]
    attributes: Vec<Attribute>,
    #[serde(default)]
    stage_by_months: Vec<BandSpec>,
    #[serde(default)]
    stage_by_favourable: Vec<BandSpec>,
    #[serde(default = "default_target_cap")]
    default_target_cap_pp: f64,
}

/// Ten points: about one person in ten more answering favourably.
const DEFAULT_TARGET_CAP_PP: f64 = 10.0;

fn default_target_cap() -> f64 {
    DEFAULT_TARGET_CAP_PP
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BandSpec {
    below: Option<f64>,
    stage: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChallengeSpec {
    id: String,
    name: Localized,
    #[serde(default)]
    description: Localized,
    #[serde(default)]
    suggested_when: Vec<Signal>,
    /// Dimension ids: the signals count only on these.
    #[serde(default)]
    suggested_on: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceText;

    #[test]
    fn the_embedded_model_is_the_trust_power_model() {
        let model = TrustModel::default();
        let ids: Vec<&str> = model.dimensions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["ability", "integrity", "benevolence"]);
        assert_eq!(model.stages.len(), 4);
        assert_eq!(
            model.suggested_by(Signal::Falling, model.dimension("ability").unwrap()).collect::<Vec<_>>(),
            [model.challenge("past_negative_experience").unwrap()]
        );
    }

    #[test]
    fn unknown_ids_get_the_closest_known_one() {
        let model = TrustModel::default();
        let error = model.dimension("benevolance").unwrap_err();
        assert!(error.contains("unknown dimension `benevolance` (did you mean `benevolence`?)"), "{error}");
        assert!(model.stage("consolidation").is_ok());
    }

    #[test]
    fn a_model_file_is_checked_at_its_lines() {
        let text =
            "id: x\nname: X\ndimensions:\n  - {id: a, name: A}\n  - {id: a, name: B}\n  - {id: 'b c', name: C}\n";
        let errors = TrustModel::parse(&YamlFile::new(SourceText::new("m.yaml", text))).unwrap_err().render();
        assert!(errors.contains("m.yaml:5:") && errors.contains("`a` is given twice"), "{errors}");
        assert!(errors.contains("m.yaml:6:") && errors.contains("cannot be an id"), "{errors}");
    }
}
