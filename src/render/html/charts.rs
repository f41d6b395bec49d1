//! Charts as inline SVG, drawn from the document model's chart blocks: no JavaScript and no
//! library at view time. Colours come from the Okabe-Ito palette (safe for colour-blind
//! readers) and every series also differs by marker shape or dash pattern, so charts read in
//! greyscale print too. Each figure carries a `<title>`, a `<desc>` and a table of its figures.

use std::fmt::Write;

use super::markup::escape;
use crate::document::{Chart, ChartKind, HeatRow, Series, StackedRow};

/// Series colours: blue, orange, bluish green, vermilion.
const PALETTE: [&str; 4] = ["#0072B2", "#E69F00", "#009E73", "#D55E00"];
/// Dash patterns per series, for greyscale.
const DASHES: [&str; 4] = ["", "6 4", "2 3", "8 3 2 3"];
/// Favourable, neutral, unfavourable: dark, light and medium, distinct in greyscale as well.
const STACK: [&str; 3] = ["#0072B2", "#D9D9D9", "#D55E00"];

/// Renders a chart as `<figure>` with its SVG, caption and data table.
pub fn figure(chart: &Chart) -> String {
    // Ids only need to be unique within one page; a process-wide counter would make output
    // depend on rendering order, so derive them from the content instead.
    let id = format!("chart-{:08x}", fingerprint(&chart.title, &chart.description));
    let (svg_body, width, height, table) = match &chart.kind {
        ChartKind::Radar { axes, series, min, max } => radar(axes, series, *min, *max),
        ChartKind::StackedBars { categories, rows } => stacked(categories, rows),
        ChartKind::Trend { points, series, min, max } => trend(points, series, *min, *max),
        ChartKind::Heatmap { columns, rows, min, max } => heatmap(columns, rows, *min, *max),
    };
    let kind = match chart.kind {
        ChartKind::Radar { .. } => "radar",
        ChartKind::StackedBars { .. } => "stacked",
        ChartKind::Trend { .. } => "trend",
        ChartKind::Heatmap { .. } => "heatmap",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart chart-{kind}\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n{svg_body}</svg>\n",
        escape(&chart.title),
        escape(&chart.description),
    );
    let label = if chart.data_label.is_empty() { chart.title.as_str() } else { chart.data_label.as_str() };
    let _ = write!(
        out,
        "<details class=\"chart-data\"><summary>{}</summary>\n{table}</details>\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(label),
        escape(&chart.description)
    );
    out
}

fn fingerprint(a: &str, b: &str) -> u32 {
    // FNV-1a: tiny, stable across runs and platforms.
    let mut hash: u32 = 0x811c_9dc5;
    for byte in a.bytes().chain([0]).chain(b.bytes()) {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

fn number(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}")
}

fn text(x: f64, y: f64, anchor: &str, class: &str, content: &str) -> String {
    format!("<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" class=\"{class}\">{}</text>\n", escape(content))
}

/// A marker per series: circle, square, triangle, diamond.
fn marker(series: usize, x: f64, y: f64) -> String {
    let colour = PALETTE[series % PALETTE.len()];
    match series % 4 {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{colour}\"/>\n"),
        1 => format!("<rect x=\"{:.1}\" y=\"{:.1}\" width=\"9.0\" height=\"9.0\" fill=\"{colour}\"/>\n", x - 4.5, y - 4.5),
        2 => format!(
            "<path d=\"M{x:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z\" fill=\"{colour}\"/>\n",
            y - 5.5,
            x + 5.0,
            y + 4.0,
            x - 5.0,
            y + 4.0
        ),
        _ => format!(
            "<path d=\"M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z\" fill=\"{colour}\"/>\n",
            y - 5.5,
            x + 5.5,
            y + 5.5,
            x - 5.5
        ),
    }
}

fn legend(series: &[Series], y: f64) -> String {
    let mut out = String::new();
    let mut x = 20.0;
    for (index, s) in series.iter().enumerate() {
        let colour = PALETTE[index % PALETTE.len()];
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{}\"/>",
            x + 28.0,
            DASHES[index % DASHES.len()]
        );
        out.push_str(&marker(index, x + 14.0, y));
        out.push_str(&text(x + 36.0, y + 4.0, "start", "chart-legend", &s.name));
        x += 52.0 + text_width(&s.name, 13.0);
    }
    out
}

