//! External benchmarks (`content/benchmarks/<id>.yaml`, selected by `reports.benchmark`):
//! each mistake at its file, line and key, all of a file's together, and the previous output
//! untouched.

use crate::common::*;
use crate::survey::assert_error;
use trustbook::diagnostics::Diagnostics;

const BENCHMARK: &str = "content/benchmarks/peers.yaml";

const BENCHMARK_YAML: &str = "\
label: {en: Peer teams 2025}
source: Example Consulting, trust survey 2025
year: 2025
n: 1800
overall: {mean: 3.9, favourable: 70}
dimensions:
  ability: {mean: 3.8, favourable: 66}
  integrity: {mean: 4.0}
items:
  AB1: {favourable: 71}
  IN2: {mean: 3.7, favourable: 60}
";

/// The survey fixture comparing with a benchmark of peer teams.
fn with_benchmark() -> tempfile::TempDir {
    let project = fixture(SURVEY);
    let root = project.path();
    std::fs::create_dir_all(root.join("content/benchmarks")).unwrap();
    std::fs::write(root.join(BENCHMARK), BENCHMARK_YAML).unwrap();
    let config = root.join("trustbook.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}reports:\n  benchmark: peers\n")).unwrap();
    project
}

/// Builds the project with its benchmark, rewrites one of its files, builds again and checks
/// the failure left the first output untouched.
fn broken(file: &str, edit: impl FnOnce(String) -> String) -> Diagnostics {
    broken_after_build(with_benchmark().path(), file, edit)
}

#[test]
fn the_fixture_with_a_benchmark_compares_with_it() {
    let project = with_benchmark();
    build(project.path()).unwrap();
    let html = std::fs::read_to_string(project.path().join("output/results/en/teams/red/index.html")).unwrap();
    assert!(html.contains("Against the benchmark"), "the column is there");
    assert!(html.contains("Benchmark: Peer teams 2025 (Example Consulting, trust survey 2025; 2025; n = 1800)"));
}

#[test]
fn unknown_dimension_and_item_are_named_with_a_suggestion() {
    let errors = broken(BENCHMARK, |t| t.replace("  integrity: {mean", "  integrty: {mean").replace("IN2:", "IN3:"));
    assert_error(&errors, BENCHMARK, 8, "dimensions.integrty", "unknown dimension `integrty`");
    assert!(errors.render().contains("did you mean `integrity`?"), "{}", errors.render());
    assert_error(&errors, BENCHMARK, 11, "items.IN3", "unknown item `IN3`: the instrument `fixture` has no such item");
}

#[test]
fn figures_outside_the_scale_or_a_percentage_are_refused_together() {
    let errors = broken(BENCHMARK, |t| t.replace("mean: 3.8, favourable: 66", "mean: 5.8, favourable: 166"));
    assert_error(&errors, BENCHMARK, 7, "dimensions.ability.mean", "5.8 is outside the scale (1 to 5)");
    assert_error(&errors, BENCHMARK, 7, "dimensions.ability.favourable", "166 is not a percentage from 0 to 100");
}

#[test]
fn a_figure_without_a_mean_or_a_share() {
    let errors = broken(BENCHMARK, |t| t.replace("AB1: {favourable: 71}", "AB1: {}"));
    assert_error(&errors, BENCHMARK, 10, "items.AB1", "expected a `mean`, a `favourable` share or both");
}

#[test]
fn a_benchmark_must_say_where_it_comes_from() {
    let errors = broken(BENCHMARK, |t| {
        t.replace("source: Example Consulting, trust survey 2025", "source: \"  \"").replace("n: 1800", "n: 0")
    });
    assert_error(&errors, BENCHMARK, 2, "source", "say where the benchmark comes from");
    assert_error(&errors, BENCHMARK, 4, "n", "a benchmark rests on at least one person");
}

#[test]
fn an_implausible_year_and_an_unknown_key() {
    let errors = broken(BENCHMARK, |t| t.replace("year: 2025", "year: 25"));
    assert_error(&errors, BENCHMARK, 3, "year", "25 is not a plausible year");
    let errors = broken(BENCHMARK, |t| t.replace("n: 1800", "n: 1800\nsize: 3"));
    assert!(errors.render().contains(&format!("{BENCHMARK}:5:")), "{}", errors.render());
    assert!(errors.render().contains("unknown field `size`"), "{}", errors.render());
}

#[test]
fn a_dimension_named_twice() {
    let errors = broken(BENCHMARK, |t| t.replace("  integrity: {mean: 4.0}", "  ability: {mean: 4.0}"));
    assert!(errors.render().contains(&format!("{BENCHMARK}:8:")), "{}", errors.render());
}

#[test]
fn a_missing_benchmark_file_is_named_at_its_setting() {
    let errors = broken("trustbook.yaml", |t| t.replace("benchmark: peers", "benchmark: peer"));
    assert_error(
        &errors,
        "trustbook.yaml",
        4,
        "reports.benchmark",
        "no benchmark `peer`: expected content/benchmarks/peer.yaml (did you mean `peers`?)",
    );
}

#[test]
fn a_benchmark_id_is_a_file_name() {
    let errors = broken("trustbook.yaml", |t| t.replace("benchmark: peers", "benchmark: ../survey/instrument"));
    assert_error(&errors, "trustbook.yaml", 4, "reports.benchmark", "is not a benchmark id");
}

#[test]
fn a_benchmark_without_a_survey() {
    let project = tempfile::tempdir().unwrap();
    write(project.path(), "trustbook.yaml", "title: T\nlanguages: [en]\nreports: {benchmark: peers}\n");
    write(project.path(), "content/handbook/_index.md", "# Home\n");
    let errors = build_errors(project.path());
    assert_error(&errors, "trustbook.yaml", 3, "reports.benchmark", "the project has no survey");
}
