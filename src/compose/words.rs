//! Shared words of every report: figures formatted for one language, names looked up in the
//! theme's UI strings, and the rows both reports print (a dimension's scores, a wave).

use serde::Serialize;

use crate::model::{ChallengeRef, Respondents, StageRef, TrustModel};
use crate::project::{Lang, Localized};
use crate::scoring::{Assessment, Comparison, Direction, InstrumentRef, Measure, Reported, Score, Suppression};
use crate::theme::Theme;

/// A comment as a template shows it: its text, its language when that is not the report's
/// (the page marks it, so a screen reader reads it in that language), then in the report's
/// language which language it is in (" (in Chinese)") and how many wrote it ("（2 人）"); both
/// empty where there is nothing to say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct ShownComment {
    pub text: String,
    pub lang: Option<Lang>,
    pub label: String,
    pub count: String,
}

/// Formats figures for one language, and looks up names.
pub(super) struct Words<'a> {
    pub theme: &'a Theme,
    pub model: &'a TrustModel,
    pub lang: &'a Lang,
    pub default: &'a Lang,
    /// Means are printed with their 95% margin (`reports.margins`).
    pub margins: bool,
    /// Series colours of charts (the brand's `colours.chart`); empty for the default ones.
    pub palette: Vec<crate::figure::Colour>,
}

impl<'a> Words<'a> {
    /// The words of the reports `input` composes, in `lang`.
    pub fn of(input: &super::ComposeInput<'a>, lang: &'a Lang) -> Words<'a> {
        Words {
            theme: input.theme,
            model: input.model,
            lang,
            default: input.project.default_lang(),
            margins: input.project.config.reports.margins,
            palette: input
                .project
                .config
                .brand
                .iter()
                .flat_map(|brand| &brand.colours.chart)
                .map(|c| crate::figure::Colour { r: c.r, g: c.g, b: c.b, alpha: 255 })
                .collect(),
        }
    }
}

