//! Bad input: every mistake is reported with its file and line, all mistakes of a build come
//! together, and the previous output stays exactly as it was.

use crate::common::*;
use trustbook::diagnostics::Diagnostics;

/// Builds the fixture once, applies `break_it`, builds again and checks that the build failed
/// without touching the first output. Returns the diagnostics of the failed build.
fn broken_build(break_it: impl FnOnce(&std::path::Path)) -> Diagnostics {
    let project = fixture(MINIMAL);
    build(project.path()).expect("the fixture builds before it is broken");
    let output = project.path().join("output");
    let before = tree(&output);
    break_it(project.path());
    let diagnostics = build_errors(project.path());
    assert_eq!(tree(&output), before, "the previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging") || name.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
    diagnostics
}

/// The one error at `location` (`file:line:column`), whose message contains `message`.
fn assert_reported(diagnostics: &Diagnostics, location: &str, message: &str) {
    let found = diagnostics.iter().any(|d| d.location().as_deref() == Some(location) && d.message.contains(message));
    assert!(found, "no error `{message}` at {location}; got:\n{}", diagnostics.render());
    // The rendered report shows the same place, as a user sees it.
    assert!(diagnostics.render().contains(location), "{}", diagnostics.render());
}

#[test]
fn front_matter_yaml_syntax_error() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/first.md", "---\ntitle: 第一章\nweight: [1\n---\n正文\n");
    });
    let error = errors.iter().next().unwrap();
    assert_eq!(error.file.as_deref(), Some("content/handbook/guide/first.md"));
    let (line, _) = error.line_column().expect("a position");
    assert!((3..=4).contains(&line), "line {line}: {}", error.render());
    assert!(error.render().contains("weight: [1"), "the offending line is shown:\n{}", error.render());
}

#[test]
fn unknown_front_matter_key_with_suggestion() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/first.md", "---\ntitle: 第一章\nsumary: 摘要\n---\n正文\n");
    });
    assert_reported(&errors, "content/handbook/guide/first.md:3:1", "unknown field `sumary`");
    assert!(errors.render().contains("did you mean `summary`?"), "{}", errors.render());
}

#[test]
fn misspelt_dimension_with_suggestion() {
    let errors = broken_build(|root| {
        let text = "---\ntitle: 第二章\nkind: strategy\ndimensions: [integrity, benevolance]\nactions:\n  - {text: a, owner: b, frequency: c, measure: d}\n---\n正文\n";
        write(root, "content/handbook/guide/second.md", text);
    });
    assert_reported(&errors, "content/handbook/guide/second.md:4:25", "unknown dimension `benevolance`");
    let error = errors.iter().find(|e| e.message.contains("benevolance")).unwrap();
    assert_eq!(error.key.as_deref(), Some("dimensions[1]"));
    assert!(error.message.contains("the model (content/model.yaml) has `ability`, `integrity`, `benevolence`"));
    assert!(errors.render().contains("did you mean `benevolence`?"));
}

#[test]
fn duplicate_slugs() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/third.md", "---\ntitle: 第三章\nslug: first\n---\n正文\n");
    });
    assert_reported(&errors, "content/handbook/guide/third.md:3:1", "duplicate slug `first`");
    assert!(errors.render().contains("content/handbook/guide/first.md"), "names the other page too");
}

#[test]
fn broken_internal_link() {
    let errors = broken_build(|root| {
        write(
            root,
            "content/handbook/guide/first.md",
            "---\ntitle: 第一章\n---\n第一段。\n\n见[不存在的页](@/handbook/guide/missing.md)。\n",
        );
    });
    assert_reported(&errors, "content/handbook/guide/first.md:6:2", "no content/handbook/guide/missing.md");
}

