//! One frame of the console: a view model built from the app after the tick ([`View::build`]),
//! and its drawing (`impl Widget for &View`). Drawing reads the view and nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Sparkline, Widget, Wrap};

use super::app::{Console, Dialog, Mode, Seat, Tab, pace_label};
use super::keys::{HELP, REPLAY_HELP};
use super::theme::Theme;
use super::view::{self, ActionRow, AssetRow, Grade, IntelRow, MselRow, ObjectiveRow, Shown};
use crate::session::live::Live;

/// The smallest terminal the console lays out in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

pub struct View {
    theme: Theme,
    header: String,
    clock: String,
    tabs: Vec<&'static str>,
    tab: usize,
    body: Body,
    footer: String,
    command_line: Option<String>,
    dialog: Option<DialogView>,
    /// A replay: screens do not offer the keys that would give a command.
    read_only: bool,
}

pub enum Body {
    Start {
        title: String,
        summary: String,
        teams: Vec<String>,
        objectives: Vec<String>,
        seats: Vec<String>,
        cursor: usize,
    },
    Board {
        assets: Vec<AssetRow>,
        cursor: usize,
        campaigns: Vec<(String, Vec<(String, String)>)>,
        flights: Vec<String>,
    },
    Msel {
        rows: Vec<MselRow>,
        cursor: usize,
    },
    Objectives {
        rows: Vec<ObjectiveRow>,
        cursor: usize,
    },
    Map {
        lines: Vec<(usize, String, Shown, bool)>,
        cursor: usize,
    },
    Charts {
        series: Vec<(String, String, Vec<f64>)>,
    },
    Events {
        rows: Vec<(bool, String, String)>,
        cursor: usize,
        empty: &'static str,
    },
    Assets {
        rows: Vec<AssetRow>,
        cursor: usize,
        flights: Vec<String>,
    },
    Actions {
        rows: Vec<ActionRow>,
        cursor: usize,
        flights: Vec<String>,
    },
    Intel {
        rows: Vec<IntelRow>,
        cursor: usize,
    },
}

pub enum DialogView {
    /// The keys: the console's, or the replay's.
    Help(&'static [(&'static str, &'static str)]),
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
            .map(|p| s.phases[p.index()].name.clone())
            .unwrap_or_default();
        let state = if let Some(r) = live.replaying() {
            format!(
                "{}REPLAY  tick {} of {} (recorded up to {})",
                if live.clock().paused { "" } else { "▶ " },
                live.sim().tick().map_or("-".into(), |t| t.to_string()),
                s.clock.end_tick,
                r.recording.reached.map_or("-".into(), |t| t.to_string()),
            )
        } else if live.sim().is_finished() {
            "ENDED".to_string()
        } else if live.clock().paused {
            "PAUSED".to_string()
        } else {
            format!("▶ {}", pace_label(live.clock().pace))
        };
        let clock = format!("{}  {}  {}", s.clock.label(tick), phase, state);
        let header = format!("kunren · {} · {}", s.meta.title, app.seat.name(s));
        let (tabs, body) = match app.mode {
            Mode::Start { cursor } => (Vec::new(), start(app, live, cursor)),
            Mode::Console => (
                app.tabs().iter().map(|t| t.title()).collect(),
                body(app, live),
            ),
        };
        View {
            theme: Theme {
                color: app.color,
                projector: app.projector,
            },
            header,
            clock,
            tabs,
            tab: app.tab,
            body,
            footer: if app.status.is_empty() && live.is_replay() {
                super::app::Replay::KEYS.into()
            } else if app.status.is_empty() {
                "? keys · q quit · : command".into()
            } else {
                app.status.clone()
            },
            command_line: app.command_line.clone(),
            dialog: app.dialog.as_ref().map(|d| dialog(d, live.is_replay())),
            read_only: live.is_replay(),
        }
    }
}

