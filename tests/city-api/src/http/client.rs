//! Who is on the other end, as far as limits are concerned: the peer address of
//! the TCP connection, or — when that peer is the configured trusted reverse proxy —
//! the last address that proxy appended to `X-Forwarded-For`. Never a value the
//! client chooses freely (a key, a token): those cost nothing to vary.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::Request;

/// The client's address, put into every request's extensions by the rate limiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The unit counted: one IPv4 address, or one IPv6 /64 (a single subscriber
    /// usually holds a whole /64, so counting addresses inside it counts nothing).
    pub fn limit_key(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

/// The address a request is counted against.
pub fn client_addr<B>(request: &Request<B>, trusted_proxy: Option<IpAddr>) -> ClientAddr {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if Some(peer) == trusted_proxy {
        // The proxy appends the address it saw last; anything before it is what the
        // client claimed and is not believed.
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|last| last.trim().parse::<IpAddr>().ok());
        if let Some(addr) = forwarded {
            return ClientAddr(addr);
        }
    }
    ClientAddr(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: &str, forwarded: Option<&str>) -> Request<()> {
        let mut builder = Request::builder();
        if let Some(f) = forwarded {
            builder = builder.header("x-forwarded-for", f);
        }
        let mut r = builder.body(()).unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        r
    }

    #[test]
    fn forwarded_addresses_count_only_behind_the_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let spoofed = request("203.0.113.9:5000", Some("1.2.3.4"));
        assert_eq!(
            client_addr(&spoofed, Some(proxy)).0.to_string(),
            "203.0.113.9"
        );
        let proxied = request("10.0.0.1:5000", Some("1.2.3.4, 198.51.100.7"));
        assert_eq!(
            client_addr(&proxied, Some(proxy)).0.to_string(),
            "198.51.100.7"
        );
        assert_eq!(client_addr(&proxied, None).0.to_string(), "10.0.0.1");
        let v6 = ClientAddr("2001:db8:1:2:aaaa::1".parse().unwrap());
        assert_eq!(v6.limit_key(), "2001:db8:1:2::/64");
    }
}
