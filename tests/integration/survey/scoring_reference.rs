//! Scoring against reference figures from R (`psych`, `multilevel`) and Python (`pingouin`),
//! in `../shared/reference-data/`. Each data set is converted into trustbook's own YAML format
//! and goes through the same loader and scorer as a user's survey.

use std::collections::BTreeMap;
use std::path::PathBuf;

use trustbook::project::{AlphaMethod, PrivacyConfig, ScoringConfig};
use trustbook::scoring::{self, Figures, ScoredModel};
use trustbook::source::{Limits, Source};
use trustbook::survey::Survey;

fn reference_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference-data");
    assert!(dir.is_dir(), "the reference data is missing: expected {}", dir.display());
    dir
}

fn reference_json() -> serde_json::Value {
    let text = std::fs::read_to_string(reference_dir().join("reference_values.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn number(value: &serde_json::Value, path: &[&str]) -> f64 {
    path.iter().fold(value, |v, key| &v[*key]).as_f64().unwrap_or_else(|| panic!("no number at {path:?}"))
}

/// Rows of a CSV file as maps from column to text (a byte-order mark is dropped).
fn read_csv(name: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(reference_dir().join(name)).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    reader
        .records()
        .map(|record| headers.iter().cloned().zip(record.unwrap().iter().map(str::to_string)).collect())
        .collect()
}

fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual} differs from {expected} by more than {tolerance}"
    );
}

/// Writes a survey folder and loads it through trustbook's loader.
fn load(instrument: &str, organisation: &str, responses: &str) -> (tempfile::TempDir, Survey) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("instrument.yaml"), instrument).unwrap();
    std::fs::write(dir.path().join("organisation.yaml"), organisation).unwrap();
    std::fs::create_dir(dir.path().join("responses")).unwrap();
    std::fs::write(dir.path().join("responses/wave.yaml"), responses).unwrap();
    // The reference scales (leadership, hostility, ...) are a framework of their own.
    let spec: yaml_serde::Value = yaml_serde::from_str(instrument).unwrap();
    let ids: Vec<&str> = spec["dimensions"].as_sequence().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    let model = trustbook::model::TrustModel::of_dimensions(&ids);
    let survey = Survey::load(&Source::open(dir.path(), Limits::default()).unwrap(), "", &model)
        .unwrap_or_else(|errors| panic!("the converted data does not load:\n{}", errors.render()));
    (dir, survey)
}

fn score(survey: &Survey, alpha: AlphaMethod, min_respondents: u32) -> ScoredModel {
    // The size-only flags of the reference files: significance is tested on its own below.
    let scoring = ScoringConfig { alpha, significance: None, ..ScoringConfig::default() };
    let privacy = PrivacyConfig { min_respondents, ..PrivacyConfig::default() };
    scoring::score(survey, &scoring, &privacy)
}

fn items(prefix: &str, count: usize) -> Vec<String> {
    (1..=count).map(|i| format!("{prefix}{i:02}")).collect()
}

/// lq2002 as a trustbook survey: companies as teams, LEAD and TSIG on 1..5, HOSTILE on 0..4;
/// every company's headcount is its number of soldiers.
fn lq2002() -> (tempfile::TempDir, Survey, Vec<BTreeMap<String, String>>) {
    lq2002_with(|n| Some(n as u32))
}

