//! The rows of the draft form's pickers that are the core's own values,
//! worded here so both phones show the same choices in the same order.

use crate::i18n::Bilingual;
use crate::reports::model::Urgency;

/// One row of the urgency picker.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct UrgencyOption {
    pub urgency: Urgency,
    pub label: Bilingual,
}

/// Every urgency, in the order the picker shows them (the default first).
pub fn urgency_options() -> Vec<UrgencyOption> {
    Urgency::ALL
        .into_iter()
        .map(|urgency| UrgencyOption {
            urgency,
            label: urgency.label(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_urgency_is_a_worded_row_once_default_first() {
        let options = urgency_options();
        let values: Vec<Urgency> = options.iter().map(|o| o.urgency).collect();
        assert_eq!(values, [Urgency::Normal, Urgency::Urgent, Urgency::Complex]);
        assert_eq!(values[0], Urgency::default());
        // Every value round-trips, so a value added later must be listed here.
        for u in values {
            assert_eq!(Urgency::from_db_str(u.as_db_str()), Some(u));
        }
        assert_eq!(options[1].label, Bilingual::new("Khẩn cấp", "Urgent"));
        for o in &options {
            assert!(!o.label.vi.is_empty() && o.label.vi != o.label.en);
            assert_eq!(o.label.vi, crate::text::nfc(&o.label.vi));
        }
    }
}
