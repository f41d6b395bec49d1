//! The common case of a response file read as a stream: a valid file in either form, turned
//! into responses event by event, without the whole YAML tree in memory (a 40 MB file of
//! 240,000 respondents took 2 GB as a tree).
//!
//! It accepts only what is plainly valid: anything unusual (an anchor, alias or tag, a key it
//! does not expect or one given twice, a scalar whose YAML type is not obvious, an unknown wave,
//! team or item, an answer the scale does not take, a row of the wrong length) makes it give up,
//! and [`super::ResponseFile::load`] reads the file again with the full loader, which reports
//! every problem at its line. So the two never disagree about a file: where this one answers,
//! the full loader gives the same responses in the same order (a test holds them side by side).

use std::borrow::Cow;
use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::{Instrument, Organisation, RawAnswer, Response, ResponseFile, TeamId};
use crate::text::without_bidi_controls;

/// The responses of `text`, or `None` when it is anything but a plainly valid response file.
pub(super) fn read(text: &str, instruments: &[Instrument], organisation: &Organisation) -> Option<ResponseFile> {
    // YAML allows only printable characters; the full loader refuses others (an escape
    // character in a comment) at their line, where this parser would let them through.
    if text.chars().any(crate::yaml::forbidden_char) {
        return None;
    }
    let mut events = Events { parser: Parser::new_from_str(text) };
    events.expect(|e| matches!(e, Event::StreamStart))?;
    events.expect(|e| matches!(e, Event::DocumentStart(_)))?;
    events.expect(|e| matches!(e, Event::MappingStart(0, None)))?;
    let mut reader = Reader { instrument: instruments.first()?, organisation };
    let (mut wave, mut readable, mut items, mut compact) = (None, None, None, None);
    let mut instrument = None;
    loop {
        let key = match events.next()? {
            Event::MappingEnd => break,
            event => plain_text(&event)?,
        };
        match key.as_ref() {
            "wave" if wave.is_none() => {
                wave = Some(organisation.wave_index(&super::WaveId::new(&id(&events.next()?)?).ok()?)?)
            }
            // The instrument decides how answers read, so it must come before them.
            "instrument" if instrument.is_none() && readable.is_none() && items.is_none() => {
                let named = id(&events.next()?)?;
                let index = instruments.iter().position(|i| i.id == named)?;
                reader.instrument = &instruments[index];
                instrument = Some(index);
            }
            "responses" if readable.is_none() => readable = Some(reader.readable(&mut events)?),
            "items" if items.is_none() => items = Some(reader.columns(&mut events)?),
            "teams" if compact.is_none() => compact = Some(reader.compact(&mut events, items.as_deref())?),
            _ => return None,
        }
    }
    events.expect(|e| matches!(e, Event::DocumentEnd))?;
    events.expect(|e| matches!(e, Event::StreamEnd))?;
    let responses = match (readable, items, compact) {
        (Some(responses), None, None) => responses,
        (None, Some(_), Some(responses)) => responses,
        _ => return None,
    };
    Some(ResponseFile { wave: wave?, instrument: instrument.unwrap_or(0), responses })
}

struct Events<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
}

impl<'a> Events<'a> {
    /// The next event; `None` on a syntax error, or on anything carrying an anchor, a tag or
    /// standing for one (an alias).
    fn next(&mut self) -> Option<Event<'a>> {
        let (event, _) = self.parser.next()?.ok()?;
        match &event {
            Event::Alias(_) => None,
            Event::Scalar(_, _, anchor, tag) if *anchor != 0 || tag.is_some() => None,
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) if *anchor != 0 || tag.is_some() => {
                None
            }
            _ => Some(event),
        }
    }

    fn expect(&mut self, wanted: impl Fn(&Event<'a>) -> bool) -> Option<()> {
        wanted(&self.next()?).then_some(())
    }
}

/// What a scalar is, as YAML's core schema (and serde's YAML reader) would type it, as far as
/// this reader cares; anything else is not obvious and ends the stream.
enum Scalar<'a> {
    Null,
    Integer(i64),
    Text(Cow<'a, str>),
}

fn scalar<'a>(event: &Event<'a>) -> Option<Scalar<'a>> {
    let Event::Scalar(text, style, ..) = event else { return None };
    if *style != ScalarStyle::Plain {
        return Some(Scalar::Text(text.clone()));
    }
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Scalar::Null),
        "0" => return Some(Scalar::Integer(0)),
        _ => {}
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    let decimal = !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit());
    if decimal {
        return text.parse().ok().map(Scalar::Integer);
    }
    // Numbers in other spellings (`+4`, `04`, `4.0`, `1e3`, `0x4`, `.inf`) and booleans: the
    // full loader decides. Anything else plain is text, as YAML's core schema has it
    // (`2026-autumn`, `N/A`, `sales-north-1`).
    let unsigned = text.trim_start_matches(['+', '-']);
    let special = text.parse::<f64>().is_ok()
        || ["0x", "0o", "0b"].iter().any(|prefix| unsigned.starts_with(prefix))
        || [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"].contains(&unsigned)
        || ["true", "false", "True", "False", "TRUE", "FALSE"].contains(&text.as_ref());
    (!special).then(|| Scalar::Text(text.clone()))
}

