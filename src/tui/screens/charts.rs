//! Charts: every throughput, then economic loss and public trust, each as a sparkline of its
//! most recent values with its value now and its highest.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Sparkline, Widget};

use super::{Chrome, Draw, Screen};
use crate::session::live::Live;
use crate::sim::measures::MeasureHistory;
use crate::tui::app::Console;
use crate::tui::view::Shown;
use crate::tui::widgets::framed;

pub struct Charts;

impl Screen for Charts {
    fn name(&self) -> &'static str {
        "Charts"
    }

    fn rows(&self, _: &Console, _: &Live) -> usize {
        0
    }

    fn view(&self, _: &Console, live: &Live) -> Box<dyn Draw + Send> {
        Box::new(ChartsView {
            series: chart_series(live),
        })
    }
}

/// Each chart's (name, unit, values).
pub struct ChartsView {
    pub series: Vec<(String, String, Vec<f64>)>,
}

/// Measures worth charting: every throughput, then loss and trust; (name, unit, series).
pub fn chart_series(live: &Live) -> Vec<(String, String, Vec<f64>)> {
    let history = live.sim().world.resource::<MeasureHistory>();
    let s = &live.scenario();
    s.all_measures()
        .iter()
        .zip(&history.series)
        .filter(|(m, _)| {
            !matches!(
                m,
                crate::scenario::model::Measure::RecordsExposed
                    | crate::scenario::model::Measure::ServiceLevel
            )
        })
        .map(|(m, series)| {
            let unit = match m {
                crate::scenario::model::Measure::Throughput(id) => {
                    s.service_measures[id.index()].unit.clone()
                }
                crate::scenario::model::Measure::EconomicLoss => s.measures.currency.clone(),
                _ => "/100".into(),
            };
            (s.measure_name(*m), unit, series.clone())
        })
        .collect()
}

impl Draw for ChartsView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        if self.series.is_empty() {
            return;
        }
        let rows = Layout::vertical(self.series.iter().map(|_| Constraint::Fill(1))).split(area);
        for ((name, unit, values), r) in self.series.iter().zip(rows.iter()) {
            let now = values.last().copied().unwrap_or(0.0);
            let max = values.iter().copied().fold(0.0_f64, f64::max);
            let (now, max_shown) = (crate::number::short(now), crate::number::short(max));
            let title = format!("{name}: {now} {unit} (max {max_shown})");
            let inner = framed(&title, t, *r, buf);
            // The most recent values that fit, scaled to whole numbers for the sparkline.
            let width = inner.width as usize;
            let start = values.len().saturating_sub(width);
            let scale = if max > 0.0 { 1000.0 / max } else { 0.0 };
            let data: Vec<u64> = values[start..]
                .iter()
                .map(|v| (v.max(0.0) * scale) as u64)
                .collect();
            Sparkline::default()
                .data(&data)
                .max(1000)
                .style(t.state(Shown::Normal))
                .render(inner, buf);
        }
    }
}