#[test]
fn broken_anchor_names_the_language() {
    let errors = broken_build(|root| {
        write(
            root,
            "content/handbook/guide/first.md",
            "---\ntitle: 第一章\n---\n见[做法](@/handbook/guide/second.md#作法)。\n",
        );
    });
    assert_reported(&errors, "content/handbook/guide/first.md:4:2", "no heading with the id `作法`");
    assert!(errors.render().contains("did you mean `做法`?"));
}

#[test]
fn missing_section_title() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/_index.md", "---\nweight: 1\n---\n本节概述。\n");
    });
    assert_reported(&errors, "content/handbook/guide/_index.md:2:1", "missing title");
}

#[test]
fn strategy_without_actions() {
    let errors = broken_build(|root| {
        write(
            root,
            "content/handbook/guide/second.md",
            "---\ntitle: 第二章\nkind: strategy\ndimensions: [integrity]\n---\n正文\n",
        );
    });
    assert_reported(&errors, "content/handbook/guide/second.md:3:1", "needs `actions`");
}

#[test]
fn translation_may_not_change_shared_settings() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/first.en.md", "---\ntitle: One\nweight: 7\n---\nText\n");
    });
    assert_reported(&errors, "content/handbook/guide/first.en.md:3:1", "`weight` differs from the original");
}

#[test]
fn remote_image_and_missing_image() {
    let errors = broken_build(|root| {
        write(
            root,
            "content/handbook/guide/first.md",
            "---\ntitle: 第一章\n---\n![a](https://cdn.example/a.png)\n\n![b](nowhere.png)\n",
        );
    });
    assert_reported(&errors, "content/handbook/guide/first.md:4:1", "is remote");
    assert_reported(
        &errors,
        "content/handbook/guide/first.md:6:1",
        "image not found: content/handbook/guide/nowhere.png",
    );
}

#[test]
fn all_mistakes_are_reported_together() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/_index.md", "---\nweight: 1\n---\n");
        write(root, "content/handbook/guide/first.md", "---\ntitle: 第一章\ncolour: red\n---\n");
        write(root, "content/handbook/guide/second.md", "---\ntitle: 第二章\n---\n[x](@/handbook/nope.md)\n");
        write(root, "trustbook.yaml.bak", "not read");
    });
    assert_eq!(errors.error_count(), 3, "{}", errors.render());
}

#[test]
fn bad_config_names_the_key() {
    let errors = broken_build(|root| {
        write(root, "trustbook.yaml", "title: X\nlanguages: [zh, en]\nprivacy:\n  min_respondent: 3\n");
    });
    let error = errors.iter().next().unwrap();
    assert_eq!(error.location().as_deref(), Some("trustbook.yaml:4:3"));
    assert_eq!(error.key.as_deref(), Some("privacy.min_respondent"));
    assert!(error.notes.iter().any(|n| n == "did you mean `min_respondents`?"));
}

#[test]
fn a_key_given_twice_in_front_matter_or_config_names_both_lines() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/twice.md", "---\ntitle: One\nweight: 2\ntitle: Two\n---\nText\n");
        write(root, "trustbook.yaml", "title: X\nlanguages: [zh, en]\ntitle: Y\n");
    });
    let lines: Vec<(Option<String>, Vec<String>)> = errors.iter().map(|e| (e.location(), e.notes.clone())).collect();
    assert!(
        lines.contains(&(Some("trustbook.yaml:3:1".into()), vec!["it is first given at line 1".into()])),
        "{errors}"
    );
    // The config error stops the build before content is read; alone, the page's error is
    // just as precise.
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/twice.md", "---\ntitle: One\nweight: 2\ntitle: Two\n---\nText\n");
    });
    let error = errors.iter().next().unwrap();
    assert_eq!(error.location().as_deref(), Some("content/handbook/guide/twice.md:4:1"), "{errors}");
    assert_eq!(error.notes, ["it is first given at line 2"]);
}

