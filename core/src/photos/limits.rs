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
