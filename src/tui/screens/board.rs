//! The white cell's board: every asset as it truly stands, each campaign stage by stage, and every
//! action under way; the facilitator's rulings on assets and actions, and the dice.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Binding, Chrome, Draw, Key, Screen};
use crate::lang::Lang;
use crate::scenario::model::TextKey;
use crate::session::live::Live;
use crate::sim::adversary::CampaignState;
use crate::tui::app::{Console, Dialog, Purpose};
use crate::tui::said::Said;
use crate::tui::view::{self, AssetRow};
use crate::tui::widgets::{Cell, Table, asset_cells, block, framed, width, wrap};
use crate::tui::words::say;

pub struct Board;

pub static KEYS: &[Binding] = &[
    Binding::gives(&[Key::Letter('r')], "restore", "restore an asset", restore),
    Binding::gives(&[Key::Letter('F')], "fail", "fail an asset", fail),
    Binding::gives(
        &[Key::Letter('a')],
        "complete",
        "complete an action",
        complete,
    ),
    Binding::gives(
        &[Key::Letter('c')],
        "call off",
        "call off an action",
        call_off,
    ),
    Binding::gives(&[Key::Letter('o')], "roll", "roll dice", roll),
];

impl Screen for Board {
    fn name(&self) -> &'static str {
        "Board"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, console: &Console, live: &Live) -> usize {
        view::asset_rows(console, live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        Box::new(BoardView {
            assets: view::asset_rows(console, live),
            cursor: console.cursor,
            campaigns: campaign_lines(live, console.lang),
            flights: view::flights(console, live)
                .into_iter()
                .map(|(l, _)| l)
                .collect(),
        })
    }
}

pub struct BoardView {
    pub assets: Vec<AssetRow>,
    pub cursor: usize,
    /// Each campaign's name and its stages: (stage, how it stands).
    pub campaigns: Vec<(String, Vec<(String, String)>)>,
    pub flights: Vec<String>,
}

/// A campaign's progress, stage by stage, for the white cell: its name and its states in `lang`.
pub fn campaign_lines(live: &Live, lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    let world = &live.sim().world;
    live.sim()
        .state()
        .campaign_index
        .0
        .iter()
        .filter_map(|e| world.get::<CampaignState>(*e))
        .map(|c| {
            let campaign = &live.scenario().campaigns[c.id.index()];
            let halted = if c.halted.is_some() {
                say(lang, " (halted)")
            } else {
                ""
            };
            let stages = campaign
                .stages
                .iter()
                .zip(&c.stages)
                .map(|(s, st)| {
                    (
                        format!("{} {}", s.technique, s.id),
                        st.describe_in(live.scenario(), lang),
                    )
                })
                .collect();
            let name = live.scenario().text(TextKey::CampaignName(c.id), lang);
            (format!("{name}{halted}"), stages)
        })
        .collect()
}

impl Draw for BoardView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(area);
        let inner = framed(&c.titled("Assets", KEYS), t, left, buf);
        let rows: Vec<Vec<Cell>> = self
            .assets
            .iter()
            .map(|r| asset_cells(r, c, true))
            .collect();
        Table {
            rows: &rows,
            cursor: Some(self.cursor),
            wrap_all: false,
        }
        .render(t, inner, buf);
        // Stages aligned on their longest name, never cut; a state too long for the pane wraps
        // under itself.
        let inside = usize::from(right.width.saturating_sub(2));
        let w = self
            .campaigns
            .iter()
            .flat_map(|(_, stages)| stages.iter().map(|(stage, _)| width(stage)))
            .max()
            .unwrap_or(0);
        let mut lines = Vec::new();
        for (name, stages) in &self.campaigns {
            lines.push(Line::styled(name.clone(), t.title()));
            for (stage, state) in stages {
                let pad = " ".repeat(w.saturating_sub(width(stage)));
                let room = inside.saturating_sub(w + 3).max(10);
                for (k, part) in wrap(state, room).into_iter().enumerate() {
                    if k == 0 {
                        lines.push(Line::raw(format!("  {stage}{pad} {part}")));
                    } else {
                        lines.push(Line::raw(format!("  {} {part}", " ".repeat(w))));
                    }
                }
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(say(c.lang, "Actions under way"), t.title()));
        lines.extend(self.flights.iter().map(|f| Line::raw(format!("  {f}"))));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(say(c.lang, "Adversary and actions"), t))
            .render(right, buf);
    }
}

fn rule_asset(console: &mut Console, live: &mut Live, restore: bool) {
    let Some(asset) = view::asset_rows(console, live)
        .get(console.cursor)
        .map(|r| r.id)
    else {
        return;
    };
    let name = live
        .scenario()
        .text(TextKey::AssetName(asset), console.lang);
    let prompt = Said::ReasonForAsset {
        restore,
        asset: name,
    }
    .say(console.lang);
    console.input(
        Purpose::RuleAsset { asset, restore },
        &prompt,
        String::new(),
    );
}

fn restore(console: &mut Console, live: &mut Live) {
    rule_asset(console, live, true);
}

fn fail(console: &mut Console, live: &mut Live) {
    rule_asset(console, live, false);
}

fn rule_flight(console: &mut Console, live: &mut Live, complete: bool) {
    let options = view::flights(console, live);
    if options.is_empty() {
        console.status = say(console.lang, "No action is under way").into();
        return;
    }
    let title = if complete {
        "Complete which action now?"
    } else {
        "Call off which action?"
    };
    console.dialog = Some(Dialog::Pick {
        purpose: Purpose::PickFlight { complete },
        title: say(console.lang, title).into(),
        options,
        cursor: 0,
    });
}

fn complete(console: &mut Console, live: &mut Live) {
    rule_flight(console, live, true);
}

fn call_off(console: &mut Console, live: &mut Live) {
    rule_flight(console, live, false);
}

fn roll(console: &mut Console, _: &mut Live) {
    console.input(
        Purpose::Roll,
        say(
            console.lang,
            "Roll: chance in % then what, e.g. 30 the vendor answers",
        ),
        String::new(),
    );
}