impl Words<'_> {
    pub fn t(&self, key: &str) -> String {
        self.theme.text(self.lang, key).to_string()
    }

    pub fn name(&self, text: &Localized) -> String {
        text.get(self.lang, self.default).to_string()
    }

    pub fn mean(value: Option<f64>) -> String {
        value.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
    }

    /// A mean as a report table prints it: `4.01`, or `4.01 ± 0.21` (the 95% interval's half
    /// width) when margins are asked for and the mean has an interval.
    pub fn mean_with(&self, value: Option<f64>, interval: Option<&crate::scoring::Interval>) -> String {
        match (value, interval) {
            (Some(mean), Some(interval)) if self.margins => {
                format!("{mean:.2} ± {:.2}", (interval.high - interval.low) / 2.0)
            }
            _ => Self::mean(value),
        }
    }

    pub fn percent(value: Option<f64>) -> String {
        value.map_or_else(|| "–".to_string(), |v| format!("{v:.0}%"))
    }

    pub fn signed(value: Option<f64>, decimals: usize, suffix: &str) -> String {
        match value {
            Some(v) if v.abs() < 0.5 * 10f64.powi(-(decimals as i32)) => format!("±0{suffix}"),
            Some(v) if v > 0.0 => format!("+{v:.decimals$}{suffix}"),
            Some(v) => format!("−{:.decimals$}{suffix}", v.abs()),
            None => String::new(),
        }
    }

    pub fn withheld(&self, why: &Suppression) -> String {
        let (key, n) = match why {
            Suppression::FewerResponses { threshold } => ("withheld_fewer", threshold),
            Suppression::FewerAnswers { threshold } => ("withheld_answers", threshold),
            Suppression::Complementary { threshold } => ("withheld_complementary", threshold),
            Suppression::FewerComments { threshold } => ("withheld_comments", threshold),
        };
        self.t(key).replace("{n}", &n.to_string())
    }

    /// Why one figure in a table is withheld, in a few words.
    pub fn withheld_short(&self, why: &Suppression) -> String {
        let (key, n) = match why {
            Suppression::FewerResponses { threshold } | Suppression::FewerAnswers { threshold } => {
                ("figure_withheld_fewer", threshold)
            }
            Suppression::Complementary { threshold } | Suppression::FewerComments { threshold } => {
                ("figure_withheld_complementary", threshold)
            }
        };
        self.t(key).replace("{n}", &n.to_string())
    }

    /// The words for a flagged gap (`below`: the locale key of what it is below), or nothing.
    pub fn gap_words(&self, comparison: Option<&Comparison>, below: &str) -> String {
        match comparison {
            Some(c) if c.flagged() => self.t(below),
            Some(c) if c.means_unreliable => self.t("flag_gap_unreliable"),
            Some(c) if c.within_noise => self.t("flag_gap_within_noise"),
            _ => String::new(),
        }
    }

    /// The words for a gap to the rest of the unit: flagged, or within noise. Where team
    /// means do not reliably differ the organisation's gap already says so.
    pub fn unit_gap_words(&self, comparison: Option<&Comparison>) -> String {
        match comparison {
            Some(c) if c.flagged() => self.t("flag_below_unit"),
            Some(c) if c.within_noise => self.t("flag_unit_gap_within_noise"),
            _ => String::new(),
        }
    }

    /// The words for a gap to the external benchmark: flagged, or within noise.
    pub fn benchmark_gap_words(&self, comparison: Option<&Comparison>) -> String {
        match comparison {
            Some(c) if c.flagged() => self.t("flag_below_benchmark"),
            Some(c) if c.within_noise => self.t("flag_benchmark_gap_within_noise"),
            _ => String::new(),
        }
    }

    /// "Benchmark: … (source, year; n = …)." under a table with a benchmark column; empty
    /// without a benchmark.
    pub fn benchmark_note(&self, assessment: &Assessment) -> String {
        let Some(benchmark) = &assessment.benchmark else { return String::new() };
        self.t("benchmark_note")
            .replace("{label}", &self.name(&benchmark.label))
            .replace("{source}", &self.name(&benchmark.source))
            .replace("{year}", &benchmark.year.to_string())
            .replace("{n}", &benchmark.n.to_string())
    }

    /// Clauses joined as a notes cell joins them, the empty ones left out.
    pub fn clauses(&self, clauses: &[String]) -> String {
        let present: Vec<&str> = clauses.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
        present.join(&self.t("clause_separator"))
    }

    pub fn trend_words(&self, comparison: Option<&Comparison>) -> String {
        match comparison.and_then(Comparison::direction) {
            Some(Direction::Down) => self.t("flag_falling"),
            Some(Direction::Up) => self.t("flag_rising"),
            Some(Direction::Mixed) => self.t("flag_mixed"),
            None if comparison.is_some_and(|c| c.within_noise) => self.t("flag_change_within_noise"),
            None => String::new(),
        }
    }

    /// Names joined as a sentence lists them: "a", "a and b", "a, b and c" (zh: "甲、乙和丙").
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [only] => only.clone(),
            [rest @ .., last] => format!("{}{}{last}", rest.join(&self.t("list_separator")), self.t("list_and")),
        }
    }

    /// A name as it stands inside a sentence: with its first letter lowered where the language
    /// writes names so (`names_in_sentences: lower`, English: "the plan focuses on ability").
    pub fn inline(&self, name: &str) -> String {
        if self.t("names_in_sentences") != "lower" {
            return name.to_string();
        }
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// A group's comments as a report lists them: each once, with how many people wrote it
    /// when more than one did ("… (2 people)"). The list is sorted, so equal ones are adjacent.
    pub fn comments(&self, list: &[crate::survey::Comment]) -> Vec<ShownComment> {
        let mut shown: Vec<ShownComment> = Vec::new();
        let mut index = 0;
        while index < list.len() {
            let same = list[index..].iter().take_while(|c| **c == list[index]).count();
            let mut comment = self.comment(&list[index]);
            if same > 1 {
                comment.count = self.t("comment_count").replace("{n}", &same.to_string());
            }
            shown.push(comment);
            index += same;
        }
        shown
    }

    /// A comment as a report shows it: as written, marked as in its language when that is not
    /// the report's, and labelled in the report's language ("… (in Chinese)"). A comment
    /// without a recorded language is in the project's default language.
    pub fn comment(&self, comment: &crate::survey::Comment) -> ShownComment {
        let lang = comment.lang.as_ref().unwrap_or(self.default);
        if lang == self.lang {
            return ShownComment { text: comment.text.clone(), lang: None, label: String::new(), count: String::new() };
        }
        // The reader's name for the language; else its own name, else its tag.
        let key = format!("comment_language_{lang}");
        let label = match self.t(&key) {
            label if label != key => label,
            _ => {
                let name = match self.theme.text(lang, "language_name") {
                    "language_name" => lang.as_str(),
                    name => name,
                };
                format!("{}{name}{}", self.t("paren_open"), self.t("paren_close"))
            }
        };
        ShownComment { text: comment.text.clone(), lang: Some(lang.clone()), label, count: String::new() }
    }

    /// A wave as readers know it: its `name` in this language, else its id.
    pub fn wave_name(&self, organisation: &crate::survey::Organisation, wave: usize) -> String {
        let wave = &organisation.waves[wave];
        wave.name.as_ref().map_or_else(|| wave.id.to_string(), |name| self.name(name))
    }

    pub fn stage(&self, stage: StageRef) -> String {
        self.name(&self.model.stage_concept(stage).name)
    }

    pub fn challenge(&self, challenge: ChallengeRef) -> String {
        self.name(&self.model.challenge_concept(challenge).name)
    }
}

