//! kunren (訓練, "drill"): a tabletop cyber-exercise simulator.
//!
//! The core is screen-free: a scenario is loaded and validated ([`scenario`]), spawned into a
//! deterministic bevy_ecs simulation ([`sim`]) and driven by [`command::Command`]s from players,
//! facilitators or decisions files. [`summary`] turns a finished run into a timeline, results
//! and a state hash; [`report`] makes the after-action report and improvement plan of a run.
//! [`authoring`] helps write scenarios (start, lint, explain). [`session`] journals every console
//! session so that a crash loses nothing and `kunren resume` rebuilds it. The command line in
//! `main.rs` only glues these together.

pub mod attack;
pub mod authoring;
pub mod command;
pub mod host;
pub mod library;
pub mod msel;
pub mod report;
pub mod scenario;
pub mod session;
pub mod sim;
pub mod simtime;
pub mod summary;
pub mod tui;
