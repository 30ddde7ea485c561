//! Which fault hits which request: a weighted draw from a seeded generator, one
//! generator per connection (seeded from the run's seed and the connection's
//! number), one draw per request on it. The same seed and the same order of
//! connections give the same schedule.

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Forward the request, pass the answer back.
    None,
    /// Forward part of the request, then close both sides (FIN): the server
    /// sees a truncated body, the client a connection that ended.
    DropMidUpload,
    /// Forward part of the request, then reset the client's connection (RST,
    /// `SO_LINGER` 0) and close the server's.
    Reset,
    /// Forward part (or all) of the request, then go silent until the client
    /// gives up: no byte in either direction.
    Stall,
    /// Answer `500` with the API's error array, without forwarding.
    ServerError,
    /// Answer `502` with an HTML page (what a load balancer says), without forwarding.
    BadGateway,
    /// Answer `503` with `Retry-After` and a plain-text body, without forwarding.
    Unavailable,
    /// Answer `429 rate_limited` with `Retry-After`, without forwarding.
    TooManyRequests,
    /// Forward the request, let the server answer, pass back only part of the
    /// answer's body, close.
    TruncatedAnswer,
    /// Forward the request, let the server answer (it committed), close the
    /// client's connection without passing anything back.
    LostAnswer,
}

impl Fault {
    pub const ALL: [Fault; 10] = [
        Fault::None,
        Fault::DropMidUpload,
        Fault::Reset,
        Fault::Stall,
        Fault::ServerError,
        Fault::BadGateway,
        Fault::Unavailable,
        Fault::TooManyRequests,
        Fault::TruncatedAnswer,
        Fault::LostAnswer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Fault::None => "none",
            Fault::DropMidUpload => "drop mid-upload",
            Fault::Reset => "reset (RST)",
            Fault::Stall => "stall",
            Fault::ServerError => "500",
            Fault::BadGateway => "502 (HTML)",
            Fault::Unavailable => "503 + Retry-After",
            Fault::TooManyRequests => "429 + Retry-After",
            Fault::TruncatedAnswer => "truncated answer",
            Fault::LostAnswer => "answer lost after commit",
        }
    }

    pub(crate) fn index(self) -> usize {
        Fault::ALL
            .iter()
            .position(|f| *f == self)
            .expect("every fault is in ALL")
    }
}

/// Weights of the faults; a request gets fault `f` with probability
/// `weight(f) / sum of weights`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultPlan {
    weights: Vec<(Fault, u32)>,
}

impl FaultPlan {
    /// No faults: a plain relay (with whatever latency and bandwidth is set).
    pub fn clean() -> Self {
        FaultPlan {
            weights: vec![(Fault::None, 1)],
        }
    }

    /// About `fault_percent` % of requests get a fault, spread over every kind.
    pub fn every_fault(fault_percent: u32) -> Self {
        // In units of 1/11 000: the nine faults share 11 parts, the two that
        // matter most for exactly-once (a lost answer after the commit, a drop
        // mid-upload) get two parts each, the others one.
        let faulty = fault_percent.min(100) * 110;
        let mut plan = FaultPlan {
            weights: vec![(Fault::None, 11_000 - faulty)],
        };
        for fault in &Fault::ALL[1..] {
            let parts = match fault {
                Fault::LostAnswer | Fault::DropMidUpload => 2,
                _ => 1,
            };
            plan.weights.push((*fault, faulty / 11 * parts));
        }
        plan
    }

    /// Only `fault`, with probability `percent` %.
    pub fn only(fault: Fault, percent: u32) -> Self {
        let percent = percent.min(100);
        FaultPlan {
            weights: vec![(Fault::None, 100 - percent), (fault, percent)],
        }
    }

    /// Change one fault's weight (the unit is the other weights' unit).
    pub fn with_weight(mut self, fault: Fault, weight: u32) -> Self {
        self.weights.retain(|(f, _)| *f != fault);
        self.weights.push((fault, weight));
        self
    }

    pub(crate) fn draw(&self, rng: &mut Rng) -> Fault {
        let total: u64 = self.weights.iter().map(|(_, w)| u64::from(*w)).sum();
        if total == 0 {
            return Fault::None;
        }
        let mut pick = rng.below(total);
        for (fault, weight) in &self.weights {
            let weight = u64::from(*weight);
            if pick < weight {
                return *fault;
            }
            pick -= weight;
        }
        Fault::None
    }
}

/// SplitMix64: small, seedable, good enough to spread faults, cut points and
/// the crash test's kill times (not for anything secret).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The generator of connection `index` in a run seeded with `seed`.
    pub fn for_connection(seed: u64, index: u64) -> Self {
        let mut mixer = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Rng(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0; 0 gives 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_spreads_about_the_asked_share_over_every_kind() {
        let plan = FaultPlan::every_fault(30);
        let mut rng = Rng::new(7);
        let mut counts = [0u32; 10];
        for _ in 0..100_000 {
            counts[plan.draw(&mut rng).index()] += 1;
        }
        let faulty: u32 = counts[1..].iter().sum();
        assert!((25_000..35_000).contains(&faulty), "{faulty}");
        assert!(counts[1..].iter().all(|&c| c > 1000), "{counts:?}");
        assert_eq!(FaultPlan::clean().draw(&mut rng), Fault::None);
    }

    #[test]
    fn the_same_seed_gives_the_same_schedule() {
        let plan = FaultPlan::every_fault(50);
        let draw = |seed| {
            let mut rng = Rng::for_connection(seed, 3);
            (0..50).map(|_| plan.draw(&mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(draw(11), draw(11));
        assert_ne!(draw(11), draw(12));
    }
}
