//! A team's results on further instruments, such as its customers' ratings: one section per
//! instrument that is for the team, with the dimension table against all the teams the
//! instrument covers, the items furthest below them, and comments where the threshold allows.
//! What the plan makes of a customer gap is `plan`'s; this only says what the figures are.

use serde::Serialize;

use super::words::{DimensionNames, DimensionRow, Words, dimension_row_against, item_label};
use crate::model::Respondents;
use crate::scoring::{Assessment, InstrumentRef, Reported};

#[derive(Serialize)]
pub(super) struct FurtherSection {
    heading: String,
    intro: String,
    /// Why the section has no figures, when it has none.
    withheld: Option<String>,
    dimensions: Vec<DimensionRow>,
    /// The items most below all the teams the instrument covers.
    below: Vec<FurtherItem>,
    comments: Vec<String>,
    comments_withheld: Option<String>,
}

#[derive(Serialize)]
pub(super) struct FurtherItem {
    text: String,
    team: String,
    all: String,
    difference: String,
}

/// The sections for `team` in wave `wave`, one per further instrument that is for it, in id
/// order. Its figures follow the same anonymity rules as the team's own: a section whose
/// respondents are too few says so and shows none.
pub(super) fn sections(
    words: &Words<'_>,
    assessment: &Assessment,
    names: &DimensionNames,
    team: usize,
    wave: usize,
) -> Vec<FurtherSection> {
    let facts = &assessment.organisation.teams[team];
    assessment
        .further
        .iter()
        .enumerate()
        .filter(|(_, f)| f.instrument.applies_to_team(facts))
        .map(|(index, further)| {
            let instrument = &further.instrument;
            let scores = &further.scores.waves[wave];
            let covered = assessment.organisation.teams.iter().filter(|t| instrument.applies_to_team(t)).count();
            let (heading, intro_key) = match instrument.respondents {
                Respondents::Customers => (words.t("further_heading_customers"), "further_intro_customers"),
                Respondents::Members => (words.name(&instrument.title), "further_intro_members"),
            };
            let all = scores.organisation.figures.shown();
            let (figures, withheld) = match &scores.teams[team].figures {
                Reported::Shown(figures) => (Some(figures), None),
                Reported::Suppressed(why) => (None, Some(words.withheld(why))),
            };
            let intro = words
                .t(intro_key)
                .replace("{n}", &figures.map_or_else(String::new, |f| f.respondents.to_string()))
                .replace("{instrument}", &words.name(&instrument.title))
                .replace("{teams}", &covered.to_string());
            let plain = names.plain(InstrumentRef::Further(index));
            let dimensions = figures
                .map(|f| {
                    f.dimensions
                        .iter()
                        .zip(plain)
                        .map(|(score, name)| {
                            dimension_row_against(words, name.clone(), score, "flag_below_rated_teams")
                        })
                        .collect()
                })
                .unwrap_or_default();
            let below = figures
                .map(|f| {
                    f.opportunities
                        .iter()
                        .map(|i| FurtherItem {
                            text: item_label(words, &instrument.items[*i]),
                            team: Words::mean(f.items[*i].mean()),
                            all: Words::mean(all.and_then(|o| o.items[*i].mean())),
                            difference: Words::signed(
                                f.items[*i].shown().and_then(|s| s.vs_organisation.as_ref()).and_then(|c| c.mean),
                                2,
                                "",
                            ),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let (comments, comments_withheld) = match (&scores.teams[team].comments, figures) {
                (Reported::Shown(list), Some(_)) => (list.clone(), None),
                (Reported::Suppressed(why), Some(_)) => (Vec::new(), Some(words.withheld(why))),
                (_, None) => (Vec::new(), None),
            };
            FurtherSection {
                heading,
                intro: if figures.is_some() { intro } else { String::new() },
                withheld,
                dimensions,
                below,
                comments,
                comments_withheld,
            }
        })
        .collect()
}
