//! The heat map: rows (teams) against columns (dimensions), each cell shaded on the heat ramp
//! and labelled with its value. Rows of a group (a unit) follow a heading row of their own; a
//! row whose figures are all withheld is one hatched band with its note, and a single withheld
//! cell is hatched. Withheld cells carry no number, in the drawing or in the table.

use super::spec::HeatRow;
use super::{Anchor, Cells, DataRow, DataTable, Drawing, Paint, Shape, Stroke, TextRole, number, palette};

/// A line of the map: a group's heading or a row of cells.
enum Line<'a> {
    Group(&'a str),
    Row(&'a HeatRow),
}

pub(super) fn draw(columns: &[String], rows: &[HeatRow], min: f64, max: f64) -> Drawing {
    let (label_width, cell_width, cell_height, top) = (220.0, 96.0, 30.0, 36.0);
    let width = (label_width + cell_width * columns.len() as f64 + 10.0) as u32;
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
    let mut shapes = Vec::new();
    for (c, column) in columns.iter().enumerate() {
        let x = label_width + cell_width * (c as f64 + 0.5);
        shapes.push(Shape::text(x, 24.0, Anchor::Middle, TextRole::Axis, column));
    }
    let withheld = |x: f64, y: f64, width: f64| Shape::Rect {
        x: x + 2.0,
        y: y + 2.0,
        width,
        height: cell_height - 4.0,
        fill: Paint::Withheld,
        stroke: Some(Stroke::rule(palette::WITHHELD_EDGE)),
    };
    for (line, entry) in lines.iter().enumerate() {
        let y = top + cell_height * line as f64;
        let row = match entry {
            Line::Group(group) => {
                shapes.push(Shape::text(8.0, y + 20.0, Anchor::Start, TextRole::Group, group));
                continue;
            }
            Line::Row(row) => row,
        };
        shapes.push(Shape::text(20.0, y + 20.0, Anchor::Start, TextRole::Label, &row.label));
        if all_withheld(row) {
            let w = cell_width * columns.len() as f64 - 4.0;
            shapes.push(withheld(label_width, y, w));
            shapes.push(Shape::text(label_width + w / 2.0, y + 20.0, Anchor::Middle, TextRole::Note, &row.note));
            continue;
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let x = label_width + cell_width * c as f64;
            let Some(value) = cell else {
                shapes.push(withheld(x, y, cell_width - 4.0));
                continue;
            };
            let t = ((value - min) / (max - min)).clamp(0.0, 1.0);
            let fill = Paint::Colour(palette::heat(t));
            let (w, h) = (cell_width - 4.0, cell_height - 4.0);
            shapes.push(Shape::Rect { x: x + 2.0, y: y + 2.0, width: w, height: h, fill, stroke: None });
            let role = if t > palette::HEAT_DARK_FROM { TextRole::ValueOnDark } else { TextRole::Value };
            shapes.push(Shape::text(x + cell_width / 2.0, y + 20.0, Anchor::Middle, role, &number(*value, 2)));
        }
    }
    let table = DataTable {
        columns: columns.to_vec(),
        rows: rows
            .iter()
            .map(|row| DataRow {
                label: row.label.clone(),
                cells: if all_withheld(row) {
                    Cells::Note(row.note.clone())
                } else {
                    Cells::Values(row.cells.iter().map(|c| c.map_or("–".to_string(), |v| number(v, 2))).collect())
                },
            })
            .collect(),
    };
    Drawing { kind: "heatmap", width, height, shapes, table }
}

/// Whether a row shows its note instead of cells.
fn all_withheld(row: &HeatRow) -> bool {
    row.cells.iter().all(Option::is_none) && !row.note.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<HeatRow> {
        vec![
            HeatRow { label: "x".into(), group: "U".into(), cells: vec![Some(4.25), None], note: String::new() },
            HeatRow { label: "y".into(), group: "U".into(), cells: vec![None, None], note: "少于5人".into() },
            HeatRow { label: "z".into(), group: "V".into(), cells: vec![Some(1.5), Some(2.0)], note: String::new() },
        ]
    }

    #[test]
    fn groups_get_a_heading_row_and_withheld_rows_carry_no_numbers() {
        let drawing = draw(&["A".to_string(), "B".into()], &rows(), 1.0, 5.0);
        let texts: Vec<(&str, TextRole)> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, role, .. } => Some((text.as_str(), *role)),
                _ => None,
            })
            .collect();
        let expected = [
            ("A", TextRole::Axis),
            ("B", TextRole::Axis),
            ("U", TextRole::Group),
            ("x", TextRole::Label),
            ("4.25", TextRole::ValueOnDark),
            ("y", TextRole::Label),
            ("少于5人", TextRole::Note),
            ("V", TextRole::Group),
            ("z", TextRole::Label),
            ("1.50", TextRole::Value),
            ("2.00", TextRole::Value),
        ];
        assert_eq!(texts, expected);
        let hatched = drawing.shapes.iter().filter(|s| matches!(s, Shape::Rect { fill: Paint::Withheld, .. })).count();
        assert_eq!(hatched, 2, "the withheld cell and the withheld row");
        assert_eq!(drawing.table.rows[1].cells, Cells::Note("少于5人".into()));
        assert_eq!(drawing.table.rows[0].cells, Cells::Values(vec!["4.25".into(), "–".into()]));
        assert_eq!(drawing.height, 36 + 30 * 5 + 8);
    }
}