/// Rough width of a label in pixels: CJK characters are a full em, others about half.
fn text_width(label: &str, size: f64) -> f64 {
    label.chars().map(|c| if crate::document::is_cjk(c) { size } else { size * 0.56 }).sum()
}

fn series_table(header: &str, labels: &[String], series: &[Series], decimals: usize) -> String {
    let mut out = format!("<table>\n<thead><tr><th scope=\"col\">{}</th>", escape(header));
    for s in series {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&s.name));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (index, label) in labels.iter().enumerate() {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(label));
        for s in series {
            let cell = s.values.get(index).copied().flatten().map_or("–".to_string(), |v| number(v, decimals));
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn radar(axes: &[String], series: &[Series], min: f64, max: f64) -> (String, u32, u32, String) {
    let (width, height) = (420u32, 380u32);
    let (cx, cy, radius) = (210.0, 175.0, 120.0);
    let n = axes.len().max(3) as f64;
    let angle = |i: usize| -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
    let point = |i: usize, value: f64| {
        let r = radius * ((value - min) / (max - min)).clamp(0.0, 1.0);
        (cx + r * angle(i).cos(), cy + r * angle(i).sin())
    };
    let mut out = String::new();
    let steps = (max - min).round().max(1.0) as usize;
    for step in 1..=steps {
        let value = min + (max - min) * step as f64 / steps as f64;
        let ring: Vec<String> =
            (0..axes.len()).map(|i| point(i, value)).map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = writeln!(
            out,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#C8CDD2\" stroke-width=\"1\"/>",
            ring.join(" ")
        );
        let (_, y) = point(0, value);
        out.push_str(&text(cx + 4.0, y + 4.0, "start", "chart-tick", &number(value, 0)));
    }
    for (i, axis) in axes.iter().enumerate() {
        let (x, y) = point(i, max);
        let _ = writeln!(out, "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#C8CDD2\"/>");
        let (lx, ly) = (cx + (radius + 22.0) * angle(i).cos(), cy + (radius + 22.0) * angle(i).sin());
        let anchor = if lx < cx - 5.0 {
            "end"
        } else if lx > cx + 5.0 {
            "start"
        } else {
            "middle"
        };
        out.push_str(&text(lx, ly + 5.0, anchor, "chart-axis", axis));
    }
    for (index, s) in series.iter().enumerate() {
        let colour = PALETTE[index % PALETTE.len()];
        let points: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| point(i, v))).collect();
        if points.len() == axes.len() && points.len() >= 3 {
            let path: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let fill = if index == 0 { format!("{colour}33") } else { "none".to_string() };
            let _ = writeln!(
                out,
                "<polygon points=\"{}\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{}\"/>",
                path.join(" "),
                DASHES[index % DASHES.len()]
            );
        }
        for (x, y) in points {
            out.push_str(&marker(index, x, y));
        }
    }
    out.push_str(&legend(series, f64::from(height) - 22.0));
    let table = series_table("", axes, series, 2);
    (out, width, height, table)
}

fn stacked(categories: &[String; 3], rows: &[StackedRow]) -> (String, u32, u32, String) {
    let width = 640u32;
    let (left, bar_width, row_height) = (20.0, 600.0, 42.0);
    let top = 44.0;
    let height = (top + row_height * rows.len() as f64 + 10.0) as u32;
    let mut out = String::new();
    let mut x = left;
    for (index, category) in categories.iter().enumerate() {
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"12.0\" width=\"14.0\" height=\"14.0\" fill=\"{}\" stroke=\"#555\" stroke-width=\"0.5\"/>",
            STACK[index]
        );
        out.push_str(&text(x + 20.0, 24.0, "start", "chart-legend", category));
        x += 40.0 + text_width(category, 13.0);
    }
    for (r, row) in rows.iter().enumerate() {
        let y = top + row_height * r as f64;
        out.push_str(&text(left, y + 12.0, "start", "chart-label", &row.label));
        let mut offset = left;
        for (index, value) in row.values.iter().enumerate() {
            let w = bar_width * value.clamp(0.0, 100.0) / 100.0;
            if w > 0.0 {
                let _ = writeln!(
                    out,
                    "<rect x=\"{offset:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"18.0\" fill=\"{}\"/>",
                    y + 18.0,
                    STACK[index]
                );
            }
            if *value >= 8.0 {
                let class = if index == 1 { "chart-value" } else { "chart-value chart-value-light" };
                out.push_str(&text(offset + w / 2.0, y + 31.5, "middle", class, &format!("{}%", number(*value, 0))));
            }
            offset += w;
        }
    }
    let mut table = String::from("<table>\n<thead><tr><th scope=\"col\"></th>");
    for category in categories {
        let _ = write!(table, "<th scope=\"col\">{}</th>", escape(category));
    }
    table.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let _ = write!(table, "<tr><th scope=\"row\">{}</th>", escape(&row.label));
        for value in row.values {
            let _ = write!(table, "<td>{}%</td>", number(value, 0));
        }
        table.push_str("</tr>\n");
    }
    table.push_str("</tbody>\n</table>\n");
    (out, width, height, table)
}