#[test]
fn a_base_url_that_is_not_a_web_address_is_refused_at_its_line() {
    let errors = broken_build(|root| {
        write(root, "trustbook.yaml", "title: X\nlanguages: [zh, en]\nbase_url: \"javascript:alert(1)\"\n");
    });
    let error = errors.iter().next().unwrap();
    assert_eq!(error.location().as_deref(), Some("trustbook.yaml:3:11"));
    assert!(error.message.contains("https://"), "{}", error.message);
}

#[test]
fn plan_settings_are_checked_at_their_lines() {
    let errors = broken_build(|root| {
        write(root, "trustbook.yaml", "title: X\nlanguages: [zh, en]\nplan:\n  target_gain: 5\n");
    });
    let error = errors.iter().next().unwrap();
    assert_eq!(error.location().as_deref(), Some("trustbook.yaml:4:3"));
    assert!(error.notes.iter().any(|n| n == "did you mean `target_gain_pp`?"), "{error:?}");

    let errors = broken_build(|root| {
        let config = "title: X\nlanguages: [zh, en]\nplan:\n  max_focus: 0\n  target_gain_pp: 150\n";
        write(root, "trustbook.yaml", config);
    });
    let found: Vec<(Option<String>, Option<String>)> = errors.iter().map(|e| (e.location(), e.key.clone())).collect();
    assert_eq!(
        found,
        [
            (Some("trustbook.yaml:4:14".into()), Some("plan.max_focus".into())),
            (Some("trustbook.yaml:5:19".into()), Some("plan.target_gain_pp".into())),
        ],
        "{errors}"
    );
}

#[test]
fn template_error_names_the_template_file_and_line() {
    let errors = broken_build(|root| {
        write(
            root,
            "themes/default/templates/section.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ page.no_such_field }}\n{% endblock content %}\n",
        );
    });
    let error = errors.iter().find(|d| d.message.starts_with("template error")).expect("a template error");
    let location = error.location().unwrap();
    assert!(location.starts_with("themes/default/templates/section.html:3:"), "{location}");
}

