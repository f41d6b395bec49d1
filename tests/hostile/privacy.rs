//! Privacy per figure: no figure rests on fewer answers than `privacy.min_respondents`, and no
//! withheld figure can be worked out from the shown ones, in any output, checked on a small
//! project and, as properties, on random organisations by solving the linear system the shown
//! figures give.

use std::collections::HashMap;

use proptest::prelude::*;

use crate::common::*;
use trustbook::diagnostics::SourceText;
use trustbook::project::{PrivacyConfig, ScoringConfig};
use trustbook::scoring::{Comparison, ItemScore, Reported, Score, ScoredModel, WaveScores, score, score_instrument};
use trustbook::survey::{Instrument, Measures, Organisation, Response, Survey};
use trustbook::yaml::YamlFile;

/// The survey fixture with four of red's five people leaving both integrity items blank; the
/// fifth answers 1 and 2, so a leaked figure would read 1.50.
fn red_integrity_from_one_person() -> tempfile::TempDir {
    let project = fixture(SURVEY);
    let path = project.path().join("content/survey/responses/w2.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let red =
        "    - [5, 1, 99, 99]\n    - [4, 2, 99, 99]\n    - [4, 2, 99, 99]\n    - [5, 1, 99, 99]\n    - [3, 3, 1, 2]\n";
    let start = text.find("  red:\n").unwrap() + "  red:\n".len();
    let end = text.find("  blue:").unwrap();
    std::fs::write(&path, format!("{}{red}{}", &text[..start], &text[end..])).unwrap();
    project
}

fn csv_rows(root: &std::path::Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(root.join("output/results/data/scores.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect())
        .collect()
}

#[test]
fn a_dimension_one_person_answered_is_withheld_in_html_pdf_and_csv() {
    let project = red_integrity_from_one_person();
    build(project.path()).unwrap();
    let out = project.path().join("output");
    let row = |team: &str, dimension: &str| {
        csv_rows(project.path())
            .into_iter()
            .find(|r| r["wave"] == "w2" && r["group_id"] == team && r["dimension"] == dimension)
            .unwrap()
    };
    let red = row("red", "integrity");
    assert_eq!((red["mean"].as_str(), red["n"].as_str(), red["suppressed"].as_str()), ("", "", "fewer than 5 answers"));
    assert_eq!(red["respondents"], "5", "the team itself is shown");
    assert_ne!(row("red", "overall")["mean"], "", "and so is its overall score");
    // Red's integrity is the unit's minus blue's: blue's is withheld too.
    assert_eq!(row("blue", "integrity")["suppressed"], "withheld to protect a smaller group");
    // ... and red's ability, which with red's overall figure would give red's integrity.
    assert_eq!(row("red", "ability")["suppressed"], "withheld to protect a smaller group");
    assert_eq!(row("sub", "integrity")["suppressed"], "", "the unit's figure rests on six people");

    let html = std::fs::read_to_string(out.join("results/en/teams/red/index.html")).unwrap();
    let pdf = pdf_text(&out.join("results/en/teams/red/red.pdf"));
    let csv = std::fs::read_to_string(out.join("results/data/scores.csv")).unwrap();
    for (format, text) in [("HTML", &html), ("PDF", &pdf)] {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("Withheld: fewer than 5 answered"), "{format} says why");
        assert!(!text.contains("1.50"), "{format} shows the one person's mean");
    }
    let leaked = csv.lines().filter(|l| l.starts_with("w2,")).flat_map(|l| l.split(',')).any(|c| c == "1.5");
    assert!(!leaked, "the CSV shows the one person's mean");
}

// ---------------------------------------------------------------------------------------------
// Properties on random organisations.

/// A tiny deterministic generator, so that proptest's seed decides the whole organisation.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

const INSTRUMENT_YAML: &str = "id: p\ntitle: P\nscale: {min: 1, max: 5}\ndimensions:
  - {id: a, name: A, items: [{id: A1, text: a}, {id: A2, text: b}]}
  - {id: b, name: B, items: [{id: B1, text: a}, {id: B2, text: b, reverse: true}, {id: B3, text: c}]}
  - {id: c, name: C, items: [{id: C1, text: a}, {id: C2, text: b}]}
outcomes:
  - {id: O1, name: Overall, text: o}
";

/// An organisation of 1-3 top units, some with sub-units, 2-9 teams of 0-9 people, one wave,
/// and answers left blank at a random rate (some people skip a whole dimension).
fn random_survey(seed: u64) -> Survey {
    let mut rng = Rng(seed);
    let mut units = Vec::new();
    for r in 0..1 + rng.below(3) {
        units.push(format!("  - {{id: u{r}, name: U{r}}}"));
        for s in 0..rng.below(3) {
            units.push(format!("  - {{id: u{r}s{s}, parent: u{r}, name: S}}"));
        }
    }
    let ids: Vec<String> = units.iter().map(|u| u[8..u.find(',').unwrap()].to_string()).collect();
    let teams: Vec<String> = (0..2 + rng.below(8))
        .map(|t| format!("  - {{id: t{t}, unit: {}, name: T}}", ids[rng.below(ids.len())]))
        .collect();
    let organisation = format!(
        "name: O\nunits:\n{}\nteams:\n{}\nwaves:\n  - {{id: w, date: 2026-01-01}}\n",
        units.join("\n"),
        teams.join("\n")
    );
    let model = trustbook::model::TrustModel::of_dimensions(&["a", "b", "c"]);
    let organisation =
        Organisation::load(&YamlFile::new(SourceText::new("o.yaml", organisation.as_str())), &model).unwrap();
    let instrument = Instrument::load(&YamlFile::new(SourceText::new("i.yaml", INSTRUMENT_YAML)), &model).unwrap();
    let blank_rate = [0, 10, 30, 60][rng.below(4)];
    let mut responses = Vec::new();
    for team in 0..organisation.teams.len() {
        for _ in 0..rng.below(10) {
            let skipped = (rng.below(4) == 0).then(|| rng.below(3));
            let answers = instrument
                .items
                .iter()
                .map(|item| {
                    let skips = matches!(item.measures, Measures::Dimension(d) if skipped == Some(d));
                    let blank = skips || rng.below(100) < blank_rate;
                    (!blank).then(|| 1 + rng.below(5) as i64)
                })
                .collect();
            responses.push(Response { team, answers, comment: None });
        }
    }
    Survey { instrument, organisation, responses: vec![responses], further: Vec::new(), benchmark: None }
}

/// The additive figures of every group × statistic: node order as in the scoring trees
/// (organisation, units, teams × overall, dimensions, items), built here from the survey alone.
struct Table {
    group_children: Vec<Vec<usize>>,
    statistic_children: Vec<Vec<usize>>,
    /// Valid answers behind each cell, counted from the raw responses.
    answers: Vec<Vec<usize>>,
    /// People behind each cell, counted from the raw responses: who answered an item, or has
    /// a dimension score (at least `scoring.min_answered` of its items answered), or any.
    people: Vec<Vec<usize>>,
}

fn table(survey: &Survey) -> Table {
    let (org, instrument) = (&survey.organisation, &survey.instrument);
    let units = org.units.len();
    let mut group_children = vec![Vec::new(); 1 + units + org.teams.len()];
    for (u, unit) in org.units.iter().enumerate() {
        match unit.parent {
            Some(parent) => group_children[1 + parent].push(1 + u),
            None => group_children[0].push(1 + u),
        }
    }
    for (t, team) in org.teams.iter().enumerate() {
        group_children[1 + team.unit].push(1 + units + t);
    }
    let dimensions = instrument.dimensions.len();
    let mut statistic_children = vec![Vec::new(); 1 + dimensions + instrument.items.len()];
    statistic_children[0] = (1..=dimensions).collect();
    // An outcome item adds up into nothing: no other statistic is built from it.
    for (i, item) in instrument.items.iter().enumerate() {
        if let Measures::Dimension(d) = item.measures {
            statistic_children[1 + d].push(1 + dimensions + i);
        }
    }
    // Item answers per team, then summed up both trees; people per team and statistic.
    let mut answers = vec![vec![0; statistic_children.len()]; group_children.len()];
    let mut people = answers.clone();
    let min_answered = ScoringConfig::default().min_answered;
    for response in &survey.responses[0] {
        let row = 1 + units + response.team;
        for (i, answer) in response.answers.iter().enumerate() {
            if answer.is_some() {
                answers[row][1 + dimensions + i] += 1;
                people[row][1 + dimensions + i] += 1;
            }
        }
        let scored: Vec<bool> = instrument
            .dimensions
            .iter()
            .map(|d| {
                let answered = d.items.iter().filter(|i| response.answers[**i].is_some()).count();
                answered > 0 && answered as f64 / d.items.len() as f64 >= min_answered
            })
            .collect();
        for (d, has) in scored.iter().enumerate() {
            people[row][1 + d] += usize::from(*has);
        }
        people[row][0] += usize::from(scored.contains(&true));
    }
    fn sum_groups(g: usize, children: &[Vec<usize>], answers: &mut Vec<Vec<usize>>) {
        for c in children[g].clone() {
            sum_groups(c, children, answers);
            for s in 0..answers[g].len() {
                answers[g][s] += answers[c][s];
            }
        }
    }
    sum_groups(0, &group_children, &mut answers);
    sum_groups(0, &group_children, &mut people);
    for row in &mut answers {
        for d in (0..=dimensions).rev() {
            row[d] = statistic_children[d].iter().map(|c| row[*c]).sum();
        }
    }
    Table { group_children, statistic_children, answers, people }
}

/// The organisation, units and teams of a wave, in the table's node order.
fn groups(wave: &WaveScores) -> impl Iterator<Item = &trustbook::scoring::GroupScores> {
    std::iter::once(&wave.organisation).chain(&wave.units).chain(&wave.teams)
}

/// Per statistic of a group's figures (overall, dimensions, items), its comparisons with the
/// rest of the organisation and of its unit.
type RestComparisons<'a> = (Option<&'a Comparison>, Option<&'a Comparison>);

fn rest_comparisons(figures: &trustbook::scoring::Figures) -> Vec<RestComparisons<'_>> {
    fn score(s: &Reported<Score>) -> RestComparisons<'_> {
        s.shown().map_or((None, None), |s| (s.vs_organisation.as_deref(), s.vs_unit.as_deref()))
    }
    fn item(i: &Reported<ItemScore>) -> RestComparisons<'_> {
        i.shown().map_or((None, None), |i| (i.vs_organisation.as_deref(), i.vs_unit.as_deref()))
    }
    std::iter::once(score(&figures.overall))
        .chain(figures.dimensions.iter().map(score))
        .chain(figures.items.iter().map(item))
        .collect()
}

