//! The top of page 1 of every result document: for whom and by whom it was prepared, which
//! survey it reports and when it closed, when it was delivered, the confidentiality line and
//! who may read it. No separate cover page: a manager opening the file sees at once whether it
//! is theirs. The brand's texts come from `brand:` in trustbook.yaml (empty without it), the
//! readers from the team's or unit's `leader` in organisation.yaml.

use serde::Serialize;

use super::ComposeInput;
use super::words::Words;
use crate::project::Localized;

/// What a report's template prints at its top; empty strings where nothing is known.
#[derive(Serialize)]
pub(super) struct Masthead {
    pub client: String,
    pub prepared_by: String,
    pub contact: String,
    /// The questionnaire's title ("Trust in the team"), naming the survey beside its wave.
    pub survey: String,
    /// "2026-09-15 – 2026-09-29", or the opening date alone when no closing date is given.
    pub wave_dates: String,
    /// The build's date: `SOURCE_DATE_EPOCH` when set.
    pub delivered: String,
    pub confidentiality: String,
    /// Who may read the document.
    pub readers: String,
}

/// Whose document it is, for the readers line.
#[derive(Clone, Copy)]
pub(super) enum Audience<'a> {
    /// A team's report: its leader, when named.
    Team(Option<&'a Localized>),
    /// A unit's pack: its head, when named.
    Unit(Option<&'a Localized>),
    /// The organisation summary: read by whoever commissioned the survey.
    Organisation,
}

pub(super) fn masthead(input: &ComposeInput<'_>, words: &Words<'_>, audience: Audience<'_>) -> Masthead {
    let brand = input.project.config.brand.as_ref();
    let brand_text =
        |pick: fn(&crate::project::Brand) -> &Localized| brand.map(|b| words.name(pick(b))).unwrap_or_default();
    let wave = &input.assessment.organisation.waves[input.wave];
    let wave_dates = match wave.closes {
        Some(closes) if closes != wave.date => format!("{} – {closes}", wave.date),
        _ => wave.date.to_string(),
    };
    let readers = match audience {
        Audience::Team(Some(leader)) => words.t("report_readers_team").replace("{leader}", &words.name(leader)),
        Audience::Unit(Some(head)) => words.t("report_readers_unit").replace("{leader}", &words.name(head)),
        Audience::Team(None) | Audience::Unit(None) => words.t("report_readers_default"),
        Audience::Organisation => String::new(),
    };
    Masthead {
        client: brand_text(|b| &b.client),
        prepared_by: brand_text(|b| &b.prepared_by),
        contact: brand_text(|b| &b.contact),
        survey: words.name(&input.assessment.instrument.title),
        wave_dates,
        delivered: input.delivered.to_string(),
        confidentiality: brand_text(|b| &b.confidentiality),
        readers,
    }
}
