//! Charts drawn once, for every output format. [`draw`] turns a chart spec ([`Chart`], in
//! [`spec`]) into a [`Drawing`]; a document holds both as a [`Figure`], made once when its
//! chart block is parsed. A drawing is a canvas in CSS px with positioned shapes (text with a role, rectangles, lines,
//! polylines, polygons, markers) in the colours of [`palette`], plus the chart's figures as a
//! neutral [`DataTable`]. The HTML renderer writes the drawing as SVG and the PDF layout as
//! vector graphics; neither knows what kind of chart it is drawing.
//!
//! Each chart kind is one file ([`radar`], [`stacked`], [`trend`], [`heatmap`], [`scatter`]); what the series
//! charts share (legend, table of series) is in [`series`]. A new kind is a new file and an arm
//! in [`draw`]. This module sits below the document model and depends on nothing of the
//! pipeline.

mod heatmap;
pub mod palette;
mod radar;
mod scatter;
mod series;
mod spec;
mod stacked;
mod trend;

pub use palette::Colour;
pub use spec::{Chart, ChartKind, HeatRow, Scatter, ScatterPoint, Series, StackedRow};

/// A chart block of a document: what it shows and its drawing, made once and encoded by every
/// renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub chart: Chart,
    pub drawing: Drawing,
}

impl Figure {
    /// Draws `chart`.
    pub fn new(chart: Chart) -> Figure {
        let mut drawing = draw(&chart);
        // Shares keep their fixed favourable / neutral / unfavourable colours and the heat map
        // its ramp, which readers learn once; series take the palette.
        let series = !matches!(chart.kind, ChartKind::StackedBars { .. } | ChartKind::Heatmap { .. });
        if series && !chart.palette.is_empty() {
            drawing.rebrand(&chart.palette);
        }
        Figure { chart, drawing }
    }
}

/// A figure is stored (and compared in snapshots) as its spec: the drawing follows from it.
impl serde::Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.chart.serialize(serializer)
    }
}

/// A point in CSS px, from the top-left corner of the canvas.
pub type Point = (f64, f64);

/// A chart ready to be encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Short name of the chart kind (`radar`, `stacked`, `trend`, `heatmap`).
    pub kind: &'static str,
    /// Canvas size in CSS px.
    pub width: u32,
    pub height: u32,
    /// In painting order: later shapes cover earlier ones.
    pub shapes: Vec<Shape>,
    pub table: DataTable,
}

/// Which part of a text's box sits at its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// What a piece of text is, which fixes its size, weight and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    /// Numbers along a scale.
    Tick,
    /// Names of axes, points in time and columns.
    Axis,
    Legend,
    /// Names of rows.
    Label,
    /// A figure on or beside its mark.
    Value,
    /// A figure on a dark fill.
    ValueOnDark,
    /// A heading over rows that belong together.
    Group,
    /// Why figures are missing.
    Note,
}

impl TextRole {
    /// Font size in CSS px.
    pub fn size(self) -> f64 {
        match self {
            TextRole::Tick => 11.0,
            TextRole::Axis | TextRole::Legend | TextRole::Label | TextRole::Group => 13.0,
            TextRole::Value | TextRole::ValueOnDark | TextRole::Note => 12.0,
        }
    }

    pub fn bold(self) -> bool {
        matches!(self, TextRole::Axis | TextRole::Group)
    }

    pub fn colour(self) -> Colour {
        match self {
            TextRole::Tick | TextRole::Group | TextRole::Note => palette::MUTED,
            TextRole::ValueOnDark => palette::WHITE,
            TextRole::Axis | TextRole::Legend | TextRole::Label | TextRole::Value => palette::INK,
        }
    }
}

/// How an area is filled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paint {
    Colour(Colour),
    /// Figures withheld for anonymity: [`palette::WITHHELD_GROUND`] hatched with diagonal
    /// [`palette::GRID`] lines (see [`hatch`]).
    Withheld,
}

/// How a line or outline is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub colour: Colour,
    /// In px; `None` is the default hairline of 1 px.
    pub width: Option<f64>,
    /// `None` for a plain rule; a series' lines name their pattern (the first series' is empty,
    /// solid), from [`palette::DASHES`].
    pub dash: Option<&'static [f64]>,
}

impl Stroke {
    /// A 1 px solid rule.
    pub fn rule(colour: Colour) -> Stroke {
        Stroke { colour, width: None, dash: None }
    }

