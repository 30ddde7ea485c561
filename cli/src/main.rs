//! `ihanoi`: a terminal shell over the same core the phone shells use. Like them
//! it only parses input, calls the core and prints what the core decided.
//!
//! Exit codes (documented in the README):
//! 0 success · 1 unexpected failure · 2 bad usage · 3 the report is not ready to
//! send · 4 not found · 5 not allowed in the report's state · 6 storage failure.

mod args;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::output::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(cli.global.json, cli.global.language());
    match commands::run(&cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            out.error(&error);
            ExitCode::from(output::exit_code(&error))
        }
    }
}