/// lq2002 with each company's headcount given by `headcount` from its number of soldiers.
fn lq2002_with(headcount: impl Fn(usize) -> Option<u32>) -> (tempfile::TempDir, Survey, Vec<BTreeMap<String, String>>) {
    let rows = read_csv("lq2002.csv");
    let scales = [("LEAD", items("LEAD", 11)), ("TSIG", items("TSIG", 3)), ("HOSTILE", items("HOSTIL", 5))];
    let mut instrument = String::from(
        "id: lq2002\ntitle: LQ2002\nscale: {min: 1, max: 5, favourable: [4, 5], missing: [99]}\ndimensions:\n",
    );
    for (name, ids) in &scales {
        instrument.push_str(&format!("  - id: {name}\n    name: {name}\n"));
        if *name == "HOSTILE" {
            instrument.push_str("    scale: {min: 0, max: 4}\n");
        }
        instrument.push_str("    items:\n");
        for id in ids {
            instrument.push_str(&format!("      - {{id: {id}, text: {id}}}\n"));
        }
    }
    let mut companies: BTreeMap<u32, Vec<&BTreeMap<String, String>>> = BTreeMap::new();
    for row in &rows {
        companies.entry(row["COMPID"].parse().unwrap()).or_default().push(row);
    }
    let mut organisation = String::from("name: LQ2002\nunits:\n  - {id: army, name: Army}\nteams:\n");
    for (id, members) in &companies {
        let headcount = headcount(members.len()).map_or(String::new(), |h| format!(", headcount: {h}"));
        organisation.push_str(&format!("  - {{id: c{id}, unit: army, name: Company {id}{headcount}}}\n"));
    }
    organisation.push_str("waves:\n  - {id: w1, date: 2002-01-01}\n");
    let all_items: Vec<&String> = scales.iter().flat_map(|(_, ids)| ids).collect();
    let mut responses =
        format!("wave: w1\nitems: [{}]\nteams:\n", all_items.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "));
    for (id, members) in &companies {
        responses.push_str(&format!("  c{id}:\n"));
        for row in members {
            let answers: Vec<&str> = all_items.iter().map(|item| row[item.as_str()].as_str()).collect();
            responses.push_str(&format!("    - [{}]\n", answers.join(", ")));
        }
    }
    let (dir, survey) = load(&instrument, &organisation, &responses);
    (dir, survey, rows)
}

fn team<'a>(model: &'a ScoredModel, survey: &Survey, id: &str) -> &'a Figures {
    let index = survey.organisation.teams.iter().position(|t| t.id.as_str() == id).unwrap();
    model.waves[0].teams[index].figures.shown().unwrap_or_else(|| panic!("{id} is suppressed"))
}

#[test]
fn lq2002_matches_psych_multilevel_and_pingouin() {
    let reference = reference_json();
    let lq = &reference["lq2002"];
    let (_dir, survey, rows) = lq2002();
    let model = score(&survey, AlphaMethod::Pairwise, 5);
    let wave = &model.waves[0];

    // Cronbach's alpha per scale, for the whole organisation.
    for (d, key) in ["alpha_LEAD", "alpha_TSIG", "alpha_HOSTILE"].iter().enumerate() {
        let alpha = wave.reliability[d].alpha.unwrap();
        assert_close(alpha, number(lq, &[key]), 1e-9, key);
    }
    // The organisation's LEAD mean and favourable share.
    let org = wave.organisation.figures.shown().unwrap();
    assert_close(org.dimensions[0].mean().unwrap(), number(lq, &["org_LEAD_mean"]), 1e-9, "organisation LEAD mean");
    assert_close(
        org.dimensions[0].favourable().unwrap(),
        number(lq, &["org_LEAD_fav_pct_top2(>=4)"]),
        1e-9,
        "organisation LEAD favourable %",
    );
    // Whether team-level reporting is justified.
    let lead = &wave.reliability[0];
    assert_close(lead.icc1.unwrap(), number(lq, &["py_ICC1_LEAD"]), 1e-9, "ICC(1)");
    assert_close(lead.icc2.unwrap(), number(lq, &["py_ICC2_LEAD"]), 1e-9, "ICC(2)");
    assert_close(lead.rwg_j.unwrap(), number(lq, &["py_rwgj_LEAD_mean"]), 1e-9, "mean r_wg(j)");
    assert_close(lead.icc1.unwrap(), number(&reference, &["R_multilevel", "lq2002", "ICC1_LEAD"]), 1e-9, "ICC(1), R");

    // Every company's mean against the data set's own company means (GLEAD, 9 decimals).
    for row in &rows {
        let figures = team(&model, &survey, &format!("c{}", row["COMPID"]));
        let glead: f64 = row["GLEAD"].parse().unwrap();
        assert_close(figures.dimensions[0].mean().unwrap(), glead, 1e-9, &format!("company {} mean", row["COMPID"]));
    }

    // Every company against ref_lq2002_company_vs_org.csv (figures rounded to 6 decimals there).
    let mut flagged = 0;
    for expected in read_csv("ref_lq2002_company_vs_org.csv") {
        let id = format!("c{}", expected["COMPID"]);
        let figures = team(&model, &survey, &id);
        let lead = figures.dimensions[0].shown().unwrap();
        let vs = lead.vs_organisation.as_deref().unwrap();
        let value = |column: &str| expected[column].parse::<f64>().unwrap();
        assert_eq!(figures.respondents, value("n") as usize, "{id} n");
        assert_close(lead.mean.unwrap(), value("lead_mean"), 5e-7, &format!("{id} mean"));
        assert_close(lead.distribution.favourable.unwrap(), value("lead_fav_pct"), 5e-7, &format!("{id} favourable %"));
        assert_close(vs.mean.unwrap(), value("diff_mean_vs_org"), 5e-7, &format!("{id} mean difference"));
        assert_close(vs.favourable_pp.unwrap(), value("diff_fav_pp_vs_org"), 5e-7, &format!("{id} pp difference"));
        assert_close(lead.alpha.unwrap(), value("alpha_within_company"), 5e-7, &format!("{id} alpha"));
        assert_eq!(vs.favourable_flag, expected["flag_fav_gap_le_-5pp"] == "True", "{id} favourable flag");
        assert_eq!(vs.mean_flag, expected["flag_mean_gap_le_-0.2"] == "True", "{id} mean flag");
        flagged += usize::from(vs.favourable_flag);
    }
    assert_eq!(flagged as f64, number(lq, &["n_companies_flag_fav_gap_le_-5pp"]));
}

