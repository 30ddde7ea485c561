//! What kind of file a photo is, decided from its first bytes (never from the
//! file name, which the gallery may have invented).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    WebP,
    /// iPhones' default; the iOS shell converts to JPEG before calling the core.
    Heif,
    Gif,
    Avif,
    Tiff,
    Bmp,
}

impl ImageFormat {
    /// The formats the pipeline decodes.
    pub fn is_supported(self) -> bool {
        matches!(
            self,
            ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
        )
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Png => "PNG",
            ImageFormat::WebP => "WebP",
            ImageFormat::Heif => "HEIC/HEIF",
            ImageFormat::Gif => "GIF",
            ImageFormat::Avif => "AVIF",
            ImageFormat::Tiff => "TIFF",
            ImageFormat::Bmp => "BMP",
        })
    }
}

/// Recognise a file by its magic bytes; `None` when it is nothing we know.
pub fn sniff(head: &[u8]) -> Option<ImageFormat> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(ImageFormat::Jpeg);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(ImageFormat::Png);
    }
    if head.len() >= 12 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Some(ImageFormat::WebP);
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Some(ImageFormat::Gif);
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        return Some(ImageFormat::Tiff);
    }
    if head.starts_with(b"BM") && head.len() >= 14 {
        return Some(ImageFormat::Bmp);
    }
    // ISO base media file: `....ftyp<brand>`.
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return match &head[8..12] {
            b"avif" | b"avis" => Some(ImageFormat::Avif),
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                Some(ImageFormat::Heif)
            }
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_name_the_format() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE1]), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageFormat::Png));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
        assert_eq!(sniff(b"GIF89a\x01\0"), Some(ImageFormat::Gif));
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0"),
            Some(ImageFormat::Heif)
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypavif\0\0\0\0"),
            Some(ImageFormat::Avif)
        );
        assert_eq!(sniff(b"hello world, not an image"), None);
        assert_eq!(sniff(b""), None);
    }
}
