//! Each fault does what docs/sync.md's table says, seen from both ends: a raw
//! client on one side, a minimal HTTP server counting the requests it received
//! whole on the other.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use ihanoi_fault_proxy::{Fault, FaultPlan, FaultProxy, ProxyConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ANSWER: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 26\r\n\r\n[{\"service_request_id\":1}]";

/// Answers every whole request with [`ANSWER`]; counts the requests it read whole.
async fn counting_server() -> (std::net::SocketAddr, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let whole = Arc::new(AtomicU64::new(0));
    let counter = whole.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 16 * 1024];
                loop {
                    let Ok(n) = socket.read(&mut chunk).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                    let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .map_or(0, |v| v.trim().parse().unwrap());
                    if buffer.len() < end + 4 + length {
                        continue;
                    }
                    buffer.drain(..end + 4 + length);
                    counter.fetch_add(1, Ordering::SeqCst);
                    if socket.write_all(ANSWER).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (addr, whole)
}

/// What the client got back: the bytes, and how the connection ended.
struct Outcome {
    bytes: Vec<u8>,
    reset: bool,
    silent: bool,
}

/// Send one 100 KB POST through a proxy that always applies `fault`.
async fn one_request(fault: Fault) -> (Outcome, u64) {
    let (server, whole) = counting_server().await;
    let proxy = FaultProxy::start(ProxyConfig {
        plan: FaultPlan::only(fault, 100),
        retry_after_seconds: 7,
        ..ProxyConfig::new(server)
    })
    .await
    .unwrap();
    let mut client = TcpStream::connect(proxy.addr()).await.unwrap();
    let body = vec![b'x'; 100 * 1024];
    let head = format!(
        "POST /requests.json HTTP/1.1\r\nHost: city\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut outcome = Outcome {
        bytes: Vec::new(),
        reset: false,
        silent: false,
    };
    let sent = async {
        client.write_all(head.as_bytes()).await?;
        client.write_all(&body).await
    }
    .await;
    if let Err(error) = sent {
        outcome.reset = error.kind() == std::io::ErrorKind::ConnectionReset;
    }
    let mut chunk = [0u8; 4096];
    loop {
        // A stalled proxy says nothing; the client gives up, as the core would.
        match tokio::time::timeout(Duration::from_millis(500), client.read(&mut chunk)).await {
            Err(_) => {
                outcome.silent = true;
                break;
            }
            Ok(Ok(0)) => break,
            Ok(Ok(n)) => {
                outcome.bytes.extend_from_slice(&chunk[..n]);
                if outcome.bytes.ends_with(b"}]") || outcome.bytes.ends_with(b"</html>") {
                    break;
                }
            }
            Ok(Err(error)) => {
                outcome.reset |= error.kind() == std::io::ErrorKind::ConnectionReset;
                break;
            }
        }
    }
    assert_eq!(proxy.counts().of(fault), 1);
    (outcome, whole.load(Ordering::SeqCst))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_fault_relays_the_request_and_the_answer() {
    let (outcome, whole) = one_request(Fault::None).await;
    assert_eq!(outcome.bytes, ANSWER);
    assert_eq!(whole, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drops_and_resets_cut_the_upload_before_the_server_has_it() {
    let (dropped, whole) = one_request(Fault::DropMidUpload).await;
    assert!(dropped.bytes.is_empty() && !dropped.silent);
    assert_eq!(whole, 0, "the server never got the whole request");
    let (reset, whole) = one_request(Fault::Reset).await;
    assert!(reset.bytes.is_empty() && reset.reset, "RST");
    assert_eq!(whole, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stall_says_nothing() {
    let (outcome, whole) = one_request(Fault::Stall).await;
    assert!(outcome.silent && outcome.bytes.is_empty());
    assert!(
        whole <= 1,
        "the request may or may not have reached the server"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_answers_errors_itself_without_forwarding() {
    for (fault, status, retry_after) in [
        (Fault::ServerError, "500", false),
        (Fault::BadGateway, "502", false),
        (Fault::Unavailable, "503", true),
        (Fault::TooManyRequests, "429", true),
    ] {
        let (outcome, whole) = one_request(fault).await;
        let answer = text(&outcome.bytes);
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} ")),
            "{answer}"
        );
        assert_eq!(
            answer.contains("Retry-After: 7\r\n"),
            retry_after,
            "{answer}"
        );
        assert_eq!(whole, 0, "{status}: not forwarded");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_and_lost_answers_come_after_the_server_has_the_request() {
    let (truncated, whole) = one_request(Fault::TruncatedAnswer).await;
    assert!(truncated.bytes.len() < ANSWER.len());
    assert!(ANSWER.starts_with(&truncated.bytes));
    assert_eq!(whole, 1);
    let (lost, whole) = one_request(Fault::LostAnswer).await;
    assert!(lost.bytes.is_empty() && !lost.silent);
    assert_eq!(whole, 1, "the server committed; the client never heard");
}
