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
        self.widths(table, width).0
    }

    /// The table cut into bands of columns that each fit `width`, when the whole table does
    /// not: every band repeats the first column, so each row stays recognisable. `None` when
    /// the table fits as it is.
    fn bands(&self, table: &Table, width: f32) -> Option<Vec<Table>> {
        // What each column needs so no word is cut, whatever the page.
        let (_, minimum) = self.widths(table, f32::INFINITY);
        if minimum.iter().sum::<f32>() <= width + 1e-3 || minimum.len() < 3 {
            return None;
        }
        let mut bands: Vec<Vec<usize>> = Vec::new();
        let mut current: Vec<usize> = Vec::new();
        let mut used = minimum[0];
        for (c, w) in minimum.iter().enumerate().skip(1) {
            if !current.is_empty() && used + w > width {
                bands.push(std::mem::take(&mut current));
                used = minimum[0];
            }
            current.push(c);
            used += w;
        }
        bands.push(current);
        let pick = |row: &[Vec<Inline>], columns: &[usize]| -> Vec<Vec<Inline>> {
            std::iter::once(0).chain(columns.iter().copied()).map(|c| row.get(c).cloned().unwrap_or_default()).collect()
        };
        let tables = bands
            .iter()
            .map(|columns| Table {
                align: std::iter::once(0)
                    .chain(columns.iter().copied())
                    .map(|c| table.align.get(c).copied().unwrap_or(Align::None))
                    .collect(),
                header: if table.header.is_empty() { Vec::new() } else { pick(&table.header, columns) },
                rows: table.rows.iter().map(|row| pick(row, columns)).collect(),
            })
            .collect();
        Some(tables)
    }

    /// Natural widths shared out to fill `width`, and each column's minimum.
    fn widths(&self, table: &Table, width: f32) -> (Vec<f32>, Vec<f32>) {
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
            return (natural.iter().map(|n| n + (width - total) * n / total).collect(), minimum);
        }
        let fixed: f32 = minimum.iter().sum();
        let flexible: f32 = natural.iter().zip(&minimum).map(|(n, m)| n - m).sum();
        let widths = natural
            .iter()
            .zip(&minimum)
            .map(|(n, m)| {
                if flexible > 0.0 { m + (width - fixed).max(0.0) * (n - m) / flexible } else { width / columns as f32 }
            })
            .collect();
        (widths, minimum)
    }

    pub(super) fn table(&mut self, table: &Table, indent: f32) {
        let style = self.style;
        let width = style.column() - indent;
        // Too many columns for the page: one table per band of columns, never a column drawn
        // past the edge.
        if let Some(bands) = self.bands(table, width) {
            for band in &bands {
                self.table(band, indent);
            }
            return;
        }
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
