//! The actions a team may take, each judged on what the team knows (from
//! [`crate::sim::knowledge`]), with what it costs and why it cannot be taken now; taking one
//! starts the dialogs of [`crate::tui::app`] that ask for what it needs.

use crate::lang::Lang;
use crate::tui::words::say;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Binding, Chrome, Draw, Key, Screen, TEAM_KEYS, blank};
use crate::scenario::model::TeamId;
use crate::session::live::Live;
use crate::tui::app::{Console, Seat};
use crate::tui::view;
use crate::tui::widgets::{Cell, Table, block, framed};

pub struct Actions;

pub static KEYS: &[Binding] = &[Binding::gives(
    &[Key::Enter],
    "to take",
    "take the action",
    take,
)];

impl Screen for Actions {
    fn name(&self) -> &'static str {
        "Actions"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, console: &Console, live: &Live) -> usize {
        let Seat::Team(t) = console.seat else {
            return 0;
        };
        action_rows(live, t).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let Seat::Team(t) = console.seat else {
            return blank(console);
        };
        Box::new(ActionsView {
            rows: action_rows_in(live, t, console.lang),
            cursor: console.cursor,
            flights: view::flights(console, live)
                .into_iter()
                .map(|(l, _)| l)
                .collect(),
        })
    }
}

pub struct ActionsView {
    pub rows: Vec<ActionRow>,
    pub cursor: usize,
    pub flights: Vec<String>,
}

/// One action on the screen: the core's offer, judged on what the team knows.
pub use crate::sim::knowledge::Offer as ActionRow;

/// The actions a team may take, each with whether it can be taken now and why not, judged on
/// what the team knows.
pub fn action_rows(live: &Live, team: TeamId) -> Vec<ActionRow> {
    action_rows_in(live, team, Lang::En)
}

/// The same, in `lang`.
pub fn action_rows_in(live: &Live, team: TeamId, lang: Lang) -> Vec<ActionRow> {
    live.sim().knowledge(team).in_lang(lang).actions()
}

impl Draw for ActionsView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let [top, low] = Layout::vertical([Constraint::Fill(3), Constraint::Length(7)]).areas(area);
        // The title offers the team's keys of every screen too (writing to a team).
        let title = c.titled("Actions", KEYS.iter().chain(TEAM_KEYS));
        let inner = framed(&title, t, top, buf);
        // How long each takes, right-aligned by display width ("30m", "1日12時間").
        let takes = self
            .rows
            .iter()
            .map(|r| crate::lang::width(&r.duration))
            .fold(6, usize::max);
        let rows: Vec<Vec<Cell>> = self
            .rows
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
                let ja = c.lang == Lang::Ja;
                let auth = match (r.needs_authorisation.is_empty(), ja) {
                    (true, _) => String::new(),
                    (false, false) => format!(" [needs {}]", r.needs_authorisation.join(", ")),
                    (false, true) => format!(" [要承認: {}]", r.needs_authorisation.join("、")),
                };
                let staff = if ja {
                    format!("· 要員 {}{auth}{why}", r.cost)
                } else {
                    format!("· {} staff{auth}{why}", r.cost)
                };
                vec![
                    Cell::new(mark, style),
                    Cell::new(r.name.clone(), style),
                    Cell::new(crate::lang::pad_left(&r.duration, takes), style),
                    Cell::new(staff, style),
                ]
            })
            .collect();
        Table {
            rows: &rows,
            cursor: Some(self.cursor),
            wrap_all: false,
        }
        .render(t, inner, buf);
        let detail = self
            .rows
            .get(self.cursor)
            .map(|r| r.description.clone())
            .unwrap_or_default();
        let mut lines = vec![Line::raw(detail), Line::raw("")];
        lines.push(Line::styled(say(c.lang, "Under way"), t.title()));
        lines.extend(self.flights.iter().map(|f| Line::raw(f.clone())));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(say(c.lang, "About"), t))
            .render(low, buf);
    }
}

/// Starts building the action under the cursor: asks for what it needs, one step at a time.
fn take(console: &mut Console, live: &mut Live) {
    let Seat::Team(team) = console.seat else {
        return;
    };
    let Some(row) = action_rows_in(live, team, console.lang)
        .into_iter()
        .nth(console.cursor)
    else {
        return;
    };
    if let Some(why) = row.unavailable {
        console.status = crate::tui::said::Said::NotNow { why: &why }.say(console.lang);
        return;
    }
    console.continue_action(live, row.action, None, None, None);
}
