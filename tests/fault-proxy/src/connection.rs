//! One client connection, request by request: read the request, draw its
//! fault, and relay (or not) through the two links. The server connection is
//! opened on the first forwarded request and kept while both sides keep theirs.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::Shared;
use crate::http::{BodyFraming, Head, MessageReader};
use crate::link::Link;
use crate::schedule::{Fault, Rng};
use crate::stats::Counters;

struct Server {
    stream: TcpStream,
    reader: MessageReader,
}

pub(crate) async fn serve(mut client: TcpStream, shared: Arc<Shared>, index: u64) {
    let config = &shared.config;
    let counters = &shared.counters;
    let accepted = Instant::now();
    let round_trip = config.latency_up + config.latency_down;
    let mut rng = Rng::for_connection(config.seed, index);
    // The client's first byte can leave only after the handshake's round trip.
    let mut up = Link::new(
        config.latency_up,
        config.bandwidth_up,
        accepted + round_trip,
        counters.bytes_up.clone(),
    );
    let mut down = Link::new(
        config.latency_down,
        config.bandwidth_down,
        accepted,
        counters.bytes_down.clone(),
    );
    let _ = client.set_nodelay(true);
    let mut from_client = MessageReader::default();
    let mut server: Option<Server> = None;

    loop {
        let Ok(Some(head)) = from_client.head(&mut client, None).await else {
            return;
        };
        Counters::add(&counters.requests);
        let fault = if shared.faults_on.load(Ordering::SeqCst) {
            config.plan.draw(&mut rng)
        } else {
            Fault::None
        };
        Counters::add(&counters.faults[fault.index()]);

        match fault {
            Fault::DropMidUpload | Fault::Reset | Fault::Stall => {
                let body_length = match head.framing {
                    BodyFraming::Length(n) => n,
                    _ => 0,
                };
                let total = head.bytes.len() + body_length;
                // A stall may also come after the whole request (the server
                // answers, nobody hears it); a drop always cuts it short.
                let cut = match fault {
                    Fault::Stall => rng.below(total as u64 + 1),
                    _ => rng.below(total as u64),
                } as usize;
                let wanted = cut.saturating_sub(head.bytes.len());
                let Ok(body) = from_client.body(&mut client, &head, wanted).await else {
                    return;
                };
                let mut partial = head.bytes;
                partial.extend_from_slice(&body);
                partial.truncate(cut);
                if cut > 0
                    && let Some(server) = connect(&shared, &mut server).await
                {
                    let _ = up.send(&mut server.stream, &partial, Instant::now()).await;
                }
                match fault {
                    Fault::Reset => {
                        // Abortive close: RST, whatever the client still sends.
                        let _ = client.set_zero_linger();
                    }
                    Fault::Stall => {
                        // Silence until the client gives up (its timeout).
                        let _ =
                            tokio::time::timeout(config.stall_cap, from_client.drain(&mut client))
                                .await;
                    }
                    _ => {
                        let _ = client.shutdown().await;
                    }
                }
                return;
            }
            Fault::ServerError
            | Fault::BadGateway
            | Fault::Unavailable
            | Fault::TooManyRequests => {
                let Ok(body) = from_client.body(&mut client, &head, usize::MAX).await else {
                    return;
                };
                let arrival = Instant::now();
                let reached = up.pass(head.bytes.len() + body.len(), arrival).await;
                let answer = canned_answer(fault, &shared, head.close);
                if down.send(&mut client, &answer, reached).await.is_err() {
                    return;
                }
                Counters::add(&counters.answers);
                if head.close {
                    return;
                }
            }
            Fault::None | Fault::TruncatedAnswer | Fault::LostAnswer => {
                let Ok(body) = from_client.body(&mut client, &head, usize::MAX).await else {
                    return;
                };
                let arrival = Instant::now();
                let client_closes = head.close;
                let method = head.method.clone();
                let mut request = head.bytes;
                request.extend_from_slice(&body);
                let Some((answer_head, answer)) =
                    exchange(&shared, &mut server, &mut up, &request, arrival, &method).await
                else {
                    Counters::add(&counters.upstream_errors);
                    return;
                };
                let answered = Instant::now();
                if answer_head.close {
                    server = None;
                }
                match fault {
                    Fault::TruncatedAnswer => {
                        let head_length = answer_head.bytes.len();
                        let cut = if answer.len() > head_length {
                            head_length + rng.below((answer.len() - head_length) as u64) as usize
                        } else {
                            rng.below(head_length as u64) as usize
                        };
                        let _ = down.send(&mut client, &answer[..cut], answered).await;
                        let _ = client.shutdown().await;
                        return;
                    }
                    Fault::LostAnswer => {
                        let _ = client.shutdown().await;
                        return;
                    }
                    _ => {
                        if down.send(&mut client, &answer, answered).await.is_err() {
                            return;
                        }
                        Counters::add(&counters.answers);
                        if client_closes || answer_head.close {
                            return;
                        }
                    }
                }
            }
        }
    }
}

