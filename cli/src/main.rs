//! `ihanoi`: a terminal shell over the same core the phone shells use. Like them
//! it only parses input, calls the core and prints what the core decided.
//!
//! Exit codes (documented in the README, "The terminal shell"):
//! 0 success · 1 unexpected failure · 2 bad usage or argument (bad photo file
//! included) · 3 the report is not ready to send · 4 not found (report; no unit
//! at a point; no name match) · 5 not allowed in the report's state · 6 storage
//! failure · 7 network (city server unreachable, timeout, unexpected answer) ·
//! 8 sign-in needed or refused · 9 the city refused the request · 10 no usable
//! keyring · 11 the server lacks what the app requires (check-server) · 12
//! `doctor` found a failing check · 130
//! sync cancelled with Ctrl-C (queued reports stay queued).

mod account;
mod args;
mod commands;
mod demo;
mod doctor;
mod error;
mod output;
mod probes;
mod progress;
mod secrets;
mod settings;
mod show;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::output::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(cli.global.json, cli.global.language());
    match commands::run(&cli, &out) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(commands::NothingFound)) => ExitCode::from(4),
        Err(error) => {
            out.error(&error);
            ExitCode::from(output::exit_code(&error))
        }
    }
}
