//! Honest flags (issue 13): a difference is flagged only when it reaches its size and is
//! statistically significant, on the sample survey as it was at commit 4216d94
//! (`tests/fixtures/sample-4216d94/`).

use trustbook::model::TrustModel;
use trustbook::project::{PrivacyConfig, ScoringConfig};
use trustbook::scoring::{self, Comparison, ScoredModel};
use trustbook::source::{Limits, Source};
use trustbook::survey::Survey;

fn old_sample() -> Survey {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-4216d94");
    let source = Source::open(&root, Limits::default()).unwrap();
    Survey::load(&source, "content/survey", &TrustModel::default())
        .unwrap_or_else(|e| panic!("the old sample loads:\n{}", e.render()))
}

fn scored(survey: &Survey, significance: Option<f64>) -> ScoredModel {
    let scoring = ScoringConfig { significance, ..ScoringConfig::default() };
    scoring::score(survey, &scoring, &PrivacyConfig::default())
}

/// Team `id`'s dimension `d` in the last wave: (gap against the organisation, change since the
/// previous wave).
fn figures<'a>(model: &'a ScoredModel, survey: &Survey, id: &str, d: usize) -> (&'a Comparison, &'a Comparison) {
    let t = survey.organisation.teams.iter().position(|t| t.id.as_str() == id).unwrap();
    let score = model.waves.last().unwrap().teams[t].figures.shown().unwrap().dimensions[d].shown().unwrap();
    (score.vs_organisation.as_deref().unwrap(), score.trend.as_deref().unwrap())
}

#[test]
fn a_drop_one_or_two_people_make_is_no_longer_flagged_and_a_real_gap_still_is() {
    let survey = old_sample();
    let (by_size, honest) = (scored(&survey, None), scored(&survey, Some(0.05)));
    let ability = 0;

    // Shanghai 1, 13 respondents: ability down 0.14 and 7.4 points since the spring. By size
    // alone the 7.4 points passed the 5-point threshold: "clearly falling".
    let (_, trend) = figures(&by_size, &survey, "sales-east-1", ability);
    assert!((trend.mean.unwrap() + 0.137).abs() < 0.001 && (trend.favourable_pp.unwrap() + 7.43).abs() < 0.01);
    assert!(trend.favourable_flag && trend.falling(), "by size alone it was flagged");
    // Tested, the two waves as independent samples: p = 0.59 for the mean, far from 0.05.
    let (_, trend) = figures(&honest, &survey, "sales-east-1", ability);
    let p = trend.mean_test.unwrap().p;
    assert!(p > 0.5, "Welch p {p}");
    assert!(trend.favourable_test.unwrap().p > 0.05, "the favourable share's change is within noise too");
    assert!(!trend.flagged(), "no longer flagged");

    // Web, 9 respondents: integrity 0.77 and 47 points below the organisation. Against the rest
    // of the organisation Welch's p is 2e-7, and 2e-6 after Benjamini-Hochberg over the wave's
    // 14 teams: a real gap, still flagged, and so is its fall since the spring.
    let integrity = 1;
    let (gap, trend) = figures(&honest, &survey, "rd-product-2", integrity);
    assert!(gap.mean.unwrap() < -0.77 && gap.favourable_pp.unwrap() < -47.0);
    let (p, q) = (gap.mean_test.unwrap().p, gap.mean_q.unwrap());
    assert!(p < 1e-6 && q < 1e-5, "p {p}, q {q}");
    assert!(gap.mean_flag && gap.favourable_flag, "still flagged on both figures");
    assert!(trend.falling() && trend.mean_q.unwrap() < 0.01, "and still clearly falling");

    // The warehouse's ability gap (-0.59, p = 0.0009) is real for the team, but in the autumn
    // the teams' ability means do not reliably differ (ICC(2) = 0.59, below 0.7): no team's
    // ability gap is flagged, and the report says why.
    let (gap, _) = figures(&honest, &survey, "ops-supply-1", ability);
    assert!(gap.mean_test.unwrap().p < 0.001);
    let icc2 = honest.waves.last().unwrap().reliability[ability].icc2.unwrap();
    assert!((icc2 - 0.590).abs() < 0.001, "ICC(2) {icc2}");
    assert!(gap.means_unreliable && !gap.flagged());
    let (gap, _) = figures(&by_size, &survey, "ops-supply-1", ability);
    assert!(gap.means_unreliable && !gap.flagged(), "the ICC rule holds whatever the significance setting");
}

#[test]
fn significance_off_keeps_the_flags_by_size_alone() {
    let survey = old_sample();
    let (by_size, honest) = (scored(&survey, None), scored(&survey, Some(0.05)));
    let (mut before, mut after) = (0, 0);
    for (old, new) in by_size.waves.iter().zip(&honest.waves) {
        for (a, b) in old.teams.iter().zip(&new.teams) {
            let (Some(a), Some(b)) = (a.figures.shown(), b.figures.shown()) else { continue };
            for (x, y) in a.dimensions.iter().zip(&b.dimensions) {
                let (Some(x), Some(y)) = (x.shown(), y.shown()) else { continue };
                for (c, d) in [(&x.vs_organisation, &y.vs_organisation), (&x.trend, &y.trend)] {
                    let (Some(c), Some(d)) = (c, d) else { continue };
                    // Significance only takes flags away; the differences are the same.
                    assert_eq!((c.mean, c.favourable_pp), (d.mean, d.favourable_pp));
                    assert!(c.mean_flag || !d.mean_flag, "a flag only where size flagged");
                    assert!(c.favourable_flag || !d.favourable_flag);
                    before += usize::from(c.flagged());
                    after += usize::from(d.flagged());
                }
            }
        }
    }
    assert!(after < before && after > 0, "flags by size {before}, honest {after}");
}
