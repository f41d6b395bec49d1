//! Runaway input meets `limits:` in trustbook.yaml: a clear error naming the limit, the file
//! and (where there is one) the line, never memory or disk filled; and the limits themselves
//! are checked like every other setting.

use crate::common::*;

/// The minimal fixture with `limits` added to its configuration.
fn with_limits(limits: &str) -> tempfile::TempDir {
    let project = fixture(MINIMAL);
    let config = std::fs::read_to_string(project.path().join("trustbook.yaml")).unwrap();
    write(project.path(), "trustbook.yaml", &format!("{config}limits:\n{limits}"));
    project
}

fn errors_of(project: &tempfile::TempDir) -> String {
    let errors = build_errors(project.path());
    assert!(!project.path().join("output").exists(), "nothing is published");
    errors.render()
}

#[test]
fn limit_values_are_checked_at_their_lines() {
    let project = with_limits("  nesting_depth: 5000\n  text_run: 0\n  input_file_size: 12 parsecs\n");
    let errors = errors_of(&project);
    assert!(errors.contains("trustbook.yaml:"), "{errors}");
    assert!(errors.contains("`12 parsecs` is not a size"), "{errors}");
    let project = with_limits("  nesting_depth: 5000\n  text_run: 0\n");
    let errors = errors_of(&project);
    assert!(errors.contains("trustbook.yaml:4:") && errors.contains("at most 200 levels"), "{errors}");
    assert!(errors.contains("trustbook.yaml:5:") && errors.contains("must be at least 1"), "{errors}");
}

#[test]
fn an_input_file_over_the_configured_size_is_refused() {
    let project = with_limits("  input_file_size: 1 KiB\n");
    let page = format!("---\ntitle: Big\n---\n{}\n", "字".repeat(1000));
    write(project.path(), "content/handbook/guide/big.md", &page);
    let errors = errors_of(&project);
    assert!(errors.contains("content/handbook/guide/big.md"), "{errors}");
    assert!(errors.contains("more than `limits.input_file_size` (1 KiB)"), "{errors}");
}

#[test]
fn a_paragraph_or_title_longer_than_the_text_run_limit_is_refused_at_its_line() {
    let project = with_limits("  text_run: 100\n");
    let page = format!("---\ntitle: Long\n---\nShort.\n\n{}\n", "word ".repeat(40));
    write(project.path(), "content/handbook/guide/long.md", &page);
    let title = format!("---\ntitle: {}\n---\nBody\n", "T".repeat(150));
    write(project.path(), "content/handbook/guide/title.md", &title);
    let errors = errors_of(&project);
    assert!(errors.contains("content/handbook/guide/long.md:6:"), "{errors}");
    assert!(errors.contains("more than 100 characters"), "{errors}");
    assert!(errors.contains("content/handbook/guide/title.md:2:"), "{errors}");
    assert!(errors.contains("the title is 150 characters long"), "{errors}");
}

#[test]
fn nesting_past_the_configured_depth_names_the_setting() {
    let project = with_limits("  nesting_depth: 10\n");
    write(project.path(), "content/handbook/guide/deep.md", &format!("---\ntitle: D\n---\n{}x\n", "> ".repeat(12)));
    let errors = errors_of(&project);
    assert!(errors.contains("content/handbook/guide/deep.md:4:"), "{errors}");
    assert!(errors.contains("`limits.nesting_depth` (10)"), "{errors}");
}

#[test]
fn a_runaway_template_loop_stops_at_the_output_file_limit() {
    let project = with_limits("  output_file_size: 1 MiB\n");
    let template = std::fs::read_to_string(repo_root().join("themes/default/templates/page.html")).unwrap();
    let runaway = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}";
    write(
        project.path(),
        "themes/default/templates/page.html",
        &template.replacen("{% block content %}", &format!("{{% block content %}}{runaway}"), 1),
    );
    let errors = errors_of(&project);
    assert!(errors.contains("template `page.html` writes more than 1 MiB for one file"), "{errors}");
    assert!(errors.contains("themes/default/templates/page.html"), "{errors}");
}

#[test]
fn a_build_larger_than_the_output_size_limit_is_not_published() {
    let project = with_limits("  output_file_size: 1 KiB\n  output_size: 2 KiB\n");
    let errors = errors_of(&project);
    assert!(
        errors.contains("more than `limits.output_file_size` (1 KiB)") || errors.contains("`limits.output_size`"),
        "{errors}"
    );
}

/// A PNG file of `width` × `height` pixels whose header is real and whose pixel data is one
/// empty deflate block: what an attacker sends to make a decoder allocate width × height × 4.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let body: Vec<u8> = kind.iter().chain(data).copied().collect();
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend(height.to_be_bytes());
    header.extend([8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn a_picture_with_too_many_pixels_is_refused_before_it_is_decoded() {
    let project = fixture(MINIMAL);
    std::fs::write(project.path().join("content/handbook/guide/huge.png"), png_header_only(20_000, 20_000)).unwrap();
    write(project.path(), "content/handbook/guide/pic.md", "---\ntitle: P\n---\n\n![huge](huge.png)\n");
    let errors = errors_of(&project);
    assert!(errors.contains("content/handbook/guide/pic.md:5:"), "{errors}");
    assert!(errors.contains("20000 × 20000 pixels"), "{errors}");
    assert!(errors.contains("`limits.image_pixels` (100000000)"), "{errors}");

    // The limit is the project's to set: a small picture against a smaller limit.
    let project = with_limits("  image_pixels: 10\n");
    let mut small = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(4, 4).write_to(&mut small, image::ImageFormat::Png).unwrap();
    std::fs::write(project.path().join("content/handbook/guide/small.png"), small.into_inner()).unwrap();
    write(project.path(), "content/handbook/guide/pic.md", "---\ntitle: P\n---\n\n![small](small.png)\n");
    let errors = errors_of(&project);
    assert!(errors.contains("4 × 4 pixels (16 in all), more than `limits.image_pixels` (10)"), "{errors}");
}
