//! Request bodies and query strings, parsed strictly: invalid UTF-8 is an error (the
//! usual decoders replace it with U+FFFD and store garbage), a body over the limit is
//! refused before it is read when its length is announced, and every failure is an
//! [`ApiError`] in the standard's shape rather than the HTTP layer's plain text.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};
use percent_encoding::percent_decode;

use super::error::{ApiError, ApiResult, unsupported_media_type};

/// One uploaded file part (`media[]`).
#[derive(Debug, Clone)]
pub struct Upload {
    /// The part's name (`media[]` or `media`): profiles read only one of them.
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Bytes,
}

/// The fields of a form-encoded or multipart body (or a query string), in order.
#[derive(Debug, Default, Clone)]
pub struct Fields {
    pairs: Vec<(String, String)>,
    pub media: Vec<Upload>,
}

impl Fields {
    /// A single-valued field; sending it twice is an error rather than a guess.
    pub fn get(&self, name: &str) -> ApiResult<Option<&str>> {
        let mut found = self.pairs.iter().filter(|(k, _)| k == name);
        let first = found.next().map(|(_, v)| v.as_str());
        if found.next().is_some() {
            return Err(ApiError::malformed(&format!(
                "field \"{name}\" sent more than once"
            )));
        }
        Ok(first)
    }

    /// A field with surrounding white space trimmed; blank is absent.
    pub fn text(&self, name: &str) -> ApiResult<Option<&str>> {
        Ok(self.get(name)?.map(str::trim).filter(|s| !s.is_empty()))
    }

    pub fn require(&self, name: &str) -> ApiResult<&str> {
        self.text(name)?.ok_or_else(|| ApiError::missing(name))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// Parse `a=1&b=%C3%A1` strictly: `+` is a space, percent escapes are decoded, and
/// the result must be UTF-8.
pub fn parse_urlencoded(raw: &[u8]) -> ApiResult<Fields> {
    let mut fields = Fields::default();
    for part in raw.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (key, value) = match part.iter().position(|&b| b == b'=') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &b""[..]),
        };
        let key = decode_component(key).map_err(|_| ApiError::invalid_utf8("field name"))?;
        let value = decode_component(value).map_err(|_| ApiError::invalid_utf8(&key))?;
        fields.pairs.push((key, value));
    }
    Ok(fields)
}

fn decode_component(raw: &[u8]) -> Result<String, std::str::Utf8Error> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_decode(&spaced)
        .decode_utf8()
        .map(|s| s.into_owned())
}

/// The query string of a request, parsed like a form.
pub fn parse_query(raw: Option<&str>) -> ApiResult<Fields> {
    parse_urlencoded(raw.unwrap_or("").as_bytes())
}

/// Size limits applied while reading a body.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    pub max_body_bytes: usize,
    pub max_photos: usize,
    pub max_photo_bytes: usize,
    /// Fields and parts, counted before any is decoded or stored.
    pub max_fields: usize,
    /// The whole body must arrive within this (a slow sender holds a connection
    /// and a buffer for no longer).
    pub read_timeout: std::time::Duration,
}

fn too_many_fields(max: usize) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        "too_many_fields",
        format!("Nội dung có quá {max} trường."),
        format!("The body has more than {max} fields."),
    )
}

enum Kind {
    Form,
    Multipart(String),
}

fn body_kind(headers: &HeaderMap) -> ApiResult<Kind> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unsupported_media_type)?;
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/x-www-form-urlencoded" => Ok(Kind::Form),
        "multipart/form-data" => multer::parse_boundary(content_type)
            .map(Kind::Multipart)
            .map_err(|_| ApiError::malformed("multipart/form-data without a valid boundary")),
        _ => Err(unsupported_media_type()),
    }
}