fn start(app: &Console, live: &Live, cursor: usize) -> Body {
    let s = &live.scenario();
    Body::Start {
        title: s.meta.title.clone(),
        summary: s.meta.summary.clone(),
        teams: s
            .teams
            .iter()
            .map(|t| format!("{} ({:?}, {:?})", t.name, t.kind, t.played_by))
            .collect(),
        objectives: s
            .objectives
            .iter()
            .map(|o| format!("{}: {}", s.team(o.team).name, o.name))
            .collect(),
        seats: app
            .seats(live)
            .into_iter()
            .map(|seat| seat.name(s))
            .collect(),
        cursor,
    }
}

fn body(app: &Console, live: &Live) -> Body {
    let cursor = app.cursor;
    let clock = &live.scenario().clock;
    let events = |list: Vec<&crate::sim::log::Event>,
                  team: Option<crate::scenario::model::TeamId>|
     -> Vec<(bool, String, String)> {
        list.into_iter()
            .map(|e| {
                (
                    team.is_some_and(|t| view::is_unread(live, t, e)),
                    clock.label(e.tick),
                    e.text.clone(),
                )
            })
            .collect()
    };
    let flights = || {
        view::flights(app, live)
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    };
    match (app.current_tab(), app.seat) {
        (Tab::Board, _) => Body::Board {
            assets: view::asset_rows(app, live),
            cursor,
            campaigns: view::campaign_lines(live),
            flights: flights(),
        },
        (Tab::Msel, _) => Body::Msel {
            rows: view::msel_rows(live),
            cursor,
        },
        (Tab::Objectives, _) => Body::Objectives {
            rows: view::objective_rows(app, live),
            cursor,
        },
        (Tab::Map, _) => Body::Map {
            lines: view::map_lines(live)
                .into_iter()
                .map(|(d, id, soft)| {
                    (
                        d,
                        live.scenario().asset(id).name.clone(),
                        view::asset_shown(app, live, id),
                        soft,
                    )
                })
                .collect(),
            cursor,
        },
        (Tab::Charts, _) => Body::Charts {
            series: view::chart_series(live),
        },
        (Tab::Timeline, _) => Body::Events {
            rows: view::timeline_rows(app, live)
                .into_iter()
                .map(|row| match row {
                    view::TimelineRow::Event(e) => (false, clock.label(e.tick), e.text.clone()),
                    view::TimelineRow::Room(p) => (
                        false,
                        clock.label(p.tick.unwrap_or(0)),
                        view::presence_text(p),
                    ),
                })
                .collect(),
            cursor,
            empty: "Nothing has happened yet.",
        },
        (Tab::Notes, _) => Body::Events {
            rows: events(view::notes(live), None),
            cursor,
            empty: "No notes yet: n writes one.",
        },
        (Tab::Inbox, Seat::Team(t)) => Body::Events {
            rows: events(view::inbox(live, t), Some(t)),
            cursor,
            empty: "Nothing in the inbox yet.",
        },
        (Tab::Assets, _) => Body::Assets {
            rows: view::asset_rows(app, live),
            cursor,
            flights: flights(),
        },
        (Tab::Actions, Seat::Team(t)) => Body::Actions {
            rows: view::action_rows(live, t),
            cursor,
            flights: flights(),
        },
        (Tab::Intel, Seat::Team(t)) => Body::Intel {
            rows: view::intel_rows(live, t),
            cursor,
        },
        _ => Body::Events {
            rows: Vec::new(),
            cursor,
            empty: "",
        },
    }
}

fn dialog(d: &Dialog, replay: bool) -> DialogView {
    match d {
        Dialog::Help => DialogView::Help(if replay { REPLAY_HELP } else { HELP }),
        Dialog::ConfirmQuit => {
            DialogView::Confirm("The exercise is still running. Quit? (y / Esc)".into())
        }
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
            let text = format!(
                "The terminal is {}x{}; kunren needs at least {}x{}. Enlarge the window or reduce the font size.",
                area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
            );
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
        let clock_width = self.clock.chars().count() as u16 + 1;
        let [title, clock] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(clock_width)]).areas(top);
        Line::from(self.header.as_str())
            .style(t.header())
            .render(title, buf);
        Line::from(self.clock.as_str())
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
        render_body(&self.body, t, self.read_only, main, buf);
        match &self.command_line {
            Some(line) => Line::from(format!(":{line}▏")).render(bottom, buf),
            None => Line::from(self.footer.as_str())
                .style(t.dim())
                .render(bottom, buf),
        }
        if let Some(d) = &self.dialog {
            render_dialog(d, t, main, buf);
        }
    }
}

