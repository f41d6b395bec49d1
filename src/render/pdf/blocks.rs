//! Lists, code blocks and pictures on pages: blocks drawn from a few shapes and the lines of
//! [`super::lines`]. Paragraphs, headings and the page flow are in [`super::layout`].

use super::fonts::Role;
use super::layout::{Draw, Layout, TextStyle};
use super::lines::{Run, break_lines};
use super::style::Colour;
use crate::document::{Image, Inline, List};

impl Layout<'_> {
    /// A picture as wide as its pixels at 96 dpi, at most the column and most of the page's
    /// height, centred, with its title as the caption.
    pub(super) fn image(&mut self, image: &Image, indent: f32) {
        let Some(picture) = self.images.get(&image.src) else { return };
        let style = self.style;
        let (natural_width, natural_height) = (picture.width as f32 * 0.75, picture.height as f32 * 0.75);
        let room = style.column() - indent;
        let tallest = (style.bottom() - style.margin_top) * 0.8;
        let scale = (room / natural_width).min(tallest / natural_height).min(1.0);
        let (width, height) = (natural_width * scale, natural_height * scale);
        self.gap(style.paragraph_gap);
        self.ensure(height);
        let x = style.margin_left + indent + (room - width) / 2.0;
        let y = self.y;
        self.page().draws.push(Draw::Image { x, y, width, height, src: image.src.clone() });
        self.y += height + style.paragraph_gap;
        if !image.title.is_empty() {
            let caption = [Inline::Text(image.title.clone())];
            self.paragraph(&caption, indent, style.small_size, style.muted, false, false);
        }
    }

    pub(super) fn list(&mut self, list: &List, indent: f32, colour: Colour) {
        let style = self.style;
        for (index, item) in list.items.iter().enumerate() {
            self.ensure(2.0 * self.line_height(style.body_size));
            let baseline = self.y + style.body_size * 1.15;
            let x = style.margin_left + indent;
            match (list.start, item.task) {
                // Bullets and boxes are shapes, not characters: they are not part of the text.
                (_, Some(done)) => {
                    let (size, top) = (7.0, baseline - 7.0);
                    let fill = done.then_some(style.accent);
                    self.page().draws.push(Draw::Rect {
                        x,
                        y: top,
                        width: size,
                        height: size,
                        fill,
                        stroke: Some(colour),
                    });
                }
                (Some(start), None) => {
                    let text_style = TextStyle::plain(Role::Body, style.body_size, colour);
                    let text = format!("{}.", start + index as u64);
                    self.page().draws.push(Draw::Text { x, y: baseline, style: text_style, text, spacing: 0.0 });
                }
                (None, None) => {
                    let (cx, cy, r) = (x + 3.0, baseline - style.body_size * 0.33, 1.8);
                    let points = (0..8)
                        .map(|k| {
                            let angle = std::f32::consts::TAU * k as f32 / 8.0;
                            (cx + r * angle.cos(), cy + r * angle.sin())
                        })
                        .collect();
                    self.page().draws.push(Draw::Polygon { points, fill: Some(colour), stroke: None });
                }
            }
            let before = self.y;
            let item_indent = self.deeper(indent, style.list_indent);
            for (at, block) in item.blocks.iter().enumerate() {
                self.keep_with(block, item.blocks.get(at + 1), item_indent);
                self.block(block, item_indent, colour);
            }
            if list.tight && self.y > before {
                self.y -= style.paragraph_gap * 0.7;
            }
        }
        self.y += style.paragraph_gap * 0.7;
    }

    pub(super) fn code(&mut self, text: &str, indent: f32) {
        let style = self.style;
        let size = style.code_size;
        let line_height = self.line_height(size);
        let text_style = TextStyle::plain(Role::Mono, size, style.text);
        let width = style.column() - indent - 12.0;
        let measure = self.measure();
        let mut lines = Vec::new();
        for source_line in text.trim_end().split('\n') {
            let runs = vec![Run { text: source_line.to_string(), style: text_style.clone() }];
            let broken = break_lines(&runs, width, &measure);
            if broken.is_empty() {
                lines.push(String::new());
            }
            lines.extend(broken.iter().map(|l| l.text()));
        }
        for line in lines {
            self.ensure(line_height);
            let (x, y) = (style.margin_left + indent, self.y);
            self.page().draws.push(Draw::Rect {
                x,
                y,
                width: style.column() - indent,
                height: line_height,
                fill: Some(style.fill),
                stroke: None,
            });
            if !line.is_empty() {
                self.page().draws.push(Draw::Text {
                    x: x + 6.0,
                    y: y + size * 1.15,
                    style: text_style.clone(),
                    text: line,
                    spacing: 0.0,
                });
            }
            self.y += line_height;
        }
        self.y += style.paragraph_gap;
    }
}
