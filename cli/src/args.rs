//! Command-line syntax: one subcommand per thing a resident does (report,
//! drafts, queue, sync, login, alerts) or a developer checks (photo, areas,
//! check-server, doctor, demo).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ihanoi_core::i18n::Language;
use ihanoi_core::photos::SizePreset;
use ihanoi_core::reports::Urgency;

#[derive(Debug, Parser)]
#[command(
    name = "ihanoi",
    version,
    about = "iHaNoi — phản ánh hiện trường từ dòng lệnh / field reports from the terminal",
    after_help = "Bắt đầu / start here: ihanoi demo   ·   exit codes: README.md, section \"The terminal shell\""
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
    /// The city API's base URL (https://…, or http:// on loopback); remembered in the data directory
    #[arg(long, global = true, env = "IHANOI_SERVER", value_name = "URL")]
    pub server: Option<String>,
    /// The app's Open311 api_key for that server; remembered with it
    #[arg(long, global = true, env = "IHANOI_API_KEY", value_name = "KEY")]
    pub api_key: Option<String>,
    /// INSECURE, for CI without a keyring: keep sign-in tokens in this file (mode 0600) instead of the OS keyring
    #[arg(
        long,
        global = true,
        env = "IHANOI_INSECURE_TOKEN_FILE",
        value_name = "FILE"
    )]
    pub insecure_token_file: Option<PathBuf>,
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
    /// The whole app in one run: a local city server, sign-in, an offline report, sync, the ward's answer, the timeline
    Demo(DemoArgs),
    /// Write reports
    #[command(subcommand)]
    Report(ReportCommand),
    /// List drafts (and reports sent back by the city)
    Drafts(ListArgs),
    /// List every report, newest first
    Reports(ListArgs),
    /// Show one report: fields, photos, location, what the city did
    Show { id: String },
    /// The city's open reports of a draft's category within 50 m (before queueing; the last answer when offline)
    Nearby { id: String },
    /// Check a draft and move it to the outbox
    Queue { id: String },
    /// Take a queued report back to draft
    Unqueue { id: String },
    /// Delete a draft and its files
    Delete { id: String },
    /// Send queued reports to the city (progress on stderr), then fetch what it did
    Sync,
    /// Sign in with a phone number and the one-time code the city texts
    Login(LoginArgs),
    /// Sign out (drafts and queued reports stay)
    Logout,
    /// City alerts and announcements (as of the last sync)
    Alerts,
    /// Report categories (the city's list as of the last sync; the built-in one before)
    Categories,
    /// Probe: compress one photo as the app would, without a report or a server
    #[command(subcommand)]
    Photo(PhotoCommand),
    /// Probe: wards and communes, offline
    #[command(subcommand)]
    Areas(AreasCommand),
    /// Probe: which endpoints of an Open311 server work with the app
    CheckServer(CheckServerArgs),
    /// What is wrong with this installation: server, clock, sign-in, store, outbox, data age (exit 12 when something fails)
    Doctor,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// GeoJSON of the wards [default: the 126 units built into the app]
    #[arg(long, value_name = "FILE")]
    pub areas: Option<PathBuf>,
    /// Use this photo instead of the generated sample
    #[arg(long, value_name = "FILE")]
    pub photo: Option<PathBuf>,
    /// Keep the demo's phone and city data here (default: a temporary folder, removed at the end)
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Write a new draft (saved at once; queue it when complete)
    New(NewReport),
}

#[derive(Debug, Args)]
pub struct NewReport {
    /// Photo files (JPEG, PNG, WebP), up to 5; compressed and attached in order
    #[arg(long = "photo", value_name = "FILE")]
    pub photos: Vec<PathBuf>,
    /// Latitude of the problem (WGS84); without --lat/--lon the first photo's GPS is offered
    #[arg(long, requires = "lon", allow_hyphen_values = true)]
    pub lat: Option<f64>,
    #[arg(long, requires = "lat", allow_hyphen_values = true)]
    pub lon: Option<f64>,
    /// GPS accuracy in metres (a device fix); without it --lat/--lon count as a pin placed by hand
    #[arg(long, requires = "lat", value_name = "M")]
    pub accuracy: Option<f64>,
    /// Category code (see `ihanoi categories`)
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
    /// Queue it for sending right away (fails with exit code 3 if incomplete; the draft stays)
    #[arg(long)]
    pub queue: bool,
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

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Phone number (0912345678 or +84912345678)
    pub phone: String,
    /// The code already received (no new code is requested)
    #[arg(long)]
    pub code: Option<String>,
    /// Only ask the city to text a code, then exit (sign in later with --code)
    #[arg(long, conflicts_with = "code")]
    pub request_code: bool,
}

#[derive(Debug, Subcommand)]
pub enum PhotoCommand {
    /// Compress FILE into DIR: the stored photo and its thumbnail, with what was read from it
    Compress(CompressArgs),
}

#[derive(Debug, Args)]
pub struct CompressArgs {
    pub file: PathBuf,
    /// Long edge in pixels
    #[arg(long, value_enum, default_value_t = PresetArg::P1600)]
    pub preset: PresetArg,
    /// Largest allowed output in bytes
    #[arg(long, value_name = "BYTES")]
    pub budget: Option<u64>,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PresetArg {
    #[value(name = "1024")]
    P1024,
    #[value(name = "1600")]
    P1600,
    #[value(name = "2048")]
    P2048,
}

impl From<PresetArg> for SizePreset {
    fn from(value: PresetArg) -> Self {
        match value {
            PresetArg::P1024 => SizePreset::Small,
            PresetArg::P1600 => SizePreset::Standard,
            PresetArg::P2048 => SizePreset::Large,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AreasCommand {
    /// Which unit holds LAT LON, and which others the accuracy circle reaches
    Lookup(LookupArgs),
    /// Units by name, current or pre-2025 (accents optional)
    Search(SearchArgs),
}

#[derive(Debug, Args)]
pub struct AreasSourceArgs {
    /// GeoJSON of the units [default: the set cached in --data, else the one built into the app]
    #[arg(long, value_name = "FILE")]
    pub areas: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    #[arg(allow_hyphen_values = true)]
    pub lat: f64,
    #[arg(allow_hyphen_values = true)]
    pub lon: f64,
    /// Accuracy radius in metres
    #[arg(long, default_value_t = 0.0, value_name = "M")]
    pub accuracy: f64,
    #[command(flatten)]
    pub source: AreasSourceArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    pub name: String,
    #[arg(long, default_value_t = 10)]
    pub limit: u32,
    #[command(flatten)]
    pub source: AreasSourceArgs,
}

#[derive(Debug, Args)]
pub struct CheckServerArgs {
    /// The server's base URL (as in discovery's endpoint `url`)
    pub url: String,
    /// Also file one test report, labelled as such, in this category (a
    /// test category of the city's): the app's own request, a real photo.
    /// Without it nothing is created on the server.
    #[arg(long, value_name = "SERVICE_CODE")]
    pub write: Option<String>,
}
