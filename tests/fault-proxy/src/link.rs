//! One direction of the emulated network: bytes are serialised onto the link
//! at the capped rate (a token bucket without burst) and arrive after the
//! one-way latency. Delivery times are computed from the model, not from when
//! the proxy's timers happened to fire, so timer lateness never accumulates.
//!
//! This is an application-level model: TCP's own dynamics over a real path
//! (slow start, loss recovery) are not reproduced.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

/// Bytes handed to the peer per write: fine enough for a smooth rate, coarse
/// enough not to spend the run in timers.
const SLICE: usize = 16 * 1024;

#[derive(Debug)]
pub(crate) struct Link {
    latency: Duration,
    bytes_per_second: Option<u64>,
    /// When the link has finished serialising what it was given so far.
    free_at: Instant,
    delivered: Arc<AtomicU64>,
}

impl Link {
    pub fn new(
        latency: Duration,
        bytes_per_second: Option<u64>,
        not_before: Instant,
        delivered: Arc<AtomicU64>,
    ) -> Self {
        Link {
            latency,
            bytes_per_second,
            free_at: not_before,
            delivered,
        }
    }

    /// When `len` bytes handed over at `arrival` reach the far end.
    pub fn schedule(&mut self, len: usize, arrival: Instant) -> Instant {
        let start = arrival.max(self.free_at);
        let serialise = match self.bytes_per_second {
            Some(rate) if rate > 0 => Duration::from_secs_f64(len as f64 / rate as f64),
            _ => Duration::ZERO,
        };
        self.free_at = start + serialise;
        self.free_at + self.latency
    }

    /// Carry `bytes` (all handed over at `arrival`) to `to`.
    pub async fn send<W: AsyncWrite + Unpin>(
        &mut self,
        to: &mut W,
        bytes: &[u8],
        arrival: Instant,
    ) -> io::Result<()> {
        for slice in bytes.chunks(SLICE) {
            let at = self.schedule(slice.len(), arrival);
            tokio::time::sleep_until(at).await;
            to.write_all(slice).await?;
            self.delivered
                .fetch_add(slice.len() as u64, Ordering::Relaxed);
        }
        to.flush().await
    }

    /// Wait as if `len` bytes handed over at `arrival` crossed the link, without
    /// writing them anywhere (a request answered by the proxy itself).
    pub async fn pass(&mut self, len: usize, arrival: Instant) -> Instant {
        let at = self.schedule(len, arrival);
        tokio::time::sleep_until(at).await;
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialisation_then_latency_and_back_to_back_messages_queue() {
        let t0 = Instant::now();
        let mut link = Link::new(
            Duration::from_millis(25),
            Some(1000),
            t0,
            Arc::new(AtomicU64::new(0)),
        );
        // 500 bytes at 1000 B/s: 0.5 s on the wire, then 25 ms of flight.
        assert_eq!(link.schedule(500, t0), t0 + Duration::from_millis(525));
        // Handed over at once behind it: waits for the link.
        assert_eq!(link.schedule(500, t0), t0 + Duration::from_millis(1025));
        // Handed over after the link went idle: starts when handed over.
        let later = t0 + Duration::from_secs(5);
        assert_eq!(link.schedule(0, later), later + Duration::from_millis(25));
    }
}
