//! Just enough HTTP/1.1 framing to find where a request or an answer ends
//! (Content-Length, chunked, or until the connection closes), so faults can
//! hit one message and the connection can carry the next. Bytes are relayed as
//! they came; nothing is rewritten.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

/// Heads larger than this are refused (the core's are well under 4 KiB).
const MAX_HEAD: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyFraming {
    None,
    Length(usize),
    Chunked,
    /// An answer without length: its body runs until the server closes.
    UntilClose,
}

#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub bytes: Vec<u8>,
    pub framing: BodyFraming,
    /// The sender said `Connection: close` (or the body runs until close).
    pub close: bool,
    /// The request's method, or the answer's status code.
    pub method: String,
    pub status: u16,
}

/// Reads messages from one direction of a connection, keeping what it read
/// past the current message for the next one.
#[derive(Debug, Default)]
pub(crate) struct MessageReader {
    buffer: Vec<u8>,
}

impl MessageReader {
    /// The next head; `None` when the peer closed cleanly before sending one.
    /// `request_method` is `Some` when reading an answer (to the HEAD request
    /// an answer has no body).
    pub async fn head<R: AsyncRead + Unpin>(
        &mut self,
        from: &mut R,
        request_method: Option<&str>,
    ) -> io::Result<Option<Head>> {
        loop {
            if let Some(end) = find(&self.buffer, b"\r\n\r\n") {
                let bytes: Vec<u8> = self.buffer.drain(..end + 4).collect();
                let head = parse_head(bytes, request_method)?;
                if request_method.is_some() && (100..200).contains(&head.status) {
                    // An interim answer (100 Continue): skip it, the real one follows.
                    continue;
                }
                return Ok(Some(head));
            }
            if self.buffer.len() > MAX_HEAD {
                return Err(invalid("head too large"));
            }
            if self.fill(from).await? == 0 {
                return if self.buffer.is_empty() {
                    Ok(None)
                } else {
                    Err(io::ErrorKind::UnexpectedEof.into())
                };
            }
        }
    }

    /// Up to `max` bytes of the body that follows `head`, raw (chunk framing
    /// included).
    pub async fn body<R: AsyncRead + Unpin>(
        &mut self,
        from: &mut R,
        head: &Head,
        max: usize,
    ) -> io::Result<Vec<u8>> {
        match head.framing {
            BodyFraming::None => Ok(Vec::new()),
            BodyFraming::Length(length) => {
                let wanted = length.min(max);
                while self.buffer.len() < wanted {
                    if self.fill(from).await? == 0 {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                }
                Ok(self.buffer.drain(..wanted).collect())
            }
            BodyFraming::Chunked => {
                // Only whole bodies: a chunked request is never cut mid-way by
                // the caller (the core sends lengths), an answer is read whole.
                let end = loop {
                    if let Some(end) = chunked_end(&self.buffer)? {
                        break end;
                    }
                    if self.fill(from).await? == 0 {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                };
                Ok(self.buffer.drain(..end).collect())
            }
            BodyFraming::UntilClose => {
                while self.fill(from).await? > 0 {}
                Ok(std::mem::take(&mut self.buffer))
            }
        }
    }

    /// Read and forget whatever comes until the peer closes or fails.
    pub async fn drain<R: AsyncRead + Unpin>(&mut self, from: &mut R) {
        self.buffer.clear();
        while matches!(self.fill(from).await, Ok(n) if n > 0) {
            self.buffer.clear();
        }
    }

    async fn fill<R: AsyncRead + Unpin>(&mut self, from: &mut R) -> io::Result<usize> {
        let mut chunk = [0u8; 16 * 1024];
        let n = from.read(&mut chunk).await?;
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(n)
    }
}

fn invalid(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn parse_head(bytes: Vec<u8>, request_method: Option<&str>) -> io::Result<Head> {
    let text = std::str::from_utf8(&bytes).map_err(|_| invalid("head not UTF-8"))?;
    let mut lines = text.split("\r\n");
    let first = lines.next().unwrap_or_default();
    let mut words = first.split(' ');
    let (method, status) = match request_method {
        None => (words.next().unwrap_or_default().to_owned(), 0),
        Some(_) => {
            let status = words
                .nth(1)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| invalid("bad status line"))?;
            (String::new(), status)
        }
    };
    let mut length = None;
    let mut chunked = false;
    let mut close = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                length = Some(value.parse().map_err(|_| invalid("bad content-length"))?)
            }
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    let bodiless_answer = match request_method {
        Some(method) => method == "HEAD" || status == 204 || status == 304,
        None => false,
    };
    let framing = if bodiless_answer {
        BodyFraming::None
    } else if chunked {
        BodyFraming::Chunked
    } else if let Some(length) = length {
        BodyFraming::Length(length)
    } else if request_method.is_some() {
        close = true;
        BodyFraming::UntilClose
    } else {
        BodyFraming::None
    };
    Ok(Head {
        bytes,
        framing,
        close,
        method,
        status,
    })
}

/// Where a chunked body that starts at `buffer[0]` ends, if it is all there.
fn chunked_end(buffer: &[u8]) -> io::Result<Option<usize>> {
    let mut at = 0;
    loop {
        let Some(line_end) = find(&buffer[at..], b"\r\n") else {
            return Ok(None);
        };
        let line = std::str::from_utf8(&buffer[at..at + line_end])
            .map_err(|_| invalid("bad chunk size"))?;
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| invalid("bad chunk size"))?;
        at += line_end + 2;
        if size == 0 {
            // Trailers, then an empty line.
            loop {
                let Some(end) = find(&buffer[at..], b"\r\n") else {
                    return Ok(None);
                };
                at += end + 2;
                if end == 0 {
                    return Ok(Some(at));
                }
            }
        }
        if buffer.len() < at + size + 2 {
            return Ok(None);
        }
        at += size + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn messages_are_split_where_they_end() {
        let wire = b"POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc\
GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
            .to_vec();
        let mut from = wire.as_slice();
        let mut reader = MessageReader::default();
        let head = reader.head(&mut from, None).await.unwrap().unwrap();
        assert_eq!(
            (head.method.as_str(), head.framing),
            ("POST", BodyFraming::Length(3))
        );
        let body = reader.body(&mut from, &head, 2).await.unwrap();
        assert_eq!(body, b"ab");
        let rest = reader.body(&mut from, &head, 1).await.unwrap();
        assert_eq!(rest, b"c");
        let next = reader.head(&mut from, None).await.unwrap().unwrap();
        assert_eq!(next.method, "GET");
        assert!(reader.head(&mut from, None).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn chunked_answers_and_interim_answers() {
        let wire =
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
3\r\nabc\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
                .to_vec();
        let mut from = wire.as_slice();
        let mut reader = MessageReader::default();
        let head = reader.head(&mut from, Some("POST")).await.unwrap().unwrap();
        assert_eq!((head.status, head.framing), (200, BodyFraming::Chunked));
        let body = reader.body(&mut from, &head, usize::MAX).await.unwrap();
        assert_eq!(body, b"3\r\nabc\r\n0\r\n\r\n");
        let next = reader.head(&mut from, Some("GET")).await.unwrap().unwrap();
        assert_eq!((next.status, next.framing), (204, BodyFraming::None));
    }
}
