//! HTTP to the city API: reqwest on rustls (no OpenSSL), HTTP/1.1, gzip.
//!
//! - [`endpoint`]: the server address — HTTPS required, plain HTTP only on loopback;
//! - [`tls`]: which certificates are trusted (bundled Mozilla roots; docs/sync.md);
//! - [`timeouts`]: 10 s to connect, then a deadline that grows with the body;
//! - [`answer`]: answers read with a size cap, JSON and error arrays typed;
//! - [`error`]: [`TransportError`], and what each failure means for a report.
//!
//! Redirects are not followed: the API never redirects, and a captive portal's
//! redirect to its login page must surface as an error, not be parsed as the city.

pub mod answer;
pub mod endpoint;
pub mod error;
pub mod timeouts;
pub mod tls;

use reqwest::header::{self, HeaderValue};
use reqwest::{Client, RequestBuilder};

pub use answer::{Answer, DEFAULT_RESPONSE_LIMIT};
pub use endpoint::Endpoint;
pub use error::TransportError;
pub use timeouts::{CONNECT_TIMEOUT, READ_IDLE_TIMEOUT, TimeoutPolicy};

/// How to reach the city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportOptions {
    /// The API's base URL (discovery's endpoint `url`).
    pub base_url: String,
    /// Root certificates to trust besides Mozilla's (PEM), for a deployment
    /// whose chain ends outside Mozilla's programme.
    pub extra_roots_pem: Option<String>,
    pub timeouts: TimeoutPolicy,
}

impl TransportOptions {
    pub fn new(base_url: impl Into<String>) -> Self {
        TransportOptions {
            base_url: base_url.into(),
            extra_roots_pem: None,
            timeouts: TimeoutPolicy::default(),
        }
    }
}

/// A configured HTTP client for one city server. Cheap to clone (the connection
/// pool is shared).
#[derive(Debug, Clone)]
pub struct Transport {
    client: Client,
    endpoint: Endpoint,
    timeouts: TimeoutPolicy,
}

impl Transport {
    pub fn new(options: &TransportOptions) -> Result<Self, TransportError> {
        let endpoint = Endpoint::parse(&options.base_url)?;
        let tls = tls::client_config(options.extra_roots_pem.as_deref())?;
        let client = Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(CONNECT_TIMEOUT)
            .read_timeout(READ_IDLE_TIMEOUT)
            .gzip(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("iHaNoi/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(std::time::Duration::from_secs(60))
            .build()
            .map_err(TransportError::from_reqwest)?;
        Ok(Transport {
            client,
            endpoint,
            timeouts: options.timeouts,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// `GET path?query`, the answer read within `limit` bytes.
    pub async fn get(
        &self,
        path: &str,
        query: &[(&str, &str)],
        bearer: Option<&str>,
        limit: u64,
    ) -> Result<Answer, TransportError> {
        let request = self.client.get(self.endpoint.url(path)?).query(query);
        self.send(request, bearer, 0, limit).await
    }

    /// `GET path` with `If-None-Match: etag` when one is given. A `304 Not
    /// Modified` comes back as an [`Answer`] with that status and no body; the
    /// deadline allows `limit` bytes at the floor bandwidth (large documents:
    /// the area set).
    pub async fn get_if_none_match(
        &self,
        path: &str,
        etag: Option<&str>,
        limit: u64,
    ) -> Result<Answer, TransportError> {
        let mut request = self.client.get(self.endpoint.url(path)?);
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        self.send(request, None, limit, limit).await
    }

    /// `GET` an absolute URL the server handed out (a photo's `media_url`),
    /// checked by the same HTTPS rule as the base; never with the resident's
    /// token. The deadline allows `limit` bytes at the floor bandwidth.
    pub async fn get_absolute(&self, url: &str, limit: u64) -> Result<Answer, TransportError> {
        let request = self.client.get(self.endpoint.check_absolute(url)?);
        self.send(request, None, limit, limit).await
    }

    /// `POST path` with a form-encoded body.
    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        bearer: Option<&str>,
        limit: u64,
    ) -> Result<Answer, TransportError> {
        // Escaping at most triples a byte; the deadline only needs the order.
        let length: usize = fields
            .iter()
            .map(|(k, v)| 3 * (k.len() + v.len()) + 2)
            .sum();
        let request = self.client.post(self.endpoint.url(path)?).form(fields);
        self.send(request, bearer, length as u64, limit).await
    }

    /// `POST path` with a multipart body of about `body_bytes` bytes (sets the
    /// request's deadline).
    pub async fn post_multipart(
        &self,
        path: &str,
        form: reqwest::multipart::Form,
        body_bytes: u64,
        bearer: Option<&str>,
        limit: u64,
    ) -> Result<Answer, TransportError> {
        let request = self.client.post(self.endpoint.url(path)?).multipart(form);
        self.send(request, bearer, body_bytes, limit).await
    }

    async fn send(
        &self,
        request: RequestBuilder,
        bearer: Option<&str>,
        body_bytes: u64,
        limit: u64,
    ) -> Result<Answer, TransportError> {
        let mut request = request
            .timeout(self.timeouts.for_body(body_bytes))
            .header(header::ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(TransportError::from_reqwest)?;
        Answer::read(response, limit).await
    }
}