/// Read and parse a POST body (form-encoded or multipart).
pub async fn read_fields(headers: &HeaderMap, body: Body, limits: BodyLimits) -> ApiResult<Fields> {
    let kind = body_kind(headers)?;
    if let Some(len) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        && len > limits.max_body_bytes as u64
    {
        return Err(ApiError::body_too_large(limits.max_body_bytes));
    }
    let read = tokio::time::timeout(
        limits.read_timeout,
        axum::body::to_bytes(body, limits.max_body_bytes),
    );
    let bytes = read
        .await
        .map_err(|_| {
            ApiError::new(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                "body_timeout",
                "Gửi nội dung quá chậm.",
                "The request body did not arrive in time.",
            )
        })?
        .map_err(|error| {
            if is_length_limit(&*error.into_inner()) {
                ApiError::body_too_large(limits.max_body_bytes)
            } else {
                ApiError::malformed("the body could not be read")
            }
        })?;
    match kind {
        Kind::Form => {
            // Counted on the raw bytes: a body of a million empty fields is refused
            // before a million strings are allocated for it.
            let fields = bytes.split(|&b| b == b'&').filter(|p| !p.is_empty());
            if fields.count() > limits.max_fields {
                return Err(too_many_fields(limits.max_fields));
            }
            parse_urlencoded(&bytes)
        }
        Kind::Multipart(boundary) => parse_multipart(bytes, boundary, limits).await,
    }
}

/// Whether the read stopped at the size limit (the error may come wrapped).
fn is_length_limit(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        current = e.source();
    }
    false
}

async fn parse_multipart(bytes: Bytes, boundary: String, limits: BodyLimits) -> ApiResult<Fields> {
    let stream =
        futures_util::stream::once(async move { Ok::<Bytes, std::convert::Infallible>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Fields::default();
    let mut parts = 0usize;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return Err(ApiError::malformed(&format!("multipart: {error}"))),
        };
        parts += 1;
        if parts > limits.max_fields {
            return Err(too_many_fields(limits.max_fields));
        }
        let name = field
            .name()
            .map(str::to_owned)
            .ok_or_else(|| ApiError::malformed("multipart part without a field name"))?;
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(|m| m.essence_str().to_owned());
        let data = field
            .bytes()
            .await
            .map_err(|error| ApiError::malformed(&format!("multipart: {error}")))?;
        if name == "media[]" || name == "media" {
            if fields.media.len() == limits.max_photos {
                return Err(ApiError::bad_request(
                    "too_many_photos",
                    format!("Tối đa {} ảnh mỗi phản ánh.", limits.max_photos),
                    format!("At most {} photos per report.", limits.max_photos),
                ));
            }
            if data.len() > limits.max_photo_bytes {
                return Err(ApiError::new(
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                    "photo_too_large",
                    format!("Mỗi ảnh tối đa {} byte.", limits.max_photo_bytes),
                    format!(
                        "Each photo may be at most {} bytes.",
                        limits.max_photo_bytes
                    ),
                ));
            }
            fields.media.push(Upload {
                name,
                filename,
                content_type,
                bytes: data,
            });
        } else if filename.is_some() {
            return Err(ApiError::invalid(
                &name,
                "file parts are accepted only as media[]",
            ));
        } else {
            let value =
                String::from_utf8(data.to_vec()).map_err(|_| ApiError::invalid_utf8(&name))?;
            fields.pairs.push((name, value));
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_form_decoding() {
        let f = parse_urlencoded(b"a=R%C3%A1c+th%E1%BA%A3i&b=&c&attribute%5Burgency%5D=urgent")
            .unwrap();
        assert_eq!(f.get("a").unwrap(), Some("Rác thải"));
        assert_eq!(f.get("b").unwrap(), Some(""));
        assert_eq!(f.text("b").unwrap(), None);
        assert_eq!(f.get("c").unwrap(), Some(""));
        assert_eq!(f.get("attribute[urgency]").unwrap(), Some("urgent"));
        assert_eq!(
            parse_urlencoded(b"a=%FF").unwrap_err().reason,
            "invalid_utf8"
        );
        assert_eq!(
            parse_urlencoded(b"a=\xC3").unwrap_err().reason,
            "invalid_utf8"
        );
        assert_eq!(
            parse_urlencoded(b"a=1&a=2")
                .unwrap()
                .get("a")
                .unwrap_err()
                .reason,
            "malformed_body"
        );
    }
}