    /// Width in px.
    pub fn px(&self) -> f64 {
        self.width.unwrap_or(1.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    Circle,
    Square,
    Triangle,
    Diamond,
}

impl MarkerShape {
    /// Series `index`'s marker: circle, square, triangle, diamond, then again.
    pub fn of_series(index: usize) -> MarkerShape {
        [MarkerShape::Circle, MarkerShape::Square, MarkerShape::Triangle, MarkerShape::Diamond][index % 4]
    }
}

/// Radius of a circle marker and half the side of a square one, in px.
pub const MARKER_RADIUS: f64 = 4.5;

/// The outline of a marker centred on (x, y), corner by corner; a circle as a 16-sided polygon
/// for encoders without circles.
pub fn marker_outline(shape: MarkerShape, x: f64, y: f64) -> Vec<Point> {
    let r = MARKER_RADIUS;
    match shape {
        MarkerShape::Circle => (0..16)
            .map(|k| {
                let angle = std::f64::consts::TAU * f64::from(k) / 16.0;
                (x + r * angle.cos(), y + r * angle.sin())
            })
            .collect(),
        MarkerShape::Square => vec![(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)],
        MarkerShape::Triangle => vec![(x, y - 5.5), (x + 5.0, y + 4.0), (x - 5.0, y + 4.0)],
        MarkerShape::Diamond => vec![(x, y - 5.5), (x + 5.5, y), (x, y + 5.5), (x - 5.5, y)],
    }
}

/// One thing drawn on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Text on a baseline at (x, y); `width` is an estimate in px (see [`text_width`]), for
    /// placing what follows it.
    Text {
        x: f64,
        y: f64,
        anchor: Anchor,
        role: TextRole,
        text: String,
        width: f64,
    },
    /// (x, y) is the top-left corner.
    Rect {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        fill: Paint,
        stroke: Option<Stroke>,
    },
    Line {
        from: Point,
        to: Point,
        stroke: Stroke,
    },
    /// An open line through the points, not filled.
    Polyline {
        points: Vec<Point>,
        stroke: Stroke,
    },
    /// A closed outline, filled with `fill` (which may be see-through) when given.
    Polygon {
        points: Vec<Point>,
        fill: Option<Colour>,
        stroke: Stroke,
    },
    /// A filled marker centred on (x, y); see [`marker_outline`].
    Marker {
        x: f64,
        y: f64,
        shape: MarkerShape,
        colour: Colour,
    },
}

impl Shape {
    pub fn text(x: f64, y: f64, anchor: Anchor, role: TextRole, text: &str) -> Shape {
        let width = text_width(text, role.size());
        Shape::Text { x, y, anchor, role, text: text.to_string(), width }
    }
}

/// The chart's figures as a table: one column per series, category or dimension.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub columns: Vec<String>,
    pub rows: Vec<DataRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DataRow {
    pub label: String,
    pub cells: Cells,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// One formatted figure per column; `–` where there is none.
    Values(Vec<String>),
    /// A note in place of all the figures (why they are withheld).
    Note(String),
}

impl Drawing {
    /// Replaces the default series colours with `palette`'s (see [`palette::rebrand`]).
    pub fn rebrand(&mut self, palette: &[Colour]) {
        let recolour = |c: &mut Colour| *c = palette::rebrand(*c, palette);
        for shape in &mut self.shapes {
            match shape {
                Shape::Text { .. } => {}
                Shape::Rect { fill, stroke, .. } => {
                    if let Paint::Colour(c) = fill {
                        recolour(c);
                    }
                    if let Some(stroke) = stroke {
                        recolour(&mut stroke.colour);
                    }
                }
                Shape::Line { stroke, .. } | Shape::Polyline { stroke, .. } => recolour(&mut stroke.colour),
                Shape::Polygon { fill, stroke, .. } => {
                    if let Some(c) = fill {
                        recolour(c);
                    }
                    recolour(&mut stroke.colour);
                }
                Shape::Marker { colour, .. } => recolour(colour),
            }
        }
    }
}

/// Draws a chart.
pub fn draw(chart: &Chart) -> Drawing {
    match &chart.kind {
        ChartKind::Radar { axes, series, min, max } => radar::draw(axes, series, *min, *max),
        ChartKind::StackedBars { categories, rows } => stacked::draw(categories, rows),
        ChartKind::Trend { points, series, min, max } => trend::draw(points, series, *min, *max),
        ChartKind::Heatmap { columns, rows, min, max } => heatmap::draw(columns, rows, *min, *max),
        ChartKind::Scatter(spec) => {
            let labels = scatter::Labels { x: &spec.x_label, y: &spec.y_label, priority: &spec.priority };
            scatter::draw(&labels, &spec.points, (spec.x_min, spec.x_max), spec.y_max)
        }
    }
}

/// Rough width of a label in px: CJK characters are a full em, others about half.
pub fn text_width(label: &str, size: f64) -> f64 {
    label.chars().map(|c| if crate::text::is_cjk(c) { size } else { size * 0.56 }).sum()
}

/// The diagonal lines of the withheld hatching inside a rectangle, running up to the right
/// [`palette::HATCH_SPACING`] px apart, cut to the rectangle.
pub fn hatch(x: f64, y: f64, width: f64, height: f64) -> Vec<(Point, Point)> {
    // Along an axis, lines at 45° lie √2 times further apart than across them.
    let step = palette::HATCH_SPACING * std::f64::consts::SQRT_2;
    let mut lines = Vec::new();
    // Lines x + y = c, for c from the top-left corner to the bottom-right one.
    let mut c = x + y + step / 2.0;
    while c < x + width + y + height {
        let start = (c - (y + height)).max(x);
        let end = (c - y).min(x + width);
        if end > start {
            lines.push(((start, c - start), (end, c - end)));
        }
        c += step;
    }
    lines
}

fn number(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::spec::{HeatRow, Scatter, ScatterPoint, Series, StackedRow};
    use super::*;

    fn charts() -> Vec<Chart> {
        let chart = |kind| Chart {
            title: "t".into(),
            description: "d".into(),
            data_label: String::new(),
            kind,
            palette: Vec::new(),
        };
        let series = vec![
            Series { name: "本团队".into(), values: vec![Some(3.8), Some(3.1), Some(3.5)] },
            Series { name: "Org".into(), values: vec![Some(3.7), None, Some(3.6)] },
        ];
        let labels = vec!["能力".to_string(), "诚信".into(), "善意".into()];
        vec![
            chart(ChartKind::Radar { axes: labels.clone(), series: series.clone(), min: 1.0, max: 5.0 }),
            chart(ChartKind::StackedBars {
                categories: ["好".into(), "中".into(), "差".into()],
                rows: vec![StackedRow { label: "A1".into(), values: [60.0, 35.0, 5.0] }],
            }),
            chart(ChartKind::Trend { points: labels.clone(), series, min: 1.0, max: 5.0 }),
            chart(ChartKind::Heatmap {
                columns: labels,
                rows: vec![HeatRow {
                    label: "x".into(),
                    group: "U".into(),
                    cells: vec![Some(4.2); 3],
                    note: "".into(),
                }],
                min: 1.0,
                max: 5.0,
            }),
            chart(ChartKind::Scatter(Box::new(Scatter {
                x_label: "分数".into(),
                y_label: "权重".into(),
                priority: "优先".into(),
                points: vec![ScatterPoint { label: "诚信".into(), x: 5.2, y: 80.0 }],
                x_min: 3.0,
                x_max: 4.5,
                y_max: 60.0,
            }))),
        ]
    }

    #[test]
    fn drawing_is_deterministic_and_stays_on_the_canvas() {
        for chart in charts() {
            let drawing = draw(&chart);
            assert_eq!(draw(&chart), drawing);
            let inside = |(x, y): Point| {
                (0.0..=f64::from(drawing.width)).contains(&x) && (0.0..=f64::from(drawing.height)).contains(&y)
            };
            for shape in &drawing.shapes {
                match shape {
                    Shape::Text { x, y, .. } | Shape::Rect { x, y, .. } | Shape::Marker { x, y, .. } => {
                        assert!(inside((*x, *y)), "{} {shape:?}", drawing.kind)
                    }
                    Shape::Line { from, to, .. } => assert!(inside(*from) && inside(*to)),
                    Shape::Polyline { points, .. } | Shape::Polygon { points, .. } => {
                        assert!(points.iter().all(|p| inside(*p)))
                    }
                }
            }
        }
    }

    #[test]
    fn the_four_markers_differ() {
        let shapes = [MarkerShape::Circle, MarkerShape::Square, MarkerShape::Triangle, MarkerShape::Diamond];
        let outlines: Vec<Vec<Point>> = shapes.iter().map(|s| marker_outline(*s, 10.0, 10.0)).collect();
        for (i, a) in outlines.iter().enumerate() {
            assert!(outlines[i + 1..].iter().all(|b| a != b));
        }
        assert_eq!((0..4).map(MarkerShape::of_series).collect::<Vec<_>>(), shapes);
    }

    #[test]
    fn hatching_stays_inside_its_rectangle() {
        let lines = hatch(10.0, 20.0, 30.0, 12.0);
        assert!(lines.len() >= 4);
        for ((x1, y1), (x2, y2)) in lines {
            for (x, y) in [(x1, y1), (x2, y2)] {
                assert!((10.0 - 1e-9..=40.0 + 1e-9).contains(&x) && (20.0 - 1e-9..=32.0 + 1e-9).contains(&y));
            }
        }
    }

    #[test]
    fn text_width_counts_cjk_as_a_full_em() {
        assert_eq!(text_width("信任", 10.0), 20.0);
        assert!((text_width("ab", 10.0) - 11.2).abs() < 1e-9);
    }
}
