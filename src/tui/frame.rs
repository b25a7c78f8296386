//! One frame of the console: the chrome around the current screen (header and clock, tab bar,
//! footer or command line, dialogs, the too-small message) as a view model built after the tick
//! ([`View::build`]), and its drawing (`impl Widget for &View`). The screen itself is built and
//! drawn by its module in [`super::screens`]. Drawing reads the view and nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::app::{Console, Dialog, Mode, YES, pace_label_in};
use super::keys;
use super::said::Said;
use super::screens::{self, Chrome, Draw};
use super::theme::Theme;
use super::widgets::{block, cut, width, wrap};
use super::words::say;
use crate::command::Seat;
use crate::lang::Lang;
use crate::scenario::model::TextKey;
use crate::session::live::Live;

/// The smallest terminal the console lays out in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

pub struct View {
    theme: Theme,
    /// The scenario's title and the seat's name: the seat is always shown, the title cut to fit.
    title: String,
    seat: String,
    /// The language of the console's own words.
    lang: Lang,
    /// The simulated time, the phase, the crisis level and the clock's state; the phase gives
    /// way first, then the level.
    clock: Clock,
    tabs: Vec<&'static str>,
    tab: usize,
    /// The screen: the start screen, or the current tab's.
    body: Box<dyn Draw + Send>,
    footer: String,
    command_line: Option<String>,
    dialog: Option<DialogView>,
    /// A replay: screens do not offer the keys that would give a command.
    read_only: bool,
    /// The clock is running: a terminal too small holds it, and says so.
    running: bool,
}

pub enum DialogView {
    /// The keys: the console's, or the replay's.
    Help(Vec<(String, String)>),
    Text {
        title: String,
        body: String,
    },
    Pick {
        title: String,
        options: Vec<String>,
        cursor: usize,
    },
    Input {
        prompt: String,
        text: String,
    },
    Confirm(String),
}

impl View {
    pub fn build(app: &Console, live: &Live) -> View {
        let s = &live.scenario();
        let tick = live.sim().tick().unwrap_or(0);
        let phase = live
            .sim()
            .facts()
            .phase
            .map(|p| s.text(TextKey::PhaseName(p), app.lang).to_string())
            .unwrap_or_default();
        let say = |w: &'static str| say(app.lang, w);
        let state = if let Some(r) = live.replaying() {
            format!(
                "{}{}  {}",
                if live.clock().paused { "" } else { "▶ " },
                say("REPLAY"),
                Said::ReplayAt {
                    at: live.sim().tick(),
                    end: s.clock.end_tick,
                    reached: r.recording.reached,
                }
                .say(app.lang),
            )
        } else if live.sim().is_finished() {
            say("ENDED").to_string()
        } else if live.clock().paused {
            say("PAUSED").to_string()
        } else {
            format!("▶ {}", pace_label_in(live.clock().pace, app.lang))
        };
        // The crisis level, for a team as the core says it knows it.
        let level = match app.seat {
            Seat::WhiteCell => live.sim().level(),
            Seat::Team(t) => live.sim().knowledge(t).level(),
        }
        .map(|l| {
            format!(
                "{} {}",
                say("level"),
                s.text(TextKey::LevelName(l), app.lang)
            )
        })
        .unwrap_or_default();
        // Each seat reads its own clock: a team's zone, if it has one, and whether the team
        // is at work (format 2 working hours).
        let mut time = s.clock.label_for(tick, app.seat.zone(s), app.lang);
        if let Seat::Team(t) = app.seat
            && let Some(duty) = live.sim().knowledge(t).duty()
        {
            time = format!("{time} · {}", duty.label_in(app.lang));
        }
        let clock = Clock {
            time,
            phase,
            level,
            state,
        };
        let (tabs, body): (_, Box<dyn Draw + Send>) = match app.mode {
            Mode::Start { cursor } => (
                Vec::new(),
                Box::new(screens::start::view(app, live, cursor)),
            ),
            Mode::Console => (
                app.screens().iter().map(|s| say(s.name())).collect(),
                app.screen().view(app, live),
            ),
        };
        View {
            theme: Theme {
                color: app.color,
                projector: app.projector,
            },
            title: s.text(TextKey::Title, app.lang).to_string(),
            seat: app.seat.name_in(s, app.lang),
            lang: app.lang,
            clock,
            tabs,
            tab: app.tab,
            body,
            footer: if app.status.is_empty() && live.is_replay() {
                say(super::app::Replay::KEYS).into()
            } else if app.status.is_empty() {
                format!(
                    "{} · q {} · {}",
                    say("? keys"),
                    say("quit"),
                    say(": command")
                )
            } else {
                app.status_line(live)
            },
            command_line: app.command_line.clone(),
            dialog: app.dialog.as_ref().map(|d| dialog(d, app, live)),
            read_only: live.is_replay(),
            running: !live.clock().paused && !live.sim().is_finished(),
        }
    }
}

