//! An 8-bit RGB image in memory, rows packed without padding.

use crate::photos::error::PhotoError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbImage {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl RgbImage {
    pub const CHANNELS: usize = 3;

    pub fn long_edge(&self) -> u32 {
        self.width.max(self.height)
    }
}

/// A zeroed buffer of `len` bytes, or a typed error when memory is short:
/// a failed allocation must not abort the app.
pub(crate) fn try_zeroed(len: usize) -> Result<Vec<u8>, PhotoError> {
    let mut buffer = Vec::new();
    buffer
        .try_reserve_exact(len)
        .map_err(|_| PhotoError::corrupt("not enough memory to decode the image"))?;
    buffer.resize(len, 0);
    Ok(buffer)
}
