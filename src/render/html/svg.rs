//! Charts as inline SVG: a walk over the [`crate::figure`] drawing of a chart block, with no
//! knowledge of chart kinds, so no JavaScript and no library at view time. Each figure carries
//! a `<title>`, a `<desc>`, the table of its figures and a caption. Coordinates are written with
//! one decimal; stroke widths, radii and dash lengths as they are.

use std::fmt::Write;

use super::escape::escape;
use crate::figure::{
    self, Anchor, Cells, DataTable, Drawing, Figure, MarkerShape, Paint, Point, Shape, Stroke, TextRole,
};

/// The hatching of withheld cells, referred to as `url(#withheld)`: [`figure::palette`]'s
/// ground with diagonal grid lines, as an SVG pattern.
fn withheld_pattern() -> String {
    use figure::palette;
    let (step, width) = (palette::HATCH_SPACING, palette::HATCH_WIDTH);
    format!(
        "<defs><pattern id=\"withheld\" width=\"{step}\" height=\"{step}\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"{step}\" height=\"{step}\" fill=\"{}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"{step}\" stroke=\"{}\" stroke-width=\"{width}\"/></pattern></defs>\n",
        palette::WITHHELD_GROUND,
        palette::GRID
    )
}

/// Renders a chart as `<figure>` with its SVG, caption and data table.
pub fn figure(figure: &Figure) -> String {
    let (chart, drawing) = (&figure.chart, &figure.drawing);
    // Ids only need to be unique within one page; a process-wide counter would make output
    // depend on rendering order, so derive them from the content instead.
    let id = format!("chart-{:08x}", fingerprint(&chart.title, &chart.description));
    let Drawing { kind, width, height, .. } = drawing;
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart chart-{kind}\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(&chart.title),
        escape(&chart.description),
    );
    if drawing.shapes.iter().any(|shape| matches!(shape, Shape::Rect { fill: Paint::Withheld, .. })) {
        out.push_str(&withheld_pattern());
    }
    for shape in &drawing.shapes {
        self::shape(shape, &mut out);
    }
    out.push_str("</svg>\n");
    let label = if chart.data_label.is_empty() { chart.title.as_str() } else { chart.data_label.as_str() };
    let _ = write!(
        out,
        "<details class=\"chart-data\"><summary>{}</summary>\n{}</details>\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(label),
        table(&drawing.table),
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

fn shape(shape: &Shape, out: &mut String) {
    match shape {
        Shape::Text { x, y, anchor, role, text, .. } => {
            let anchor = match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            };
            let _ = writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" class=\"{}\">{}</text>",
                class(*role),
                escape(text)
            );
        }
        Shape::Rect { x, y, width, height, fill, stroke } => {
            let fill = match fill {
                Paint::Colour(colour) => colour.to_string(),
                Paint::Withheld => "url(#withheld)".to_string(),
            };
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{height:.1}\" fill=\"{fill}\""
            );
            if let Some(stroke) = stroke {
                stroke_attributes(stroke, out);
            }
            out.push_str("/>\n");
        }
        Shape::Line { from: (x1, y1), to: (x2, y2), stroke } => {
            let _ = write!(out, "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"");
            stroke_attributes(stroke, out);
            out.push_str("/>\n");
        }
        Shape::Polyline { points, stroke } => {
            let _ = write!(out, "<polyline points=\"{}\" fill=\"none\"", point_list(points));
            stroke_attributes(stroke, out);
            out.push_str("/>\n");
        }
        Shape::Polygon { points, fill, stroke } => {
            let fill = fill.map_or("none".to_string(), |colour| colour.to_string());
            let _ = write!(out, "<polygon points=\"{}\" fill=\"{fill}\"", point_list(points));
            stroke_attributes(stroke, out);
            out.push_str("/>\n");
        }
        Shape::Marker { x, y, shape: MarkerShape::Circle, colour } => {
            let _ = writeln!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{}\" fill=\"{colour}\"/>",
                figure::MARKER_RADIUS
            );
        }
        Shape::Marker { x, y, shape: MarkerShape::Square, colour } => {
            let (r, side) = (figure::MARKER_RADIUS, 2.0 * figure::MARKER_RADIUS);
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{side:.1}\" height=\"{side:.1}\" fill=\"{colour}\"/>",
                x - r,
                y - r
            );
        }
        Shape::Marker { x, y, shape, colour } => {
            let corners: Vec<String> =
                figure::marker_outline(*shape, *x, *y).iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = writeln!(out, "<path d=\"M{} Z\" fill=\"{colour}\"/>", corners.join(" L"));
        }
    }
}

