//! Stacked bars: per row, favourable / neutral / unfavourable shares side by side in one bar of
//! 100 %, each share wide enough to hold it labelled with its percentage, under a legend of
//! the three categories.

use super::spec::StackedRow;
use super::{Anchor, Cells, DataRow, DataTable, Drawing, Paint, Shape, Stroke, TextRole, number, palette};

/// Shares below this many percent are too narrow for their label.
const LABELLED_FROM: f64 = 8.0;

pub(super) fn draw(categories: &[String; 3], rows: &[StackedRow]) -> Drawing {
    let width = 640u32;
    let (left, bar_width, row_height) = (20.0, 600.0, 42.0);
    let top = 44.0;
    let height = (top + row_height * rows.len() as f64 + 10.0) as u32;
    let mut shapes = Vec::new();
    let mut x = left;
    for (index, category) in categories.iter().enumerate() {
        let stroke = Stroke { width: Some(0.5), ..Stroke::rule(palette::SWATCH_EDGE) };
        let fill = Paint::Colour(palette::STACK[index]);
        shapes.push(Shape::Rect { x, y: 12.0, width: 14.0, height: 14.0, fill, stroke: Some(stroke) });
        let name = Shape::text(x + 20.0, 24.0, Anchor::Start, TextRole::Legend, category);
        let Shape::Text { width, .. } = name else { unreachable!("a text shape") };
        shapes.push(name);
        x += 40.0 + width;
    }
    for (r, row) in rows.iter().enumerate() {
        let y = top + row_height * r as f64;
        shapes.push(Shape::text(left, y + 12.0, Anchor::Start, TextRole::Label, &row.label));
        let mut offset = left;
        for (index, value) in row.values.iter().enumerate() {
            let w = bar_width * value.clamp(0.0, 100.0) / 100.0;
            if w > 0.0 {
                let fill = Paint::Colour(palette::STACK[index]);
                shapes.push(Shape::Rect { x: offset, y: y + 18.0, width: w, height: 18.0, fill, stroke: None });
            }
            if *value >= LABELLED_FROM {
                // The neutral share is light; the other two are dark.
                let role = if index == 1 { TextRole::Value } else { TextRole::ValueOnDark };
                let label = format!("{}%", number(*value, 0));
                shapes.push(Shape::text(offset + w / 2.0, y + 31.5, Anchor::Middle, role, &label));
            }
            offset += w;
        }
    }
    let table = DataTable {
        columns: categories.to_vec(),
        rows: rows
            .iter()
            .map(|row| DataRow {
                label: row.label.clone(),
                cells: Cells::Values(row.values.iter().map(|v| format!("{}%", number(*v, 0))).collect()),
            })
            .collect(),
    };
    Drawing { kind: "stacked", width, height, shapes, table }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_wide_enough_carry_their_percentage() {
        let categories = ["好".to_string(), "中".into(), "差".into()];
        let rows = [StackedRow { label: "A1".into(), values: [62.0, 33.0, 5.0] }];
        let drawing = draw(&categories, &rows);
        let values: Vec<(&str, TextRole)> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, role: role @ (TextRole::Value | TextRole::ValueOnDark), .. } => {
                    Some((text.as_str(), *role))
                }
                _ => None,
            })
            .collect();
        assert_eq!(values, [("62%", TextRole::ValueOnDark), ("33%", TextRole::Value)]);
        assert_eq!(drawing.table.rows[0].cells, Cells::Values(vec!["62%".into(), "33%".into(), "5%".into()]));
    }
}