#[test]
fn foreign_output_folder_is_never_replaced() {
    let project = fixture(MINIMAL);
    let mine = project.path().join("output");
    write(&mine, "notes.txt", "my own notes");
    match build(project.path()) {
        Err(trustbook::BuildError::Output(error)) => {
            assert!(error.to_string().contains("not made by trustbook"))
        }
        other => panic!("expected an output error, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "my own notes");
}

#[test]
fn output_inside_content_is_refused() {
    let project = fixture(MINIMAL);
    write(project.path(), "trustbook.yaml", "title: X\noutput: content/site\n");
    let errors = build_errors(project.path());
    let error = errors.iter().next().unwrap();
    assert!(error.message.contains("inside content/"), "{}", error.render());
    assert!(!project.path().join("content/site").exists());
}

#[test]
fn a_pdf_font_that_cannot_be_read_names_the_setting() {
    let project = fixture(SURVEY);
    build(project.path()).expect("the fixture builds");
    let before = tree(&project.path().join("output"));
    write(
        project.path(),
        "trustbook.yaml",
        "title: X\nlanguages: [en]\npdf:\n  fonts:\n    body: {path: fonts/missing.otf}\n",
    );
    let errors = build_errors(project.path());
    let error = errors.iter().find(|d| d.message.contains("cannot read font fonts/missing.otf")).expect("a font error");
    assert_eq!(error.location().as_deref(), Some("trustbook.yaml:5:18"));
    assert_eq!(error.key.as_deref(), Some("pdf.fonts.body.path"));
    assert_eq!(tree(&project.path().join("output")), before, "the previous output changed");

    write(project.path(), "fonts/broken.otf", "not a font");
    write(
        project.path(),
        "trustbook.yaml",
        "title: X\nlanguages: [en]\npdf:\n  fonts:\n    body: {path: fonts/broken.otf}\n",
    );
    let errors = build_errors(project.path());
    let error = errors.iter().find(|d| d.key.as_deref() == Some("pdf.fonts.body")).expect("a font error");
    assert!(error.message.contains("fonts/broken.otf: not a font"), "{}", error.message);
}

#[test]
fn pdf_style_values_out_of_range_are_each_reported_at_their_line() {
    let errors = broken_build(|root| {
        let style = std::fs::read_to_string(repo_root().join("themes/default/pdf.yaml")).unwrap();
        let style = style
            .replace("margin_left_mm: 22", "margin_left_mm: 100")
            .replace("body: 10.5", "body: -3")
            .replace("line_height: 1.65", "line_height: .nan");
        write(root, "themes/default/pdf.yaml", &style);
    });
    let keys: Vec<&str> = errors.iter().filter_map(|e| e.key.as_deref()).collect();
    assert_eq!(keys, ["page.margin_left_mm", "sizes.body", "line_height"], "{errors}");
    assert!(errors.iter().all(|e| e.location().is_some_and(|l| l.starts_with("themes/default/pdf.yaml:"))), "{errors}");
}

#[test]
fn deep_nesting_is_refused_with_a_clear_error_not_a_crash() {
    let errors = broken_build(|root| {
        let quotes = format!("---\ntitle: Deep\n---\n{}deep\n", "> ".repeat(5000));
        write(root, "content/handbook/guide/deep.md", &quotes);
    });
    let error = errors.iter().next().unwrap();
    assert!(error.message.contains("nested more than 100 deep"), "{}", error.message);
    assert_eq!(error.file.as_deref(), Some("content/handbook/guide/deep.md"));
}

#[test]
fn lists_and_quotes_nested_thirty_deep_are_laid_out() {
    let project = fixture(MINIMAL);
    let list: String = (0..30).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    write(project.path(), "content/handbook/guide/list.md", &format!("---\ntitle: List\n---\n{list}"));
    let quote = format!("---\ntitle: Quote\n---\n{}deep quote\n", "> ".repeat(90));
    write(project.path(), "content/handbook/guide/quote.md", &quote);
    build(project.path()).expect("deep but readable nesting builds");
    assert!(project.path().join("output/site/zh/handbook.pdf").is_file());
}

#[test]
fn missing_theme_fonts_and_a_broken_picture_are_reported_together() {
    let errors = broken_build(|root| {
        let style = std::fs::read_to_string(repo_root().join("themes/default/pdf.yaml")).unwrap();
        let style = style
            .replace("mono: fonts/NotoSansSC-Regular.woff2", "mono: fonts/Missing-Mono.woff2")
            .replace("    - fonts/NotoSans-LatinExt-Regular.woff2", "    - fonts/Missing-Fallback.woff2");
        write(root, "themes/default/pdf.yaml", &style);
        write(root, "content/handbook/guide/broken.png", "not a picture");
        write(root, "content/handbook/guide/first.md", "---\ntitle: 第一章\n---\n正文。\n\n![图](broken.png)\n");
    });
    let line_of = |needle: &str| {
        let style = std::fs::read_to_string(repo_root().join("themes/default/pdf.yaml")).unwrap();
        1 + style.lines().position(|l| l.contains(needle)).unwrap()
    };
    let mono = format!("themes/default/pdf.yaml:{}:9", line_of("mono:"));
    assert_reported(&errors, &mono, "font file `fonts/Missing-Mono.woff2` is not in the theme");
    let fallback = format!("themes/default/pdf.yaml:{}:7", line_of("NotoSans-LatinExt-Regular"));
    assert_reported(&errors, &fallback, "font file `fonts/Missing-Fallback.woff2` is not in the theme");
    assert!(errors.iter().any(|e| e.key.as_deref() == Some("fonts.fallback[1]")), "{}", errors.render());
    assert_reported(&errors, "content/handbook/guide/first.md:6:1", "cannot read image `handbook/guide/broken.png`");
}

/// Every word of a PDF with its right edge and its page's width, by `pdftotext -bbox`.
fn word_edges(pdf: &std::path::Path) -> Vec<(String, f32, f32)> {
    let output = std::process::Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().expect("pdftotext");
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut words = Vec::new();
    let mut page_width = 0.0;
    for line in html.lines() {
        let attribute = |name: &str| -> Option<f32> {
            let start = line.find(&format!("{name}=\""))? + name.len() + 2;
            line[start..].split('"').next()?.parse().ok()
        };
        if line.trim_start().starts_with("<page") {
            page_width = attribute("width").unwrap_or(0.0);
        } else if line.trim_start().starts_with("<word") {
            let text = line.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string();
            words.push((text, attribute("xMax").unwrap_or(0.0), page_width));
        }
    }
    words
}

#[test]
fn text_after_characters_no_font_has_stays_inside_the_column() {
    let project = fixture(MINIMAL);
    let thai = "ภาษาไทย".repeat(6);
    // One line, so it is not justified: each word is placed by the run it is in.
    let tail = "after the gap ".repeat(3);
    write(project.path(), "content/handbook/guide/thai.md", &format!("---\ntitle: Thai\n---\nBefore {thai} {tail}\n"));
    let report = build(project.path()).expect("missing glyphs are a warning");
    let warnings = report.warnings.render();
    assert!(warnings.contains("no font has a glyph for `ภ`"), "{warnings}");
    assert!(warnings.contains("content/handbook/guide/thai.md:4:8"), "the warning names the source line: {warnings}");
    let words = word_edges(&project.path().join("output/site/zh/handbook.pdf"));
    assert!(words.iter().any(|(w, ..)| w == "after"), "the text after the gap is there");
    for (word, right, width) in &words {
        assert!(*right <= width - 30.0, "`{word}` ends at {right}, past the column of a page {width} wide");
    }
}

#[test]
fn applies_to_is_checked_against_the_model_attributes() {
    let errors = broken_build(|root| {
        let text = "---\ntitle: 第二章\nkind: strategy\napplies_to: {function: [sales, warehouse], size: [big]}\ndimensions: [integrity]\nactions:\n  - {text: a, owner: b, frequency: c, measure: d}\n---\n正文\n";
        write(root, "content/handbook/guide/second.md", text);
    });
    let all = errors.render();
    assert!(
        all.contains("content/handbook/guide/second.md:4:") && all.contains("`warehouse` is not a value of `function`"),
        "{all}"
    );
    assert!(all.contains("unknown attribute `size`"), "{all}");
}

#[test]
fn an_actions_dimensions_and_whose_trust_a_page_builds_are_checked() {
    let errors = broken_build(|root| {
        let text = "---\ntitle: 第二章\nkind: strategy\nrespondents: clients\ndimensions: [integrity]\nactions:\n  - {text: a, owner: b, frequency: c, measure: d, dimensions: [integrty]}\n---\n正文\n";
        write(root, "content/handbook/guide/second.md", text);
    });
    let all = errors.render();
    assert!(all.contains("content/handbook/guide/second.md:4:") && all.contains("clients"), "{all}");
    let errors = broken_build(|root| {
        let text = "---\ntitle: 第二章\nkind: strategy\ndimensions: [integrity]\nactions:\n  - {text: a, owner: b, frequency: c, measure: d, dimensions: [integrty]}\n---\n正文\n";
        write(root, "content/handbook/guide/second.md", text);
    });
    let all = errors.render();
    assert!(all.contains("content/handbook/guide/second.md:6:"), "the action's line: {all}");
    assert!(all.contains("unknown dimension `integrty` (did you mean `integrity`?)"), "{all}");
    let errors = broken_build(|root| {
        let text = "---\ntitle: 第二章\nkind: theory\nrespondents: customers\n---\n正文\n";
        write(root, "content/handbook/guide/second.md", text);
    });
    assert!(errors.render().contains("it belongs on strategy pages"), "{}", errors.render());
}

const ONE_SOURCE: &str = "mayer1995:\n  type: article\n  title: An integrative model of organizational trust\n  author: [\"Mayer, Roger C.\"]\n  date: 1995\n";

#[test]
fn an_unknown_citation_key_is_an_error_at_its_line_with_the_closest_key() {
    let errors = broken_build(|root| {
        write(root, "content/references.yaml", ONE_SOURCE);
        write(
            root,
            "content/handbook/guide/second.md",
            "---\ntitle: 第二章\n---\n## 做法\n\n信任有三个来源[@mayr1995]。\n",
        );
    });
    let all = errors.render();
    assert!(all.contains("content/handbook/guide/second.md:6:"), "at its line: {all}");
    assert!(all.contains("unknown citation key `mayr1995` (did you mean `mayer1995`?)"), "{all}");
}

#[test]
fn citations_without_a_references_file_are_an_error() {
    let errors = broken_build(|root| {
        write(root, "content/handbook/guide/second.md", "---\ntitle: 第二章\n---\n## 做法\n\n见[@mayer1995]。\n");
    });
    let all = errors.render();
    assert!(all.contains("content/references.yaml") && all.contains("no content/references.yaml"), "{all}");
}

#[test]
fn a_references_file_hayagriva_cannot_read_is_an_error_at_its_line() {
    let errors = broken_build(|root| {
        write(root, "content/references.yaml", &ONE_SOURCE.replace("type: article", "type: [article"));
    });
    let all = errors.render();
    assert!(all.contains("content/references.yaml:") && all.contains("cannot read the references"), "{all}");
}

#[test]
fn an_unknown_citation_style_names_the_closest_one() {
    let errors = broken_build(|root| {
        let config = std::fs::read_to_string(root.join("trustbook.yaml")).unwrap();
        write(root, "trustbook.yaml", &format!("{config}citations:\n  styles: {{zh: gb-7714-2015-numerc}}\n"));
    });
    let all = errors.render();
    assert!(all.contains("citations.styles.zh"), "{all}");
    assert!(all.contains("(did you mean `gb-7714-2015-numeric`?)"), "{all}");
}

#[test]
fn a_significance_level_that_is_no_level() {
    for (given, expected) in
        [("maybe", "expected a level such as 0.05, or `off`"), ("1.5", "greater than 0 and less than 1")]
    {
        let errors = broken_build(|root| {
            write(
                root,
                "trustbook.yaml",
                &format!("title: X\nlanguages: [zh, en]\nscoring:\n  significance: {given}\n"),
            );
        });
        let error = errors.iter().next().unwrap();
        assert_eq!(error.location().as_deref().map(|l| l.starts_with("trustbook.yaml:4")), Some(true), "{given}");
        assert_eq!(error.key.as_deref(), Some("scoring.significance"), "{given}");
        assert!(error.message.contains(expected), "{given}: {}", error.message);
    }
}

#[test]
fn reliability_thresholds_outside_zero_and_one() {
    let errors = broken_build(|root| {
        write(root, "trustbook.yaml", "title: X\nlanguages: [zh, en]\nscoring:\n  min_icc2: 7\n  min_team_alpha: -1\n");
    });
    let keys: Vec<_> = errors.iter().filter_map(|e| e.key.clone()).collect();
    assert!(
        keys.contains(&"scoring.min_icc2".to_string()) && keys.contains(&"scoring.min_team_alpha".to_string()),
        "{keys:?}"
    );
    assert!(errors.render().contains("expected a coefficient from 0 to 1"));
}

#[test]
fn an_unknown_fdr_method() {
    let errors = broken_build(|root| {
        write(root, "trustbook.yaml", "title: X\nlanguages: [zh, en]\nscoring:\n  fdr: bonferroni\n");
    });
    let error = errors.iter().next().unwrap();
    assert_eq!(error.key.as_deref(), Some("scoring.fdr"), "{}", errors.render());
    assert!(error.location().is_some_and(|l| l.starts_with("trustbook.yaml:4")), "{}", errors.render());
    assert!(errors.render().contains("benjamini_hochberg"), "the error names what is expected: {}", errors.render());
}
