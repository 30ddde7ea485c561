//! The outbox's line on the home screen ("3 reports will be sent when you are
//! online"), worded here from the badge numbers and the sync's activity so
//! every shell says the same.

use crate::i18n::Bilingual;
use crate::observers::model::{BadgeCounts, SyncActivity};
use crate::time::UnixMillis;

/// What the home screen says about the reports waiting to be sent, or `None`
/// when nothing waits and nothing is being sent.
pub fn outbox_status(
    counts: &BadgeCounts,
    activity: &SyncActivity,
    now_ms: UnixMillis,
) -> Option<Bilingual> {
    let waiting = counts.waiting_to_send;
    // English agrees in number; Vietnamese does not need to.
    let one = waiting == 1;
    let many_en = if one {
        "1 report".to_owned()
    } else {
        format!("{waiting} reports")
    };
    let (verb_en, will_en, them_en) = if one {
        ("is", "It", "it")
    } else {
        ("are", "They", "them")
    };
    match activity {
        SyncActivity::Sending {
            report_number,
            report_count,
            ..
        } => Some(Bilingual::new(
            format!("Đang gửi phản ánh {report_number}/{report_count}…"),
            format!("Sending report {report_number} of {report_count}…"),
        )),
        _ if waiting == 0 => None,
        SyncActivity::Offline => Some(Bilingual::new(
            format!("{waiting} phản ánh sẽ được gửi khi có mạng."),
            format!("{many_en} will be sent when you are online."),
        )),
        SyncActivity::SignInNeeded => Some(Bilingual::new(
            format!("{waiting} phản ánh chờ gửi. Hãy đăng nhập lại để gửi."),
            format!("{many_en} {verb_en} waiting. Sign in again to send {them_en}."),
        )),
        SyncActivity::WaitingUntil { next_try_at_ms } => {
            // Rounded up: "in 0 minutes" would read as "now" while it is not.
            let minutes = ((next_try_at_ms - now_ms).max(0) + 59_999) / 60_000;
            Some(if minutes <= 1 {
                Bilingual::new(
                    format!("{waiting} phản ánh chờ gửi, sẽ thử lại trong 1 phút."),
                    format!("{many_en} {verb_en} waiting. {will_en} will be retried in a minute."),
                )
            } else {
                Bilingual::new(
                    format!("{waiting} phản ánh chờ gửi, sẽ thử lại sau {minutes} phút."),
                    format!(
                        "{many_en} {verb_en} waiting. {will_en} will be retried in {minutes} minutes."
                    ),
                )
            })
        }
        SyncActivity::Idle => Some(Bilingual::new(
            format!("{waiting} phản ánh đang chờ gửi."),
            format!("{many_en} {verb_en} waiting to be sent."),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting(n: u32) -> BadgeCounts {
        BadgeCounts {
            waiting_to_send: n,
            ..BadgeCounts::default()
        }
    }

    #[test]
    fn offline_says_how_many_wait_for_the_network() {
        let text = outbox_status(&waiting(3), &SyncActivity::Offline, 0).unwrap();
        assert_eq!(text.vi, "3 phản ánh sẽ được gửi khi có mạng.");
        assert_eq!(text.en, "3 reports will be sent when you are online.");
        let one = outbox_status(&waiting(1), &SyncActivity::Offline, 0).unwrap();
        assert_eq!(one.en, "1 report will be sent when you are online.");
    }

    #[test]
    fn nothing_waiting_says_nothing_unless_sending() {
        assert_eq!(outbox_status(&waiting(0), &SyncActivity::Offline, 0), None);
        assert_eq!(outbox_status(&waiting(0), &SyncActivity::Idle, 0), None);
        let sending = SyncActivity::Sending {
            report_number: 2,
            report_count: 3,
            bytes_sent: 0,
            bytes_total: 10,
        };
        let text = outbox_status(&waiting(0), &sending, 0).unwrap();
        assert_eq!(text.vi, "Đang gửi phản ánh 2/3…");
        assert_eq!(text.en, "Sending report 2 of 3…");
    }

    #[test]
    fn a_retry_says_when_in_whole_minutes_rounded_up() {
        let activity = SyncActivity::WaitingUntil {
            next_try_at_ms: 150_000,
        };
        let text = outbox_status(&waiting(2), &activity, 0).unwrap();
        assert_eq!(text.vi, "2 phản ánh chờ gửi, sẽ thử lại sau 3 phút.");
        assert_eq!(
            text.en,
            "2 reports are waiting. They will be retried in 3 minutes."
        );
        let soon = outbox_status(&waiting(1), &activity, 149_000).unwrap();
        assert_eq!(
            soon.en,
            "1 report is waiting. It will be retried in a minute."
        );
    }

    #[test]
    fn a_lost_session_asks_to_sign_in() {
        let text = outbox_status(&waiting(2), &SyncActivity::SignInNeeded, 0).unwrap();
        assert_eq!(text.vi, "2 phản ánh chờ gửi. Hãy đăng nhập lại để gửi.");
        assert_eq!(
            text.en,
            "2 reports are waiting. Sign in again to send them."
        );
    }
}
