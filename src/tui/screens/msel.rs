//! The white cell's MSEL (master scenario events list): every inject in time order with when it
//! goes out, to whom and how it stands; firing, withdrawing, holding back and rewriting one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Binding, Chrome, Draw, Key, Screen};
use crate::command::Command;
use crate::lang::Lang;
use crate::scenario::model::{InjectId, TextKey, Trigger};
use crate::session::live::Live;
use crate::sim::injects::InjectStatus;
use crate::tui::app::{Console, Purpose};
use crate::tui::said::Said;
use crate::tui::widgets::{Cell, Table, framed};
use crate::tui::words::say;

pub struct Msel;

pub static KEYS: &[Binding] = &[
    Binding::gives(&[Key::Enter, Key::Letter('f')], "fire", "fire", fire),
    Binding::gives(&[Key::Letter('x')], "skip", "skip", skip),
    Binding::gives(&[Key::Letter('d')], "delay 1 h", "delay 1 h", delay),
    Binding::gives(
        &[Key::Letter('e')],
        "rewrite",
        "rewrite the inject",
        rewrite,
    ),
    Binding::reads(
        &[Key::Letter('m')],
        "mark",
        "mark or unmark the inject: } stops when a marked one goes out",
        mark,
    ),
];

impl Screen for Msel {
    fn name(&self) -> &'static str {
        "MSEL"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, _: &Console, live: &Live) -> usize {
        msel_rows(live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let mut rows = msel_rows_in(live, console.lang);
        for r in &mut rows {
            r.marked = console.marked.contains(&r.inject);
        }
        Box::new(MselView {
            rows,
            cursor: console.cursor,
        })
    }
}

pub struct MselView {
    pub rows: Vec<MselRow>,
    pub cursor: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MselRow {
    pub inject: InjectId,
    pub when: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub done: bool,
    /// Marked by this console's facilitator (`m`): a run to the next phase stops at it.
    pub marked: bool,
}

pub fn msel_rows(live: &Live) -> Vec<MselRow> {
    msel_rows_in(live, Lang::En)
}

/// The same, the console's own words and the injects' subjects in `lang`.
pub fn msel_rows_in(live: &Live, lang: Lang) -> Vec<MselRow> {
    let book = &live.sim().state().injects;
    let clock = &live.scenario().clock;
    let now = live.sim().tick().unwrap_or(0);
    crate::sim::injects::in_time_order(live.scenario(), book, now)
        .into_iter()
        .map(|i| {
            let inject = &live.scenario().injects[i];
            let when = match &inject.trigger {
                Trigger::At(t) => clock.label_lang(*t, lang),
                Trigger::When(_) => say(lang, "on condition").into(),
            };
            let held = book.not_before[i] > live.sim().tick().unwrap_or(0);
            let (status, done) = match &book.status[i] {
                InjectStatus::Delivered(t) => (
                    Said::SentAt {
                        time: &clock.label_lang(*t, lang),
                    }
                    .say(lang),
                    true,
                ),
                InjectStatus::Skipped(_) => (say(lang, "withdrawn").into(), true),
                InjectStatus::Forced => (say(lang, "firing").into(), false),
                InjectStatus::Waiting if held => (
                    Said::HeldTo {
                        time: &clock.label_lang(book.not_before[i], lang),
                    }
                    .say(lang),
                    false,
                ),
                InjectStatus::Waiting => (say(lang, "waiting").into(), false),
            };
            let edited = if book.edited[i].is_some() {
                say(lang, " · edited")
            } else {
                ""
            };
            let to: Vec<&str> = inject
                .to
                .iter()
                .map(|t| live.scenario().team(*t).id.as_str())
                .collect();
            MselRow {
                inject: InjectId(i as u32),
                when,
                to: to.join(", "),
                subject: live
                    .scenario()
                    .text(TextKey::InjectSubject(InjectId(i as u32)), lang)
                    .to_string(),
                status: format!("{status}{edited}"),
                done,
                marked: false,
            }
        })
        .collect()
}

pub fn msel_inject(live: &Live, cursor: usize) -> Option<InjectId> {
    msel_rows(live)
        .get(cursor)
        .filter(|r| !r.done)
        .map(|r| r.inject)
}

pub fn inject_text(live: &Live, inject: InjectId) -> String {
    live.sim()
        .state()
        .injects
        .text(inject, live.scenario())
        .to_string()
}

impl Draw for MselView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let inner = framed(&c.titled("MSEL", KEYS), t, area, buf);
        let rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let style = if r.done { t.dim() } else { Style::new() };
                let mark = if r.marked { "*" } else { " " };
                std::iter::once(Cell::new(mark, t.alert()))
                    .chain(
                        [&r.when, &r.to, &r.subject, &r.status]
                            .into_iter()
                            .map(|text| Cell::new(text.clone(), style)),
                    )
                    .collect()
            })
            .collect();
        Table {
            rows: &rows,
            cursor: Some(self.cursor),
            wrap_all: false,
        }
        .render(t, inner, buf);
    }
}

/// The inject under the cursor, if it can still go out.
fn selected(console: &Console, live: &Live) -> Option<InjectId> {
    msel_inject(live, console.cursor)
}

fn fire(console: &mut Console, live: &mut Live) {
    if let Some(inject) = selected(console, live) {
        console.submit(live, Command::FireInject { inject });
    }
}

fn skip(console: &mut Console, live: &mut Live) {
    if let Some(inject) = selected(console, live) {
        console.submit(live, Command::SkipInject { inject });
    }
}

fn delay(console: &mut Console, live: &mut Live) {
    if let Some(inject) = selected(console, live) {
        let ticks = live.scenario().clock.ticks(crate::simtime::Minutes(60));
        console.submit(live, Command::DelayInject { inject, ticks });
    }
}

fn rewrite(console: &mut Console, live: &mut Live) {
    if let Some(inject) = selected(console, live) {
        let text = inject_text(live, inject);
        console.input(
            Purpose::EditInject(inject),
            say(console.lang, "New text of the inject"),
            text,
        );
    }
}

/// Marks the inject under the cursor, or unmarks it: the console's own note, not a command.
fn mark(console: &mut Console, live: &mut Live) {
    let Some(row) = msel_rows_in(live, console.lang)
        .into_iter()
        .nth(console.cursor)
    else {
        return;
    };
    let subject = &row.subject;
    console.status = if console.marked.remove(&row.inject) {
        Said::Unmarked { subject }.say(console.lang)
    } else {
        console.marked.insert(row.inject);
        Said::Marked { subject }.say(console.lang)
    };
}
