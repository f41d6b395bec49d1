//! The pipeline's shape, checked over `src/`: stages import only the stages before them, only
//! the source stage reads project files (only `output` writes them), and renderers only
//! encode. Clippy enforces the file rule too (`clippy.toml`); this test says it in one place
//! and also catches what clippy's method list cannot name.

use std::path::PathBuf;

use crate::common::repo_root;

/// Every module of `src/` by pipeline floor: a module may use modules on lower floors only.
/// A new module must be placed here, which is the point: its place in the pipeline is a
/// decision, not an accident.
const FLOORS: &[(&str, u8)] = &[
    ("text", 0),
    ("diagnostics", 1),
    ("yaml", 2),
    ("figure", 2),
    ("logo", 2),
    ("source", 2),
    ("document", 3),
    ("project", 3),
    ("output", 4),
    ("theme", 4),
    ("model", 4),
    ("content", 5),
    ("survey", 5),
    ("scoring", 6),
    ("routes", 6),
    ("plan", 7),
    ("compose", 8),
    ("render", 9),
    ("init", 10),
    ("site", 10),
];

/// What opens, lists or inspects files on disk. `include_dir!`/`include_str!` embed files of
/// this repository at compile time and are not project reads.
const FILE_ACCESS: &[&str] = &[
    "std::fs",
    "fs::",
    "File::",
    "OpenOptions",
    "walkdir",
    "read_dir(",
    "read_link(",
    ".canonicalize(",
    ".is_file()",
    ".is_dir()",
    ".is_symlink()",
    ".exists()",
    ".try_exists(",
    ".metadata(",
    ".symlink_metadata(",
    "include_bytes!(",
];

/// The Rust files of `src/`, each with its module (first folder or file name under `src/`)
/// and its text up to the unit tests (tests may use temporary files freely).
fn sources() -> Vec<(PathBuf, String, String)> {
    let src = repo_root().join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let module =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap().to_string();
        files.push((relative.to_path_buf(), module, code));
    }
    files
}

fn floor(module: &str) -> Option<u8> {
    FLOORS.iter().find(|(name, _)| *name == module).map(|(_, floor)| *floor)
}

/// A line without its comment (doc links to other modules are not uses of them). A `//`
/// starts a comment at the start of a line or after a space, not inside `"http://…"`.
fn code_part(line: &str) -> &str {
    let comment = line.match_indices("//").find(|(at, _)| *at == 0 || line[..*at].ends_with([' ', '\t']));
    comment.map_or(line, |(at, _)| &line[..at])
}

/// The identifier at the start of `text`.
fn identifier(text: &str) -> String {
    text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// The top-level items of a `{a::b, c::{d, e}}` group (given after its `{`), trimmed.
fn group_items(group: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(group[start..at].trim());
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(group[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    items.retain(|item| !item.is_empty());
    items
}

/// The crate modules a file's code names: `crate::scoring::…` gives `scoring`, and
/// `use crate::{render::X, plan}` gives `render` and `plan`.
fn uses(code: &str) -> Vec<String> {
    let code: Vec<&str> = code.lines().map(code_part).collect();
    let code = code.join("\n");
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            found.extend(group_items(group).iter().map(|item| identifier(item)));
        } else {
            found.push(identifier(rest));
        }
    }
    found.retain(|name| !name.is_empty() && name != "self");
    found
}

/// Whether `line` holds `pattern` as a name of its own (`File::` but not `YamlFile::`).
fn names(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        pattern.starts_with('.') || !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn stages_import_only_the_stages_before_them() {
    let mut wrong = Vec::new();
    for (path, module, code) in sources() {
        if matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        let Some(own) = floor(&module) else {
            wrong.push(format!("src/{}: module `{module}` has no floor in FLOORS", path.display()));
            continue;
        };
        for used in uses(&code) {
            if used == module {
                continue;
            }
            match floor(&used) {
                Some(theirs) if theirs < own => {}
                _ => {
                    wrong.push(format!("src/{} ({module}) uses `crate::{used}`, which is not below it", path.display()))
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports running up or sideways:\n{}", wrong.join("\n"));
}

#[test]
fn only_the_source_stage_reads_and_only_output_writes() {
    let mut found = Vec::new();
    let mut checked = 0;
    for (path, module, code) in sources() {
        if matches!(module.as_str(), "source" | "output") {
            continue;
        }
        checked += 1;
        for (number, line) in code.lines().enumerate() {
            if let Some(pattern) = FILE_ACCESS.iter().find(|p| names(code_part(line), p)) {
                found.push(format!("src/{}:{}: `{pattern}`: {}", path.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(checked > 40, "only {checked} files looked at: is src/ where it should be?");
    assert!(found.is_empty(), "file access outside src/source and src/output:\n{}", found.join("\n"));
}

#[test]
fn the_checks_see_what_they_look_for() {
    // The two tests above must be able to fail: a line that reads a file and a use of a
    // higher stage are caught.
    assert_eq!(uses("use crate::scoring::Assessment;\nlet x = crate::plan::Planner;"), ["scoring", "plan"]);
    assert_eq!(uses("use crate::{render::html, plan::{a, b}};"), ["render", "plan"], "grouped imports");
    assert_eq!(code_part(r#"let url = "http://x"; // crate::render"#), r#"let url = "http://x"; "#);
    assert!(FILE_ACCESS.iter().any(|p| names("use std::{fs, io};\nfs::copy(a, b)?;", p)));
    let line = "let bytes = std::fs::read(path)?;";
    assert!(FILE_ACCESS.iter().any(|p| names(line, p)));
    assert!(!FILE_ACCESS.iter().any(|p| names("let file = YamlFile::new(text);", p)));
    assert!(uses("/// See [`crate::render`].").is_empty(), "doc links are not imports");
    assert!(floor("render") > floor("compose") && floor("compose") > floor("plan"));
}

/// What renderers may take from the composition stage: finished reports, and the one
/// definition of a strategy page's action table. Nothing that composes a report.
const RENDER_MAY_USE_FROM_COMPOSE: &[&str] = &["Report", "Subject", "ActionsTable", "actions_table"];

#[test]
fn renderers_only_encode_what_was_composed_and_drawn() {
    // Reports are composed once and charts drawn once, before any renderer: a renderer that
    // called the composer, the plan stage or the figure module's `draw` would do that work
    // again, or do it differently from the other renderer.
    let mut found = Vec::new();
    for (path, module, code) in sources() {
        if module != "render" {
            continue;
        }
        let code: Vec<&str> = code.lines().map(code_part).collect();
        let code = code.join("\n");
        for (at, _) in code.match_indices("crate::compose::") {
            let rest = &code[at + "crate::compose::".len()..];
            let names: Vec<String> = match rest.strip_prefix('{') {
                Some(group) => group_items(group).iter().map(|item| identifier(item)).collect(),
                None => vec![identifier(rest)],
            };
            for name in names.into_iter().filter(|n| !RENDER_MAY_USE_FROM_COMPOSE.contains(&n.as_str())) {
                found.push(format!("src/{}: takes `{name}` from compose", path.display()));
            }
        }
        for pattern in ["crate::plan", "figure::draw", "Figure::new", "figure::{self, draw", ", draw}", ", draw,"] {
            if code.contains(pattern) {
                found.push(format!("src/{}: `{pattern}`", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "renderers composing, planning or drawing:\n{}", found.join("\n"));
}
