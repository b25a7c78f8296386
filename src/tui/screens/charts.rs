//! Charts: every throughput, then economic loss and public trust, each by its name and unit, as
//! a sparkline of the whole exercise so far (each column the mean of its share of the ticks)
//! with its value now, its highest, and a time axis in simulated time.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Sparkline, Widget};

use super::{Chrome, Draw, Screen};
use crate::lang::Lang;
use crate::scenario::model::Measure;
use crate::session::live::Live;
use crate::tui::app::Console;
use crate::tui::said::Said;
use crate::tui::view::Shown;
use crate::tui::widgets::{framed, width};

pub struct Charts;

impl Screen for Charts {
    fn name(&self) -> &'static str {
        "Charts"
    }

    fn rows(&self, _: &Console, _: &Live) -> usize {
        0
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let series = chart_series(live, console.lang);
        let ticks = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
        let clock = &live.scenario().clock;
        Box::new(ChartsView {
            series,
            times: (0..ticks as u32)
                .map(|t| short_time(&clock.label_lang(t, console.lang)))
                .collect(),
        })
    }
}

/// One chart: the measure's name for readers, its unit, and its value at each tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub unit: String,
    pub values: Vec<f64>,
}

pub struct ChartsView {
    pub series: Vec<Series>,
    /// The time of each tick, as the axis writes it ("Mon 06:45", "3日(月) 06:45").
    pub times: Vec<String>,
}

/// "Mon 03 Jul 06:45" → "Mon 06:45", "7月3日(月) 06:45" → "3日(月) 06:45": the day and the
/// time, short enough for an axis.
fn short_time(label: &str) -> String {
    if let Some((_, day)) = label.split_once('月') {
        return day.to_string();
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    match (words.first(), words.last()) {
        (Some(d), Some(t)) if words.len() > 2 => format!("{d} {t}"),
        _ => label.to_string(),
    }
}

/// Measures worth charting: every throughput, then loss and trust, each with its name for
/// readers in `lang` (as the report names it) and its unit.
pub fn chart_series(live: &Live, lang: Lang) -> Vec<Series> {
    let history = &live.sim().state().history;
    let s = &live.scenario();
    s.all_measures()
        .iter()
        .zip(&history.series)
        .filter(|(m, _)| !matches!(m, Measure::RecordsExposed | Measure::ServiceLevel))
        .map(|(m, series)| Series {
            name: s.measure_title(*m, lang),
            unit: s.measure_unit(*m, lang),
            values: series.clone(),
        })
        .collect()
}

/// The values as at most `width` columns, each the mean of its share of the ticks, with the
/// first tick of each column.
fn columns(values: &[f64], width: usize) -> Vec<(usize, f64)> {
    let n = values.len();
    let width = width.min(n);
    (0..width)
        .map(|i| {
            let (a, b) = (i * n / width, ((i + 1) * n / width).max(i * n / width + 1));
            let mean = values[a..b].iter().sum::<f64>() / (b - a) as f64;
            (a, mean)
        })
        .collect()
}

/// The time axis under the columns: labels of evenly spaced ticks (the report's
/// [`crate::report::chart::axis`]), each at its column ("┴Mon 06:00"), the last ending at the
/// last column with the last of `ticks` ("Tue 06:45┴": now), as many as fit without touching.
fn axis_line(columns: &[(usize, f64)], ticks: usize, times: &[String], room: usize) -> String {
    let Some(&(last, _)) = columns.last() else {
        return String::new();
    };
    let label_width = times.first().map_or(9, |t| width(t)) + 3;
    let n = (room / label_width.max(1)).max(1) as u32;
    let marks: Vec<(usize, &String)> = crate::report::chart::axis(last as u32, n)
        .into_iter()
        .filter_map(|tick| {
            let col = columns.iter().position(|(t, _)| *t >= tick as usize)?;
            Some((col, times.get(columns[col].0)?))
        })
        .collect();
    let Some(((end_col, _), rest)) = marks.split_last() else {
        return String::new();
    };
    let end_text = times
        .get(ticks.saturating_sub(1))
        .map_or("", String::as_str);
    let end = format!("{end_text}┴");
    let end_at = (end_col + 1).saturating_sub(width(&end));
    let mut line = String::new();
    for (col, text) in rest {
        let text = format!("┴{text}");
        let used = width(&line);
        let clear = *col >= used + usize::from(used > 0);
        if clear && col + width(&text) < end_at {
            line.push_str(&" ".repeat(col - used));
            line.push_str(&text);
        }
    }
    let used = width(&line);
    if end_at >= used + usize::from(used > 0) && *end_col < room {
        line.push_str(&" ".repeat(end_at - used));
        line.push_str(&end);
    }
    line
}

impl Draw for ChartsView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        if self.series.is_empty() {
            return;
        }
        let rows = Layout::vertical(self.series.iter().map(|_| Constraint::Fill(1))).split(area);
        for (s, r) in self.series.iter().zip(rows.iter()) {
            let now = s.values.last().copied().unwrap_or(0.0);
            let max = s.values.iter().copied().fold(0.0_f64, f64::max);
            let (now, max_shown) = (crate::number::short(now), crate::number::short(max));
            let unit = &s.unit;
            let title = Said::ChartTitle {
                name: &s.name,
                now: &now,
                max: &max_shown,
                unit,
            }
            .say(c.lang);
            let inner = framed(&title, t, *r, buf);
            let [plot, axis] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
            let cols = columns(&s.values, usize::from(plot.width));
            let scale = if max > 0.0 { 1000.0 / max } else { 0.0 };
            let data: Vec<u64> = cols
                .iter()
                .map(|(_, v)| (v.max(0.0) * scale) as u64)
                .collect();
            Sparkline::default()
                .data(&data)
                .max(1000)
                .style(t.state(Shown::Normal))
                .render(plot, buf);
            Line::styled(
                axis_line(&cols, s.values.len(), &self.times, usize::from(axis.width)),
                t.dim(),
            )
            .render(axis, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_axis_time_keeps_the_day_and_the_time_in_either_language() {
        assert_eq!(short_time("Mon 03 Jul 06:45"), "Mon 06:45");
        assert_eq!(short_time("7月3日(月) 06:45"), "3日(月) 06:45");
        assert_eq!(short_time("11月3日(水) 06:00"), "3日(水) 06:00");
    }

    #[test]
    fn columns_are_means_of_their_share_of_the_ticks() {
        assert_eq!(columns(&[1.0, 3.0, 5.0, 7.0], 2), [(0, 2.0), (2, 6.0)]);
        assert_eq!(columns(&[1.0, 2.0], 10), [(0, 1.0), (1, 2.0)]);
        assert!(columns(&[], 10).is_empty());
    }

    #[test]
    fn the_axis_labels_evenly_spaced_ticks_without_overlap() {
        let times: Vec<String> = (0..100).map(|i| format!("T{i:03}")).collect();
        let cols = columns(&(0..100).map(f64::from).collect::<Vec<_>>(), 50);
        let line = axis_line(&cols, 100, &times, 50);
        assert!(line.starts_with("┴T000"), "{line}");
        assert!(line.ends_with("T099┴"), "the last tick: {line}");
        assert_eq!(width(&line), 50, "{line}");
        assert!(width(&line) <= 50, "{line}");
        assert_eq!(short_time("Mon 03 Jul 06:45"), "Mon 06:45");
    }
}
