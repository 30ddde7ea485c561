//! Why a location was refused.

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LocationError {
    /// NaN or infinite numbers, |lat| > 90, |lon| > 180, negative accuracy.
    #[error("invalid location fix: {reason}")]
    InvalidFix { reason: String },

    /// The service covers Hanoi only.
    #[error("the location lies outside Hà Nội")]
    OutsideHanoi,

    /// A unit chosen by the resident that is not among the candidates.
    #[error("unit {code} is not a candidate for this report's location")]
    NotACandidate { code: String },

    /// The report has no location yet.
    #[error("the report has no location")]
    NoLocation,
}

impl LocationError {
    /// What the resident is told, in Vietnamese and English, where the error is
    /// theirs to act on (`None` for errors of the shell or the data).
    pub fn user_messages(&self) -> Option<(&'static str, &'static str)> {
        match self {
            LocationError::OutsideHanoi => Some((
                "Vị trí nằm ngoài địa bàn Hà Nội; ứng dụng chỉ tiếp nhận phản ánh tại Hà Nội.",
                "The location is outside Hanoi; the app takes reports in Hanoi only.",
            )),
            LocationError::NoLocation => Some((
                "Vui lòng xác định vị trí hiện trường trên bản đồ.",
                "Please set the location of the problem on the map.",
            )),
            LocationError::InvalidFix { .. } | LocationError::NotACandidate { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resident_is_told_about_errors_that_are_theirs_in_both_languages() {
        let (vi, en) = LocationError::OutsideHanoi.user_messages().unwrap();
        assert!(vi.contains("Hà Nội") && en.contains("Hanoi"));
        assert!(LocationError::NoLocation.user_messages().is_some());
        let shell_bug = LocationError::InvalidFix {
            reason: "NaN".into(),
        };
        assert_eq!(shell_bug.user_messages(), None);
    }
}
