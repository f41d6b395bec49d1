//! The survey items strategy actions measure themselves by (`item: IN3` on an action), and the
//! instrument a strategy for trust in someone else names (`instrument: leader-trust`): checked
//! against the instruments once both are loaded, and used by [`super::fit`] to prefer actions
//! on the items where the team is weak. It needs the handbook and the assessment together,
//! which is why it lives here and not in `content` or `survey`.

use crate::content::{EntryId, Handbook, Kind};
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::scoring::{Assessment, Figures, Measure};
use crate::survey::Instrument;

/// The instruments an action of a page may name items of: the one the page names
/// (`instrument:`), else those answered by the people whose trust it builds about the team itself.
fn instruments_for<'a>(assessment: &'a Assessment, meta: &crate::content::Meta) -> Vec<&'a Instrument> {
    assessment
        .instruments()
        .filter(|i| match &meta.instrument {
            Some(id) => i.id == *id,
            None => i.respondents == meta.respondents && i.about.is_none(),
        })
        .collect()
}

/// The error for a page whose `instrument:` names no instrument about someone else.
fn unknown_instrument(entry: &crate::content::Entry, id: &str, assessment: &Assessment) -> Diagnostic {
    let candidates: Vec<&str> = assessment.instruments().filter(|i| i.about.is_some()).map(|i| i.id.as_str()).collect();
    let hint = closest(id, candidates.iter().copied()).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
    let message = if assessment.instruments().any(|i| i.id == id) {
        format!(
            "instrument `{id}` is about the team itself: `instrument:` names one with `about:` (a leader module); leave it out for the team's own trust"
        )
    } else {
        format!("unknown instrument `{id}`{hint}: further instruments are content/survey/instruments/<id>.yaml")
    };
    let placed = entry.variants.values().find_map(|variant| {
        let needle = format!("instrument: {id}");
        let at = variant.source.text.find(&needle)?;
        Some(Diagnostic::error(message.clone()).at(&variant.source, at..at + needle.len()))
    });
    placed.unwrap_or_else(|| Diagnostic::error(message).in_file(format!("content/{}", entry.path)))
}

/// Every `item:` of every strategy action names an item of an instrument answered by the
/// people whose trust the page builds; an unknown one is an error at its line, with the
/// closest id.
pub fn check_action_items(handbook: &Handbook, assessment: &Assessment) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for id in handbook.reading_order() {
        let EntryId::Page(page) = id else { continue };
        let entry = &handbook.page(page).entry;
        if entry.meta.kind != Some(Kind::Strategy) {
            continue;
        }
        if let Some(id) = &entry.meta.instrument
            && !assessment.instruments().any(|i| i.id == *id && i.about.is_some())
        {
            problems.push(unknown_instrument(entry, id, assessment));
            continue;
        }
        let instruments = instruments_for(assessment, &entry.meta);
        for item in entry.meta.action_items.iter().flatten() {
            let known = instruments.iter().any(|i| i.items.iter().any(|x| x.id.as_str() == item));
            if known {
                continue;
            }
            let ids = instruments.iter().flat_map(|i| i.items.iter().map(|x| x.id.as_str()));
            let hint = closest(item, ids).map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
            let message = format!(
                "action item `{item}` is in no {} instrument{hint}: name an item of content/survey/instrument.yaml or instruments/",
                entry.meta.respondents.as_str()
            );
            // The original holds the line (translations take the original's item).
            let placed = entry.variants.values().find_map(|variant| {
                let needle = format!("item: {item}");
                let at = variant.source.text.find(&needle)?;
                Some(Diagnostic::error(message.clone()).at(&variant.source, at..at + needle.len()))
            });
            problems
                .push(placed.unwrap_or_else(|| Diagnostic::error(message).in_file(format!("content/{}", entry.path))));
        }
    }
    problems
}

/// For the focus `measure`: the ids of its dimension's items, and of those the team scores
/// below the organisation on (its weak items), from the team's own shown figures.
pub(super) fn focus_items(
    assessment: &Assessment,
    figures: Option<&Figures>,
    measure: Measure,
) -> (Vec<String>, Vec<String>) {
    let instrument = assessment.instrument(measure.instrument);
    let dimension = &instrument.dimensions[measure.dimension];
    let all: Vec<String> = dimension.items.iter().map(|i| instrument.items[*i].id.to_string()).collect();
    let weak = figures
        .map(|f| {
            dimension
                .items
                .iter()
                .filter(|i| {
                    f.items[**i]
                        .shown()
                        .and_then(|s| s.vs_organisation.as_deref())
                        .and_then(|c| c.mean)
                        .is_some_and(|d| d < 0.0)
                })
                .map(|i| instrument.items[*i].id.to_string())
                .collect()
        })
        .unwrap_or_default();
    (all, weak)
}
