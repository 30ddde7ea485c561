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

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;
    use crate::sms::code_message;

    /// A gateway on loopback that takes one request and answers `status`
    /// (with a `Location`, which must never be followed); its URL, and the
    /// request it got.
    fn gateway(status: &'static str) -> (String, std::thread::JoinHandle<String>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/send", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                let n = socket.read(&mut buf).unwrap();
                request.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&request);
                let Some((head, body)) = text.split_once("\r\n\r\n") else {
                    continue;
                };
                let length = head
                    .lines()
                    .find_map(|l| {
                        let l = l.to_ascii_lowercase();
                        l.strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if n == 0 || body.len() >= length {
                    break;
                }
            }
            write!(
                socket,
                "HTTP/1.1 {status}\r\nlocation: http://127.0.0.1:9/\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            )
            .unwrap();
            String::from_utf8_lossy(&request).into_owned()
        });
        (url, handle)
    }

    #[tokio::test]
    async fn a_code_is_posted_as_json_and_only_a_2xx_is_delivered() {
        let message = code_message("123456", 5);
        let (url, got) = gateway("200 OK");
        WebhookSms::new(&url)
            .unwrap()
            .send("+84912345678", &message)
            .await
            .unwrap();
        let request = got.join().unwrap();
        assert!(request.starts_with("POST /send "), "{request}");
        assert!(
            request
                .to_ascii_lowercase()
                .contains("content-type: application/json")
        );
        let body: serde_json::Value =
            serde_json::from_str(request.split_once("\r\n\r\n").unwrap().1).unwrap();
        assert_eq!(body["phone"], "+84912345678");
        assert_eq!(body["message"], message.as_str());

        // A refusal and a redirect (never followed) are not deliveries.
        for status in ["500 Internal Server Error", "302 Found"] {
            let (url, got) = gateway(status);
            let sent = WebhookSms::new(&url)
                .unwrap()
                .send("+84912345678", &message)
                .await;
            assert!(
                matches!(sent, Err(SmsError::Refused(_))),
                "{status}: {sent:?}"
            );
            got.join().unwrap();
        }

        // Nobody listening: unreachable, typed.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/send", closed.local_addr().unwrap());
        drop(closed);
        let sent = WebhookSms::new(&url)
            .unwrap()
            .send("+84912345678", &message)
            .await;
        assert!(matches!(sent, Err(SmsError::Unreachable(_))), "{sent:?}");
        assert!(WebhookSms::new("ftp://gateway/send").is_err());
    }
}