/// Whether each cell of the wave is shown, in the table's node order.
fn shown_cells(wave: &WaveScores, cells: usize) -> Vec<Vec<bool>> {
    std::iter::once(&wave.organisation)
        .chain(&wave.units)
        .chain(&wave.teams)
        .map(|group| match &group.figures {
            Reported::Suppressed(_) => vec![false; cells],
            Reported::Shown(f) => std::iter::once(f.overall.is_shown())
                .chain(f.dimensions.iter().map(Reported::is_shown))
                .chain(f.items.iter().map(Reported::is_shown))
                .collect(),
        })
        .collect()
}

/// What the shown cells of a wave determine. Every parent's additive figures (answer and
/// favourable counts) are the sum of its children's along both trees; a combination of cells
/// is determined when its vector, restricted to the unknown cells, lies in the row space of
/// those equations restricted to the same cells. Solved by Gaussian elimination.
struct Solved {
    unknown: HashMap<(usize, usize), usize>,
    /// The equations in reduced row echelon form, and each row's pivot column.
    rows: Vec<Vec<f64>>,
    pivots: Vec<usize>,
}

impl Solved {
    fn new(table: &Table, shown: &[Vec<bool>]) -> Solved {
        let mut unknown: HashMap<(usize, usize), usize> = HashMap::new();
        for (g, row) in shown.iter().enumerate() {
            for (s, is_shown) in row.iter().enumerate() {
                // A cell with no answers is zero, and known to be.
                if !is_shown && table.answers[g][s] > 0 {
                    let next = unknown.len();
                    unknown.insert((g, s), next);
                }
            }
        }
        let columns = unknown.len();
        let mut equations: Vec<Vec<f64>> = Vec::new();
        let mut equation = |parent: (usize, usize), children: Vec<(usize, usize)>| {
            let mut row = vec![0.0; columns];
            if let Some(i) = unknown.get(&parent) {
                row[*i] += 1.0;
            }
            for child in children {
                if let Some(i) = unknown.get(&child) {
                    row[*i] -= 1.0;
                }
            }
            if row.iter().any(|v| *v != 0.0) {
                equations.push(row);
            }
        };
        let statistics = table.statistic_children.len();
        for (g, children) in table.group_children.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            for s in 0..statistics {
                equation((g, s), children.iter().map(|c| (*c, s)).collect());
            }
        }
        for g in 0..table.group_children.len() {
            for (s, children) in table.statistic_children.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                equation((g, s), children.iter().map(|c| (g, *c)).collect());
            }
        }
        let mut pivots = Vec::new();
        let mut rank = 0;
        for column in 0..columns {
            let Some(best) = (rank..equations.len())
                .max_by(|a, b| equations[*a][column].abs().total_cmp(&equations[*b][column].abs()))
            else {
                break;
            };
            if equations[best][column].abs() < 1e-9 {
                continue;
            }
            equations.swap(rank, best);
            let pivot = equations[rank][column];
            equations[rank].iter_mut().for_each(|v| *v /= pivot);
            for r in 0..equations.len() {
                if r != rank && equations[r][column].abs() > 1e-12 {
                    let factor = equations[r][column];
                    let pivot_row = equations[rank].clone();
                    equations[r].iter_mut().zip(&pivot_row).for_each(|(v, p)| *v -= factor * p);
                }
            }
            pivots.push(column);
            rank += 1;
        }
        equations.truncate(rank);
        Solved { unknown, rows: equations, pivots }
    }

    /// Whether the sum of `cells` with their signs is determined by the shown cells.
    fn determines(&self, cells: &[((usize, usize), f64)]) -> bool {
        let mut vector = vec![0.0; self.unknown.len()];
        for (cell, sign) in cells {
            if let Some(i) = self.unknown.get(cell) {
                vector[*i] += sign;
            }
        }
        for (row, column) in self.rows.iter().zip(&self.pivots) {
            let factor = vector[*column];
            if factor.abs() > 1e-12 {
                vector.iter_mut().zip(row).for_each(|(v, r)| *v -= factor * r);
            }
        }
        vector.iter().all(|v| v.abs() < 1e-9)
    }

    /// The withheld cells (with answers behind them) that the shown cells determine.
    fn determined_cells(&self) -> Vec<(usize, usize)> {
        let mut cells: Vec<(usize, usize)> =
            self.unknown.keys().copied().filter(|cell| self.determines(&[(*cell, 1.0)])).collect();
        cells.sort_unstable();
        cells
    }
}