/// Lines of a list with a cursor, scrolled so the cursor stays in view.
fn list(lines: Vec<Line<'static>>, cursor: Option<usize>, t: Theme, area: Rect, buf: &mut Buffer) {
    let height = area.height as usize;
    let start = cursor.map_or(0, |c| c.saturating_sub(height.saturating_sub(1)));
    for (row, (i, line)) in lines
        .into_iter()
        .enumerate()
        .skip(start)
        .take(height)
        .enumerate()
    {
        let r = Rect {
            y: area.y + row as u16,
            height: 1,
            ..area
        };
        let line = if Some(i) == cursor {
            line.patch_style(t.selected())
        } else {
            line
        };
        line.render(r, buf);
    }
}

fn block(title: &str, t: Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), t.title()))
}

fn asset_line(r: &AssetRow, t: Theme, with_owner: bool) -> Line<'static> {
    let owner = if with_owner {
        format!("{:<12.12} ", r.owner)
    } else {
        String::new()
    };
    Line::from(vec![
        Span::styled(format!("{} ", r.shown.glyph()), t.state(r.shown)),
        Span::raw(format!("{owner}{:<34.34} ", r.name)),
        Span::styled(r.shown.label(), t.state(r.shown)),
    ])
}

fn render_body(body: &Body, t: Theme, read_only: bool, area: Rect, buf: &mut Buffer) {
    // A screen's title with the keys it offers, or without them in a read-only replay.
    let keys = |title: &'static str, with_keys: &'static str| {
        if read_only { title } else { with_keys }
    };
    match body {
        Body::Start {
            title,
            summary,
            teams,
            objectives,
            seats,
            cursor,
        } => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(area);
            let mut text = vec![Line::styled(title.clone(), t.title()), Line::raw("")];
            text.push(Line::raw(summary.clone()));
            text.push(Line::raw(""));
            text.push(Line::styled("Teams", t.title()));
            text.extend(teams.iter().map(|x| Line::raw(format!("  {x}"))));
            text.push(Line::raw(""));
            text.push(Line::styled("Objectives", t.title()));
            text.extend(objectives.iter().map(|x| Line::raw(format!("  {x}"))));
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(block("Scenario", t))
                .render(left, buf);
            let inner = block("Take a seat (↑↓ Enter)", t);
            let r = inner.inner(right);
            inner.render(right, buf);
            list(
                seats.iter().map(|s| Line::raw(format!(" {s}"))).collect(),
                Some(*cursor),
                t,
                r,
                buf,
            );
        }
        Body::Board {
            assets,
            cursor,
            campaigns,
            flights,
        } => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                    .areas(area);
            let b = block(
                keys(
                    "Assets",
                    "Assets (r restore · F fail · a complete · c call off · o roll)",
                ),
                t,
            );
            let inner = b.inner(left);
            b.render(left, buf);
            list(
                assets.iter().map(|r| asset_line(r, t, true)).collect(),
                Some(*cursor),
                t,
                inner,
                buf,
            );
            let mut lines = Vec::new();
            for (name, stages) in campaigns {
                lines.push(Line::styled(name.clone(), t.title()));
                for (stage, state) in stages {
                    lines.push(Line::raw(format!("  {stage:<24.24} {state}")));
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled("Actions under way", t.title()));
            lines.extend(flights.iter().map(|f| Line::raw(format!("  {f}"))));
            Paragraph::new(lines)
                .block(block("Adversary and actions", t))
                .render(right, buf);
        }
        Body::Msel { rows, cursor } => {
            let b = block(
                keys(
                    "MSEL",
                    "MSEL (Enter/f fire · x skip · d delay 1 h · e rewrite)",
                ),
                t,
            );
            let inner = b.inner(area);
            b.render(area, buf);
            let lines = rows
                .iter()
                .map(|r| {
                    let style = if r.done { t.dim() } else { Style::new() };
                    Line::styled(
                        format!(
                            "{:<17} {:<20.20} {:<40.40} {}",
                            r.when, r.to, r.subject, r.status
                        ),
                        style,
                    )
                })
                .collect();
            list(lines, Some(*cursor), t, inner, buf);
        }
        Body::Objectives { rows, cursor } => {
            let b = block("Objectives", t);
            let inner = b.inner(area);
            b.render(area, buf);
            let lines = rows
                .iter()
                .map(|r| {
                    let mark = match r.grade {
                        Grade::Met => "✔",
                        Grade::Missed => "✖",
                        Grade::AtRisk => "⚠",
                        Grade::Pending => "·",
                        Grade::NotApplicable => "–",
                    };
                    Line::from(vec![
                        Span::styled(format!("{mark} "), t.grade(r.grade)),
                        Span::raw(format!("{:<24.24} {:<46.46} ", r.team, r.name)),
                        Span::styled(r.status.clone(), t.grade(r.grade)),
                    ])
                })
                .collect();
            list(lines, Some(*cursor), t, inner, buf);
        }
        Body::Map { lines, cursor } => {
            let b = block("Dependency map (─ needs · ┄ uses)", t);
            let inner = b.inner(area);
            b.render(area, buf);
            let out = lines
                .iter()
                .map(|(depth, name, shown, soft)| {
                    let indent = if *depth == 0 {
                        String::new()
                    } else {
                        format!(
                            "{}{} ",
                            "  ".repeat(depth - 1),
                            if *soft { "┄" } else { "└─" }
                        )
                    };
                    Line::from(vec![
                        Span::raw(indent),
                        Span::styled(format!("{} {name}", shown.glyph()), t.state(*shown)),
                    ])
                })
                .collect();
            list(out, Some(*cursor), t, inner, buf);
        }
        Body::Charts { series } => render_charts(series, t, area, buf),
        Body::Events {
            rows,
            cursor,
            empty,
        } => {
            let b = block("", t);
            let inner = b.inner(area);
            b.render(area, buf);
            if rows.is_empty() {
                Line::styled(*empty, t.dim()).render(inner, buf);
                return;
            }
            let lines = rows
                .iter()
                .map(|(unread, time, text)| {
                    let mark = if *unread {
                        Span::styled("● ", t.alert())
                    } else {
                        Span::raw("  ")
                    };
                    Line::from(vec![
                        mark,
                        Span::styled(format!("{time}  "), t.dim()),
                        Span::raw(text.clone()),
                    ])
                })
                .collect();
            list(lines, Some(*cursor), t, inner, buf);
        }
        Body::Assets {
            rows,
            cursor,
            flights,
        } => {
            let [top, low] =
                Layout::vertical([Constraint::Fill(2), Constraint::Fill(1)]).areas(area);
            let b = block("Our assets, as we know them", t);
            let inner = b.inner(top);
            b.render(top, buf);
            list(
                rows.iter().map(|r| asset_line(r, t, false)).collect(),
                Some(*cursor),
                t,
                inner,
                buf,
            );
            let lines: Vec<Line> = flights.iter().map(|f| Line::raw(f.clone())).collect();
            Paragraph::new(lines)
                .block(block("Our actions under way", t))
                .render(low, buf);
        }
        Body::Actions {
            rows,
            cursor,
            flights,
        } => {
            let [top, low] =
                Layout::vertical([Constraint::Fill(3), Constraint::Length(7)]).areas(area);
            let b = block(
                keys("Actions", "Actions (Enter to take · m message a team)"),
                t,
            );
            let inner = b.inner(top);
            b.render(top, buf);
            let lines = rows
                .iter()
                .map(|r| {
                    let (mark, style) = match &r.unavailable {
                        None => ("▸", Style::new()),
                        Some(_) => ("·", t.dim()),
                    };
                    let why = r
                        .unavailable
                        .as_deref()
                        .map(|w| format!(" — {w}"))
                        .unwrap_or_default();
                    let auth = if r.needs_authorisation.is_empty() {
                        String::new()
                    } else {
                        format!(" [needs {}]", r.needs_authorisation.join(", "))
                    };
                    Line::styled(
                        format!(
                            "{mark} {:<40.40} {:>6} · {} staff{auth}{why}",
                            r.name, r.duration, r.cost
                        ),
                        style,
                    )
                })
                .collect();
            list(lines, Some(*cursor), t, inner, buf);
            let detail = rows
                .get(*cursor)
                .map(|r| r.description.clone())
                .unwrap_or_default();
            let mut lines = vec![Line::raw(detail), Line::raw("")];
            lines.push(Line::styled("Under way", t.title()));
            lines.extend(flights.iter().map(|f| Line::raw(f.clone())));
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(block("About", t))
                .render(low, buf);
        }
        Body::Intel { rows, cursor } => {
            let b = block(
                keys(
                    "Intelligence we hold (Enter read)",
                    "Intelligence we hold (Enter read · s share)",
                ),
                t,
            );
            let inner = b.inner(area);
            b.render(area, buf);
            let lines = rows
                .iter()
                .map(|r| {
                    Line::from(vec![
                        Span::styled(format!("{:<34} ", r.marking), t.alert()),
                        Span::raw(format!("{:<44.44} from {}", r.title, r.source)),
                    ])
                })
                .collect();
            if rows.is_empty() {
                Line::styled("We hold no intelligence yet.", t.dim()).render(inner, buf);
            } else {
                list(lines, Some(*cursor), t, inner, buf);
            }
        }
    }
}

