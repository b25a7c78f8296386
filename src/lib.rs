//! kunren (訓練, "drill"): a tabletop cyber-exercise simulator.
//!
//! The core is screen-free: a scenario is loaded and validated ([`scenario`]), spawned into a
//! deterministic bevy_ecs simulation ([`sim`]) and driven by [`command::Command`]s from players,
//! facilitators or decisions files. [`summary`] turns a finished run into a timeline, results
//! and a state hash; [`report`] makes the after-action report and improvement plan of a run.
//! [`authoring`] helps write scenarios (start, lint, explain, check). [`session`] journals every
//! console session so that a crash loses nothing and `kunren resume` rebuilds it. [`headless`]
//! is the one run without a screen (scenario, decisions, seed to a finished simulation). The
//! front ends sit on top: [`tui`], the console, [`host`], the same console served over SSH,
//! and [`cli`], the command line that `main.rs` only dispatches to.

pub mod analysis;
pub mod attack;
pub mod authoring;
pub mod briefing;
pub mod cli;
pub mod command;
pub mod durable;
pub mod headless;
pub mod host;
pub mod lang;
pub mod library;
pub mod msel;
pub mod number;
pub mod printable;
pub mod report;
pub mod scenario;
pub mod session;
pub mod sim;
pub mod simtime;
pub mod summary;
pub mod tui;
