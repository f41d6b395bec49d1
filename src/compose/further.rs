//! A team's results on further instruments, such as its customers' ratings: one section per
//! instrument that is for the team, with the dimension table against all the teams the
//! instrument covers, the items furthest below them, and comments where the threshold allows.
//! What the plan makes of a customer gap is `plan`'s; this only says what the figures are.

use serde::Serialize;

use super::words::{DimensionNames, DimensionRow, ItemRow, ShownComment, Words, dimension_row_against, item_rows};
use crate::model::Respondents;
use crate::scoring::{Assessment, InstrumentRef, Reported, Suppression};

#[derive(Serialize)]
pub(super) struct FurtherSection {
    heading: String,
    intro: String,
    /// The comparison's column headings and the heading over the items below it: "the rated
    /// teams" for an instrument for some teams, "the organisation" for one for every team.
    vs_heading: String,
    comparison: String,
    items_heading: String,
    /// Why the section has no figures, when it has none.
    withheld: Option<String>,
    dimensions: Vec<DimensionRow>,
    /// The items most below all the teams the instrument covers, where the gap is clearly
    /// there (the same size thresholds and tests as every flag); `no_items` says when none is.
    below: Vec<ItemRow>,
    no_items: String,
    /// For results about a person: who this part is for. Empty otherwise.
    private_note: String,
    comments: Vec<ShownComment>,
    comments_withheld: Option<String>,
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
            let every_team = instrument.applies_to.is_empty();
            // Ratings of a person compare with everyone else's ratings of theirs, not with "the
            // organisation".
            let below_key = match (every_team, instrument.about.is_some()) {
                (true, true) => "flag_below_all_ratings",
                (true, false) => "flag_below_organisation",
                (false, _) => "flag_below_rated_teams",
            };
            // The columns and the items' heading say what the flags say.
            let (vs_heading, comparison, items_heading, no_items) = match (every_team, instrument.about.is_some()) {
                (true, true) => {
                    ("vs_all_ratings", "all_ratings", "further_items_heading_about", "no_further_items_about")
                }
                (true, false) => {
                    ("vs_organisation", "organisation", "further_items_heading_all", "no_further_items_all")
                }
                (false, _) => ("vs_rated_teams", "all_rated_teams", "further_items_heading", "no_further_items"),
            };
            let (figures, withheld) = match &scores.teams[team].figures {
                Reported::Shown(figures) => (Some(figures), None),
                Reported::Suppressed(why) => (None, Some(withheld_words(words, instrument.respondents, why))),
            };
            let mut intro = words
                .t(intro_key)
                .replace("{n}", &figures.map_or_else(String::new, |f| f.respondents.to_string()))
                .replace("{instrument}", &words.name(&instrument.title))
                .replace("{teams}", &covered.to_string());
            // Since the last survey a different person holds the role: say why no change shows.
            let previous = wave.checked_sub(1).map(|p| further.scores.waves[p].date);
            if let (Some(fact), Some(date), Some(about)) = (instrument.rated_since, previous, &instrument.about)
                && !fact.same_person_since(facts, date)
            {
                let note = words.t("further_new_person").replace("{about}", &words.name(about));
                intro = format!("{intro}{}{note}", words.t("sentence_gap"));
            }
            // A person new in the role is still being got to know: say so beside low figures.
            let in_role = match instrument.rated_since {
                Some(crate::survey::RatedSince::LeaderSince) => facts.leader_since,
                None => None,
            };
            if let (Some(since), Some(about)) = (in_role, &instrument.about) {
                let months = since.whole_months_until(scores.date);
                // Within the model's first stage by months, views may still be forming.
                let first_stage = words.model.stage_by_months.first().and_then(|band| band.below);
                if first_stage.is_some_and(|below| f64::from(months) < below) {
                    let note = words
                        .t("further_new_in_role")
                        .replace("{about}", &words.name(about))
                        .replace("{months}", &months.to_string());
                    intro = format!("{intro}{}{note}", words.t("sentence_gap"));
                }
            }
            let plain = names.plain(InstrumentRef::Further(index));
            let dimensions = figures
                .map(|f| {
                    f.dimensions
                        .iter()
                        .zip(plain)
                        .map(|(score, name)| dimension_row_against(words, name.clone(), score, below_key, false))
                        .collect()
                })
                .unwrap_or_default();
            // Single items' small gaps are chance as often as not: only flagged ones are listed.
            let clearly_below = |f: &crate::scoring::Figures| -> Vec<usize> {
                let flagged = |i: &&usize| {
                    f.items[**i]
                        .shown()
                        .and_then(|s| s.vs_organisation.as_deref())
                        .is_some_and(|c| c.mean_flag || c.favourable_flag)
                };
                f.opportunities.iter().filter(flagged).copied().collect()
            };
            let below = figures.map(|f| item_rows(words, instrument, f, all, &clearly_below(f))).unwrap_or_default();
            let private_note = instrument.about.as_ref().map_or_else(String::new, |about| {
                words.t("further_private_note").replace("{about}", &words.name(about))
            });
            let (comments, comments_withheld) = match (&scores.teams[team].comments, figures) {
                (Reported::Shown(list), Some(_)) => (words.comments(list), None),
                (Reported::Suppressed(why), Some(_)) => (Vec::new(), Some(words.withheld(why))),
                (_, None) => (Vec::new(), None),
            };
            FurtherSection {
                heading,
                intro: if figures.is_some() { intro } else { String::new() },
                vs_heading: words.t(vs_heading),
                comparison: words.t(comparison),
                items_heading: words.t(items_heading),
                no_items: words.t(no_items),
                private_note,
                withheld,
                dimensions,
                below,
                comments,
                comments_withheld,
            }
        })
        .collect()
}

