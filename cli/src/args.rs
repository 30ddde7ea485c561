//! Command-line syntax. Names follow the command list.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ihanoi_core::i18n::Language;
use ihanoi_core::reports::Urgency;

#[derive(Debug, Parser)]
#[command(
    name = "ihanoi",
    version,
    about = "iHaNoi — phản ánh hiện trường từ dòng lệnh / field reports from the terminal"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The core's data directory [default: $XDG_DATA_HOME/ihanoi or ~/.local/share/ihanoi]
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Language of messages: vi (default) or en
    #[arg(long, global = true, value_enum, default_value_t = Lang::Vi)]
    pub lang: Lang,
    /// Machine-readable JSON output (stable field names, see README)
    #[arg(long, global = true)]
    pub json: bool,
}

impl Global {
    pub fn language(&self) -> Language {
        match self.lang {
            Lang::Vi => Language::Vi,
            Lang::En => Language::En,
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        if let Some(dir) = &self.data {
            return dir.clone();
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        base.join("ihanoi")
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lang {
    Vi,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write reports
    #[command(subcommand)]
    Report(ReportCommand),
    /// List drafts (and reports sent back by the city)
    Drafts(ListArgs),
    /// List every report, newest first
    Reports(ListArgs),
    /// Show one report
    Show { id: String },
    /// Check a draft and move it to the outbox
    Queue { id: String },
    /// Take a queued report back to draft
    Unqueue { id: String },
    /// Delete a draft and its files
    Delete { id: String },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Write a new draft (saved at once; queue it when complete)
    New(NewReport),
}

#[derive(Debug, Args)]
pub struct NewReport {
    /// Category code (see `ihanoi categories` once the city API is connected)
    #[arg(long)]
    pub category: Option<String>,
    /// What is wrong, in the resident's words
    #[arg(long)]
    pub text: Option<String>,
    /// Address or landmark ("ngõ 622 Minh Khai, cạnh chung cư")
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long, value_enum, default_value_t = UrgencyArg::Normal)]
    pub urgency: UrgencyArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UrgencyArg {
    Normal,
    Urgent,
    Complex,
}

impl From<UrgencyArg> for Urgency {
    fn from(value: UrgencyArg) -> Self {
        match value {
            UrgencyArg::Normal => Urgency::Normal,
            UrgencyArg::Urgent => Urgency::Urgent,
            UrgencyArg::Complex => Urgency::Complex,
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// How many per page
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Continue after this cursor (printed with the previous page)
    #[arg(long)]
    pub cursor: Option<String>,
}