/// The server connection, opened if there is none.
async fn connect<'a>(shared: &Shared, server: &'a mut Option<Server>) -> Option<&'a mut Server> {
    if server.is_none() {
        let stream = TcpStream::connect(shared.config.upstream).await.ok()?;
        let _ = stream.set_nodelay(true);
        *server = Some(Server {
            stream,
            reader: MessageReader::default(),
        });
    }
    server.as_mut()
}

/// Forward `request` and read the server's whole answer (head, and head + body).
async fn exchange(
    shared: &Shared,
    server: &mut Option<Server>,
    up: &mut Link,
    request: &[u8],
    arrival: Instant,
    method: &str,
) -> Option<(Head, Vec<u8>)> {
    let result = async {
        let connection = connect(shared, server).await?;
        up.send(&mut connection.stream, request, arrival)
            .await
            .ok()?;
        let head = connection
            .reader
            .head(&mut connection.stream, Some(method))
            .await
            .ok()??;
        let body = connection
            .reader
            .body(&mut connection.stream, &head, usize::MAX)
            .await
            .ok()?;
        let mut answer = head.bytes.clone();
        answer.extend_from_slice(&body);
        Some((head, answer))
    }
    .await;
    if result.is_none() {
        *server = None;
    }
    result
}

/// The proxy's own answer for `fault`, as a load balancer or the API would give it.
fn canned_answer(fault: Fault, shared: &Shared, close: bool) -> Vec<u8> {
    let config = &shared.config;
    let (status, content_type, body, retry_after) = match fault {
        Fault::ServerError => (
            "500 Internal Server Error",
            "application/json",
            r#"[{"code":500,"description":"Lỗi máy chủ. — Server error.","reason":"internal"}]"#,
            false,
        ),
        Fault::BadGateway => (
            "502 Bad Gateway",
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
            false,
        ),
        Fault::Unavailable => (
            "503 Service Unavailable",
            "text/plain",
            "Service Unavailable",
            true,
        ),
        _ => (
            "429 Too Many Requests",
            "application/json",
            r#"[{"code":429,"description":"Quá nhiều yêu cầu. — Too many requests.","reason":"rate_limited"}]"#,
            true,
        ),
    };
    let mut headers = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}; charset=utf-8\r\nContent-Length: {}\r\nConnection: {}\r\n",
        body.len(),
        if close { "close" } else { "keep-alive" }
    );
    let wait = Duration::from_secs(config.retry_after_seconds);
    match config.answer_clock_skew_seconds {
        Some(skew) => {
            let server_now = shift(SystemTime::now(), skew);
            headers.push_str(&format!("Date: {}\r\n", http_date(server_now)));
            if retry_after {
                headers.push_str(&format!(
                    "Retry-After: {}\r\n",
                    http_date(server_now + wait)
                ));
            }
        }
        None => {
            headers.push_str(&format!("Date: {}\r\n", http_date(SystemTime::now())));
            if retry_after {
                headers.push_str(&format!("Retry-After: {}\r\n", wait.as_secs()));
            }
        }
    }
    headers.push_str("\r\n");
    headers.push_str(body);
    headers.into_bytes()
}

fn shift(time: SystemTime, seconds: i64) -> SystemTime {
    let by = Duration::from_secs(seconds.unsigned_abs());
    if seconds >= 0 { time + by } else { time - by }
}

/// IMF-fixdate (`Thu, 26 Nov 2026 08:00:00 GMT`), RFC 9110 § 5.6.7.
fn http_date(time: SystemTime) -> String {
    httpdate::fmt_http_date(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_are_imf_fixdate() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_680_000);
        assert_eq!(http_date(at), "Thu, 26 Nov 2026 08:00:00 GMT");
        assert_eq!(
            http_date(shift(at, -9 * 3600)),
            "Wed, 25 Nov 2026 23:00:00 GMT"
        );
    }
}
