//! Why a photo could not be attached. Each bad input has its own variant so the
//! shells can say exactly what went wrong (and tests can tell them apart).

use crate::i18n::Bilingual;
use crate::photos::format::ImageFormat;

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("the photo file does not exist")]
    NotFound,

    #[error("the photo path is not a regular file")]
    NotAFile,

    #[error("the photo path is outside the folders the core may read")]
    OutsideReadableDirs,

    #[error("the photo file is empty")]
    Empty,

    #[error("the photo file is {bytes} bytes; the limit is {max}")]
    FileTooLarge { bytes: u64, max: u64 },

    #[error("the photo is {width}x{height} pixels; the limit is {max_pixels} pixels")]
    TooManyPixels {
        width: u64,
        height: u64,
        max_pixels: u64,
    },

    #[error("{0} photos are not supported (JPEG, PNG and WebP are)")]
    UnsupportedFormat(ImageFormat),

    #[error("the file is not an image this app can read")]
    UnrecognizedFormat,

    #[error("the image data is damaged or truncated: {reason}")]
    Corrupt { reason: String },

    #[error("a report holds at most {max} photos")]
    TooManyPhotos { max: usize },

    #[error("this photo is already attached to the report")]
    Duplicate { existing_photo_id: String },

    #[error("no photo with id {id} on this report")]
    PhotoNotFound { id: String },

    #[error("the new order must list each of the report's photos exactly once")]
    InvalidOrder,

    #[error("the photo was cancelled before it was attached")]
    Cancelled,

    #[error("could not encode the photo: {reason}")]
    Encode { reason: String },

    /// A result photo whose URL is neither on the city API's origin nor on
    /// one the city lists in discovery: never fetched.
    #[error("the photo is not on the city's server; it was not downloaded")]
    ForeignOrigin,
}

impl PhotoError {
    pub(crate) fn corrupt(reason: impl std::fmt::Display) -> Self {
        PhotoError::Corrupt {
            reason: reason.to_string(),
        }
    }
}

impl PhotoError {
    /// What to tell the resident, in both languages (the English is the
    /// `Display` text, which names no personal data).
    pub fn text(&self) -> Bilingual {
        let vi: String = match self {
            PhotoError::NotFound => "Không tìm thấy tệp ảnh.".into(),
            PhotoError::NotAFile => "Đường dẫn không phải là tệp ảnh.".into(),
            PhotoError::OutsideReadableDirs => {
                "Ứng dụng không được phép đọc ảnh ở thư mục này.".into()
            }
            PhotoError::Empty => "Tệp ảnh rỗng.".into(),
            PhotoError::FileTooLarge { max, .. } => {
                format!("Tệp ảnh quá lớn (tối đa {} MB).", max / (1024 * 1024))
            }
            PhotoError::TooManyPixels { max_pixels, .. } => format!(
                "Ảnh có độ phân giải quá lớn (tối đa {} megapixel).",
                max_pixels / 1_000_000
            ),
            PhotoError::UnsupportedFormat(format) => {
                format!("Chưa hỗ trợ ảnh định dạng {format}; hãy dùng JPEG, PNG hoặc WebP.")
            }
            PhotoError::UnrecognizedFormat => "Tệp này không phải là ảnh.".into(),
            PhotoError::Corrupt { .. } => "Ảnh bị hỏng hoặc không đầy đủ.".into(),
            PhotoError::TooManyPhotos { max } => {
                format!("Mỗi phản ánh có tối đa {max} ảnh.")
            }
            PhotoError::Duplicate { .. } => "Ảnh này đã được đính kèm.".into(),
            PhotoError::PhotoNotFound { .. } => "Không tìm thấy ảnh trong phản ánh.".into(),
            PhotoError::InvalidOrder => "Thứ tự ảnh không hợp lệ.".into(),
            PhotoError::Cancelled => "Đã huỷ đính kèm ảnh.".into(),
            PhotoError::Encode { .. } => "Không thể nén ảnh.".into(),
            PhotoError::ForeignOrigin => {
                "Ảnh không nằm trên máy chủ của thành phố nên không được tải.".into()
            }
        };
        Bilingual::new(vi, self.to_string())
    }
}
