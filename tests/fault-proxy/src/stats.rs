//! What the proxy saw and did, for the tests' assertions and the benchmark's table.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::schedule::Fault;

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub connections: AtomicU64,
    pub requests: AtomicU64,
    pub answers: AtomicU64,
    pub upstream_errors: AtomicU64,
    pub faults: [AtomicU64; Fault::ALL.len()],
    pub bytes_up: Arc<AtomicU64>,
    pub bytes_down: Arc<AtomicU64>,
}

impl Counters {
    pub fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Counts {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        Counts {
            connections: get(&self.connections),
            requests: get(&self.requests),
            answers: get(&self.answers),
            upstream_errors: get(&self.upstream_errors),
            bytes_up: get(&self.bytes_up),
            bytes_down: get(&self.bytes_down),
            faults: Fault::ALL
                .iter()
                .map(|f| (*f, get(&self.faults[f.index()])))
                .collect(),
        }
    }
}

/// A snapshot of the counters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Client connections accepted.
    pub connections: u64,
    /// Requests read from clients (whole heads).
    pub requests: u64,
    /// Answers passed back whole (the server's or the proxy's own).
    pub answers: u64,
    /// The server could not be reached or broke off (not injected).
    pub upstream_errors: u64,
    /// Bytes delivered to the server / to the client.
    pub bytes_up: u64,
    pub bytes_down: u64,
    /// Requests per fault drawn (`Fault::None` included).
    pub faults: Vec<(Fault, u64)>,
}

impl Counts {
    pub fn of(&self, fault: Fault) -> u64 {
        self.faults
            .iter()
            .find(|(f, _)| *f == fault)
            .map_or(0, |(_, n)| *n)
    }

    /// Requests that got any fault.
    pub fn faulty(&self) -> u64 {
        self.faults
            .iter()
            .filter(|(f, _)| *f != Fault::None)
            .map(|(_, n)| n)
            .sum()
    }

    /// What happened after `earlier` was taken.
    pub fn since(&self, earlier: &Counts) -> Counts {
        Counts {
            connections: self.connections - earlier.connections,
            requests: self.requests - earlier.requests,
            answers: self.answers - earlier.answers,
            upstream_errors: self.upstream_errors - earlier.upstream_errors,
            bytes_up: self.bytes_up - earlier.bytes_up,
            bytes_down: self.bytes_down - earlier.bytes_down,
            faults: self
                .faults
                .iter()
                .map(|(f, n)| (*f, n - earlier.of(*f)))
                .collect(),
        }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} connections, {} requests, {} answers passed back, {} upstream errors, {} B up, {} B down",
            self.connections,
            self.requests,
            self.answers,
            self.upstream_errors,
            self.bytes_up,
            self.bytes_down
        )?;
        for (fault, n) in &self.faults {
            writeln!(f, "  {:<26} {n:>6}", fault.name())?;
        }
        Ok(())
    }
}
