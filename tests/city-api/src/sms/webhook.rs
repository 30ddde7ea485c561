//! An HTTP gateway receives `POST <url>` with `{"phone": "+84…", "message": "…"}`
//! as JSON; any 2xx is delivered. HTTPS is checked against the bundled web roots
//! (the core's TLS configuration); plain HTTP is accepted for a gateway on the same
//! host or network, which is the operator's choice to make.

use std::time::Duration;

use super::{SendFuture, SmsError, SmsSender};

const TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, Clone)]
pub struct WebhookSms {
    url: String,
    http: reqwest::Client,
}

impl WebhookSms {
    pub fn new(url: &str) -> Result<Self, SmsError> {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(SmsError::Unreachable(format!("not an http(s) URL: {url}")));
        }
        let tls = ihanoi_core::net::transport::tls::client_config(None)
            .map_err(|e| SmsError::Unreachable(e.to_string()))?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SmsError::Unreachable(e.to_string()))?;
        Ok(WebhookSms {
            url: url.to_owned(),
            http,
        })
    }
}

impl SmsSender for WebhookSms {
    fn send<'a>(&'a self, phone: &'a str, message: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            let response = self
                .http
                .post(&self.url)
                .json(&serde_json::json!({ "phone": phone, "message": message }))
                .send()
                .await
                .map_err(|e| {
                    if e.is_timeout() {
                        SmsError::Timeout
                    } else {
                        SmsError::Unreachable(e.without_url().to_string())
                    }
                })?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(SmsError::Refused(format!("HTTP {}", response.status())))
            }
        })
    }
}