/// Every "rest of a parent" (or of the organisation) of a wave that rests on answers of fewer
/// than `threshold` people
/// yet is determined by the shown cells: (group, statistic). The rest of a unit for one of
/// its teams is a figure of its own (the team's comparison with its unit shows it), and in a
/// unit of two teams it is exactly the other team.
fn determined_small_rests(table: &Table, solved: &Solved, threshold: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (parent, children) in table.group_children.iter().enumerate() {
        for child in children {
            // The rest of its unit, and the rest of the organisation.
            for whole in [parent, 0] {
                for s in 0..table.statistic_children.len() {
                    let answers = table.answers[whole][s] - table.answers[*child][s];
                    let people = table.people[whole][s] - table.people[*child][s];
                    let rest = [((whole, s), 1.0), ((*child, s), -1.0)];
                    if answers > 0 && people < threshold && solved.determines(&rest) {
                        found.push((*child, s));
                    }
                }
            }
        }
    }
    found
}

fn scored(survey: &Survey, threshold: u32) -> ScoredModel {
    score(survey, &ScoringConfig::default(), &PrivacyConfig { min_respondents: threshold, min_comments: threshold })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// No withheld figure is determined by any combination of the shown figures of its wave.
    #[test]
    fn no_withheld_figure_can_be_solved_for(seed in any::<u64>(), threshold in 2u32..6) {
        let survey = random_survey(seed);
        let model = scored(&survey, threshold);
        let table = table(&survey);
        let shown = shown_cells(&model.waves[0], table.statistic_children.len());
        // Every shown figure rests on at least `threshold` people: checked on answer counts.
        for (g, row) in shown.iter().enumerate() {
            for (s, is_shown) in row.iter().enumerate() {
                if *is_shown && s > 0 && table.statistic_children[s].is_empty() {
                    prop_assert!(table.answers[g][s] == 0 || table.answers[g][s] >= threshold as usize);
                }
            }
        }
        let solved = Solved::new(&table, &shown);
        let determined = solved.determined_cells();
        prop_assert!(determined.is_empty(), "withheld but determined (group, statistic): {:?}", determined);
        let rests = determined_small_rests(&table, &solved, threshold as usize);
        prop_assert!(
            rests.is_empty(),
            "a rest of fewer people determined (group, statistic): {:?}; tree {:?}; statistics {:?}; people {:?}; answers {:?}; shown {:?}",
            rests,
            table.group_children,
            table.statistic_children,
            table.people,
            table.answers,
            shown
        );
        // Every comparison with a rest that is shown rests on enough people, counted here.
        for (g, group) in groups(&model.waves[0]).enumerate() {
            let Some(figures) = group.figures.shown() else { continue };
            let parent = table.group_children.iter().position(|c| c.contains(&g));
            for (s, comparisons) in rest_comparisons(figures).into_iter().enumerate() {
                let (vs_organisation, vs_unit) = comparisons;
                if let Some(c) = vs_organisation {
                    let rest = table.people[0][s] - table.people[g][s];
                    prop_assert_eq!(c.rest_n, Some(rest as u32), "group {} statistic {}: rest of the organisation", g, s);
                    prop_assert!(
                        rest == 0 || rest >= threshold as usize,
                        "rest of the organisation of {} people for group {} statistic {} (people {:?}, answers {:?}, shown {:?}, tree {:?})",
                        rest, g, s,
                        table.people.iter().map(|r| r[s]).collect::<Vec<_>>(),
                        table.answers.iter().map(|r| r[s]).collect::<Vec<_>>(),
                        shown.iter().map(|r| r[s]).collect::<Vec<_>>(),
                        table.group_children
                    );
                }
                if let Some(c) = vs_unit {
                    let p = parent.expect("a group compared with its unit has one");
                    prop_assert!(shown[p][s], "compared with a unit figure that is withheld");
                    let rest = table.people[p][s] - table.people[g][s];
                    prop_assert_eq!(c.rest_n, Some(rest as u32), "group {} statistic {}: rest of the unit", g, s);
                    prop_assert!(rest >= threshold as usize, "rest of the unit of {} people shown", rest);
                    // The difference and its test are against that rest: both shown figures
                    // give it, and so it must be what they give.
                    let test = c.mean_test.map(|t| t.difference);
                    prop_assert!(test.is_none() || c.mean.zip(test).is_some_and(|(a, b)| (a - b).abs() < 1e-9));
                }
            }
        }
    }

    /// The order of the responses changes no figure.
    #[test]
    fn permuting_respondents_changes_nothing(seed in any::<u64>(), shuffle in any::<u64>()) {
        let survey = random_survey(seed);
        let mut permuted = survey.clone();
        let mut rng = Rng(shuffle);
        let responses = &mut permuted.responses[0];
        for i in (1..responses.len()).rev() {
            responses.swap(i, rng.below(i + 1));
        }
        let (a, b) = (scored(&survey, 3), scored(&permuted, 3));
        prop_assert_eq!(difference(&a, &b), None);
    }

    /// Reverse-coding an item's answers and flipping its `reverse` flag scores the same: reverse
    /// coding twice is the identity.
    #[test]
    fn reverse_coding_twice_is_the_identity(seed in any::<u64>()) {
        let survey = random_survey(seed);
        let mut flipped = survey.clone();
        for item in &mut flipped.instrument.items {
            item.reverse = !item.reverse;
        }
        for response in &mut flipped.responses[0] {
            for answer in response.answers.iter_mut().flatten() {
                *answer = 6 - *answer;
            }
        }
        prop_assert_eq!(difference(&scored(&survey, 3), &scored(&flipped, 3)), None);
    }
}

