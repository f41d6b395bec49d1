//! `trustbook.yaml`: the project's settings, every key with a documented default.
//!
//! Unknown keys are errors (with a "did you mean" note from [`crate::yaml`]), so a misspelt
//! setting never silently does nothing. The `privacy`, `scoring`, `plan` and `pdf` sections configure
//! later stages; they are parsed and checked here so that one file has one schema.

use std::path::PathBuf;

use serde::Deserialize;

use super::brand::Brand;
use super::lang::{Lang, Localized};
use crate::diagnostics::{Diagnostics, SourceText};
use crate::source::Limits;

/// The file name of the project configuration, at the project root.
pub const CONFIG_FILE: &str = "trustbook.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site and book title. Default: "Trust handbook".
    pub title: Localized,
    /// One-line description shown on the home page and in metadata. Default: empty.
    pub description: Localized,
    /// Author or organisation, for metadata. Default: empty.
    pub author: String,
    /// Languages to build; the first is the default language. Default: `[zh, en]`.
    pub languages: Vec<Lang>,
    /// Absolute URL where the site will be published, for canonical links. Default: empty
    /// (all links stay relative, so `output/` also works straight from disk).
    pub base_url: String,
    /// Theme name: `default` (embedded) or a folder under `themes/`. Default: `default`.
    pub theme: String,
    /// Output folder, relative to the project root. Default: `output`.
    pub output: PathBuf,
    pub content: ContentConfig,
    pub privacy: PrivacyConfig,
    pub scoring: ScoringConfig,
    pub plan: PlanConfig,
    pub reports: ReportsConfig,
    pub pdf: PdfConfig,
    pub citations: CitationConfig,
    /// Whose deliverables these are: client, consultancy, logo, colours. Default: none, and
    /// the output carries no brand.
    pub brand: Option<Brand>,
    /// Bounds on runaway input and output; see [`Limits`].
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            title: Localized::Same("Trust handbook".to_string()),
            description: Localized::default(),
            author: String::new(),
            languages: vec![Lang::parse("zh").unwrap(), Lang::parse("en").unwrap()],
            base_url: String::new(),
            theme: "default".to_string(),
            output: PathBuf::from("output"),
            content: ContentConfig::default(),
            privacy: PrivacyConfig::default(),
            scoring: ScoringConfig::default(),
            plan: PlanConfig::default(),
            reports: ReportsConfig::default(),
            pdf: PdfConfig::default(),
            citations: CitationConfig::default(),
            brand: None,
            limits: Limits::default(),
        }
    }
}

/// How the handbook's Markdown is read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContentConfig {
    /// Keep HTML blocks written in Markdown, sanitised (no scripts, event handlers, remote
    /// pictures or unsafe links). Default: false, and they are shown as text.
    pub allow_raw_html: bool,
}

/// How `[@key]` citations of `content/references.yaml` are formatted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CitationConfig {
    /// A CSL style per language, by the name of one bundled with Hayagriva
    /// (`gb-7714-2015-numeric`, `apa`, `chicago-author-date`, `ieee`…). Languages not named
    /// use `apa`. Default: `{zh: gb-7714-2015-numeric, en: apa}`.
    pub styles: std::collections::BTreeMap<Lang, String>,
    /// The heading of a page's reference list. Default: `{zh: 参考文献, en: References}`.
    pub heading: Localized,
}

impl Default for CitationConfig {
    fn default() -> Self {
        let lang = |l: &str| Lang::parse(l).expect("a valid language tag");
        CitationConfig {
            styles: [(lang("zh"), "gb-7714-2015-numeric".to_string()), (lang("en"), "apa".to_string())].into(),
            heading: Localized::PerLanguage(
                [(lang("zh"), "参考文献".to_string()), (lang("en"), "References".to_string())].into(),
            ),
        }
    }
}

impl CitationConfig {
    /// The style name for `lang`.
    pub fn style(&self, lang: &Lang) -> &str {
        self.styles.get(lang).map_or("apa", String::as_str)
    }
}

/// Anonymity thresholds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// A group with fewer respondents shows no figures. Default: 5.
    pub min_respondents: u32,
    /// Comments are shown only when at least this many people commented. Default: 5.
    pub min_comments: u32,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        Self { min_respondents: 5, min_comments: 5 }
    }
}

