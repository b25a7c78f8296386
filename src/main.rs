//! The `kunren` binary: parses the command line, runs the command (all in [`kunren::cli`]), and
//! prints one report of anything that went wrong, with a non-zero exit.

use std::process::ExitCode;

use clap::Parser;
use kunren::cli::{self, Cli};

fn main() -> ExitCode {
    match Cli::parse().run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::report(&e);
            ExitCode::FAILURE
        }
    }
}