/// Where two scored models differ: numbers may differ in their last bits (summing in another
/// order), nothing else may.
fn difference(a: &ScoredModel, b: &ScoredModel) -> Option<String> {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
        use serde_json::Value;
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                ((x - y).abs() > 1e-9 * x.abs().max(1.0)).then(|| format!("{path}: {x} against {y}"))
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                x.iter().zip(y).enumerate().find_map(|(i, (x, y))| walk(x, y, &format!("{path}[{i}]")))
            }
            (Value::Object(x), Value::Object(y)) if x.len() == y.len() => {
                x.iter().find_map(|(key, x)| match y.get(key) {
                    Some(y) => walk(x, y, &format!("{path}.{key}")),
                    None => Some(format!("{path}.{key} missing")),
                })
            }
            (x, y) => (x != y).then(|| format!("{path}: {x} against {y}")),
        }
    }
    walk(&serde_json::to_value(a).unwrap(), &serde_json::to_value(b).unwrap(), "")
}

// ---------------------------------------------------------------------------------------------
// The privacy audit: whole builds, every output file.

/// A survey project of `teams` teams with 1-15 people each (random blanks, two waves), where
/// every person leaves a comment unique to them: a sentinel for where it may appear. A third of
/// the teams are sales teams whose customers (0-12 of them) rate them on a second instrument,
/// so customer figures sit beside teams with none in the same unit.
pub(crate) fn generated_project(teams: usize, seed: u64) -> tempfile::TempDir {
    let project = fixture(SURVEY);
    let mut rng = Rng(seed);
    let units = teams.div_ceil(20);
    let mut organisation = String::from("name: Audit Ltd\nunits:\n");
    for u in 0..units {
        organisation.push_str(&format!(
            "  - {{id: u{u}, name: Unit {u}, leader: Head-of-u{u}, recipients: [{{name: Head-of-u{u}, email: head.u{u}@audit.example}}]}}\n"
        ));
    }
    organisation.push_str("teams:\n");
    let sizes: Vec<usize> = (0..teams).map(|_| 1 + rng.below(15)).collect();
    for (t, size) in sizes.iter().enumerate() {
        let headcount = size + 1 + rng.below(4);
        let function = if t % 3 == 0 { "sales" } else { "rd" };
        organisation.push_str(&format!(
            "  - {{id: t{t}, unit: u{}, name: Team {t}, headcount: {headcount}, attributes: {{function: {function}}}, leader: Leader-of-t{t}}}\n",
            t % units
        ));
    }
    write(
        project.path(),
        "content/survey/instruments/customers.yaml",
        "id: customers\ntitle: Customer trust\nrespondents: customers\napplies_to: {function: [sales]}\nscale: {min: 1, max: 5}\ndimensions:\n  - id: ability\n    name: Ability\n    items:\n      - {id: CA1, text: Knows our business}\n      - {id: CA2, text: Solves our problems}\n  - id: integrity\n    name: Integrity\n    items:\n      - {id: CI1, text: Keeps its word}\n",
    );
    organisation.push_str("waves:\n  - {id: w1, date: 2026-03-01}\n  - {id: w2, date: 2026-09-01}\n");
    write(project.path(), "content/survey/organisation.yaml", &organisation);
    for wave in ["w1", "w2"] {
        let mut responses = format!("wave: {wave}\nresponses:\n");
        for (t, size) in sizes.iter().enumerate() {
            // The second wave loses or gains a person now and then.
            let people = if wave == "w2" { (size + rng.below(3)).saturating_sub(1).max(1) } else { *size };
            for p in 0..people {
                let answer =
                    |rng: &mut Rng| if rng.below(100) < 15 { "~".to_string() } else { (1 + rng.below(5)).to_string() };
                let answers: Vec<String> =
                    ["AB1", "AB2", "IN1", "IN2"].iter().map(|item| format!("{item}: {}", answer(&mut rng))).collect();
                responses.push_str(&format!(
                    "  - team: t{t}\n    answers: {{{}}}\n    comment: note-t{t}-p{p}-{wave}\n",
                    answers.join(", ")
                ));
            }
        }
        write(project.path(), &format!("content/survey/responses/{wave}.yaml"), &responses);
        let mut customers = format!("wave: {wave}\ninstrument: customers\nresponses:\n");
        for t in (0..teams).step_by(3) {
            for c in 0..rng.below(13) {
                let answers: Vec<String> =
                    ["CA1", "CA2", "CI1"].iter().map(|item| format!("{item}: {}", 1 + rng.below(5))).collect();
                customers.push_str(&format!(
                    "  - team: t{t}\n    answers: {{{}}}\n    comment: customer-t{t}-c{c}-{wave}\n",
                    answers.join(", ")
                ));
            }
        }
        write(project.path(), &format!("content/survey/responses/{wave}-customers.yaml"), &customers);
    }
    project
}