/// How scores are computed and when differences are flagged.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoringConfig {
    /// Share of a dimension's items a person must answer for a dimension score. Default: 0.5.
    pub min_answered: f64,
    /// Missing-data handling for Cronbach's alpha. Default: `pairwise`.
    pub alpha: AlphaMethod,
    /// Gap against the organisation that is flagged (negative numbers). Default: -0.2 / -5 pp.
    pub gap: Thresholds,
    /// Change against the previous wave that is flagged, either way. Default: 0.2 / 5 pp.
    pub trend: Thresholds,
    /// The level at which a difference must be significant to be flagged, besides reaching
    /// its size; `off` flags by size alone. Default: 0.05.
    #[serde(deserialize_with = "significance")]
    pub significance: Option<f64>,
    /// False discovery rate control across the teams of a wave (and across its units):
    /// `benjamini_hochberg` or `off`. Default: `benjamini_hochberg`.
    pub fdr: FdrMethod,
    /// Below this ICC(2) of a dimension in a wave, team means do not reliably differ: reports
    /// say so, and teams' gaps against the organisation on it are not flagged. Default: 0.7.
    pub min_icc2: f64,
    /// Below this alpha within a team of at least `team_alpha_min_n` people, its report says
    /// the dimension's items disagree there. Default: 0.6 and 10.
    pub min_team_alpha: f64,
    pub team_alpha_min_n: usize,
}

/// How the p values of many teams are adjusted before they decide flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FdrMethod {
    BenjaminiHochberg,
    Off,
}

/// `scoring.significance`: a level between 0 and 1, or `off`.
fn significance<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        Level(f64),
        Word(String),
    }
    match Given::deserialize(deserializer)? {
        Given::Level(level) => Ok(Some(level)),
        Given::Word(word) if word == "off" => Ok(None),
        Given::Word(word) => {
            Err(serde::de::Error::custom(format!("`{word}`: expected a level such as 0.05, or `off`")))
        }
    }
}