/// Every instrument's dimension names in one language. Where a plan names a further
/// instrument's dimension it says whose view it is ("客户眼中的诚信", "integrity as customers
/// see it"); [`DimensionNames::plain`] gives the bare names, for tables already headed so.
pub(super) struct DimensionNames {
    plain: Vec<Vec<String>>,
    marked: Vec<Vec<String>>,
}

impl DimensionNames {
    pub fn new(words: &Words<'_>, assessment: &Assessment) -> DimensionNames {
        let instruments =
            std::iter::once(&assessment.instrument).chain(assessment.further.iter().map(|f| &f.instrument));
        let mut plain = Vec::new();
        let mut marked = Vec::new();
        for (i, instrument) in instruments.enumerate() {
            let names: Vec<String> = instrument.dimensions.iter().map(|d| words.name(&d.name)).collect();
            let pattern = match (i, instrument.respondents) {
                (0, _) => None,
                (_, Respondents::Customers) => Some(words.t("customer_view")),
                (_, Respondents::Members) => match &instrument.about {
                    // "The team leader's integrity": the dimension in the middle of a phrase.
                    Some(about) => {
                        let pattern = words.t("about_view").replace("{about}", &words.name(about));
                        marked.push(
                            names
                                .iter()
                                .map(|n| capitalised(&pattern.replace("{dimension}", &words.inline(n))))
                                .collect(),
                        );
                        plain.push(names);
                        continue;
                    }
                    None => Some(words.t("instrument_view").replace("{instrument}", &words.name(&instrument.title))),
                },
            };
            marked.push(match pattern {
                Some(pattern) => names.iter().map(|n| pattern.replace("{dimension}", n)).collect(),
                None => names.clone(),
            });
            plain.push(names);
        }
        DimensionNames { plain, marked }
    }

    fn index(instrument: InstrumentRef) -> usize {
        match instrument {
            InstrumentRef::Default => 0,
            InstrumentRef::Further(f) => f + 1,
        }
    }

    /// The name of a measure, marked with whose view it is unless it is the default instrument's.
    pub fn of(&self, measure: Measure) -> &str {
        &self.marked[Self::index(measure.instrument)][measure.dimension]
    }

    /// The name of a measure inside a sentence: as [`DimensionNames::of`], with a capital
    /// first letter lowered where the language writes names so (`names_in_sentences: lower`).
    pub fn in_sentence(&self, words: &Words<'_>, measure: Measure) -> String {
        words.inline(self.of(measure))
    }

    /// An instrument's dimension names, unmarked.
    pub fn plain(&self, instrument: InstrumentRef) -> &[String] {
        &self.plain[Self::index(instrument)]
    }
}

#[derive(Serialize)]
pub(super) struct Named {
    pub name: String,
}

#[derive(Serialize)]
pub(super) struct WaveInfo {
    pub id: String,
    /// The wave's name in the language (`name:` in organisation.yaml), else its id.
    pub name: String,
    pub date: String,
}

#[derive(Serialize)]
pub(super) struct DimensionRow {
    name: String,
    mean: String,
    favourable: String,
    vs_organisation: String,
    vs_organisation_pp: String,
    /// Against the rest of the team's unit; empty where there is no such rest to show.
    pub vs_unit: String,
    vs_unit_pp: String,
    /// Against the external benchmark; empty where it has no figure.
    pub vs_benchmark: String,
    vs_benchmark_pp: String,
    gap: String,
    trend: String,
    trend_pp: String,
    trend_words: String,
    /// A caveat on the figure itself (the team's items disagree); may be empty.
    pub note: String,
}

