//! A progress spinner on stderr for scans that take more than a moment, on a terminal only.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use vibeguard_core::pipeline::Progress;

/// A scan shorter than this never shows a spinner.
const DELAY: Duration = Duration::from_millis(400);
const TICK: Duration = Duration::from_millis(100);

/// Stops and clears the spinner when dropped.
pub struct Spinner {
    done: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Whether a spinner may be drawn at all: stderr is a terminal and not in CI.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Start watching `counters`; draws only if `enabled` and the scan outlives [`DELAY`].
pub fn start(counters: Arc<Progress>, what: &'static str, enabled: bool) -> Spinner {
    let done = Arc::new(AtomicBool::new(false));
    let handle = enabled.then(|| {
        let done = done.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            while start.elapsed() < DELAY {
                if done.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix} {msg} [{elapsed}]")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix(what);
            let update = || {
                let (files, bytes) = counters.snapshot();
                bar.set_message(format!(
                    "{files} files, {}",
                    vibeguard_report::human_bytes(bytes)
                ));
            };
            update();
            bar.enable_steady_tick(TICK);
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(TICK);
                update();
            }
            bar.finish_and_clear();
        })
    });
    Spinner { done, handle }
}
