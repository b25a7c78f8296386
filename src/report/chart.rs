//! Charts of measures over time: a sparkline row for text, and a hand-built SVG line chart with
//! axes and a time axis in simulated time. Plain functions over numbers and labels.

use std::fmt::Write as _;

use super::html::esc;
use crate::number::short;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// `n + 1` evenly spaced ticks from 0 to `last` (fewer when there are fewer ticks).
pub fn axis(last: u32, n: u32) -> Vec<u32> {
    let n = n.max(1).min(last.max(1));
    let mut v: Vec<u32> = (0..=n)
        .map(|i| (u64::from(last) * u64::from(i) / u64::from(n)) as u32)
        .collect();
    v.dedup();
    v
}

/// The series as `width` bars, each the mean of its share of the values; a flat series is a
/// row of the lowest bar.
pub fn sparkline(values: &[f64], width: usize) -> String {
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let width = width.min(values.len());
    let means: Vec<f64> = (0..width)
        .map(|i| {
            let a = i * values.len() / width;
            let b = ((i + 1) * values.len() / width).max(a + 1);
            let part = &values[a..b];
            part.iter().sum::<f64>() / part.len() as f64
        })
        .collect();
    let (lo, hi) = bounds(values);
    means
        .iter()
        .map(|v| {
            if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
                BARS[0]
            } else {
                let i = ((v - lo) / (hi - lo) * 7.0).round();
                BARS[(i.clamp(0.0, 7.0)) as usize]
            }
        })
        .collect()
}

/// Minimum and maximum of finite values; (0, 0) when there are none.
pub(super) fn bounds(values: &[f64]) -> (f64, f64) {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) }
}

pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 220.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 36.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 46.0;

/// A line chart of one value per tick as an `<svg>` element (well-formed XML). `axis` gives the
/// ticks to mark on the time axis with their labels ("Tue 04 Jul 06:30", split over two lines).
pub fn svg(title: &str, unit: &str, values: &[f64], last: u32, axis: &[(u32, String)]) -> String {
    let (mut lo, mut hi) = bounds(values);
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    }
    if lo > 0.0 && lo < (hi - lo) {
        lo = 0.0;
    }
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let span = f64::from(last.max(1));
    let x = |t: f64| LEFT + t / span * plot_w;
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * plot_h;
    let mut s = String::new();
    let label = format!("{title} ({unit}) over simulated time");
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(&label),
        esc(&label)
    );
    let _ = write!(
        s,
        r#"<text x="{LEFT}" y="14" class="t">{} ({})</text>"#,
        esc(title),
        esc(unit)
    );
    // Horizontal grid and value labels.
    for i in 0..=4 {
        let v = lo + (hi - lo) * f64::from(i) / 4.0;
        let yy = y(v);
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" class="grid"/><text x="{:.1}" y="{:.1}" class="yl">{}</text>"#,
            LEFT + plot_w,
            LEFT - 6.0,
            yy + 4.0,
            esc(&short(v))
        );
    }
    // Axes.
    let _ = write!(
        s,
        r#"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.1}" class="axis"/><line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="axis"/>"#,
        TOP + plot_h,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    // Time axis.
    for (t, text) in axis {
        let xx = x(f64::from(*t));
        let (day, clock) = text.rsplit_once(' ').unwrap_or((text.as_str(), ""));
        let _ = write!(
            s,
            r#"<line x1="{xx:.1}" y1="{:.1}" x2="{xx:.1}" y2="{:.1}" class="axis"/><text x="{xx:.1}" y="{:.1}" class="xl"><tspan x="{xx:.1}">{}</tspan><tspan x="{xx:.1}" dy="12">{}</tspan></text>"#,
            TOP + plot_h,
            TOP + plot_h + 4.0,
            TOP + plot_h + 16.0,
            esc(day),
            esc(clock)
        );
    }
    // The line.
    let mut points = String::new();
    for (t, v) in values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
        let _ = write!(points, "{:.1},{:.1} ", x(t as f64), y(*v));
    }
    let _ = write!(
        s,
        r#"<polyline points="{}" class="line"/></svg>"#,
        points.trim_end()
    );
    s
}

/// A histogram of some values in `bins` equal bins as an `<svg>` element (well-formed XML): the
/// number of values in each bin, the bins' bounds on the horizontal axis.
pub fn histogram(title: &str, unit: &str, values: &[f64], bins: usize) -> String {
    let bins = bins.max(1);
    let (mut lo, mut hi) = bounds(values);
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        lo -= 0.5;
        hi += 0.5;
    }
    let width = (hi - lo) / bins as f64;
    let mut counts = vec![0u64; bins];
    for v in values.iter().filter(|v| v.is_finite()) {
        let i = (((v - lo) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let label = format!("{title}: runs by {unit}");
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}"><title>{}</title><text x="{LEFT}" y="14" class="t">{}</text>"#,
        esc(&label),
        esc(&label),
        esc(&label)
    );
    for i in 0..=4 {
        let v = top * f64::from(i) / 4.0;
        let yy = TOP + plot_h - v / top * plot_h;
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" class="grid"/><text x="{:.1}" y="{:.1}" class="yl">{}</text>"#,
            LEFT + plot_w,
            LEFT - 6.0,
            yy + 4.0,
            esc(&short(v))
        );
    }
    let bar_w = plot_w / bins as f64;
    for (i, c) in counts.iter().enumerate() {
        let h = *c as f64 / top * plot_h;
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" class="bar"/>"#,
            LEFT + bar_w * i as f64 + 1.0,
            TOP + plot_h - h,
            (bar_w - 2.0).max(0.5)
        );
    }
    for i in [0, bins / 2, bins] {
        let xx = LEFT + bar_w * i as f64;
        let _ = write!(
            s,
            r#"<text x="{xx:.1}" y="{:.1}" class="xl">{}</text>"#,
            TOP + plot_h + 16.0,
            esc(&short(lo + width * i as f64))
        );
    }
    let _ = write!(
        s,
        r#"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="axis"/></svg>"#,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_span_the_bars() {
        assert_eq!(
            sparkline(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 8),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(sparkline(&[5.0; 10], 4), "▁▁▁▁");
        assert_eq!(sparkline(&[1.0, 1.0, 0.0, 0.0], 2), "█▁");
        assert_eq!(sparkline(&[], 4), "");
        assert_eq!(sparkline(&[1.0, 2.0], 10).chars().count(), 2);
    }

    #[test]
    fn axes_are_evenly_spaced_and_end_at_the_last_tick() {
        assert_eq!(axis(576, 4), vec![0, 144, 288, 432, 576]);
        assert_eq!(axis(2, 5), vec![0, 1, 2]);
        assert_eq!(axis(0, 5), vec![0]);
    }

    #[test]
    fn histograms_count_every_value_once() {
        let s = histogram("x", "hours", &[0.0, 1.0, 1.0, 9.0, 10.0], 10);
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert_eq!(s.matches("<rect").count(), 10);
        assert!(!histogram("x", "h", &[], 4).contains("NaN"));
    }

    #[test]
    fn a_chart_of_nothing_is_still_a_chart() {
        let s = svg("x", "u", &[], 0, &[(0, "Mon 03 Jul 00:00".into())]);
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        assert!(!s.contains("NaN") && !s.contains("inf"));
    }
}