/// Text of every output file: HTML without its tags, PDFs through `pdftotext`, data as is.
pub(crate) fn output_texts(out: &std::path::Path) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for (path, bytes) in tree(out) {
        let text = if path.ends_with(".pdf") {
            pdf_text(&out.join(&path))
        } else if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            let mut text = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        } else if path.ends_with(".csv") || path.ends_with(".json") || path.ends_with(".svg") {
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            continue;
        };
        texts.push((path, text));
    }
    texts
}

/// Means as reports print them (two decimals), of every figure of `group` the model shows.
fn shown_means(figures: &trustbook::scoring::Figures) -> Vec<String> {
    let scores = std::iter::once(&figures.overall).chain(&figures.dimensions).filter_map(Reported::<Score>::mean);
    scores.chain(figures.items.iter().filter_map(Reported::<ItemScore>::mean)).map(|m| format!("{m:.2}")).collect()
}

/// Builds `project` and checks every output file: comments only of groups whose comments are
/// shown; on a withheld team's pages no figure that only that team's answers give; in the
/// exports no number in a withheld row. Returns how many withheld teams were checked.
fn audit(project: &std::path::Path) -> usize {
    use trustbook::content::LoadOptions;
    build(project).expect("the project builds");
    let site = trustbook::site::Site::load(project, &LoadOptions::default()).unwrap();
    let assessment = site.assessment.as_ref().expect("a survey");
    let survey = survey_at(project);
    let everything = score(&survey, &ScoringConfig::default(), &PrivacyConfig { min_respondents: 1, min_comments: 1 });
    let wave = assessment.scores.waves.len() - 1;
    let texts = output_texts(&project.join("output"));
    assert!(!texts.is_empty());

    // Comments: every one that appears is one the model shows for some group (people in
    // different waves may write the same words).
    let shown_comments: std::collections::BTreeSet<&str> = std::iter::once(&assessment.scores)
        .chain(assessment.further.iter().map(|f| &f.scores))
        .flat_map(|scores| &scores.waves)
        .flat_map(|w| std::iter::once(&w.organisation).chain(&w.units).chain(&w.teams))
        .filter(|group| group.figures.is_shown())
        .filter_map(|group| group.comments.shown())
        .flatten()
        .map(|c| c.text.as_str())
        .collect();
    let printed = |comment: &str| texts.iter().any(|(_, t)| t.contains(comment));
    assert!(shown_comments.iter().any(|c| printed(c)), "shown comments are printed, so the search finds text");
    let further_comments = survey.further.iter().flat_map(|f| f.responses.iter().flatten());
    for comment in survey
        .responses
        .iter()
        .flatten()
        .chain(further_comments)
        .filter_map(|r| r.comment.as_ref().map(|c| c.text.as_str()))
    {
        if !shown_comments.contains(comment) {
            let hits: Vec<&str> = texts.iter().filter(|(_, t)| t.contains(comment)).map(|(p, _)| p.as_str()).collect();
            assert!(hits.is_empty(), "withheld comment `{comment}` in {hits:?}");
        }
    }

    // A withheld team's own pages: no mean only its answers give, on any instrument (its
    // members' answers, its customers'). A printed value equal to a figure the page may show
    // (the organisation's on any instrument, the team's own shown ones of any wave) is
    // explained; any other is a leak.
    let everyone = PrivacyConfig { min_respondents: 1, min_comments: 1 };
    let mut instruments = vec![(&assessment.scores, everything)];
    for (further, raw) in assessment.further.iter().zip(&survey.further) {
        let all = score_instrument(
            &raw.instrument,
            &survey.organisation,
            &raw.responses,
            None,
            &ScoringConfig::default(),
            &everyone,
        );
        instruments.push((&further.scores, all));
    }
    let mut explained_everywhere: Vec<String> = Vec::new();
    for (shown, _) in &instruments {
        explained_everywhere
            .extend(shown.waves[wave].organisation.figures.shown().map(shown_means).unwrap_or_default());
    }
    let mut withheld = 0;
    for (shown, all) in &instruments {
        for (t, team) in survey.organisation.teams.iter().enumerate() {
            if shown.waves[wave].teams[t].figures.is_shown() {
                continue;
            }
            let Some(true_figures) = all.waves[wave].teams[t].figures.shown() else { continue };
            withheld += 1;
            let mut explained = explained_everywhere.clone();
            // The page shows the team's figures of every wave (its trend chart).
            for (other, _) in &instruments {
                for earlier in &other.waves[..=wave] {
                    explained.extend(earlier.teams[t].figures.shown().map(shown_means).unwrap_or_default());
                }
            }
            let pages: Vec<&(String, String)> =
                texts.iter().filter(|(p, _)| p.starts_with(&format!("results/en/teams/{}/", team.id))).collect();
            assert_eq!(pages.len(), 2, "the withheld team's page and PDF exist");
            for (path, text) in pages {
                for value in shown_means(true_figures) {
                    let at = text.find(&value).unwrap_or(0);
                    let start = (0..=at.saturating_sub(200)).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
                    let around: String = text[start..]
                        .chars()
                        .take(260)
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    assert!(
                        explained.contains(&value) || !text.contains(&value),
                        "{path} prints {value}, a withheld figure of team {}: …{around}…",
                        team.id
                    );
                }
            }
        }
    }

    // Exports: a withheld row carries no number; a group withheld whole, not even its size.
    let csv = &texts.iter().find(|(p, _)| p == "results/data/scores.csv").expect("scores.csv").1;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (suppressed, respondents) = (column("suppressed"), column("respondents"));
    for record in reader.records() {
        let record = record.unwrap();
        if record[suppressed].is_empty() {
            continue;
        }
        for (i, cell) in record.iter().enumerate() {
            let group_figure = ["respondents", "headcount", "response_rate"].contains(&&headers[i]);
            let whole = record[respondents].is_empty();
            if cell.parse::<f64>().is_ok() {
                assert!(group_figure && !whole, "withheld row shows `{}` = {cell}: {record:?}", &headers[i]);
            }
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&texts.iter().find(|(p, _)| p == "results/data/scores.json").unwrap().1).unwrap();
    for row in json["rows"].as_array().unwrap() {
        if row["suppressed"].as_str().is_some_and(|s| !s.is_empty()) {
            for key in ["n", "mean", "sd", "favourable_pct", "diff_mean_vs_org", "trend_mean"] {
                assert!(row[key].is_null(), "withheld JSON row shows {key}: {row}");
            }
        }
    }
    withheld
}

#[test]
fn privacy_audit_of_a_generated_organisation_of_500_teams() {
    let project = generated_project(500, 20261201);
    let withheld = audit(project.path());
    assert!(withheld >= 100, "a fair share of teams is withheld: {withheld}");
}

#[test]
fn privacy_audit_of_the_sample() {
    let project = sample_project();
    let withheld = audit(project.path());
    // Two teams' members and one team's customers (Shanghai 3 has four).
    assert!(withheld >= 3, "the sample withholds teams: {withheld}");
}