fn dialog(d: &Dialog, app: &Console, live: &Live) -> DialogView {
    match d {
        Dialog::Help => DialogView::Help(keys::help(app, live.is_replay())),
        Dialog::ConfirmQuit => DialogView::Confirm(Said::ConfirmQuit { yes: YES }.say(app.lang)),
        Dialog::Detail { title, body } => DialogView::Text {
            title: title.clone(),
            body: body.clone(),
        },
        Dialog::Pick {
            title,
            options,
            cursor,
            ..
        } => DialogView::Pick {
            title: title.clone(),
            options: options.iter().map(|(l, _)| l.clone()).collect(),
            cursor: *cursor,
        },
        Dialog::Input { prompt, text, .. } => DialogView::Input {
            prompt: prompt.clone(),
            text: text.clone(),
        },
        Dialog::Confirm { question, .. } => {
            DialogView::Confirm(format!("{question} (Enter / Esc)"))
        }
    }
}

impl Widget for &View {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            let text = Said::TooSmall {
                cols: area.width,
                rows: area.height,
                min_cols: MIN_SIZE.0,
                min_rows: MIN_SIZE.1,
                held: self.running,
            }
            .say(self.lang);
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let t = self.theme;
        let [top, tabs, main, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        buf.set_style(top, t.header());
        let (header, clock_text) = header_line(&self.title, &self.seat, &self.clock, top.width);
        let clock_width = width(&clock_text) as u16 + 1;
        let [title, clock] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(clock_width)]).areas(top);
        Line::from(header).style(t.header()).render(title, buf);
        Line::from(clock_text)
            .style(t.header())
            .right_aligned()
            .render(clock, buf);
        let spans: Vec<Span> = self
            .tabs
            .iter()
            .enumerate()
            .flat_map(|(i, name)| {
                let style = if i == self.tab {
                    t.selected()
                } else {
                    Style::new()
                };
                [
                    Span::styled(format!(" {} {} ", i + 1, name), style),
                    Span::raw(" "),
                ]
            })
            .collect();
        Line::from(spans).render(tabs, buf);
        let chrome = Chrome {
            theme: t,
            lang: self.lang,
            read_only: self.read_only,
        };
        self.body.draw(&chrome, main, buf);
        match &self.command_line {
            Some(line) => Line::from(format!(":{line}▏")).render(bottom, buf),
            None => Line::from(self.footer.as_str())
                .style(t.dim())
                .render(bottom, buf),
        }
        if let Some(d) = &self.dialog {
            render_dialog(d, t, self.lang, main, buf);
        }
    }
}

