//! The licences of the data the core ships, for the apps' About screen: the
//! ward boundaries and the old-name table ([`crate::areas::snapshot`]) are
//! MIT-licensed works of others, and MIT asks that the notice travel with
//! every copy.

use crate::i18n::Bilingual;

/// One piece of third-party data in the library, with its licence.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DataLicence {
    /// What the data is.
    pub name: Bilingual,
    /// Where it comes from (a repository or publisher).
    pub source: String,
    /// SPDX identifier of the licence ("MIT").
    pub spdx: String,
    /// The licence text with its copyright line, to show as is.
    pub text: String,
}

const WARDS_LICENCE: &str = include_str!("../data/areas/LICENSE-hanoi-wards-2025");
const FORMER_NAMES_LICENCE: &str = include_str!("../data/areas/LICENSE-hanoi-old-to-new");

/// Every third-party data set the core ships, in the order an About screen
/// lists them.
pub fn data_licences() -> Vec<DataLicence> {
    vec![
        DataLicence {
            name: Bilingual::new(
                "Ranh giới 126 phường, xã của Hà Nội (từ 1/7/2025)",
                "Boundaries of Hanoi's 126 wards and communes (from 1 July 2025)",
            ),
            source: "github.com/thanglequoc/vietnamese-provinces-database".into(),
            spdx: "MIT".into(),
            text: WARDS_LICENCE.into(),
        },
        DataLicence {
            name: Bilingual::new(
                "Bảng tên phường, xã cũ sang đơn vị mới",
                "Former ward names mapped to the new units",
            ),
            source: "github.com/dvhcvn/20250701".into(),
            spdx: "MIT".into(),
            text: FORMER_NAMES_LICENCE.into(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shipped_data_sets_carry_their_mit_notice() {
        let licences = data_licences();
        assert_eq!(licences.len(), 2);
        for l in &licences {
            assert!(l.text.starts_with("MIT License"), "{}", l.name.en);
            assert!(l.text.contains("Copyright (c)"), "{}", l.name.en);
            assert!(!l.name.vi.is_empty() && !l.name.en.is_empty());
        }
        assert!(licences[0].text.contains("Thang Le Quoc"));
        assert!(licences[1].text.contains("dvhcvn"));
    }
}