fn trend(points: &[String], series: &[Series], min: f64, max: f64) -> (String, u32, u32, String) {
    let (width, height) = (560u32, 300u32);
    let (left, right, top, bottom) = (48.0, 530.0, 20.0, 230.0);
    let x_of = |i: usize| {
        if points.len() <= 1 {
            (left + right) / 2.0
        } else {
            left + 30.0 + (right - left - 60.0) * i as f64 / (points.len() - 1) as f64
        }
    };
    let y_of = |v: f64| bottom - (bottom - top) * ((v - min) / (max - min)).clamp(0.0, 1.0);
    let mut out = String::new();
    let steps = (max - min).round().max(1.0) as usize;
    for step in 0..=steps {
        let value = min + (max - min) * step as f64 / steps as f64;
        let y = y_of(value);
        let _ = writeln!(out, "<line x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{right:.1}\" y2=\"{y:.1}\" stroke=\"#E1E5E9\"/>");
        out.push_str(&text(left - 8.0, y + 4.0, "end", "chart-tick", &number(value, 0)));
    }
    for (i, label) in points.iter().enumerate() {
        out.push_str(&text(x_of(i), bottom + 20.0, "middle", "chart-axis", label));
    }
    for (index, s) in series.iter().enumerate() {
        let colour = PALETTE[index % PALETTE.len()];
        let present: Vec<(f64, f64, f64)> =
            s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x_of(i), y_of(v), v))).collect();
        if present.len() >= 2 {
            let path: Vec<String> = present.iter().map(|(x, y, _)| format!("{x:.1},{y:.1}")).collect();
            let _ = writeln!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{}\"/>",
                path.join(" "),
                DASHES[index % DASHES.len()]
            );
        }
        for (x, y, v) in present {
            out.push_str(&marker(index, x, y));
            let dy = if index % 2 == 0 { -10.0 } else { 18.0 };
            out.push_str(&text(x, y + dy, "middle", "chart-value", &number(v, 2)));
        }
    }
    out.push_str(&legend(series, f64::from(height) - 18.0));
    let table = series_table("", points, series, 2);
    (out, width, height, table)
}