fn render_dialog(d: &DialogView, t: Theme, lang: Lang, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(8).min(90);
    let (title, lines, h): (String, Vec<Line>, u16) = match d {
        DialogView::Help(help) => {
            let lines: Vec<Line> = help_lines(help, usize::from(w.saturating_sub(2)))
                .into_iter()
                .map(Line::raw)
                .collect();
            let h = lines.len() as u16 + 2;
            (say(lang, "Keys (any key closes)").into(), lines, h)
        }
        DialogView::Text { title, body } => (
            title.clone(),
            body.lines().map(|l| Line::raw(l.to_string())).collect(),
            (area.height.saturating_sub(4)).min(16),
        ),
        DialogView::Pick {
            title,
            options,
            cursor,
        } => {
            // As many options as fit, scrolled so the cursor stays in view; each on one line but
            // the one under the cursor, which wraps to show in full.
            let width = usize::from(w.saturating_sub(6));
            let chosen = options
                .get(*cursor)
                .map_or_else(Vec::new, |o| wrap(o, width));
            let extra = chosen.len().saturating_sub(1) as u16;
            let h = (options.len() as u16 + 2 + extra).min(area.height.saturating_sub(2));
            let visible = usize::from(h.saturating_sub(2 + extra)).max(1);
            let start = cursor.saturating_sub(visible - 1);
            let lines = options
                .iter()
                .enumerate()
                .skip(start)
                .take(visible)
                .flat_map(|(i, o)| {
                    if i == *cursor {
                        chosen
                            .iter()
                            .enumerate()
                            .map(|(k, part)| {
                                let mark = if k == 0 { "▸" } else { " " };
                                Line::styled(format!("{mark} {part}"), t.selected())
                            })
                            .collect::<Vec<_>>()
                    } else {
                        vec![Line::raw(format!("  {}", cut(o, width)))]
                    }
                })
                .collect();
            let title = if options.len() > visible {
                Said::OfMany {
                    title,
                    n: cursor + 1,
                    of: options.len(),
                }
                .say(lang)
            } else {
                title.clone()
            };
            (title, lines, h)
        }
        DialogView::Input { prompt, text } => (
            prompt.clone(),
            vec![
                Line::raw(format!("{text}▏")),
                Line::styled(say(lang, "Enter to send · Esc to cancel"), t.dim()),
            ],
            4,
        ),
        DialogView::Confirm(q) => (say(lang, "Confirm").into(), vec![Line::raw(q.clone())], 4),
    };
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(r, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(&title, t))
        .render(r, buf);
}

/// The help's rows: the keys in a column, what they do beside them, wrapped at words under
/// its own column so that every row is counted.
fn help_lines(help: &[(String, String)], width: usize) -> Vec<String> {
    const KEYS: usize = 30;
    let room = width.saturating_sub(KEYS + 2).max(20);
    let mut rows = Vec::new();
    for (keys, what) in help {
        let n = KEYS.saturating_sub(super::widgets::width(keys));
        let mut lead = format!("{keys}{} ", " ".repeat(n));
        for line in wrap(what, room) {
            rows.push(format!("{lead}{line}"));
            lead = " ".repeat(KEYS + 1);
        }
    }
    rows
}

/// The header's clock: the time, the phase, the crisis level ("level Emergency", empty in a
/// scenario without levels) and the clock's state.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    pub time: String,
    pub phase: String,
    pub level: String,
    pub state: String,
}