/// cohesion: 11 people in platoons within units, five items, one missing answer.
fn cohesion() -> (tempfile::TempDir, Survey) {
    let rows = read_csv("cohesion.csv");
    let mut instrument = String::from(
        "id: cohesion\ntitle: Cohesion\nscale: {min: 1, max: 5}\ndimensions:\n  - id: COH\n    name: Cohesion\n    items:\n",
    );
    for item in items("COH", 5) {
        instrument.push_str(&format!("      - {{id: {item}, text: {item}}}\n"));
    }
    let mut units: Vec<&str> = rows.iter().map(|r| r["UNIT"].as_str()).collect();
    units.dedup();
    let mut organisation = String::from("name: Cohesion\nunits:\n");
    for unit in &units {
        organisation.push_str(&format!("  - {{id: u{unit}, name: {unit}}}\n"));
    }
    organisation.push_str("teams:\n");
    let mut platoons: Vec<(String, String)> = rows.iter().map(|r| (r["UNIT"].clone(), r["PLATOON"].clone())).collect();
    platoons.dedup();
    for (unit, platoon) in &platoons {
        organisation.push_str(&format!("  - {{id: p{unit}-{platoon}, unit: u{unit}, name: {platoon}}}\n"));
    }
    organisation.push_str("waves:\n  - {id: w1, date: 2001-01-01}\n");
    let mut responses = String::from("wave: w1\nresponses:\n");
    for row in &rows {
        responses.push_str(&format!("  - team: p{}-{}\n    answers: {{", row["UNIT"], row["PLATOON"]));
        let answers: Vec<String> = items("COH", 5)
            .iter()
            .map(|item| match row[item].as_str() {
                "" => format!("{item}: ~"),
                value => format!("{item}: {}", value.trim_end_matches(".0")),
            })
            .collect();
        responses.push_str(&answers.join(", "));
        responses.push_str("}\n");
    }
    load(&instrument, &organisation, &responses)
}

#[test]
fn cohesion_matches_with_its_missing_answer() {
    let reference = reference_json();
    let (_dir, survey) = cohesion();
    assert_eq!(survey.responses[0].iter().filter(|r| r.answers.contains(&None)).count(), 1);
    for (method, key) in [(AlphaMethod::Pairwise, "alpha_pairwise"), (AlphaMethod::Listwise, "alpha_listwise")] {
        // Platoons have 2 or 3 people: a threshold of 1 shows their figures for the comparison.
        let model = score(&survey, method, 1);
        let alpha = model.waves[0].reliability[0].alpha.unwrap();
        assert_close(alpha, number(&reference, &["cohesion", key]), 1e-9, key);
        let expected = reference["cohesion"]["platoon_mean_of_person_means"].as_object().unwrap();
        for (name, value) in expected {
            let id = format!("p{}", name.replace(' ', "-"));
            let mean = team(&model, &survey, &id).overall.mean().unwrap();
            assert_close(mean, value.as_f64().unwrap(), 1e-9, &id);
        }
        let units = reference["cohesion"]["unit_mean_of_person_means"].as_object().unwrap();
        for (name, value) in units {
            let u = survey.organisation.units.iter().position(|u| u.id.as_str() == format!("u{name}")).unwrap();
            let figures = model.waves[0].units[u].figures.shown().unwrap();
            assert_close(figures.overall.mean().unwrap(), value.as_f64().unwrap(), 1e-9, name);
        }
    }
}

