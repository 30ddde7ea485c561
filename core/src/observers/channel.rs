//! One listener's delivery: in order, never two calls at once, the first call
//! always the current value, and safe when the listener calls back into the
//! core (which queues a new value while the listener runs).
//!
//! Whoever finds the channel idle delivers, on its own thread, until the queue
//! is empty; other threads only queue. Until it is primed with the current
//! value, changes queue behind it.

use std::collections::VecDeque;
use std::sync::Mutex;

pub struct Channel<E> {
    listener: Box<dyn Fn(E) + Send + Sync>,
    state: Mutex<State<E>>,
}

struct State<E> {
    pending: VecDeque<E>,
    primed: bool,
    delivering: bool,
    closed: bool,
}

impl<E> Channel<E> {
    pub fn new(listener: impl Fn(E) + Send + Sync + 'static) -> Self {
        Self {
            listener: Box::new(listener),
            state: Mutex::new(State {
                pending: VecDeque::new(),
                primed: false,
                delivering: false,
                closed: false,
            }),
        }
    }

    /// Deliver the current value first, then whatever queued meanwhile.
    pub fn prime(&self, current: E) {
        let mut state = self.lock();
        state.pending.push_front(current);
        state.primed = true;
        self.drain(state);
    }

    pub fn send(&self, event: E) {
        let mut state = self.lock();
        if state.closed {
            return;
        }
        state.pending.push_back(event);
        self.drain(state);
    }

    /// No more calls after the one in progress (if any).
    pub fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.pending.clear();
    }

    fn drain<'a>(&'a self, mut state: std::sync::MutexGuard<'a, State<E>>) {
        if state.delivering || !state.primed {
            return;
        }
        state.delivering = true;
        while let Some(event) = state.pending.pop_front() {
            drop(state);
            // A panicking listener must not poison delivery for the others.
            let delivered =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.listener)(event)));
            if delivered.is_err() {
                tracing::error!("an observer panicked; its call was skipped");
            }
            state = self.lock();
        }
        state.delivering = false;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<E>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn the_current_value_comes_first_and_order_is_kept() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let channel = Channel::new(move |n: u32| sink.lock().unwrap().push(n));
        channel.send(2);
        channel.send(3);
        assert!(seen.lock().unwrap().is_empty(), "nothing before priming");
        channel.prime(1);
        channel.send(4);
        assert_eq!(*seen.lock().unwrap(), [1, 2, 3, 4]);
        channel.close();
        channel.send(5);
        assert_eq!(seen.lock().unwrap().len(), 4);
    }

    #[test]
    fn a_listener_that_sends_again_does_not_deadlock() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let channel: Arc<Mutex<Option<Arc<Channel<u32>>>>> = Arc::new(Mutex::new(None));
        let (sink, again) = (Arc::clone(&seen), Arc::clone(&channel));
        let created = Arc::new(Channel::new(move |n: u32| {
            sink.lock().unwrap().push(n);
            if n == 1 {
                let me = again.lock().unwrap().clone().unwrap();
                me.send(2);
                // Queued, not delivered inside this call.
                assert_eq!(sink.lock().unwrap().len(), 1);
            }
        }));
        *channel.lock().unwrap() = Some(Arc::clone(&created));
        created.prime(1);
        assert_eq!(*seen.lock().unwrap(), [1, 2]);
    }
}
