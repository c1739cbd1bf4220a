//! The geometry of a multi-year line chart (a table whose rows are lines and whose columns
//! after the first are years), drawn as vector shapes: typst shapes for the PDF, SVG for HTML.
//! DOCX gets a native Word chart from the same table (`docx_package.rs`).

use super::content::{Cell, Table};
use crate::text::vn_number;

/// Line colours, each with its own dash so a black-and-white print still tells them apart.
pub const STYLES: [(&str, &str); 8] = [
    ("1f4e79", "solid"),
    ("c00000", "dashed"),
    ("548235", "dotted"),
    ("7f6000", "dash-dotted"),
    ("7030a0", "solid"),
    ("2e75b6", "dashed"),
    ("ed7d31", "dotted"),
    ("404040", "dash-dotted"),
];

pub struct Plot {
    pub years: Vec<String>,
    pub lines: Vec<(String, Vec<Option<f64>>)>,
    /// Gridline values, lowest first; the axis runs from the first to the last.
    pub ticks: Vec<f64>,
}

/// 1, 2, 2,5 or 5 times a power of ten: round steps a reader can add up.
fn nice_step(span: f64) -> f64 {
    if span <= 0.0 {
        return 1.0;
    }
    let raw = span / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    let m = raw / power;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 2.5 {
        2.5
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

impl Plot {
    pub fn of(table: &Table) -> Plot {
        let years = table.columns.iter().skip(1).cloned().collect();
        let lines: Vec<(String, Vec<Option<f64>>)> = table
            .rows
            .iter()
            .map(|r| {
                let name = r.first().map(Cell::display).unwrap_or_default();
                let values = r
                    .iter()
                    .skip(1)
                    .map(|c| match c {
                        Cell::Number(n) | Cell::Percent(n) => Some(*n),
                        _ => None,
                    })
                    .collect();
                (name, values)
            })
            .collect();
        let all: Vec<f64> = lines
            .iter()
            .flat_map(|(_, v)| v.iter().flatten())
            .copied()
            .collect();
        let max = all.iter().copied().fold(0.0, f64::max);
        let min = all.iter().copied().fold(0.0, f64::min);
        let step = nice_step(max - min);
        let (lo, hi) = ((min / step).floor() * step, (max / step).ceil() * step);
        let hi = if hi <= lo { lo + step } else { hi };
        let n = ((hi - lo) / step).round() as usize;
        let ticks = (0..=n).map(|i| lo + step * i as f64).collect();
        Plot {
            years,
            lines,
            ticks,
        }
    }

    fn lo(&self) -> f64 {
        self.ticks.first().copied().unwrap_or(0.0)
    }
    fn hi(&self) -> f64 {
        self.ticks.last().copied().unwrap_or(1.0)
    }

    /// Where a value sits, in points down from the plot's top.
    fn y(&self, v: f64, height: f64) -> f64 {
        height - (v - self.lo()) / (self.hi() - self.lo()) * height
    }

    /// Where a year sits, in points from the plot's left edge.
    fn x(&self, i: usize, width: f64) -> f64 {
        if self.years.len() <= 1 {
            width / 2.0
        } else {
            i as f64 * width / (self.years.len() - 1) as f64
        }
    }

    /// Segments of each line (years with no value break the line) and its points.
    fn segments(&self, width: f64, height: f64) -> Vec<(usize, Vec<(f64, f64)>)> {
        let mut out = Vec::new();
        for (k, (_, values)) in self.lines.iter().enumerate() {
            let mut run = Vec::new();
            for (i, v) in values.iter().enumerate() {
                match v {
                    Some(v) => run.push((self.x(i, width), self.y(*v, height))),
                    None if !run.is_empty() => out.push((k, std::mem::take(&mut run))),
                    None => {}
                }
            }
            if !run.is_empty() {
                out.push((k, run));
            }
        }
        out
    }
}

/// Room for the value labels left of the plot and the years under it.
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 8.0;
const RIGHT: f64 = 14.0;

/// The chart as typst markup: vector lines, markers and labels in a box of the given size,
/// then the legend. Every text is a string literal made by `lit`.
pub fn typst(table: &Table, width: f64, height: f64, lit: impl Fn(&str) -> String) -> String {
    let plot = Plot::of(table);
    let (w, h) = (width - LEFT - RIGHT, height - TOP - BOTTOM);
    let mut t = format!("#box(width: {width}pt, height: {height}pt)[\n");
    let at = |x: f64, y: f64| format!("dx: {:.2}pt, dy: {:.2}pt", LEFT + x, TOP + y);
    for v in &plot.ticks {
        let y = plot.y(*v, h);
        t.push_str(&format!(
            "#place(top + left, {}, line(length: {w:.2}pt, stroke: 0.4pt + luma(190)))\n",
            at(0.0, y)
        ));
        t.push_str(&format!(
            "#place(top + left, dx: 0pt, dy: {:.2}pt, box(width: {:.2}pt, align(right, text(size: 9pt, {}))))\n",
            TOP + y - 5.0,
            LEFT - 5.0,
            lit(&vn_number(*v))
        ));
    }
    t.push_str(&format!(
        "#place(top + left, {}, line(length: {w:.2}pt, stroke: 0.8pt))\n",
        at(0.0, h)
    ));
    for (i, year) in plot.years.iter().enumerate() {
        let x = plot.x(i, w);
        t.push_str(&format!(
            "#place(top + left, dx: {:.2}pt, dy: {:.2}pt, box(width: 40pt, align(center, text(size: 9pt, {}))))\n",
            LEFT + x - 20.0,
            TOP + h + 6.0,
            lit(year)
        ));
    }
    for (k, run) in plot.segments(w, h) {
        let (colour, dash) = STYLES[k % STYLES.len()];
        let stroke = format!("(paint: rgb(\"#{colour}\"), thickness: 1.3pt, dash: \"{dash}\")");
        for pair in run.windows(2) {
            let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
            t.push_str(&format!(
                "#place(top + left, {}, line(start: (0pt, 0pt), end: ({:.2}pt, {:.2}pt), stroke: {stroke}))\n",
                at(x1, y1),
                x2 - x1,
                y2 - y1
            ));
        }
        for (x, y) in &run {
            t.push_str(&format!(
                "#place(top + left, {}, circle(radius: 2.2pt, fill: rgb(\"#{colour}\"), stroke: none))\n",
                at(x - 2.2, y - 2.2)
            ));
        }
    }
    t.push_str("]\n");
    // The legend: each line's stroke beside its name.
    let items: Vec<String> = plot
        .lines
        .iter()
        .enumerate()
        .map(|(k, (name, _))| {
            let (colour, dash) = STYLES[k % STYLES.len()];
            format!(
                "box(line(length: 18pt, stroke: (paint: rgb(\"#{colour}\"), thickness: 1.3pt, dash: \"{dash}\"))) + h(4pt) + text(size: 10pt, {})",
                lit(name)
            )
        })
        .collect();
    t.push_str(&format!(
        "#align(center, block(width: 100%, {{ set par(first-line-indent: 0pt, justify: false); ({}).join(h(12pt)) }}))\n",
        if items.is_empty() {
            "\"\",".to_string()
        } else {
            format!("{},", items.join(", "))
        }
    ));
    t
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The same chart as inline SVG, for the HTML report.
pub fn svg(table: &Table) -> String {
    let plot = Plot::of(table);
    let (width, height) = (640.0, 260.0);
    let (w, h) = (width - LEFT - RIGHT, height - TOP - BOTTOM);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {}\" width=\"100%\" role=\"img\" aria-label=\"{}\" font-size=\"11\">",
        height + 18.0 * plot.lines.len() as f64,
        esc(&table.caption)
    );
    for v in &plot.ticks {
        let y = TOP + plot.y(*v, h);
        s.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#bebebe\" stroke-width=\"0.5\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT + w,
            LEFT - 5.0,
            y + 4.0,
            esc(&vn_number(*v))
        ));
    }
    for (i, year) in plot.years.iter().enumerate() {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            LEFT + plot.x(i, w),
            TOP + h + 16.0,
            esc(year)
        ));
    }
    for (k, run) in plot.segments(w, h) {
        let (colour, dash) = STYLES[k % STYLES.len()];
        let dash = match dash {
            "dashed" => " stroke-dasharray=\"6 3\"",
            "dotted" => " stroke-dasharray=\"1.5 3\"",
            "dash-dotted" => " stroke-dasharray=\"6 3 1.5 3\"",
            _ => "",
        };
        let points: Vec<String> = run
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", LEFT + x, TOP + y))
            .collect();
        s.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"#{colour}\" stroke-width=\"1.6\"{dash} points=\"{}\"/>",
            points.join(" ")
        ));
        for (x, y) in &run {
            s.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"#{colour}\"/>",
                LEFT + x,
                TOP + y
            ));
        }
    }
    for (k, (name, _)) in plot.lines.iter().enumerate() {
        let (colour, _) = STYLES[k % STYLES.len()];
        let y = height + 12.0 + 18.0 * k as f64;
        s.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#{colour}\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{y:.1}\">{}</text>",
            LEFT + 18.0,
            y - 4.0,
            y - 4.0,
            LEFT + 24.0,
            esc(name)
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_runs_in_round_steps_over_every_value() {
        let table = Table {
            name: "x".into(),
            caption: String::new(),
            columns: vec!["Phạm vi".into(), "2022".into(), "2023".into()],
            rows: vec![vec![
                Cell::Text("A".into()),
                Cell::Number(16542.0),
                Cell::Number(20777.0),
            ]],
            view: super::super::TableView::LineChart,
            footnotes: None,
        };
        let p = Plot::of(&table);
        assert_eq!(p.ticks.first(), Some(&0.0));
        assert!(p.ticks.last().unwrap() >= &20777.0);
        let step = p.ticks[1] - p.ticks[0];
        assert!([5000.0, 2500.0, 10000.0].contains(&step), "{step}");
    }
}