#[test]
fn cohesion_platoons_are_suppressed_at_the_default_threshold() {
    let (_dir, survey) = cohesion();
    let model = score(&survey, AlphaMethod::Pairwise, 5);
    assert!(model.waves[0].teams.iter().all(|t| !t.figures.is_shown()));
    assert!(model.waves[0].organisation.figures.is_shown());
}

/// A one-dimension instrument over the given items and scale, with every row one respondent of
/// a single team.
fn single_scale(columns: &[String], scale: &str, rows: &[Vec<String>]) -> (tempfile::TempDir, Survey) {
    let mut instrument =
        format!("id: p\ntitle: P\nscale: {scale}\ndimensions:\n  - id: all\n    name: All\n    items:\n");
    for column in columns {
        instrument.push_str(&format!("      - {{id: {column}, text: {column}}}\n"));
    }
    let organisation = "name: P\nunits:\n  - {id: u, name: U}\nteams:\n  - {id: t, unit: u, name: T}\nwaves:\n  - {id: w1, date: 2020-01-01}\n";
    let mut responses = format!("wave: w1\nitems: [{}]\nteams:\n  t:\n", columns.join(", "));
    for row in rows {
        let cells: Vec<&str> = row.iter().map(|c| if c.is_empty() { "~" } else { c.as_str() }).collect();
        responses.push_str(&format!("    - [{}]\n", cells.join(", ")));
    }
    load(&instrument, organisation, &responses)
}

#[test]
fn pingouin_documented_alphas() {
    let reference = reference_json();
    let docs = &reference["pingouin_docs"];

    let wide = read_csv("pingouin_cronbach_wide_missing.csv");
    let columns: Vec<String> = (1..=11).map(|i| format!("Q{i}")).collect();
    let rows: Vec<Vec<String>> = wide.iter().map(|r| columns.iter().map(|c| r[c].clone()).collect()).collect();
    let (_dir, survey) = single_scale(&columns, "{min: 0, max: 1, favourable: [1]}", &rows);
    for (method, key) in
        [(AlphaMethod::Pairwise, "documented_pairwise"), (AlphaMethod::Listwise, "documented_listwise")]
    {
        let model = score(&survey, method, 5);
        assert_close(model.waves[0].reliability[0].alpha.unwrap(), number(docs, &[key]), 1e-9, key);
    }

    let long = read_csv("pingouin_cronbach_alpha.csv");
    let columns: Vec<String> = (1..=10).map(|i| format!("Q{i}")).collect();
    let mut subjects: BTreeMap<u32, BTreeMap<String, String>> = BTreeMap::new();
    for row in &long {
        let score = row["Scores"].trim_end_matches(".0").to_string();
        subjects.entry(row["Subj"].parse().unwrap()).or_default().insert(row["Items"].clone(), score);
    }
    let rows: Vec<Vec<String>> = subjects.values().map(|s| columns.iter().map(|c| s[c].clone()).collect()).collect();
    let (_dir, survey) = single_scale(&columns, "{min: 1, max: 7}", &rows);
    let model = score(&survey, AlphaMethod::Pairwise, 5);
    assert_close(model.waves[0].reliability[0].alpha.unwrap(), number(docs, &["documented_long"]), 1e-9, "long format");
}

/// A company's figure from the inference reference (`ref_lq2002_inference.csv`).
fn value(row: &BTreeMap<String, String>, column: &str) -> f64 {
    row[column].parse().unwrap_or_else(|_| panic!("{column}: {}", row[column]))
}