/// The header's two parts for a terminal `cols` wide: "kunren · TITLE · SEAT" on the left and
/// the clock on the right. The seat's name is never cut while it can fit: the title is cut
/// first, then dropped with the program's name; the clock gives up its phase, then the crisis
/// level, then its date ("Mon 09:45 PAUSED"); only a seat wider than the whole line is cut.
pub fn header_line(title: &str, seat: &str, clock: &Clock, cols: u16) -> (String, String) {
    let cols = usize::from(cols);
    let Clock {
        time,
        phase,
        level,
        state,
    } = clock;
    let words: Vec<&str> = time.split_whitespace().collect();
    let day_and_time = match (words.first(), words.last()) {
        (Some(d), Some(t)) if words.len() > 2 => format!("{d} {t}"),
        _ => time.clone(),
    };
    // Without a crisis level the clock reads exactly as it did before levels existed.
    let (full, no_phase) = if level.is_empty() {
        (
            format!("{time}  {phase}  {state}"),
            format!("{time}  {state}"),
        )
    } else {
        (
            format!("{time}  {phase}  {level}  {state}"),
            format!("{time}  {level}  {state}"),
        )
    };
    let clocks = [
        full,
        no_phase,
        format!("{time}  {state}"),
        format!("{day_and_time} {state}"),
    ];
    for clock in &clocks {
        let room = cols.saturating_sub(width(clock) + 1);
        let full = format!("kunren · {title} · {seat}");
        if width(&full) <= room {
            return (full, clock.clone());
        }
        let fixed = width("kunren ·  · ") + width(seat);
        if fixed + 12 <= room {
            let title = cut(title, room - fixed);
            return (format!("kunren · {title} · {seat}"), clock.clone());
        }
        for header in [format!("kunren · {seat}"), seat.to_string()] {
            if width(&header) <= room {
                return (header, clock.clone());
            }
        }
    }
    let clock = &clocks[3];
    let room = cols.saturating_sub(width(clock) + 1);
    (cut(seat, room), clock.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock {
            time: "Mon 03 Jul 09:45".into(),
            phase: "Detection and triage".into(),
            level: String::new(),
            state: "PAUSED".into(),
        }
    }

    #[test]
    fn the_seats_name_is_always_in_the_header() {
        let title = "Port of Nagoya: LockBit stops the container terminals (July 2023)";
        let seat = "Nagoya Harbor Transportation Association (NUTS operator)";
        // Wide: everything.
        let (h, c) = header_line(title, seat, &clock(), 200);
        assert_eq!(h, format!("kunren · {title} · {seat}"));
        assert!(c.contains("Detection and triage"));
        // 150 columns: the title is cut, the seat is whole.
        let (h, c) = header_line(title, seat, &clock(), 150);
        assert!(h.ends_with(&format!(" · {seat}")) && h.contains('…'), "{h}");
        assert!(width(&h) + width(&c) < 150, "{h} | {c}");
        // 120 columns: too little of the title would be left, so it goes; the phase stays.
        let (h, c) = header_line(title, seat, &clock(), 120);
        assert_eq!(h, format!("kunren · {seat}"));
        assert!(c.contains("Detection and triage"), "{c}");
        // 80 columns: the title goes, then the phase and the date; the seat stays whole.
        let (h, c) = header_line(title, seat, &clock(), 80);
        assert_eq!(h, seat);
        assert!(width(&h) + width(&c) < 80, "{h} | {c}");
        assert_eq!(c, "Mon 09:45 PAUSED");
        // A shorter seat keeps more.
        let (h, c) = header_line(title, "White cell (facilitator)", &clock(), 80);
        assert_eq!(h, "kunren · White cell (facilitator)");
        assert!(
            c.contains("Detection and triage"),
            "the phase stays when it fits: {c}"
        );
        // A seat wider than the line is cut, never the clock's time.
        let (h, c) = header_line(title, &"x".repeat(100), &clock(), 80);
        assert!(h.ends_with('…') && c.starts_with("Mon 09:45"), "{h}");
        assert!(width(&h) + width(&c) < 80);
    }

    #[test]
    fn the_crisis_level_gives_way_after_the_phase_and_before_the_date() {
        let clock = Clock {
            level: "level Emergency: attacks under way".into(),
            ..clock()
        };
        let seat = "Regional electric utility";
        let (_, c) = header_line("Drill", seat, &clock, 200);
        assert_eq!(
            c,
            "Mon 03 Jul 09:45  Detection and triage  level Emergency: attacks under way  PAUSED"
        );
        let (h, c) = header_line("Drill", seat, &clock, 100);
        assert_eq!(
            c,
            "Mon 03 Jul 09:45  level Emergency: attacks under way  PAUSED"
        );
        assert!(width(&h) + width(&c) < 100, "{h} | {c}");
        let (_, c) = header_line("Drill", seat, &clock, 60);
        assert_eq!(c, "Mon 03 Jul 09:45  PAUSED");
        // Without levels the clock reads as it always did.
        let (_, c) = header_line("Drill", seat, &super::tests::clock(), 200);
        assert_eq!(c, "Mon 03 Jul 09:45  Detection and triage  PAUSED");
    }

    #[test]
    fn the_help_wraps_under_its_own_column() {
        let help = vec![
            ("q".to_string(), "quit".to_string()),
            (
                "Board: r F".to_string(),
                "restore an asset, fail an asset".to_string(),
            ),
        ];
        let rows = help_lines(&help, 53);
        assert_eq!(
            rows,
            [
                format!("{:<30} quit", "q"),
                format!("{:<30} restore an asset,", "Board: r F"),
                format!("{:<30} fail an asset", ""),
            ]
        );
    }
}
