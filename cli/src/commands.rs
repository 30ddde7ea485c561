//! Each command: parse → call the core → print. No decisions of its own.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ihanoi_core::location::{LocationFix, LocationSource};
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::reports::{DraftField, ReportFilter};
use ihanoi_core::secrets::SecretStore;
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, CoreConfig};

use crate::args::{AreasCommand, Cli, Command, ListArgs, NewReport, PhotoCommand, ReportCommand};
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::secrets::{InsecureFileSecretStore, KeyringSecretStore};
use crate::settings::Settings;
use crate::{account, demo, doctor, nearby, probes, show};

/// Exit code 4 for a probe that found nothing (no unit at a point, no name).
pub struct NothingFound;

pub fn run(cli: &Cli, out: &Output) -> CliResult<Option<NothingFound>> {
    let ctx = Context { cli, out };
    match &cli.command {
        // Probes and the demo bring their own data: no data directory needed.
        Command::Demo(args) => demo::run(args, out).map(|()| None),
        Command::Photo(PhotoCommand::Compress(args)) => {
            probes::photo::compress(args, out).map(|()| None)
        }
        Command::Areas(command) => {
            let found = match command {
                AreasCommand::Lookup(args) => {
                    let areas = probes::areas::Areas::resolve(&args.source, || ctx.core())?;
                    probes::areas::lookup(&areas, args, out)?
                }
                AreasCommand::Search(args) => {
                    let areas = probes::areas::Areas::resolve(&args.source, || ctx.core())?;
                    probes::areas::search(&areas, args, out)?
                }
            };
            Ok((!found).then_some(NothingFound))
        }
        Command::CheckServer(args) => probes::check_server::run(
            &args.url,
            cli.global.api_key.as_deref(),
            args.write.as_deref(),
            out,
        )
        .map(|()| None),
        _ => ctx.run_on_core().map(|()| None),
    }
}

pub struct Context<'a> {
    pub cli: &'a Cli,
    pub out: &'a Output,
}

impl Context<'_> {
    fn data_dir(&self) -> PathBuf {
        self.cli.global.data_dir()
    }

    /// The secure store for tokens: the OS keyring, or the explicit insecure file.
    fn secrets(&self) -> Arc<dyn SecretStore> {
        match &self.cli.global.insecure_token_file {
            Some(file) => Arc::new(InsecureFileSecretStore::new(file.clone())),
            None => Arc::new(KeyringSecretStore::new(&self.data_dir())),
        }
    }

    /// Before anything that needs tokens: fail early, in plain words, when the
    /// keyring cannot be used (not after a code was texted).
    pub fn check_secrets(&self) -> CliResult<()> {
        match &self.cli.global.insecure_token_file {
            Some(file) => crate::secrets::check_token_file(file),
            None => KeyringSecretStore::new(&self.data_dir()).check(),
        }
    }

    /// The core on the data directory; a --server / --api-key given with any
    /// command is remembered there for the next ones.
    pub fn core(&self) -> CliResult<Core> {
        if let Some(file) = &self.cli.global.insecure_token_file {
            crate::secrets::check_token_file(file)?;
        }
        let core = Core::open(
            CoreConfig {
                data_dir: self.data_dir(),
            },
            self.secrets(),
        )?;
        Settings::resolve(&self.cli.global, core.data_dir())?;
        Ok(core)
    }

    /// The core, pointed at the city server given or remembered.
    pub fn connected_core(&self) -> CliResult<Core> {
        let core = self.core()?;
        let settings = Settings::load(core.data_dir())?;
        core.configure_city(settings.city_config()?)?;
        Ok(core)
    }

    fn run_on_core(&self) -> CliResult<()> {
        let out = self.out;
        match &self.cli.command {
            Command::Report(ReportCommand::New(args)) => new_report(&self.core()?, args, out),
            Command::Drafts(args) => list(&self.core()?, ReportFilter::Drafts, args, out),
            Command::Reports(args) => list(&self.core()?, ReportFilter::All, args, out),
            Command::Show { id } => show::report(&self.core()?, id, out),
            Command::Nearby { id } => nearby::run(self, id),
            Command::Queue { id } => {
                let core = self.core()?;
                core.queue_report(id)?;
                out.report(&core.report_details(id)?);
                Ok(())
            }
            Command::Unqueue { id } => {
                let core = self.core()?;
                core.return_to_draft(id)?;
                out.report(&core.report_details(id)?);
                Ok(())
            }
            Command::Delete { id } => {
                self.core()?.delete_draft(id)?;
                out.done("Đã xoá bản nháp", "Deleted draft", id);
                Ok(())
            }
            Command::Sync => account::sync(self),
            Command::Login(args) => account::login(self, args),
            Command::Logout => account::logout(self),
            Command::Alerts => show::alerts(&self.core()?, out),
            Command::Categories => show::categories(&self.core()?, out),
            Command::Doctor => doctor::run(self),
            Command::Demo(_) | Command::Photo(_) | Command::Areas(_) | Command::CheckServer(_) => {
                unreachable!("handled in run()")
            }
        }
    }
}