/// A scalar that is plainly text (a key, an id).
fn plain_text<'a>(event: &Event<'a>) -> Option<Cow<'a, str>> {
    match scalar(event)? {
        Scalar::Text(text) => Some(text),
        _ => None,
    }
}

/// An id as the loader reads it: text, or a whole number written plainly (`team: 12`).
fn id(event: &Event<'_>) -> Option<String> {
    match scalar(event)? {
        Scalar::Text(text) => Some(text.into_owned()),
        Scalar::Integer(n) if n >= 0 => Some(n.to_string()),
        _ => None,
    }
}

struct Reader<'a> {
    instrument: &'a Instrument,
    organisation: &'a Organisation,
}

impl Reader<'_> {
    /// A known team the instrument is for.
    fn team(&self, id: &TeamId) -> Option<usize> {
        let team = self.organisation.team_index(id)?;
        self.instrument.applies_to_team(&self.organisation.teams[team]).then_some(team)
    }

    fn answer(&self, item: usize, event: &Event<'_>) -> Option<Option<i64>> {
        let raw = match scalar(event)? {
            Scalar::Null => RawAnswer::Missing,
            Scalar::Integer(n) => RawAnswer::Integer(n),
            Scalar::Text(text) => RawAnswer::Text(text.into_owned()),
        };
        self.instrument.scale_of(item).read(&raw).ok()
    }

    /// `responses:`, one mapping per respondent.
    fn readable(&self, events: &mut Events<'_>) -> Option<Vec<Response>> {
        if !matches!(events.next()?, Event::SequenceStart(..)) {
            return None;
        }
        let mut responses = Vec::new();
        loop {
            match events.next()? {
                Event::SequenceEnd => return Some(responses),
                Event::MappingStart(..) => responses.push(self.response(events)?),
                _ => return None,
            }
        }
    }

    fn response(&self, events: &mut Events<'_>) -> Option<Response> {
        let (mut team, mut answers, mut comment, mut comment_lang) = (None, None, None, None);
        loop {
            let key = match events.next()? {
                Event::MappingEnd => break,
                event => plain_text(&event)?,
            };
            match key.as_ref() {
                "team" if team.is_none() => team = Some(self.team(&TeamId::new(&id(&events.next()?)?).ok()?)?),
                "answers" if answers.is_none() => answers = Some(self.answers(events)?),
                "comment_lang" if comment_lang.is_none() => {
                    comment_lang = Some(crate::project::Lang::parse(&id(&events.next()?)?).ok()?);
                }
                "comment" if comment.is_none() => {
                    comment = Some(match scalar(&events.next()?)? {
                        Scalar::Null => None,
                        Scalar::Text(text) => Some(text.into_owned()),
                        Scalar::Integer(_) => return None,
                    });
                }
                _ => return None,
            }
        }
        let comment = comment.flatten().map(|c| without_bidi_controls(c.trim()).into_owned()).filter(|c| !c.is_empty());
        // A language without a comment is a mistake the full loader reports.
        if comment_lang.is_some() && comment.is_none() {
            return None;
        }
        let comment = comment.map(|text| super::Comment { text, lang: comment_lang });
        let answers = answers.unwrap_or_else(|| vec![None; self.instrument.items.len()]);
        Some(Response { team: team?, answers, comment })
    }

    /// `answers: {AB1: 4, ...}`: each item once.
    fn answers(&self, events: &mut Events<'_>) -> Option<Vec<Option<i64>>> {
        if !matches!(events.next()?, Event::MappingStart(..)) {
            return None;
        }
        let mut answers = vec![None; self.instrument.items.len()];
        let mut seen = vec![false; answers.len()];
        loop {
            let key = match events.next()? {
                Event::MappingEnd => return Some(answers),
                event => id(&event)?,
            };
            let item = self.instrument.item_index(&super::ItemId::new(&key).ok()?)?;
            if std::mem::replace(&mut seen[item], true) {
                return None;
            }
            answers[item] = self.answer(item, &events.next()?)?;
        }
    }

    /// `items: [AB1, ...]`: each a known item, once.
    fn columns(&self, events: &mut Events<'_>) -> Option<Vec<usize>> {
        if !matches!(events.next()?, Event::SequenceStart(..)) {
            return None;
        }
        let mut columns: Vec<usize> = Vec::new();
        loop {
            let key = match events.next()? {
                Event::SequenceEnd => return Some(columns),
                event => id(&event)?,
            };
            let item = self.instrument.item_index(&super::ItemId::new(&key).ok()?)?;
            if columns.contains(&item) {
                return None;
            }
            columns.push(item);
        }
    }

    /// `teams: {red: [[4, 2, ...], ...]}` after `items:`, in the full loader's order (by team
    /// id, then row).
    fn compact(&self, events: &mut Events<'_>, columns: Option<&[usize]>) -> Option<Vec<Response>> {
        let columns = columns?;
        if !matches!(events.next()?, Event::MappingStart(..)) {
            return None;
        }
        let mut by_team: BTreeMap<TeamId, Vec<Response>> = BTreeMap::new();
        loop {
            let key = match events.next()? {
                Event::MappingEnd => break,
                event => TeamId::new(&id(&event)?).ok()?,
            };
            let team = self.team(&key)?;
            if by_team.contains_key(&key) || !matches!(events.next()?, Event::SequenceStart(..)) {
                return None;
            }
            let mut rows = Vec::new();
            loop {
                match events.next()? {
                    Event::SequenceEnd => break,
                    Event::SequenceStart(..) => {
                        rows.push(Response { team, answers: self.row(events, columns)?, comment: None })
                    }
                    _ => return None,
                }
            }
            by_team.insert(key, rows);
        }
        Some(by_team.into_values().flatten().collect())
    }

    fn row(&self, events: &mut Events<'_>, columns: &[usize]) -> Option<Vec<Option<i64>>> {
        let mut answers = vec![None; self.instrument.items.len()];
        let mut count = 0;
        loop {
            let event = events.next()?;
            if matches!(event, Event::SequenceEnd) {
                return (count == columns.len()).then_some(answers);
            }
            let item = *columns.get(count)?;
            answers[item] = self.answer(item, &event)?;
            count += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceText;
    use crate::model::TrustModel;
    use crate::yaml::YamlFile;

    fn design() -> (Instrument, Organisation) {
        let file = |name: &str, text: &str| YamlFile::new(SourceText::new(name, text));
        let instrument = include_str!("../../tests/integration/survey/project/content/survey/instrument.yaml");
        let organisation = include_str!("../../tests/integration/survey/project/content/survey/organisation.yaml");
        (
            Instrument::load(&file("instrument.yaml", instrument), &TrustModel::default()).unwrap(),
            Organisation::load(&file("organisation.yaml", organisation), &TrustModel::default()).unwrap(),
        )
    }

    /// What the stream reads, and what the full loader reads.
    fn both(text: &str) -> (Option<ResponseFile>, Result<ResponseFile, String>) {
        let (instrument, organisation) = design();
        let instruments = std::slice::from_ref(&instrument);
        let full =
            ResponseFile::load_in_full(&YamlFile::new(SourceText::new("r.yaml", text)), instruments, &organisation)
                .map_err(|e| e.render());
        (read(text, instruments, &organisation), full)
    }

    #[test]
    fn valid_files_stream_to_what_the_full_loader_reads() {
        for text in [
            include_str!("../../tests/integration/survey/project/content/survey/responses/w1.yaml"),
            include_str!("../../tests/integration/survey/project/content/survey/responses/w2.yaml"),
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: '4', IN2: N/A, AB2: ~}, comment: \"  fine  \"}\n  - team: blue\n",
            "wave: w1\nitems: [IN1, AB1]\nteams:\n  red: [[1, 2], [3, ~]]\n  blue: [[99, 5]]\n",
            "wave: w2\nresponses:\n  - {team: red, answers: {AB1: 4}, comment: 2026-autumn was better}\n",
        ] {
            let (streamed, full) = both(text);
            assert_eq!(streamed.as_ref(), Some(&full.unwrap()), "{text}");
        }
    }

    #[test]
    fn anything_unusual_goes_to_the_full_loader() {
        for text in [
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: 4, AB1: 1}}\n",
            "wave: w1\nresponses:\n  - {team: bleu, answers: {AB1: 4}}\n",
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: 7}}\n",
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: true}}\n",
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: 0x4}}\n",
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: 4.0}}\n",
            "wave: w1\nresponses:\n  - {team: red, answers: &a {AB1: 4}}\n  - {team: red, answers: *a}\n",
            "wave: w1\nresponses:\n  - {team: red, answers: !!map {AB1: 4}}\n",
            "wave: w1\nresponses:\n  - {team: red, extra: 1}\n",
            "wave: w1\nwave: w2\nresponses: []\n",
            "wave: w9\nresponses: []\n",
            "wave: w1\nteams:\n  red: [[1, 2]]\nitems: [IN1, AB1]\n",
            "wave: w1\nitems: [IN1, AB1]\nteams:\n  red: [[1, 2, 3]]\n",
            "wave: w1\nitems: [IN1, IN1]\nteams:\n  red: [[1, 2]]\n",
            "wave: w1\nitems: [IN1]\nteams:\n  red: [[1]]\n  red: [[2]]\n",
            "wave: w1\nresponses: []\n---\nwave: w2\n",
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: 4}\n",
            // Found by fuzzing: a control character the full loader refuses.
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: 4}, comment: \u{1b}fine}\n",
            "wave: w1\nresponses:\n  - {team: red, answers: {AB1: 4}, comment: \"a\u{7f}b\"}\n",
        ] {
            // Most of these are errors for the full loader too; it takes the rest (4.0 is a
            // whole number, 0x4 is 4, the alias is the mapping it names) as it always did.
            assert_eq!(both(text).0, None, "streamed: {text}");
        }
    }
}
