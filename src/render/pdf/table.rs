//! Tables on pages: column widths from content, wrapped cells, rows kept whole when they fit on
//! a page, and the header row repeated on every page the table reaches.

use super::fonts::Role;
use super::layout::{Draw, Layout, TextStyle};
use super::lines::{Line, break_lines};
use crate::document::{Align, Inline, Table, plain_text};

impl Layout<'_> {
    /// Column widths from content: each column's natural width, shrunk proportionally (never
    /// below what its longest word needs, where possible) when the table is too wide.
    pub(super) fn column_widths(&self, table: &Table, width: f32) -> Vec<f32> {
        let columns = table.header.len().max(table.rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
        let padding = 2.0 * self.style.cell_padding;
        let size = self.style.body_size * 0.92;
        let mut natural = vec![padding + size; columns];
        let mut minimum = vec![padding + size; columns];
        for (row_index, row) in std::iter::once(&table.header).chain(&table.rows).enumerate() {
            for (c, cell) in row.iter().enumerate().take(columns) {
                let text = plain_text(cell);
                let bold = row_index == 0;
                let full = self.fonts.width(Role::Body, bold, &text) * size + padding;
                let longest_word = text
                    .split_whitespace()
                    .map(|w| {
                        // Chinese may break between any two characters, but a column
                        // narrower than a short term ("建议负责人") reads badly.
                        if w.chars().any(crate::text::is_cjk) {
                            (self.fonts.width(Role::Body, bold, w) * size).min(size * 5.0)
                        } else {
                            self.fonts.width(Role::Body, bold, w) * size
                        }
                    })
                    .fold(0.0, f32::max)
                    + padding;
                natural[c] = natural[c].max(full);
                minimum[c] = minimum[c].max(longest_word.min(width / columns as f32));
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= width {
            // Share the spare room in proportion, so the table spans the column.
            return natural.iter().map(|n| n + (width - total) * n / total).collect();
        }
        let fixed: f32 = minimum.iter().sum();
        let flexible: f32 = natural.iter().zip(&minimum).map(|(n, m)| n - m).sum();
        natural
            .iter()
            .zip(&minimum)
            .map(|(n, m)| {
                if flexible > 0.0 { m + (width - fixed).max(0.0) * (n - m) / flexible } else { width / columns as f32 }
            })
            .collect()
    }

    pub(super) fn table(&mut self, table: &Table, indent: f32) {
        let style = self.style;
        let width = style.column() - indent;
        let widths = self.column_widths(table, width);
        let size = style.body_size * 0.92;
        let line_height = self.line_height(size);
        let padding = style.cell_padding;
        let measure = self.measure();
        let lay_row = |cells: &[Vec<Inline>], bold: bool| -> (Vec<Vec<Line<TextStyle>>>, f32) {
            let mut laid = Vec::new();
            let mut tallest = 1usize;
            for (c, width) in widths.iter().enumerate() {
                let base = TextStyle { bold, ..TextStyle::plain(Role::Body, size, style.text) };
                let mut runs = Vec::new();
                if let Some(cell) = cells.get(c) {
                    self.runs(cell, &base, &mut runs);
                }
                let lines = break_lines(&runs, width - 2.0 * padding, &measure);
                tallest = tallest.max(lines.len());
                laid.push(lines);
            }
            (laid, tallest as f32 * line_height + 2.0 * padding)
        };
        let header = (!table.header.is_empty()).then(|| lay_row(&table.header, true));
        let rows: Vec<_> = table.rows.iter().map(|r| lay_row(r, false)).collect();
        let x0 = style.margin_left + indent;
        let header_height = header.as_ref().map_or(0.0, |h| h.1);
        // Header and first row together.
        self.ensure(header_height + rows.first().map_or(0.0, |r| r.1));
        let draw_row = |layout: &mut Self, row: &(Vec<Vec<Line<TextStyle>>>, f32), is_header: bool| {
            let y = layout.y;
            let mut x = x0;
            for (c, lines) in row.0.iter().enumerate() {
                let fill = is_header.then_some(style.fill);
                layout.page().draws.push(Draw::Rect {
                    x,
                    y,
                    width: widths[c],
                    height: row.1,
                    fill,
                    stroke: Some(style.rule),
                });
                let align = table.align.get(c).copied().unwrap_or(Align::None);
                for (l, line) in lines.iter().enumerate() {
                    let room = widths[c] - 2.0 * padding - line.width;
                    let shift = match align {
                        Align::Right => room,
                        Align::Center => room / 2.0,
                        _ => 0.0,
                    };
                    let baseline = y + padding + l as f32 * line_height + size * 1.15;
                    for fragment in &line.fragments {
                        layout.page().draws.push(Draw::Text {
                            x: x + padding + shift + fragment.x,
                            y: baseline,
                            style: fragment.style.clone(),
                            text: fragment.text.clone(),
                            spacing: 0.0,
                        });
                    }
                }
                x += widths[c];
            }
            layout.y += row.1;
        };
        if let Some(header) = &header {
            draw_row(self, header, true);
        }
        for row in &rows {
            let fits_a_page = row.1 + header_height <= style.bottom() - style.margin_top;
            if fits_a_page && self.y + row.1 > style.bottom() {
                self.new_page();
                if let Some(header) = &header {
                    draw_row(self, header, true);
                }
            }
            draw_row(self, row, false);
        }
        self.y += style.paragraph_gap;
    }
}