fn render_charts(series: &[(String, String, Vec<f64>)], t: Theme, area: Rect, buf: &mut Buffer) {
    if series.is_empty() {
        return;
    }
    let rows = Layout::vertical(series.iter().map(|_| Constraint::Fill(1))).split(area);
    for ((name, unit, values), r) in series.iter().zip(rows.iter()) {
        let now = values.last().copied().unwrap_or(0.0);
        let max = values.iter().copied().fold(0.0_f64, f64::max);
        let (now, max_shown) = (crate::number::short(now), crate::number::short(max));
        let title = format!("{name}: {now} {unit} (max {max_shown})");
        let b = block(&title, t);
        let inner = b.inner(*r);
        b.render(*r, buf);
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

fn render_dialog(d: &DialogView, t: Theme, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(8).min(90);
    let (title, lines, h): (String, Vec<Line>, u16) = match d {
        DialogView::Help(help) => {
            let lines: Vec<Line> = help
                .iter()
                .map(|(k, what)| Line::raw(format!("{k:<30} {what}")))
                .collect();
            ("Keys (any key closes)".into(), lines, help.len() as u16 + 2)
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
            // As many options as fit, scrolled so the cursor stays in view; each on one line.
            let h = (options.len() as u16 + 2).min(area.height.saturating_sub(2));
            let visible = usize::from(h.saturating_sub(2)).max(1);
            let start = cursor.saturating_sub(visible - 1);
            let width = usize::from(w.saturating_sub(6));
            let lines = options
                .iter()
                .enumerate()
                .skip(start)
                .take(visible)
                .map(|(i, o)| {
                    let o: String = o.chars().take(width).collect();
                    if i == *cursor {
                        Line::styled(format!("▸ {o}"), t.selected())
                    } else {
                        Line::raw(format!("  {o}"))
                    }
                })
                .collect();
            let title = if options.len() > visible {
                format!("{title} ({} of {})", cursor + 1, options.len())
            } else {
                title.clone()
            };
            (title, lines, h)
        }
        DialogView::Input { prompt, text } => (
            prompt.clone(),
            vec![
                Line::raw(format!("{text}▏")),
                Line::styled("Enter to send · Esc to cancel", t.dim()),
            ],
            4,
        ),
        DialogView::Confirm(q) => ("Confirm".into(), vec![Line::raw(q.clone())], 4),
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