/// A dimension's row; a withheld figure shows dashes and, in place of the gap, why.
pub(super) fn dimension_row(words: &Words<'_>, name: String, score: &Reported<Score>) -> DimensionRow {
    dimension_row_against(words, name, score, "flag_below_organisation", true)
}

/// A dimension's row, with `below` the locale key saying what a flagged gap is below, and
/// with its comparison with the rest of the unit when `with_unit`.
pub(super) fn dimension_row_against(
    words: &Words<'_>,
    name: String,
    score: &Reported<Score>,
    below: &str,
    with_unit: bool,
) -> DimensionRow {
    let score = match score {
        Reported::Shown(score) => score,
        Reported::Suppressed(why) => {
            let dash = Words::mean(None);
            return DimensionRow {
                name,
                mean: dash.clone(),
                favourable: dash.clone(),
                vs_organisation: dash.clone(),
                vs_organisation_pp: dash.clone(),
                vs_unit: dash.clone(),
                vs_unit_pp: dash.clone(),
                vs_benchmark: dash.clone(),
                vs_benchmark_pp: dash,
                gap: words.withheld_short(why),
                trend: String::new(),
                trend_pp: String::new(),
                trend_words: String::new(),
                note: String::new(),
            };
        }
    };
    let vs = score.vs_organisation.as_deref();
    let unit = score.vs_unit.as_deref().filter(|_| with_unit);
    let benchmark = score.vs_benchmark.as_deref();
    let trend = score.trend.as_deref();
    DimensionRow {
        name,
        mean: words.mean_with(score.mean, score.interval.as_ref()),
        favourable: Words::percent(score.distribution.favourable),
        vs_organisation: Words::signed(vs.and_then(|c| c.mean), 2, ""),
        vs_organisation_pp: Words::signed(vs.and_then(|c| c.favourable_pp), 1, &words.t("pp")),
        vs_unit: Words::signed(unit.and_then(|c| c.mean), 2, ""),
        vs_unit_pp: Words::signed(unit.and_then(|c| c.favourable_pp), 1, &words.t("pp")),
        vs_benchmark: Words::signed(benchmark.and_then(|c| c.mean), 2, ""),
        vs_benchmark_pp: Words::signed(benchmark.and_then(|c| c.favourable_pp), 1, &words.t("pp")),
        gap: words.clauses(&[
            words.gap_words(vs, below),
            words.unit_gap_words(unit),
            words.benchmark_gap_words(benchmark),
        ]),
        trend: Words::signed(trend.and_then(|c| c.mean), 2, ""),
        trend_pp: Words::signed(trend.and_then(|c| c.favourable_pp), 1, &words.t("pp")),
        trend_words: words.trend_words(trend),
        note: String::new(),
    }
}

/// An item against a comparison group, as the strengths, opportunities and "items below"
/// tables print it.
#[derive(Serialize)]
pub(super) struct ItemRow {
    text: String,
    team: String,
    organisation: String,
    difference: String,
}

/// The rows for `indices` (items of `instrument`), the team's `figures` against `comparison`.
pub(super) fn item_rows(
    words: &Words<'_>,
    instrument: &crate::survey::Instrument,
    figures: &crate::scoring::Figures,
    comparison: Option<&crate::scoring::Figures>,
    indices: &[usize],
) -> Vec<ItemRow> {
    indices
        .iter()
        .map(|i| ItemRow {
            text: item_label(words, &instrument.items[*i]),
            team: Words::mean(figures.items[*i].mean()),
            organisation: Words::mean(comparison.and_then(|o| o.items[*i].mean())),
            difference: Words::signed(
                figures.items[*i].shown().and_then(|s| s.vs_organisation.as_deref()).and_then(|c| c.mean),
                2,
                "",
            ),
        })
        .collect()
}

/// An item's text, marked when it is reverse-worded: its score is turned round, so a high
/// score on "people look after themselves only" is good news, and the reader must know.
pub(super) fn item_label(words: &Words<'_>, item: &crate::survey::Item) -> String {
    let text = words.name(&item.text);
    if item.reverse { format!("{text}{}", words.t("reverse_marker")) } else { text }
}

/// `text` with its first letter in upper case, as a name standing alone (a heading) is written.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