impl Default for ScoringConfig {
    fn default() -> Self {
        Self {
            min_answered: 0.5,
            alpha: AlphaMethod::Pairwise,
            gap: Thresholds { mean: -0.2, favourable_pp: -5.0 },
            trend: Thresholds { mean: 0.2, favourable_pp: 5.0 },
            significance: Some(0.05),
            fdr: FdrMethod::BenjaminiHochberg,
            min_icc2: 0.7,
            min_team_alpha: 0.6,
            team_alpha_min_n: 10,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlphaMethod {
    /// Pairwise-complete covariances: every answer counts.
    Pairwise,
    /// Drop every person with a missing answer first.
    Listwise,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Difference in mean score.
    pub mean: f64,
    /// Difference in favourable percentage points.
    pub favourable_pp: f64,
}

/// How improvement plans are put together. Which dimensions are flagged is `scoring`'s
/// business (`scoring.gap`, `scoring.trend`); these settings decide what a plan makes of it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlanConfig {
    /// Most dimensions a plan focuses on (flagged ones, weakest first): 1 or 2. Default: 2.
    pub max_focus: usize,
    /// Strategy pages offered per focus dimension. Default: 3.
    pub strategies_per_focus: usize,
    /// Dated actions in a plan, in all, best fit first, none twice: 1 to 3. Default: 3.
    pub max_actions: usize,
    /// Most challenges named as likely at play. Default: 2.
    pub max_challenges: usize,
    /// Target: the team's favourable share plus this many percentage points (at least the
    /// organisation's share, at most 100 %). Default: 10.
    pub target_gain_pp: f64,
    /// Days between one action's due date and the next. Default: 30.
    pub action_interval_days: u32,
    /// When no later wave is planned, the next survey is this many days after this one.
    /// Default: 182 (half a year).
    pub next_survey_days: u32,
}

impl Default for PlanConfig {
    fn default() -> Self {
        Self {
            max_focus: 2,
            strategies_per_focus: 3,
            max_actions: 3,
            max_challenges: 2,
            target_gain_pp: 10.0,
            action_interval_days: 30,
            next_survey_days: 182,
        }
    }
}

/// What report tables print besides the figures themselves. The exports always carry every
/// standard error and interval.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportsConfig {
    /// Print each mean with its 95% margin of error, `4.01 ± 0.21`. Default: false.
    pub margins: bool,
    /// An external benchmark to compare with: `content/benchmarks/<id>.yaml`. Default: none.
    pub benchmark: Option<String>,
}

/// PDF page and font settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PdfConfig {
    /// Paper size. Default: `a4`.
    pub paper: Paper,
    /// Fonts per role; an unset role uses the theme's embedded font.
    pub fonts: FontRoles,
    /// Turn missing glyphs from a warning into an error. Default: false.
    pub strict_glyphs: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FontRoles {
    pub body: Option<FontSpec>,
    pub heading: Option<FontSpec>,
    pub mono: Option<FontSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSpec {
    /// Font file, relative to the project root (TTF, OTF, TTC or WOFF2).
    pub path: PathBuf,
    /// Face index inside a collection (TTC). Default: 0.
    #[serde(default)]
    pub index: u32,
}

impl Config {
    /// Parses and checks a configuration file's text. All problems are returned together.
    pub fn parse(source: &SourceText) -> Result<Config, Diagnostics> {
        let config: Config = crate::yaml::parse(source, 0..source.text.len())?;
        let mut problems = Diagnostics::new();
        // Each problem points at the line of the value it is about.
        let file = crate::yaml::YamlFile::new(source.clone());
        let mut error = |key: &str, message: String| problems.push(file.error(key, message));
        if config.languages.is_empty() {
            error("languages", "at least one language is needed".into());
        }
        for (index, lang) in config.languages.iter().enumerate() {
            if config.languages[..index].contains(lang) {
                error(&format!("languages[{index}]"), format!("language `{lang}` is listed twice"));
            }
        }
        for (key, text) in [("title", &config.title), ("description", &config.description)] {
            for lang in text.unknown_languages(&config.languages) {
                error(&format!("{key}.{lang}"), format!("`{lang}` is not one of the configured languages"));
            }
        }
        let url = config.base_url.trim();
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !url.is_empty() && !web {
            error("base_url", format!("`{url}` is not a web address: expected one starting with https:// or http://"));
        }
        if config.theme.is_empty() || config.theme.contains(['/', '\\']) || config.theme.starts_with('.') {
            error("theme", format!("`{}` is not a theme name: expected a folder name under themes/", config.theme));
        }
        if !(config.scoring.min_answered > 0.0 && config.scoring.min_answered <= 1.0) {
            error("scoring.min_answered", "expected a share greater than 0 and at most 1".into());
        }
        if config.privacy.min_respondents == 0 {
            error("privacy.min_respondents", "must be at least 1".into());
        }
        if config.scoring.gap.mean > 0.0 || config.scoring.gap.favourable_pp > 0.0 {
            error(
                "scoring.gap",
                "gap thresholds are differences below the organisation: expected zero or negative numbers".into(),
            );
        }
        for (key, value) in
            [("scoring.min_icc2", config.scoring.min_icc2), ("scoring.min_team_alpha", config.scoring.min_team_alpha)]
        {
            if !(0.0..=1.0).contains(&value) {
                error(key, "expected a coefficient from 0 to 1".into());
            }
        }
        if config.scoring.significance.is_some_and(|level| !(level > 0.0 && level < 1.0)) {
            error("scoring.significance", "expected a level greater than 0 and less than 1, or `off`".into());
        }
        if config.scoring.trend.mean < 0.0 || config.scoring.trend.favourable_pp < 0.0 {
            error("scoring.trend", "trend thresholds are sizes of change: expected zero or positive numbers".into());
        }
        if let Some(id) = &config.reports.benchmark
            && (id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        {
            error(
                "reports.benchmark",
                format!(
                    "`{id}` is not a benchmark id: expected the name of a file in content/benchmarks/, without .yaml"
                ),
            );
        }
        let plan = &config.plan;
        if plan.strategies_per_focus == 0 {
            error("plan.strategies_per_focus", "must be at least 1: a plan needs something to work on".into());
        }
        // A team can work on two things at once, and on three actions, not more.
        for (key, value, most) in [("plan.max_focus", plan.max_focus, 2), ("plan.max_actions", plan.max_actions, 3)] {
            if value == 0 {
                error(key, "must be at least 1: a plan needs something to work on".into());
            } else if value > most {
                error(key, format!("is {value}; a team can take on at most {most} at a time"));
            }
        }
        if !(0.0..=100.0).contains(&plan.target_gain_pp) {
            error("plan.target_gain_pp", "expected percentage points from 0 to 100".into());
        }
        if plan.next_survey_days == 0 {
            error("plan.next_survey_days", "must be at least 1 day".into());
        }
        for (lang, style) in &config.citations.styles {
            if hayagriva::archive::ArchivedStyle::by_name(style).is_none() {
                let names = hayagriva::archive::ArchivedStyle::all().iter().flat_map(|s| s.names().iter().copied());
                let hint = crate::diagnostics::closest(style, names)
                    .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
                error(
                    &format!("citations.styles.{lang}"),
                    format!(
                        "`{style}` is not a citation style bundled with trustbook{hint}: use a CSL style name such as `apa` or `gb-7714-2015-numeric`"
                    ),
                );
            }
        }
        for (key, message) in config.brand.iter().flat_map(|brand| brand.problems(&config.languages)) {
            error(&key, message);
        }
        for (key, message) in config.limits.problems() {
            error(&format!("limits.{key}"), message);
        }
        problems.into_result(config)
    }

    /// Who signs pages and PDFs in `lang` (HTML `author`, PDF `Author`): the brand's
    /// consultancy when there is one, else `author`.
    pub fn signer(&self, lang: &Lang) -> String {
        let default = self.default_lang();
        self.brand.as_ref().and_then(|b| b.signer(lang, default)).unwrap_or_else(|| self.author.clone())
    }

    /// The default language: the first configured one.
    pub fn default_lang(&self) -> &Lang {
        &self.languages[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        Config::parse(&SourceText::new(CONFIG_FILE, text))
    }

    #[test]
    fn empty_file_gives_documented_defaults() {
        let config = parse("{}").unwrap();
        assert_eq!(config.default_lang().as_str(), "zh");
        assert_eq!(config.output, PathBuf::from("output"));
        assert_eq!(config.privacy.min_respondents, 5);
        assert_eq!(config.scoring.gap.favourable_pp, -5.0);
        assert_eq!(config.pdf.paper, Paper::A4);
        assert_eq!(config.plan, PlanConfig::default());
        assert_eq!(config.plan.target_gain_pp, 10.0);
    }

    #[test]
    fn base_url_must_be_a_web_address() {
        for bad in ["javascript:alert(1)", "ftp://x", "example.org", "//cdn"] {
            let errors = parse(&format!("base_url: \"{bad}\"\n")).unwrap_err();
            assert_eq!(errors.iter().next().unwrap().key.as_deref(), Some("base_url"), "{bad}");
        }
        assert!(parse("base_url: https://example.org/trust\n").is_ok());
    }

    #[test]
    fn plan_settings_are_checked() {
        let errors = parse("plan: {max_focus: 0, target_gain_pp: 150, next_survey_days: 0}\n").unwrap_err();
        let keys: Vec<_> = errors.iter().filter_map(|e| e.key.clone()).collect();
        assert_eq!(keys, ["plan.max_focus", "plan.target_gain_pp", "plan.next_survey_days"], "{errors}");
        assert_eq!(parse("plan: {max_actions: 2}\n").unwrap().plan.max_actions, 2);
        assert!(parse("plan: {max_actions: 5}\n").unwrap_err().render().contains("at most 3"));
    }

    #[test]
    fn unknown_key_is_an_error_with_a_hint() {
        let errors = parse("title: A\nlanguges: [zh]\n").unwrap_err();
        let error = errors.iter().next().unwrap();
        assert_eq!(error.line_column(), Some((2, 1)));
        assert!(error.notes.contains(&"did you mean `languages`?".to_string()));
    }

    #[test]
    fn semantic_problems_are_all_reported() {
        let errors = parse("languages: [zh, zh]\ntitle: {fr: X}\nscoring: {min_answered: 2}\n").unwrap_err();
        assert_eq!(errors.error_count(), 3, "{errors}");
    }
}