fn heatmap(columns: &[String], rows: &[HeatRow], min: f64, max: f64) -> (String, u32, u32, String) {
    let (label_width, cell_width, cell_height, top) = (220.0, 96.0, 30.0, 36.0);
    let width = (label_width + cell_width * columns.len() as f64 + 10.0) as u32;
    // Group headings take a row of their own.
    enum Line<'a> {
        Group(&'a str),
        Row(&'a HeatRow),
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut current_group: Option<&str> = None;
    for row in rows {
        if !row.group.is_empty() && current_group != Some(row.group.as_str()) {
            lines.push(Line::Group(&row.group));
            current_group = Some(row.group.as_str());
        }
        lines.push(Line::Row(row));
    }
    let height = (top + cell_height * lines.len() as f64 + 8.0) as u32;
    let mut out = String::new();
    for (c, column) in columns.iter().enumerate() {
        out.push_str(&text(label_width + cell_width * (c as f64 + 0.5), 24.0, "middle", "chart-axis", column));
    }
    for (line, entry) in lines.iter().enumerate() {
        let y = top + cell_height * line as f64;
        let row = match entry {
            Line::Group(group) => {
                out.push_str(&text(8.0, y + 20.0, "start", "chart-group", group));
                continue;
            }
            Line::Row(row) => row,
        };
        out.push_str(&text(20.0, y + 20.0, "start", "chart-label", &row.label));
        if row.cells.iter().all(Option::is_none) && !row.note.is_empty() {
            let w = cell_width * columns.len() as f64 - 4.0;
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"url(#withheld)\" stroke=\"#B0B7BE\"/>",
                label_width + 2.0,
                y + 2.0,
                cell_height - 4.0
            );
            out.push_str(&text(label_width + w / 2.0, y + 20.0, "middle", "chart-note", &row.note));
            continue;
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let x = label_width + cell_width * c as f64;
            match cell {
                Some(value) => {
                    let t = ((value - min) / (max - min)).clamp(0.0, 1.0);
                    let (fill, class) = shade(t);
                    let _ = writeln!(
                        out,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"/>",
                        x + 2.0,
                        y + 2.0,
                        cell_width - 4.0,
                        cell_height - 4.0
                    );
                    out.push_str(&text(x + cell_width / 2.0, y + 20.0, "middle", class, &number(*value, 2)));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"url(#withheld)\" stroke=\"#B0B7BE\"/>",
                        x + 2.0,
                        y + 2.0,
                        cell_width - 4.0,
                        cell_height - 4.0
                    );
                }
            }
        }
    }
    let defs = "<defs><pattern id=\"withheld\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#F3F4F6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#C8CDD2\" stroke-width=\"2\"/></pattern></defs>\n";
    let mut table = String::from("<table>\n<thead><tr><th scope=\"col\"></th>");
    for column in columns {
        let _ = write!(table, "<th scope=\"col\">{}</th>", escape(column));
    }
    table.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let _ = write!(table, "<tr><th scope=\"row\">{}</th>", escape(&row.label));
        if row.cells.iter().all(Option::is_none) && !row.note.is_empty() {
            let _ = write!(table, "<td colspan=\"{}\">{}</td>", columns.len().max(1), escape(&row.note));
        } else {
            for cell in &row.cells {
                let _ = write!(table, "<td>{}</td>", cell.map_or("–".to_string(), |v| number(v, 2)));
            }
        }
        table.push_str("</tr>\n");
    }
    table.push_str("</tbody>\n</table>\n");
    (format!("{defs}{out}"), width, height, table)
}

/// A sequential blue from light (low) to dark (high), with the text colour that stays readable.
fn shade(t: f64) -> (String, &'static str) {
    let (light, dark) = ((0xE8, 0xF1, 0xF8), (0x08, 0x45, 0x7E));
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    let fill = format!("#{:02X}{:02X}{:02X}", mix(light.0, dark.0), mix(light.1, dark.1), mix(light.2, dark.2));
    (fill, if t > 0.55 { "chart-value chart-value-light" } else { "chart-value" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn radar_chart() -> Chart {
        Chart {
            title: "维度 <对比>".into(),
            description: "本团队与组织".into(),
            data_label: "查看数据".into(),
            kind: ChartKind::Radar {
                axes: vec!["能力".into(), "诚信".into(), "善意".into()],
                series: vec![
                    Series { name: "本团队".into(), values: vec![Some(3.8), Some(3.1), Some(3.5)] },
                    Series { name: "组织".into(), values: vec![Some(3.7), Some(3.6), Some(3.6)] },
                ],
                min: 1.0,
                max: 5.0,
            },
        }
    }

    #[test]
    fn a_figure_has_title_description_and_a_table_of_its_figures() {
        let html = figure(&radar_chart());
        assert!(html.contains("<title id=\"chart-"), "{html}");
        assert!(html.contains(">维度 &lt;对比&gt;</title>"));
        assert!(html.contains("<desc id="));
        assert!(html.contains("<td>3.80</td><td>3.70</td>"), "{html}");
        assert_eq!(html.matches("<polygon").count(), 4 + 2, "4 rings and 2 series");
        assert_eq!(figure(&radar_chart()), html, "deterministic");
    }

    #[test]
    fn withheld_heatmap_rows_show_their_note_and_no_numbers() {
        let chart = Chart {
            title: "t".into(),
            description: "d".into(),
            data_label: String::new(),
            kind: ChartKind::Heatmap {
                columns: vec!["A".into()],
                rows: vec![
                    HeatRow { label: "x".into(), group: "U".into(), cells: vec![Some(4.25)], note: String::new() },
                    HeatRow { label: "y".into(), group: "U".into(), cells: vec![None], note: "少于5人".into() },
                ],
                min: 1.0,
                max: 5.0,
            },
        };
        let html = figure(&chart);
        assert!(html.contains("4.25"));
        assert!(html.contains("<td colspan=\"1\">少于5人</td>"));
    }
}
