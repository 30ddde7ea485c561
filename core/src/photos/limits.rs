//! Limits checked before anything large is allocated: a decompression bomb (a
//! small file whose header declares a huge image) is refused from its header.

/// Largest input file read (a 50 MP camera JPEG at high quality is ~30 MB).
pub const MAX_FILE_BYTES: u64 = 60 * 1024 * 1024;
/// Largest image decoded (the biggest phone sensors are 50–200 MP, but they
/// write 12–50 MP files by default).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Progressive JPEG scans allowed: real files have ~10; hostile files use
/// thousands of tiny scans to burn CPU (libjpeg-turbo's advice is a limit of 500).
pub const MAX_JPEG_SCANS: u32 = 500;

/// Largest image file taken from the network (result photos). The city accepts
/// photos of at most 2 MiB; twice that leaves room for a ward's own camera.
pub const REMOTE_MAX_BYTES: u64 = 4 * 1024 * 1024;
/// Largest image from the network decoded: 12 MP (a 4000 × 3000 photo). The
/// resident's own photos may be large because the resident chose them; an
/// image from a server is anyone's choice, and a PNG or WebP is decoded whole
/// (3 bytes a pixel and a second buffer when it has alpha), so this keeps a
/// thumbnail under ~75 MB where the local limit allowed ~600 MB.
pub const REMOTE_MAX_PIXELS: u64 = 12_000_000;

/// How large an image a caller lets past the header check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub max_bytes: u64,
    pub max_pixels: u64,
}

impl Budget {
    /// Photos the resident picked on this device.
    pub const LOCAL: Budget = Budget {
        max_bytes: MAX_FILE_BYTES,
        max_pixels: MAX_PIXELS,
    };
    /// Anything decoded from the network.
    pub const REMOTE: Budget = Budget {
        max_bytes: REMOTE_MAX_BYTES,
        max_pixels: REMOTE_MAX_PIXELS,
    };
}
