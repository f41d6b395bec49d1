//! Citations on the sample: `[@key]` in the handbook becomes a GB/T 7714 numeric citation in
//! Chinese and an APA one in English, each page lists what it cites, the bibliography page
//! lists every source, and the PDF book carries the same text as the HTML.

use crate::common::*;

/// Visible text of an HTML page.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
}

#[test]
fn citations_follow_each_languages_style_in_html_and_pdf() {
    let out = tempfile::tempdir().unwrap();
    let mut options = trustbook::BuildOptions::new(repo_root());
    options.out = Some(out.path().to_path_buf());
    trustbook::build(&options).unwrap();
    let page = |lang: &str| {
        let html =
            std::fs::read_to_string(out.path().join(format!("site/{lang}/handbook/foundations/theories/index.html")));
        text_of(&html.unwrap())
    };

    // Chinese: numbered in order of first citation on the page, with the GB/T entry below.
    let zh = page("zh");
    assert!(zh.contains("认可和时间[1]。"), "Blau cited as [1]");
    assert!(zh.contains("对方又期待我做什么[3,4]。"), "two sources in one citation");
    let list = zh.split("参考文献").last().unwrap();
    assert!(list.contains("[1] BLAU P M. Exchange and power in social life[M]. New York: Wiley, 1964."), "{list}");

    // English: author and year, and the APA entry.
    let en = page("en");
    assert!(en.contains("recognition and time (Blau, 1964)."), "APA in-text citation");
    assert!(en.contains("(Rousseau, 1989; 1995)"), "two works of one author");
    assert!(en.contains("Blau, P. M. (1964). Exchange and power in social life. Wiley."), "APA reference entry");

    // The PDF book numbers each page the same way and prints the same list.
    let book = pdf_text(&out.path().join("site/zh/handbook.pdf"));
    let flat: String = book.split_whitespace().collect();
    assert!(flat.contains("认可和时间[1]。"), "the book's citation");
    assert!(flat.contains("[1]BLAUPM.Exchangeandpowerinsociallife[M].NewYork:Wiley,1964."), "the book's entry");

    // The bibliography page lists every source in references.yaml.
    let sources = std::fs::read_to_string(repo_root().join("content/references.yaml")).unwrap();
    let keys = sources.lines().filter(|l| !l.starts_with([' ', '#']) && l.ends_with(':')).count();
    let all = text_of(&std::fs::read_to_string(out.path().join("site/zh/handbook/references/index.html")).unwrap());
    assert!(all.contains(&format!("[{keys}] ")) && !all.contains(&format!("[{}] ", keys + 1)), "all {keys} sources");
    let all_en = text_of(&std::fs::read_to_string(out.path().join("site/en/handbook/references/index.html")).unwrap());
    assert!(all_en.contains("Tajfel, H., & Turner, J. C. (1979)."), "the English bibliography");
}
