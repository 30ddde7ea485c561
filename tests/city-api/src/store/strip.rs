//! Metadata out of uploaded photos before they are stored and served: a photo
//! sent with `curl` (not through the app, which re-encodes) may carry the GPS
//! position, the camera's serial number and the owner's name in EXIF or XMP.
//! The image data is copied as is — no decode, no re-encode, no quality lost — and
//! only the segments or chunks that hold metadata are left out. A JPEG's EXIF
//! orientation is kept (rebuilt as a one-tag EXIF block) so the photo still shows
//! upright.

/// JPEG: APP1 (EXIF, XMP), APP3–APP13, APP15 and comments go; APP0 (JFIF), APP2
/// (ICC colour profile) and APP14 (Adobe colour transform) stay. Everything from
/// the first scan on is copied verbatim.
pub fn jpeg(file: &[u8], orientation: u16) -> Option<Vec<u8>> {
    if !file.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(file.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    if (2..=8).contains(&orientation) {
        out.extend_from_slice(&orientation_app1(orientation));
    }
    let mut at = 2;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while file.get(at) == Some(&0xFF) && file.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if file.get(at) != Some(&0xFF) {
            return None;
        }
        let marker = *file.get(at + 1)?;
        match marker {
            // Start of scan (or end of image): the rest is image data.
            0xDA | 0xD9 => {
                out.extend_from_slice(&file[at..]);
                return Some(out);
            }
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&file[at..at + 2]);
                at += 2;
                continue;
            }
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*file.get(at + 2)?, *file.get(at + 3)?]));
        if len < 2 {
            return None;
        }
        let end = at.checked_add(2 + len)?;
        let segment = file.get(at..end)?;
        let metadata = matches!(marker, 0xE1 | 0xE3..=0xED | 0xEF | 0xFE);
        if !metadata {
            out.extend_from_slice(segment);
        }
        at = end;
    }
}

/// `Exif\0\0` + a big-endian TIFF header with one IFD entry: Orientation.
fn orientation_app1(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\x00\x2A\x00\x00\x00\x08"); // header, IFD at 8
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // count
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // value padded to 4 bytes
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut payload = b"Exif\x00\x00".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

/// PNG: text chunks (`tEXt`, `zTXt`, `iTXt`: where XMP lives), `eXIf` and `tIME` go.
pub fn png(file: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !file.starts_with(SIGNATURE) {
        return None;
    }
    let mut out = Vec::with_capacity(file.len());
    out.extend_from_slice(SIGNATURE);
    let mut at = SIGNATURE.len();
    while at < file.len() {
        let len = u32::from_be_bytes(file.get(at..at + 4)?.try_into().ok()?) as usize;
        let end = at.checked_add(12)?.checked_add(len)?;
        let chunk = file.get(at..end)?;
        let kind = &chunk[4..8];
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        at = end;
        if kind == b"IEND" {
            break;
        }
    }
    Some(out)
}

/// WebP: the `EXIF` and `XMP ` chunks go, their flags in `VP8X` are cleared, and
/// the RIFF size is rewritten.
pub fn webp(file: &[u8]) -> Option<Vec<u8>> {
    if file.len() < 12 || &file[0..4] != b"RIFF" || &file[8..12] != b"WEBP" {
        return None;
    }
    let mut out = Vec::with_capacity(file.len());
    out.extend_from_slice(&file[0..12]);
    let mut at = 12;
    while at + 8 <= file.len() {
        let kind: [u8; 4] = file[at..at + 4].try_into().ok()?;
        let len = u32::from_le_bytes(file[at + 4..at + 8].try_into().ok()?) as usize;
        let end = at
            .checked_add(8)?
            .checked_add(len + (len & 1))?
            .min(file.len());
        let chunk = file.get(at..end)?;
        match &kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" if chunk.len() > 8 => {
                let mut copy = chunk.to_vec();
                copy[8] &= !(0x08 | 0x04);
                out.extend_from_slice(&copy);
            }
            _ => out.extend_from_slice(chunk),
        }
        at = end;
    }
    let riff_size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_segments_are_filtered_and_orientation_kept() {
        let app1 = [0xFF, 0xE1, 0x00, 0x06, b'E', b'x', b'i', b'f'];
        let com = [0xFF, 0xFE, 0x00, 0x04, b'h', b'i'];
        let app0 = [0xFF, 0xE0, 0x00, 0x04, 1, 2];
        let scan = [0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9];
        let file: Vec<u8> = [&[0xFF, 0xD8][..], &app1, &com, &app0, &scan].concat();
        let stripped = jpeg(&file, 1).unwrap();
        assert_eq!(stripped, [&[0xFF, 0xD8][..], &app0, &scan].concat());
        let turned = jpeg(&file, 6).unwrap();
        assert_eq!(&turned[2..4], &[0xFF, 0xE1]);
        assert!(turned.ends_with(&[&app0[..], &scan].concat()));
        assert_eq!(jpeg(&file[..7], 1), None, "a cut segment is refused");
    }
}