#[test]
fn intervals_match_scipy_and_statsmodels() {
    let reference = read_csv("ref_lq2002_inference.csv");
    // Without headcounts: the plain t interval. With a headcount of ceil(1.25 n): corrected.
    let (_plain_dir, plain, _) = lq2002_with(|_| None);
    let (_fpc_dir, corrected, _) = lq2002_with(|n| Some((n as f64 * 1.25).ceil() as u32));
    let plain_model = score(&plain, AlphaMethod::Pairwise, 5);
    let corrected_model = score(&corrected, AlphaMethod::Pairwise, 5);
    let lead01 = plain.instrument.items.iter().position(|i| i.id.as_str() == "LEAD01").unwrap();
    let mut checked = 0;
    for row in &reference {
        let id = format!("c{}", row["COMPID"]);
        let figures = team(&plain_model, &plain, &id);
        let lead = figures.dimensions[0].shown().unwrap();
        assert_eq!(lead.n as f64, value(row, "n"), "{id}: n");
        let interval = lead.interval.unwrap();
        assert_close(interval.se, value(row, "lead_se"), 1e-9, &format!("{id}: SE"));
        assert_close(interval.low, value(row, "lead_ci_low"), 1e-9, &format!("{id}: interval low"));
        assert_close(interval.high, value(row, "lead_ci_high"), 1e-9, &format!("{id}: interval high"));
        // The LEAD scale's pooled favourable share, answers clustered within people.
        let pooled = lead.favourable_interval.unwrap();
        assert_close(lead.distribution.favourable.unwrap(), value(row, "lead_pooled_fav_pct"), 1e-9, &id);
        assert_close(pooled.se, value(row, "lead_pooled_fav_se_pp"), 1e-9, &format!("{id}: pooled SE"));
        assert_close(pooled.low, value(row, "lead_pooled_fav_ci_low"), 1e-9, &format!("{id}: pooled low"));
        assert_close(pooled.high, value(row, "lead_pooled_fav_ci_high"), 1e-9, &format!("{id}: pooled high"));
        // Item LEAD01's favourable share: Wilson's interval.
        let item = figures.items[lead01].shown().unwrap();
        assert_eq!(item.n as f64, value(row, "lead01_n"), "{id}: LEAD01 n");
        let wilson = item.favourable_interval.unwrap();
        assert_close(item.distribution.favourable.unwrap(), value(row, "lead01_fav_pct"), 1e-9, &id);
        assert_close(wilson.low, value(row, "lead01_wilson_low"), 1e-9, &format!("{id}: Wilson low"));
        assert_close(wilson.high, value(row, "lead01_wilson_high"), 1e-9, &format!("{id}: Wilson high"));
        // The finite population correction for a headcount of ceil(1.25 n).
        let fpc = team(&corrected_model, &corrected, &id).dimensions[0].shown().unwrap().interval.unwrap();
        assert_close(fpc.se, value(row, "lead_se_fpc"), 1e-9, &format!("{id}: corrected SE"));
        assert_close(fpc.low, value(row, "lead_ci_low_fpc"), 1e-9, &format!("{id}: corrected low"));
        assert_close(fpc.high, value(row, "lead_ci_high_fpc"), 1e-9, &format!("{id}: corrected high"));
        checked += 1;
    }
    assert_eq!(checked, 49, "every company");
}

#[test]
fn tests_against_the_rest_match_scipy_and_statsmodels() {
    let reference = read_csv("ref_lq2002_inference.csv");
    let (_dir, survey, _) = lq2002_with(|_| None);
    let model = score(&survey, AlphaMethod::Pairwise, 5);
    let lead01 = survey.instrument.items.iter().position(|i| i.id.as_str() == "LEAD01").unwrap();
    let mut rejected = 0;
    for row in &reference {
        let id = format!("c{}", row["COMPID"]);
        // Item LEAD01 as the scorer compares it with the rest: the two-proportion z-test with
        // Newcombe's interval of the difference.
        let item = team(&model, &survey, &id).items[lead01].shown().unwrap().vs_organisation.clone().unwrap();
        assert_eq!(item.rest_n, Some(value(row, "rest_lead01_n") as u32), "{id}: LEAD01 rest n");
        let z = item.favourable_test.unwrap();
        assert_close(z.difference, value(row, "lead01_diff_pp_vs_rest"), 1e-9, &format!("{id}: LEAD01 pp vs rest"));
        assert_close(z.low, value(row, "lead01_newcombe_low"), 1e-9, &format!("{id}: Newcombe low"));
        assert_close(z.high, value(row, "lead01_newcombe_high"), 1e-9, &format!("{id}: Newcombe high"));
        assert_close(z.p, value(row, "lead01_ztest_p"), 1e-9, &format!("{id}: LEAD01 z-test p"));
        let lead = team(&model, &survey, &id).dimensions[0].shown().unwrap();
        let vs = lead.vs_organisation.as_deref().unwrap();
        // Welch's t-test against the rest of the organisation (the company's people removed).
        let welch = vs.mean_test.unwrap();
        assert_close(welch.difference, value(row, "diff_mean_vs_rest"), 1e-9, &format!("{id}: difference vs rest"));
        assert_close(welch.p, value(row, "welch_p"), 1e-9, &format!("{id}: Welch p"));
        assert_eq!(vs.rest_n, Some(value(row, "rest_n") as u32), "{id}: rest n");
        // Benjamini-Hochberg across the 49 companies.
        let q = vs.mean_q.unwrap();
        assert_close(q, value(row, "welch_q_bh"), 1e-9, &format!("{id}: BH q"));
        assert_eq!(q <= 0.05, row["welch_reject_bh_0.05"] == "True", "{id}: rejected at 0.05");
        rejected += usize::from(q <= 0.05);
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reference_dir().join("ref_lq2002_inference.json")).unwrap())
            .unwrap();
    assert_eq!(rejected as f64, number(&json, &["bh_companies_rejected_at_0_05"]));
}

