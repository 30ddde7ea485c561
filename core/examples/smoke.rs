//! The README's main job for now: open the core on a fresh data directory, write
//! a draft the way the app does, and show what still stops it from being sent.
//!
//! `cargo run --release -p ihanoi-core --example smoke [DATA_DIR]`

use std::sync::Arc;

use ihanoi_core::reports::{DraftField, ReportFilter, Urgency};
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::{Core, CoreConfig, Error};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let temp = tempfile::tempdir()?;
    let data_dir = std::env::args()
        .nth(1)
        .map(Into::into)
        .unwrap_or_else(|| temp.path().to_owned());
    let core = Core::open(
        CoreConfig { data_dir },
        Arc::new(InMemorySecretStore::new()),
    )?;
    println!(
        "iHaNoi core {} — dữ liệu tại / data in {}",
        env!("CARGO_PKG_VERSION"),
        core.data_dir().display()
    );

    let draft = core.create_draft()?;
    println!("Bản nháp mới / new draft: {}", draft.id);
    core.update_draft(
        &draft.id,
        DraftField::Category {
            code: Some("ve_sinh_moi_truong".into()),
        },
    )?;
    core.update_draft(
        &draft.id,
        DraftField::Description {
            text: "Rác thải đổ bừa bãi ở đầu ngõ, bốc mùi".into(),
        },
    )?;
    core.update_draft(
        &draft.id,
        DraftField::Address {
            text: Some("ngõ 622 Minh Khai, cạnh chung cư".into()),
        },
    )?;
    let report = core.update_draft(
        &draft.id,
        DraftField::Urgency {
            urgency: Urgency::Normal,
        },
    )?;
    println!("  lĩnh vực / category: {:?}", report.category_code);
    println!("  nội dung / description: {}", report.description);
    println!("  địa điểm / address: {:?}", report.address);

    match core.queue_report(&draft.id) {
        Ok(queued) => println!("Đã đưa vào hàng đợi / queued: {:?}", queued.state),
        Err(Error::NotReady { problems }) => {
            println!("Chưa gửi được / not ready to send:");
            for p in problems {
                println!(
                    "  - [{}] {} / {}",
                    p.code.as_str(),
                    p.message.vi,
                    p.message.en
                );
            }
        }
        Err(e) => return Err(e.into()),
    }
    let page = core.list_reports(ReportFilter::Drafts, None, 20)?;
    println!("Bản nháp / drafts: {}", page.reports.len());
    Ok(())
}
