//! An answer as a response file writes it ([`RawAnswer`]), before the instrument's scale reads
//! it: YAML's types told apart, so that `true` or a list is an error and never a number.

use serde::Deserialize;

/// An answer as written in a response file, before it is checked against the scale.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    Missing,
    Integer(i64),
    Float(f64),
    Text(String),
    /// Something else (`true`, a list): always an error, described for the message.
    Other(&'static str),
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an answer: a whole number, ~, or a missing code")
            }
            fn visit_unit<E>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Missing)
            }
            fn visit_none<E>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Missing)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<RawAnswer, D::Error> {
                RawAnswer::deserialize(d)
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Integer(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawAnswer, E> {
                Ok(i64::try_from(v).map_or(RawAnswer::Float(v as f64), RawAnswer::Integer))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v.to_string()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Other("a true/false value"))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawAnswer, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RawAnswer::Other("a list"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawAnswer, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(RawAnswer::Other("a mapping"))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
