//! The deadline of a hook call: a watchdog thread that answers for a stuck hook.
//!
//! The hook does its work on the calling thread (a worker thread would cost every call a
//! new malloc arena and its page faults). The watchdog only sleeps until the current
//! stage's due time; if the work is still running then (stdin left open, an analysis
//! that takes too long), it builds the fail-closed answer from what the work has
//! published so far and hands it to the caller's `on_timeout`, which in the binary
//! writes it, logs it and exits the process.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What the watchdog knows about the running work.
struct State<M, R> {
    /// The latest facts the work published (used to build the fail-closed answer).
    meta: M,
    /// When the current stage must be done...
    due: Instant,
    /// ...and what the answer says if it is not.
    overrun: String,
    phase: Phase<R>,
}

enum Phase<R> {
    Working,
    /// The work finished first; the watchdog stands down.
    Finished,
    /// The watchdog fired; `on_timeout` is running.
    Firing,
    /// The watchdog fired and `on_timeout` returned with this answer.
    Fired(R),
}

/// Shared between the work (through [`Watch`]) and the watchdog thread.
type Shared<M, R> = Arc<(Mutex<State<M, R>>, Condvar)>;

fn lock<M, R>(shared: &Shared<M, R>) -> MutexGuard<'_, State<M, R>> {
    // Nothing panics while holding the lock; recover the data if something ever does.
    shared.0.lock().unwrap_or_else(|e| e.into_inner())
}

/// The work's handle on its deadline.
pub struct Watch<M, R> {
    shared: Shared<M, R>,
}

/// Starts the watchdog. `first_due` and `overrun` describe the first stage; `fire` turns
/// the published facts and the overrun reason into the answer, and `on_timeout` delivers
/// it. `Err` when the thread cannot be started.
pub fn start<M, R>(
    meta: M,
    first_due: Duration,
    overrun: String,
    fire: impl FnOnce(&M, &str) -> R + Send + 'static,
    on_timeout: impl FnOnce(R) -> R + Send + 'static,
) -> std::io::Result<Watch<M, R>>
where
    M: Send + 'static,
    R: Send + 'static,
{
    let shared: Shared<M, R> = Arc::new((
        Mutex::new(State {
            meta,
            due: Instant::now() + first_due,
            overrun,
            phase: Phase::Working,
        }),
        Condvar::new(),
    ));
    let theirs = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("vibeguard-watchdog".into())
        .stack_size(64 * 1024)
        .spawn(move || watch(theirs, fire, on_timeout))?;
    Ok(Watch { shared })
}

fn watch<M, R>(
    shared: Shared<M, R>,
    fire: impl FnOnce(&M, &str) -> R,
    on_timeout: impl FnOnce(R) -> R,
) {
    let mut state = lock(&shared);
    loop {
        if !matches!(state.phase, Phase::Working) {
            return;
        }
        let now = Instant::now();
        if now >= state.due {
            break;
        }
        let wait = state.due - now;
        state = shared
            .1
            .wait_timeout(state, wait)
            .map(|(guard, _)| guard)
            .unwrap_or_else(|e| e.into_inner().0);
    }
    let answer = fire(&state.meta, &state.overrun);
    state.phase = Phase::Firing;
    drop(state);
    let answer = on_timeout(answer);
    lock(&shared).phase = Phase::Fired(answer);
    shared.1.notify_all();
}

impl<M: Clone, R> Watch<M, R> {
    /// Publishes what the work knows so far (the answer on a timeout is built from it).
    pub fn publish(&self, meta: &M) {
        lock(&self.shared).meta = meta.clone();
    }

    /// Starts the next stage: it must be done within `within`, else `overrun`.
    pub fn next_stage(&self, meta: &M, within: Duration, overrun: String) {
        let mut state = lock(&self.shared);
        state.meta = meta.clone();
        state.due = Instant::now() + within;
        state.overrun = overrun;
        drop(state);
        // The watchdog may be asleep until the old due time; let it see the new one.
        self.shared.1.notify_all();
    }

    /// The last published facts (for an answer after a caught panic).
    pub fn meta(&self) -> M {
        lock(&self.shared).meta.clone()
    }

    /// Ends the work: `Ok(())` when it finished in time (the watchdog stands down), or the
    /// watchdog's answer when it already fired (waiting for `on_timeout` to return; in
    /// the binary it exits the process instead, and this never returns).
    pub fn finish(self) -> Result<(), R> {
        let mut state = lock(&self.shared);
        loop {
            match std::mem::replace(&mut state.phase, Phase::Finished) {
                Phase::Working => {
                    // Wake the watchdog so it stands down now rather than at the due time.
                    drop(state);
                    self.shared.1.notify_all();
                    return Ok(());
                }
                Phase::Fired(answer) => return Err(answer),
                other => {
                    state.phase = other;
                    state = self.shared.1.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn work_that_finishes_in_time_is_never_answered_for() {
        let (tx, rx) = mpsc::channel::<String>();
        // A due time no scheduler delay reaches: finishing first is certain, and the
        // watchdog must then stand down at once rather than fire later.
        let watch = start(
            0u32,
            Duration::from_secs(60),
            "too slow".to_string(),
            |m, why| format!("{m}: {why}"),
            move |a| {
                let _ = tx.send(a.clone());
                a
            },
        )
        .unwrap();
        watch.publish(&1);
        assert_eq!(watch.finish(), Ok(()));
        // The watchdog thread ends without answering: its `on_timeout` (holding the
        // sender) is dropped, which disconnects the channel long before the due time.
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(30)),
            Err(mpsc::RecvTimeoutError::Disconnected)
        );
    }

    #[test]
    fn a_stuck_stage_is_answered_from_the_last_published_facts() {
        let (tx, rx) = mpsc::channel::<String>();
        let watch = start(
            0u32,
            Duration::from_secs(10),
            "input".to_string(),
            |m, why| format!("{m}: {why}"),
            move |a| {
                let _ = tx.send(a.clone());
                a
            },
        )
        .unwrap();
        let t = Instant::now();
        // A shorter next stage wakes the watchdog before the first stage's due time.
        watch.next_stage(&7, Duration::from_millis(20), "analysis".to_string());
        let answer = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(answer, "7: analysis");
        assert!(t.elapsed() < Duration::from_secs(5));
        // The work finishing late gets the watchdog's answer, not its own.
        assert_eq!(watch.finish(), Err("7: analysis".to_string()));
    }
}
