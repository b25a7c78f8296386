//! View models several screens share, read off the World after the tick and held as plain
//! data: assets and actions under way as a seat sees them, and whether an event is unread. The
//! white cell's view is ground truth; a team's is asked of the core, [`crate::sim::knowledge`],
//! and never filtered here. Each screen's own view model lives in its module under
//! [`super::screens`].

use crate::lang::Lang;
use crate::scenario::model::{AssetId, TeamId, TextKey};
use crate::sim::log::{Event, EventKind};

use super::app::{Console, Seat};
use crate::session::live::Live;

pub use crate::sim::knowledge::Shown;

#[derive(Clone, Debug, PartialEq)]
pub struct AssetRow {
    pub id: AssetId,
    pub owner: String,
    pub name: String,
    pub shown: Shown,
    /// Per cent of normal service, for an asset left at a share of it (format 2).
    pub service: Option<u32>,
}

/// Assets as a seat sees them: all of them for the white cell, a team's own (as the team knows
/// them, from [`crate::sim::knowledge`]) otherwise.
pub fn asset_rows(app: &Console, live: &Live) -> Vec<AssetRow> {
    if let Seat::Team(t) = app.seat {
        let s = live.scenario();
        return live
            .sim()
            .knowledge(t)
            .in_lang(app.lang)
            .assets()
            .into_iter()
            .map(|a| AssetRow {
                id: a.asset,
                // Its owner's, also for an asset the team operates for its owner.
                owner: s.team(s.asset(a.asset).owner).id.clone(),
                name: a.name,
                shown: a.state,
                service: a.service,
            })
            .collect();
    }
    let sim = live.sim();
    live.scenario()
        .assets
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let id = AssetId(i as u32);
            let shown = sim.shown(id)?;
            Some(AssetRow {
                id,
                owner: live.scenario().team(a.owner).id.clone(),
                name: live
                    .scenario()
                    .text(TextKey::AssetName(id), app.lang)
                    .to_string(),
                shown,
                service: sim.facts().assets[i].service(),
            })
        })
        .collect()
}

/// Actions under way, as (label, key), visible to the seat: every one for the white cell (keyed
/// by the engine's sequence number, which rulings name), the team's own otherwise (keyed by
/// position: the sequence number counts every team's actions, which is not the team's to know).
pub fn flights(app: &Console, live: &Live) -> Vec<(String, u32)> {
    if let Seat::Team(t) = app.seat {
        let team = live.scenario().text(TextKey::TeamName(t), app.lang);
        let ja = app.lang == Lang::Ja;
        return live
            .sim()
            .knowledge(t)
            .in_lang(app.lang)
            .under_way()
            .into_iter()
            .zip(0..)
            .map(|(f, i)| {
                let label = match (f.target, ja) {
                    (Some(on), false) => format!("{team}: {} on {on} ({} left)", f.name, f.left),
                    (None, false) => format!("{team}: {} ({} left)", f.name, f.left),
                    (Some(on), true) => {
                        format!("{team}: {}（対象: {on}、残り {}）", f.name, f.left)
                    }
                    (None, true) => format!("{team}: {}（残り {}）", f.name, f.left),
                };
                (label, i)
            })
            .collect();
    }
    let s = live.scenario();
    let lang = app.lang;
    live.sim()
        .under_way()
        .iter()
        .map(|f| {
            let left = s
                .clock
                .elapsed(f.ends.saturating_sub(live.sim().tick().unwrap_or(0)))
                .say(lang);
            let team = s.text(TextKey::TeamName(f.team), lang);
            let action = s.text(TextKey::ActionName(f.action), lang);
            let on = f.target.map(|t| s.text(TextKey::AssetName(t), lang));
            let label = match (on, lang) {
                (Some(on), Lang::En) => format!("{team}: {action} on {on} ({left} left)"),
                (None, Lang::En) => format!("{team}: {action} ({left} left)"),
                (Some(on), Lang::Ja) => format!("{team}: {action}（対象: {on}、残り {left}）"),
                (None, Lang::Ja) => format!("{team}: {action}（残り {left}）"),
            };
            (label, f.seq)
        })
        .collect()
}

/// Whether `team` has yet to read `event`: something told to it (an inject, a message, an item
/// shared) that it has not opened, and that is not its own doing (what it sent is not news).
pub fn is_unread(live: &Live, team: TeamId, event: &Event) -> bool {
    matches!(
        event.kind,
        EventKind::InjectDelivered | EventKind::Message | EventKind::IntelReceived
    ) && event.by != Some(team)
        && !live.has_read(team, event.seq)
}