#[test]
fn welch_t_and_the_two_proportion_test_match_scipy_and_statsmodels() {
    use trustbook::scoring::inference::{Moments, proportions, welch};
    let reference = read_csv("ref_lq2002_inference.csv");
    let rows = read_csv("lq2002.csv");
    for row in &reference {
        let company = &row["COMPID"];
        let scores = |inside: bool| -> Vec<f64> {
            rows.iter().filter(|r| (&r["COMPID"] == company) == inside).map(|r| r["LEAD"].parse().unwrap()).collect()
        };
        let (test, t, df) = welch(&Moments::of(&scores(true)), &Moments::of(&scores(false))).unwrap();
        assert_close(t, value(row, "welch_t"), 1e-9, &format!("{company}: t"));
        assert_close(df, value(row, "welch_df"), 1e-9, &format!("{company}: df"));
        assert_close(test.p, value(row, "welch_p"), 1e-9, &format!("{company}: p"));
        let count = |column: &str| value(row, column) as usize;
        let z = proportions(count("lead01_fav"), count("lead01_n"), count("rest_lead01_fav"), count("rest_lead01_n"))
            .unwrap();
        assert_close(z.difference, value(row, "lead01_diff_pp_vs_rest"), 1e-9, &format!("{company}: pp"));
        assert_close(z.p, value(row, "lead01_ztest_p"), 1e-9, &format!("{company}: z-test p"));
        assert_close(z.low, value(row, "lead01_newcombe_low"), 1e-9, &format!("{company}: Newcombe low"));
        assert_close(z.high, value(row, "lead01_newcombe_high"), 1e-9, &format!("{company}: Newcombe high"));
    }
}

#[test]
fn drivers_match_scipy_and_numpy() {
    use trustbook::scoring::drivers::{lmg, pearson};
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reference_dir().join("ref_lq2002_inference.json")).unwrap())
            .unwrap();
    // Complete cases on the person means and the TSIG items, as the reference script takes them.
    let columns = ["LEAD", "TSIG", "HOSTILE", "TSIG01", "TSIG02", "TSIG03"];
    let rows: Vec<Vec<f64>> = read_csv("lq2002.csv")
        .iter()
        .filter_map(|row| columns.iter().map(|c| row[*c].parse::<f64>().ok().filter(|v| v.is_finite())).collect())
        .collect();
    assert_eq!(rows.len() as f64, number(&json, &["n_complete"]));
    let column = |name: &str| -> Vec<f64> {
        let i = columns.iter().position(|c| *c == name).unwrap();
        rows.iter().map(|r| r[i]).collect()
    };
    let hostile = column("HOSTILE");
    for name in ["LEAD", "TSIG"] {
        let c = pearson(&column(name), &hostile).unwrap();
        let at = |key: &str| number(&json, &["pearson_with_outcome", name, key]);
        assert_close(c.r, at("r"), 1e-9, &format!("{name}: r"));
        assert_close(c.p, at("p"), 1e-9, &format!("{name}: p"));
        assert_close(c.low, at("ci_low"), 1e-9, &format!("{name}: Fisher-z low"));
        assert_close(c.high, at("ci_high"), 1e-9, &format!("{name}: Fisher-z high"));
    }
    for (key, names) in [
        ("lmg_two_predictors", vec!["LEAD", "TSIG"]),
        ("lmg_four_predictors", vec!["LEAD", "TSIG01", "TSIG02", "TSIG03"]),
    ] {
        let predictors: Vec<Vec<f64>> = names.iter().map(|n| column(n)).collect();
        let slices: Vec<&[f64]> = predictors.iter().map(Vec::as_slice).collect();
        let (shares, r2) = lmg(&slices, &hostile).unwrap();
        assert_close(r2, number(&json, &[key, "r2"]), 1e-9, &format!("{key}: R squared"));
        for (name, share) in names.iter().zip(&shares) {
            assert_close(*share, number(&json, &[key, "shares", name]), 1e-9, &format!("{key}: {name}"));
        }
    }
}
