//! Why a location was refused.

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LocationError {
    /// NaN or infinite numbers, |lat| > 90, |lon| > 180, negative accuracy.
    #[error("invalid location fix: {reason}")]
    InvalidFix { reason: String },

    /// A unit chosen by the resident that is not among the candidates.
    #[error("unit {code} is not a candidate for this report's location")]
    NotACandidate { code: String },

    /// The report has no location yet.
    #[error("the report has no location")]
    NoLocation,
}