fn new_report(core: &Core, args: &NewReport, out: &Output) -> CliResult<()> {
    let draft = core.create_draft()?;
    let filled = fill_draft(core, &draft.id, args);
    if let Err(error) = filled {
        // The draft is saved with what worked; say where it is.
        eprintln!("{} {}", out.t("Bản nháp đã lưu:", "Draft saved:"), draft.id);
        return Err(error);
    }
    if args.queue {
        core.queue_report(&draft.id).inspect_err(|_| {
            eprintln!("{} {}", out.t("Bản nháp đã lưu:", "Draft saved:"), draft.id)
        })?;
    }
    show::report(core, &draft.id, out)
}

fn fill_draft(core: &Core, id: &str, args: &NewReport) -> CliResult<()> {
    let mut fields = vec![DraftField::Urgency {
        urgency: args.urgency.into(),
    }];
    if let Some(code) = &args.category {
        fields.push(DraftField::Category {
            code: Some(code.clone()),
        });
    }
    if let Some(text) = &args.text {
        fields.push(DraftField::Description { text: text.clone() });
    }
    if let Some(address) = &args.address {
        fields.push(DraftField::Address {
            text: Some(address.clone()),
        });
    }
    for field in fields {
        core.update_draft(id, field)?;
    }
    attach_photos(core, id, &args.photos, PhotoSource::Gallery)?;
    let fix = match (args.lat, args.lon) {
        (Some(lat), Some(lon)) => Some(LocationFix {
            lat,
            lon,
            accuracy_m: args.accuracy.unwrap_or(0.0),
            time_ms: ihanoi_core::time::now_ms(),
            // A typed position with an accuracy is a device reading; without
            // one it is where the resident says the problem is.
            source: if args.accuracy.is_some() {
                LocationSource::DeviceGps
            } else {
                LocationSource::ManualPin
            },
            mocked: false,
        }),
        _ => core.offered_report_location(id, None)?,
    };
    if let Some(fix) = fix {
        core.set_report_location(id, fix)?;
    }
    Ok(())
}

/// Compress and attach files in order. The shell declares the files' folders
/// as readable, as a phone shell declares its camera folder.
pub fn attach_photos(
    core: &Core,
    id: &str,
    files: &[PathBuf],
    source: PhotoSource,
) -> CliResult<()> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for file in files {
        let absolute = std::path::absolute(file).map_err(|e| CliError::file(file, e))?;
        if let Some(dir) = absolute.parent().filter(|d| d.is_dir())
            && !dirs.iter().any(|d| d == dir)
        {
            dirs.push(dir.to_path_buf());
        }
    }
    core.set_photo_input_dirs(&dirs)?;
    for file in files {
        let absolute = std::path::absolute(file).map_err(|e| CliError::file(file, e))?;
        core.attach_photo_blocking(
            id,
            Path::new(&absolute),
            source,
            &CompressOptions::default(),
            &CancelToken::new(),
        )?;
    }
    Ok(())
}

fn list(core: &Core, filter: ReportFilter, args: &ListArgs, out: &Output) -> CliResult<()> {
    let page = core.list_reports(filter, args.cursor.as_deref(), args.limit)?;
    out.page(&page.reports, page.next_cursor.as_deref());
    Ok(())
}
