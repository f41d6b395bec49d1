//! Breaking styled text into lines of a given width.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14, through
//! `unicode-linebreak`), then Chinese rules on top: no line may start with closing punctuation
//! (，。、；：！？）」』】》 and the like) or end with opening punctuation (（「『【《 …). Lines are
//! filled greedily; spaces at a break hang past the margin and are not drawn. A Latin word is
//! split only when it alone is wider than the line. The result says, per line, how much room is
//! left and where it may be spread, so renderers can justify Chinese text.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::text::is_cjk;

/// Characters no line may start with.
pub const NO_LINE_START: &str = "，。、；：！？）」』】》〉〕〗〙〛’”…‥·・゠ー〜～%‰℃,.;:!?)]}、｡､！％），．：；？］｝";
/// Characters no line may end with.
pub const NO_LINE_END: &str = "（「『【《〈〔〖〘〚‘“([{（［｛＄$￥";

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run<S> {
    pub text: String,
    pub style: S,
}

/// Part of one run on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment<S> {
    pub text: String,
    pub style: S,
    /// Offset from the start of the line, before justification.
    pub x: f32,
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line<S> {
    pub fragments: Vec<Fragment<S>>,
    /// Width of the drawn text (hanging spaces excluded).
    pub width: f32,
    /// The last line of a paragraph, or a line ended by a forced break: never justified.
    pub ends_paragraph: bool,
}

impl<S> Line<S> {
    /// The line's text, as drawn.
    pub fn text(&self) -> String {
        self.fragments.iter().map(|f| f.text.as_str()).collect()
    }

    /// Places where extra space may go when justifying: after each space or CJK character
    /// but the line's last. Renderers add the room after exactly these characters.
    pub fn stretch_points(&self) -> usize {
        let count = self.text().chars().filter(|c| stretches_after(*c)).count();
        count.saturating_sub(usize::from(self.text().chars().last().is_some_and(stretches_after)))
    }
}

/// Whether justification may add room after `c`.
pub fn stretches_after(c: char) -> bool {
    c == ' ' || is_cjk(c)
}

/// Breaks `runs` into lines at most `width` wide. `measure` gives the width of a piece of text
/// in a style. A `\n` in the text forces a break.
pub fn break_lines<S: Clone>(runs: &[Run<S>], width: f32, measure: &dyn Fn(&S, &str) -> f32) -> Vec<Line<S>> {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    if text.is_empty() {
        return Vec::new();
    }
    // Which run each byte belongs to.
    let mut bounds = Vec::with_capacity(runs.len());
    let mut offset = 0;
    for run in runs {
        bounds.push(offset..offset + run.text.len());
        offset += run.text.len();
    }
    let style_at = |byte: usize| bounds.iter().position(|b| b.contains(&byte)).unwrap_or(0);

    // Segments: the unbreakable pieces between allowed breaks.
    let mut segments: Vec<(usize, usize, bool)> = Vec::new(); // start, end, forced break after
    let mut start = 0;
    for (index, opportunity) in linebreaks(&text) {
        let forced = opportunity == BreakOpportunity::Mandatory;
        if !forced && !break_allowed(&text, index) {
            continue;
        }
        if index > start {
            segments.push((start, index, forced && index < text.len()));
        }
        start = index;
    }

    let measure_range = |from: usize, to: usize| -> f32 {
        let mut total = 0.0;
        let mut position = from;
        while position < to {
            let run = style_at(position);
            let end = bounds[run].end.min(to);
            total += measure(&runs[run].style, &text[position..end]);
            position = end;
        }
        total
    };

    let mut lines = Vec::new();
    let mut line_start: Option<usize> = None;
    let mut line_end = 0; // end of drawn text (without hanging space)
    let mut line_width = 0.0;
    let finish = |from: usize, to: usize, ends_paragraph: bool, lines: &mut Vec<Line<S>>| {
        lines.push(make_line(runs, &bounds, &text, from, to, ends_paragraph, measure));
    };
    for (seg_start, seg_end, forced) in segments {
        let piece = &text[seg_start..seg_end];
        let drawn_end = seg_start + piece.trim_end_matches([' ', '\n', '\r', '\t']).len();
        let drawn_width = measure_range(seg_start, drawn_end);
        match line_start {
            Some(_) if line_width + measure_range(line_end, seg_start) + drawn_width <= width + 1e-3 => {
                line_width += measure_range(line_end, seg_start) + drawn_width;
                line_end = drawn_end;
            }
            Some(from) => {
                finish(from, line_end, false, &mut lines);
                line_start = Some(seg_start);
                line_end = drawn_end;
                line_width = drawn_width;
            }
            None => {
                line_start = Some(seg_start);
                line_end = drawn_end;
                line_width = drawn_width;
            }
        }
        // A piece wider than the whole line: split it by characters (the only case where a
        // word is cut), keeping the Chinese rules where possible.
        // (However narrow the line, each round moves on by at least one character.)
        while line_width > width + 1e-3 && line_start.is_some_and(|start| start < line_end) {
            let from = line_start.unwrap_or(seg_start);
            let cut = widest_prefix(&text, from, line_end, width, &measure_range);
            finish(from, cut, false, &mut lines);
            line_start = Some(cut);
            // Widths add up, so what is left is the piece minus what was just set: measuring
            // the rest again would make a long word cost its length squared.
            line_width = (line_width - measure_range(from, cut)).max(0.0);
            if line_width < 2.0 * width {
                // Near the end, measure exactly, so rounding never decides a line.
                line_width = measure_range(cut, line_end);
            }
        }
        if forced {
            if let Some(from) = line_start.take() {
                finish(from, line_end, true, &mut lines);
            }
            line_width = 0.0;
        }
    }
    if let Some(from) = line_start {
        finish(from, line_end, true, &mut lines);
    }
    lines
}

