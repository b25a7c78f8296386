//! Every integration test, linked once: one module per area, sharing [`helpers`]. Run one area
//! with `cargo test --test it console::`, one test with its name.

mod helpers;

mod analyze;
mod authoring;
mod bilingual;
mod cli;
mod console;
mod console_ja;
mod console_reads;
mod docs;
mod drill;
mod durability;
mod e2e_tmux;
mod engine;
mod evaluation;
mod format2;
mod fuzz;
mod host;
mod hostile;
mod hours;
mod knowledge;
mod languages;
mod law;
mod library;
mod loading;
mod msel;
mod osaka;
mod paths;
mod pdf;
mod replay;
mod report;
mod robustness;
mod roster;
mod scenarios;
mod sessions;
mod shares;
mod tearline;
mod validation;
