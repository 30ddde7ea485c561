//! The city server's base address, checked once: HTTPS, or plain HTTP only to
//! this device (the reference server in tests and on a developer's machine).

use std::net::IpAddr;

use reqwest::Url;

use crate::net::transport::TransportError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Always ends with `/`, so joining a relative path keeps any base path
    /// (`https://city.example/open311/` + `requests.json`).
    base: Url,
}

impl Endpoint {
    pub fn parse(url: &str) -> Result<Self, TransportError> {
        let mut base = Url::parse(url.trim()).map_err(|e| TransportError::InvalidUrl {
            reason: e.to_string(),
        })?;
        if base.host_str().is_none_or(str::is_empty) {
            return Err(invalid("no host"));
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(invalid("credentials in the address"));
        }
        if base.query().is_some() || base.fragment().is_some() {
            return Err(invalid("a query or fragment in the address"));
        }
        check_scheme(&base)?;
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(Endpoint { base })
    }

    /// `path` relative to the base, e.g. `requests.json` or `auth/token`.
    pub fn url(&self, path: &str) -> Result<Url, TransportError> {
        let url = self
            .base
            .join(path.trim_start_matches('/'))
            .map_err(|e| invalid(&e.to_string()))?;
        // A relative path cannot change the origin, but keep the rule in one place.
        check_scheme(&url)?;
        Ok(url)
    }

    /// An absolute URL the server handed out (e.g. a photo's `media_url`),
    /// checked by the same rule as the base.
    pub fn check_absolute(&self, url: &str) -> Result<Url, TransportError> {
        let url = Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
        check_scheme(&url)?;
        Ok(url)
    }

    pub fn base(&self) -> &Url {
        &self.base
    }
}

fn invalid(reason: &str) -> TransportError {
    TransportError::InvalidUrl {
        reason: reason.to_owned(),
    }
}

fn check_scheme(url: &Url) -> Result<(), TransportError> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(TransportError::InsecureUrl),
        other => Err(invalid(&format!("unsupported scheme {other:?}"))),
    }
}

/// 127.0.0.0/8, ::1 and `localhost` (which RFC 6761 lets resolvers pin to loopback).
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_plain_http_only_on_loopback() {
        for ok in [
            "https://open311.hanoi.gov.vn",
            "https://open311.hanoi.gov.vn/api/v2",
            "http://127.0.0.1:8311",
            "http://127.8.0.1",
            "http://[::1]:80/",
            "http://localhost:3000",
        ] {
            assert!(Endpoint::parse(ok).is_ok(), "{ok}");
        }
        for insecure in [
            "http://open311.hanoi.gov.vn",
            "http://10.0.2.2:8311",
            "http://192.168.1.5",
            "http://localhost.evil.example",
        ] {
            assert_eq!(
                Endpoint::parse(insecure),
                Err(TransportError::InsecureUrl),
                "{insecure}"
            );
        }
        for invalid in [
            "",
            "open311.hanoi.gov.vn",
            "ftp://x.example",
            "https://user:pw@x.example",
            "https://x.example/?api_key=1",
            "file:///etc/passwd",
        ] {
            assert!(
                matches!(
                    Endpoint::parse(invalid),
                    Err(TransportError::InvalidUrl { .. })
                ),
                "{invalid}"
            );
        }
    }

    #[test]
    fn paths_join_under_the_base_path() {
        let endpoint = Endpoint::parse("https://city.example/open311").unwrap();
        assert_eq!(
            endpoint.url("requests.json").unwrap().as_str(),
            "https://city.example/open311/requests.json"
        );
        assert_eq!(
            endpoint.url("/auth/token").unwrap().as_str(),
            "https://city.example/open311/auth/token"
        );
        assert_eq!(
            endpoint.check_absolute("http://city.example/media/a.jpg"),
            Err(TransportError::InsecureUrl)
        );
    }
}
