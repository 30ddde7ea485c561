//! Each command: parse → call the core → print. No decisions of its own.

use std::sync::Arc;

use ihanoi_core::reports::{DraftField, ReportFilter};
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::{Core, CoreConfig, Result};

use crate::args::{Cli, Command, ListArgs, NewReport, ReportCommand};
use crate::output::Output;

pub fn run(cli: &Cli, out: &Output) -> Result<()> {
    // No command here needs a token yet; `login` (with the desktop keyring behind
    // the same SecretStore the phones implement) comes with the sync engine.
    let core = Core::open(
        CoreConfig {
            data_dir: cli.global.data_dir(),
        },
        Arc::new(InMemorySecretStore::new()),
    )?;
    match &cli.command {
        Command::Report(ReportCommand::New(args)) => new_report(&core, args, out),
        Command::Drafts(args) => list(&core, ReportFilter::Drafts, args, out),
        Command::Reports(args) => list(&core, ReportFilter::All, args, out),
        Command::Show { id } => {
            out.report(&core.report(id)?);
            Ok(())
        }
        Command::Queue { id } => {
            out.report(&core.queue_report(id)?);
            Ok(())
        }
        Command::Unqueue { id } => {
            out.report(&core.return_to_draft(id)?);
            Ok(())
        }
        Command::Delete { id } => {
            core.delete_draft(id)?;
            out.done("Đã xoá bản nháp", "Deleted draft", id);
            Ok(())
        }
    }
}

fn new_report(core: &Core, args: &NewReport, out: &Output) -> Result<()> {
    let draft = core.create_draft()?;
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
    let mut report = draft;
    for field in fields {
        report = core.update_draft(&report.id, field)?;
    }
    out.report(&report);
    Ok(())
}

fn list(core: &Core, filter: ReportFilter, args: &ListArgs, out: &Output) -> Result<()> {
    let page = core.list_reports(filter, args.cursor.as_deref(), args.limit)?;
    out.page(&page.reports, page.next_cursor.as_deref());
    Ok(())
}