/// Why a further instrument's figures for the team are withheld, said of its respondents
/// ("fewer than 5 customers rated this team").
fn withheld_words(words: &Words<'_>, respondents: Respondents, why: &Suppression) -> String {
    match (respondents, why) {
        (
            Respondents::Customers,
            Suppression::FewerResponses { threshold } | Suppression::FewerAnswers { threshold },
        ) => words.t("further_withheld_fewer").replace("{n}", &threshold.to_string()),
        (Respondents::Customers, Suppression::Complementary { .. }) => words.t("further_withheld_complementary"),
        _ => words.withheld(why),
    }
}

/// A further instrument in the organisation summary: every team it is for, in the summary's
/// order, with each dimension's mean, and all of them together first.
#[derive(Serialize)]
pub(super) struct FurtherTable {
    heading: String,
    /// The respondents column's heading ("customers").
    respondents: String,
    dimensions: Vec<String>,
    rows: Vec<FurtherRow>,
}

#[derive(Serialize)]
pub(super) struct FurtherRow {
    name: String,
    respondents: String,
    means: Vec<String>,
    /// The flagged dimensions in words, or why the row is withheld.
    notes: String,
}

/// The summary's tables, one per further instrument, teams in `team_order`.
pub(super) fn summary_tables(
    words: &Words<'_>,
    assessment: &Assessment,
    team_order: &[usize],
    wave: usize,
) -> Vec<FurtherTable> {
    assessment
        .further
        .iter()
        .map(|further| {
            let instrument = &further.instrument;
            let scores = &further.scores.waves[wave];
            let dimensions: Vec<String> = instrument.dimensions.iter().map(|d| words.name(&d.name)).collect();
            let row = |name: String, figures: &Reported<crate::scoring::Figures>| match figures {
                Reported::Shown(f) => {
                    let with = |flagged: &dyn Fn(&crate::scoring::Score) -> bool| -> Vec<String> {
                        f.dimensions
                            .iter()
                            .zip(&dimensions)
                            .filter(|(s, _)| s.shown().is_some_and(flagged))
                            .map(|(_, name)| words.inline(name))
                            .collect()
                    };
                    let below = with(&|s| s.vs_organisation.as_deref().is_some_and(|c| c.flagged()));
                    let falling = with(&|s| s.trend.as_deref().is_some_and(|c| c.falling()));
                    let mut notes = Vec::new();
                    // An instrument for every team compares with the organisation, or for
                    // ratings of a person with everyone's ratings of theirs.
                    let below_key = match (instrument.applies_to.is_empty(), instrument.about.is_some()) {
                        (true, true) => "further_flagged_about",
                        (true, false) => "further_flagged_all",
                        (false, _) => "further_flagged",
                    };
                    for (names, key) in [(below, below_key), (falling, "further_falling")] {
                        if !names.is_empty() {
                            notes.push(capitalised(&words.t(key).replace("{dimensions}", &words.list(&names))));
                        }
                    }
                    FurtherRow {
                        name,
                        respondents: f.respondents.to_string(),
                        means: f.dimensions.iter().map(|s| Words::mean(s.mean())).collect(),
                        notes: notes.join(&words.t("clause_separator")),
                    }
                }
                Reported::Suppressed(why) => FurtherRow {
                    name,
                    respondents: String::new(),
                    means: vec![Words::mean(None); dimensions.len()],
                    notes: words.withheld_short(why),
                },
            };
            let mut rows = vec![row(words.t("all_rated_teams"), &scores.organisation.figures)];
            for t in team_order.iter().filter(|t| instrument.applies_to_team(&assessment.organisation.teams[**t])) {
                rows.push(row(words.name(&assessment.organisation.teams[*t].name), &scores.teams[*t].figures));
            }
            let (heading, respondents) = match instrument.respondents {
                Respondents::Customers => (words.t("further_summary_customers"), words.t("customers")),
                Respondents::Members => (words.name(&instrument.title), words.t("respondents")),
            };
            FurtherTable { heading, respondents, dimensions, rows }
        })
        .collect()
}

/// A note opening a table cell starts with a capital (the names inside it stand lowered).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
