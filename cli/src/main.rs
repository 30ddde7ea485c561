//! `ihanoi`: a terminal shell over the same core the phone shells use. Like them
//! it only parses input, calls the core and prints what the core decided.
//!
//! Exit codes follow from the core's error kind (`CliKind::exit_code`, listed
//! in the README, "The terminal shell"); 4 also when a lookup finds nothing.

mod account;
mod args;
mod commands;
mod demo;
mod doctor;
mod error;
mod nearby;
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