/// Whether a line may break at byte `index` under the Chinese rules.
fn break_allowed(text: &str, index: usize) -> bool {
    let before = text[..index].trim_end_matches(' ').chars().last();
    let after = text[index..].chars().next();
    !(after.is_some_and(|c| NO_LINE_START.contains(c)) || before.is_some_and(|c| NO_LINE_END.contains(c)))
}

/// The longest prefix of `from..to` that fits `width`, ending at a character boundary; at least
/// one character, and not leaving a closing mark to start the next line when avoidable.
fn widest_prefix(text: &str, from: usize, to: usize, width: f32, measure: &dyn Fn(usize, usize) -> f32) -> usize {
    let mut cut = from;
    for (offset, c) in text[from..to].char_indices() {
        let end = from + offset + c.len_utf8();
        if measure(from, end) > width + 1e-3 && cut > from {
            break;
        }
        cut = end;
    }
    // A closing mark must not start the next line. Rather than let it hang past the column,
    // send the character before it down with it; only when that would leave this line empty,
    // pull the mark back up.
    let starts_with_mark = |at: usize| text[at..to].chars().next().is_some_and(|c| NO_LINE_START.contains(c));
    if cut < to && starts_with_mark(cut) {
        let previous = text[from..cut].char_indices().next_back().map(|(i, _)| from + i).filter(|p| *p > from);
        match previous {
            Some(previous) => cut = previous,
            None => {
                while cut < to && starts_with_mark(cut) {
                    cut += text[cut..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
    }
    cut.max(from + text[from..].chars().next().map_or(1, char::len_utf8)).min(to.max(from))
}

fn make_line<S: Clone>(
    runs: &[Run<S>],
    bounds: &[std::ops::Range<usize>],
    text: &str,
    from: usize,
    to: usize,
    ends_paragraph: bool,
    measure: &dyn Fn(&S, &str) -> f32,
) -> Line<S> {
    let mut fragments = Vec::new();
    let mut x = 0.0;
    // Leading spaces left over from a break are not drawn either.
    let from = from + text[from..to].len() - text[from..to].trim_start_matches(' ').len();
    for (run, range) in runs.iter().zip(bounds) {
        let start = range.start.max(from);
        let end = range.end.min(to);
        if start >= end {
            continue;
        }
        let piece = text[start..end].replace(['\n', '\r'], "");
        if piece.is_empty() {
            continue;
        }
        let width = measure(&run.style, &piece);
        fragments.push(Fragment { text: piece, style: run.style.clone(), x, width });
        x += width;
    }
    Line { fragments, width: x, ends_paragraph }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ideographs and full-width marks one em, everything else half: a 10-em line holds ten
    /// Chinese characters.
    fn measure(_: &(), text: &str) -> f32 {
        text.chars().map(|c| if is_cjk(c) { 1.0 } else { 0.5 }).sum()
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        break_lines(&[Run { text: text.to_string(), style: () }], width, &measure).iter().map(Line::text).collect()
    }

    #[test]
    fn a_word_longer_than_many_lines_costs_its_length_not_its_square() {
        // Count the characters measured: cutting a 20,000-character word into 10-character
        // lines must measure each character a bounded number of times.
        let measured = std::cell::Cell::new(0usize);
        let counting = |_: &(), text: &str| {
            measured.set(measured.get() + text.chars().count());
            text.chars().count() as f32
        };
        let word = "a".repeat(20_000);
        let lines = break_lines(&[Run { text: word.clone(), style: () }], 10.0, &counting);
        assert_eq!(lines.len(), 2_000);
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), word, "nothing lost");
        assert!(measured.get() < 200 * word.len(), "measured {} characters for {}", measured.get(), word.len());
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_marks() {
        let broken = lines("信任来自行为，说到的事做到了。遇到难处时有人伸手。", 7.0);
        assert!(broken.iter().all(|l| !l.starts_with(|c| NO_LINE_START.contains(c))), "{broken:?}");
        assert_eq!(broken.concat(), "信任来自行为，说到的事做到了。遇到难处时有人伸手。");
        assert!(broken.iter().all(|l| measure(&(), l) <= 7.0 + 1e-3), "{broken:?}");
    }

    #[test]
    fn opening_marks_stay_with_what_follows() {
        let broken = lines("我们阅读了《团队信任建设手册》这本书", 6.0);
        assert!(broken.iter().all(|l| !l.ends_with(|c| NO_LINE_END.contains(c))), "{broken:?}");
    }

    #[test]
    fn latin_words_are_never_split_when_they_fit() {
        let broken = lines("Trust grows out of behaviour that people can see for themselves", 10.0);
        let words: Vec<&str> = "Trust grows out of behaviour that people can see for themselves".split(' ').collect();
        for line in &broken {
            for word in line.split(' ') {
                assert!(words.contains(&word), "`{word}` was cut in {broken:?}");
            }
        }
        assert!(broken.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_as_a_last_resort() {
        let broken = lines("see https://example.org/a-very-long-path-without-spaces", 8.0);
        assert!(broken.len() > 2 && broken.iter().all(|l| measure(&(), l) <= 8.0 + 1e-3), "{broken:?}");
        assert_eq!(broken.concat().replace(' ', ""), "seehttps://example.org/a-very-long-path-without-spaces");
    }

    #[test]
    fn three_thousand_chinese_characters_without_spaces_break_correctly() {
        let sentence = "信任是团队合作的基础，透明、倾听与兑现承诺都很重要。";
        let text: String = sentence.chars().cycle().take(3000).collect();
        let broken = lines(&text, 33.0);
        assert_eq!(broken.concat(), text, "no character lost or added");
        assert!(broken.len() >= 3000 / 33);
        for line in &broken {
            assert!(measure(&(), line) <= 33.0 + 1e-3, "too wide: {line}");
            assert!(!line.starts_with(|c| NO_LINE_START.contains(c)), "starts with a closing mark: {line}");
        }
    }

    #[test]
    fn runs_keep_their_styles_and_forced_breaks_end_lines() {
        let runs = vec![
            Run { text: "普通文字".to_string(), style: 0 },
            Run { text: "加粗\n".to_string(), style: 1 },
            Run { text: "下一行".to_string(), style: 0 },
        ];
        let measure = |_: &i32, text: &str| text.chars().filter(|c| *c != '\n').count() as f32;
        let broken = break_lines(&runs, 20.0, &measure);
        assert_eq!(broken.len(), 2);
        assert_eq!(
            broken[0].fragments.iter().map(|f| (f.text.as_str(), f.style)).collect::<Vec<_>>(),
            [("普通文字", 0), ("加粗", 1)]
        );
        assert!(broken[0].ends_paragraph);
        assert_eq!(broken[0].fragments[1].x, 4.0);
        assert_eq!(broken[1].text(), "下一行");
        assert!(broken[0].stretch_points() > 0);
    }
}