/// ` stroke="…"`, then its width unless it is the default hairline, then its dash pattern if
/// it has one.
fn stroke_attributes(stroke: &Stroke, out: &mut String) {
    let _ = write!(out, " stroke=\"{}\"", stroke.colour);
    if let Some(width) = stroke.width {
        let _ = write!(out, " stroke-width=\"{width}\"");
    }
    if let Some(dash) = stroke.dash {
        let lengths: Vec<String> = dash.iter().map(f64::to_string).collect();
        let _ = write!(out, " stroke-dasharray=\"{}\"", lengths.join(" "));
    }
}

fn point_list(points: &[Point]) -> String {
    points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")
}

/// The theme's class for a text role (`.chart-*` in style.css).
fn class(role: TextRole) -> &'static str {
    match role {
        TextRole::Tick => "chart-tick",
        TextRole::Axis => "chart-axis",
        TextRole::Legend => "chart-legend",
        TextRole::Label => "chart-label",
        TextRole::Value => "chart-value",
        TextRole::ValueOnDark => "chart-value chart-value-light",
        TextRole::Group => "chart-group",
        TextRole::Note => "chart-note",
    }
}

fn table(table: &DataTable) -> String {
    let mut out = String::from("<table>\n<thead><tr><th scope=\"col\"></th>");
    for column in &table.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(&row.label));
        match &row.cells {
            Cells::Values(values) => {
                for value in values {
                    let _ = write!(out, "<td>{}</td>", escape(value));
                }
            }
            Cells::Note(note) => {
                let _ = write!(out, "<td colspan=\"{}\">{}</td>", table.columns.len().max(1), escape(note));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::{Chart, ChartKind, HeatRow, Series};

    fn radar_chart() -> Figure {
        Figure::new(Chart {
            title: "维度 <对比>".into(),
            description: "本团队与组织".into(),
            data_label: "查看数据".into(),
            palette: Vec::new(),
            kind: ChartKind::Radar {
                axes: vec!["能力".into(), "诚信".into(), "善意".into()],
                series: vec![
                    Series { name: "本团队".into(), values: vec![Some(3.8), Some(3.1), Some(3.5)] },
                    Series { name: "组织".into(), values: vec![Some(3.7), Some(3.6), Some(3.6)] },
                ],
                min: 1.0,
                max: 5.0,
            },
        })
    }

    #[test]
    fn a_figure_has_title_description_and_a_table_of_its_figures() {
        let html = figure(&radar_chart());
        assert!(html.contains("<title id=\"chart-"), "{html}");
        assert!(html.contains(">维度 &lt;对比&gt;</title>"));
        assert!(html.contains("<desc id="));
        assert!(html.contains("<td>3.80</td><td>3.70</td>"), "{html}");
        assert_eq!(html.matches("<polygon").count(), 4 + 2, "4 rings and 2 series");
        assert!(html.contains("fill=\"#0072B233\""), "the first series' area is see-through");
        assert_eq!(figure(&radar_chart()), html, "deterministic");
    }

    #[test]
    fn withheld_heatmap_rows_show_their_note_and_no_numbers() {
        let chart = Chart {
            title: "t".into(),
            description: "d".into(),
            data_label: String::new(),
            palette: Vec::new(),
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
        let html = figure(&Figure::new(chart));
        assert!(html.contains("4.25"));
        assert!(html.contains("<td colspan=\"1\">少于5人</td>"));
        assert_eq!(html.matches("<pattern id=\"withheld\"").count(), 1);
        assert!(html.contains("fill=\"url(#withheld)\""));
    }
}
