//! A fault-injection proxy for HTTP/1.1 on loopback, between the core and the
//! reference city server (docs/sync.md, "Fault proxy").
//!
//! Every request on every client connection gets a fault drawn from a seeded
//! schedule ([`FaultPlan`]): dropped or reset mid-upload, stalled, answered
//! `500`/`502`/`503`/`429` by the proxy itself, its answer truncated, or its
//! answer lost after the server committed. Independently, each direction can
//! carry a one-way latency and a bandwidth cap ([`link`]), which is what the
//! sync benchmark measures against.
//!
//! - [`schedule`]: the faults and the seeded draw;
//! - [`http`]: where a request or an answer ends on the wire;
//! - [`link`]: latency and bandwidth of one direction;
//! - [`connection`]: one client connection, request by request;
//! - [`stats`]: what happened, for assertions and tables.

mod connection;
mod http;
mod link;
pub mod schedule;
pub mod stats;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

pub use schedule::{Fault, FaultPlan, Rng};
pub use stats::Counts;

use crate::stats::Counters;

#[derive(Debug, Clone)]
pub struct ProxyConfig {
    /// The real server.
    pub upstream: SocketAddr,
    /// Seeds the fault schedule (see [`schedule`]).
    pub seed: u64,
    pub plan: FaultPlan,
    /// One-way delay client → server and server → client. A new connection
    /// also waits one round trip before its first byte (the TCP handshake).
    pub latency_up: Duration,
    pub latency_down: Duration,
    /// Bytes per second client → server / server → client (`None`: unlimited).
    pub bandwidth_up: Option<u64>,
    pub bandwidth_down: Option<u64>,
    /// `Retry-After` on the proxy's own `503` and `429`, in seconds.
    pub retry_after_seconds: u64,
    /// When set, the proxy's own answers carry a `Date` this many seconds off
    /// the real clock, and `Retry-After` as an HTTP date relative to it (a
    /// server whose clock disagrees with the phone's).
    pub answer_clock_skew_seconds: Option<i64>,
    /// A stalled connection is let go after this, if the client has not given up.
    pub stall_cap: Duration,
}

impl ProxyConfig {
    /// A plain relay to `upstream`: no faults, no latency, no cap.
    pub fn new(upstream: SocketAddr) -> Self {
        ProxyConfig {
            upstream,
            seed: 1,
            plan: FaultPlan::clean(),
            latency_up: Duration::ZERO,
            latency_down: Duration::ZERO,
            bandwidth_up: None,
            bandwidth_down: None,
            retry_after_seconds: 1,
            answer_clock_skew_seconds: None,
            stall_cap: Duration::from_secs(300),
        }
    }

    /// The same latency both ways, adding up to `round_trip`.
    pub fn with_round_trip(mut self, round_trip: Duration) -> Self {
        self.latency_up = round_trip / 2;
        self.latency_down = round_trip - round_trip / 2;
        self
    }
}

#[derive(Debug)]
pub(crate) struct Shared {
    pub config: ProxyConfig,
    pub counters: Counters,
    pub faults_on: AtomicBool,
}

/// A running proxy on `127.0.0.1`, ephemeral port. Dropping it stops it and
/// closes every connection it holds.
#[derive(Debug)]
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FaultProxy {
    /// Listen and relay to `config.upstream`. Faults are on from the start.
    pub async fn start(config: ProxyConfig) -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            config,
            counters: Counters::default(),
            faults_on: AtomicBool::new(true),
        });
        let accepting = shared.clone();
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            let mut index = 0u64;
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((client, _)) = accepted else { continue };
                        index += 1;
                        Counters::add(&accepting.counters.connections);
                        connections.spawn(connection::serve(client, accepting.clone(), index));
                    }
                    Some(_) = connections.join_next(), if !connections.is_empty() => {}
                }
            }
        });
        Ok(FaultProxy { addr, shared, task })
    }

    /// `http://127.0.0.1:PORT`: give this to the core as the city's address.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Turn fault injection on or off (latency and bandwidth stay).
    pub fn set_faults(&self, on: bool) {
        self.shared.faults_on.store(on, Ordering::SeqCst);
    }

    pub fn counts(&self) -> Counts {
        self.shared.counters.snapshot()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}
