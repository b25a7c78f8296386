//! Limits on guessing codes from one address: after too many failed logins in a window, the
//! address is refused until the window has passed. With SSH's per-connection limit and the fixed
//! delay after each failure, this bounds how fast anyone can try codes.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Failed logins allowed from one address within [`WINDOW`].
pub const MAX_FAILURES: u32 = 10;
pub const WINDOW: Duration = Duration::from_secs(300);

#[derive(Debug, Default)]
pub struct Limiter {
    failures: HashMap<IpAddr, (Instant, u32)>,
}

impl Limiter {
    /// Whether `addr` may try a code now.
    pub fn allows(&mut self, addr: IpAddr, now: Instant) -> bool {
        match self.failures.get(&addr) {
            Some((since, n)) if now.duration_since(*since) < WINDOW => *n < MAX_FAILURES,
            Some(_) => {
                self.failures.remove(&addr);
                true
            }
            None => true,
        }
    }

    pub fn failed(&mut self, addr: IpAddr, now: Instant) {
        // Forget stale entries now and then, so the table stays small.
        if self.failures.len() > 4096 {
            self.failures
                .retain(|_, (since, _)| now.duration_since(*since) < WINDOW);
        }
        let entry = self.failures.entry(addr).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }

    /// A successful login clears the address's count (a trainee who mistyped twice is not
    /// punished later).
    pub fn succeeded(&mut self, addr: IpAddr) {
        self.failures.remove(&addr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_refused_after_too_many_failures_until_the_window_passes() {
        let mut l = Limiter::default();
        let a: IpAddr = "127.0.0.2".parse().unwrap();
        let b: IpAddr = "127.0.0.3".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES {
            assert!(l.allows(a, t0));
            l.failed(a, t0);
        }
        assert!(!l.allows(a, t0 + Duration::from_secs(1)));
        assert!(l.allows(b, t0), "other addresses are not affected");
        assert!(l.allows(a, t0 + WINDOW));
    }

    #[test]
    fn success_clears_the_count() {
        let mut l = Limiter::default();
        let a: IpAddr = "::1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            l.failed(a, t0);
        }
        l.succeeded(a);
        l.failed(a, t0);
        assert!(l.allows(a, t0));
    }
}
