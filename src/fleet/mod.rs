//! Running work across many hosts: one SSH session per host, a bounded pool of tokio tasks
//! (the runtime's work-stealing scheduler spreads them over the cores), per-host results.
//!
//! A slow or dead host only holds its own slot: with the default concurrency, 100 hosts never
//! queue behind one another.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::ssh::{Session, SshError, SshTarget};

/// Default number of hosts worked on at once.
pub const DEFAULT_CONCURRENCY: usize = 256;

/// The outcome of one operation on one host.
#[derive(Debug)]
pub struct HostResult<T> {
    /// Host name.
    pub host: String,
    /// What happened.
    pub result: Result<T, SshError>,
    /// Wall time on this host.
    pub duration: Duration,
}

/// Runs `op` on each item with at most `concurrency` at once; results come back in the
/// items' order.
pub async fn run_bounded<I, T, F, Fut>(items: Vec<I>, concurrency: usize, op: F) -> Vec<T>
where
    I: Send + 'static,
    T: Send + 'static,
    F: Fn(I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    let op = Arc::new(op);
    let mut tasks = tokio::task::JoinSet::new();
    for (index, item) in items.into_iter().enumerate() {
        let permits = permits.clone();
        let op = op.clone();
        tasks.spawn(async move {
            // The semaphore is never closed, so acquiring only waits.
            let _permit = permits.acquire_owned().await.ok();
            (index, op(item).await)
        });
    }
    let mut out: Vec<(usize, T)> = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(pair) => out.push(pair),
            // A panic in one host's work is a bug; surface it rather than lose the host.
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(_) => {}
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, t)| t).collect()
}

/// Open sessions to a set of hosts; hosts that could not be reached keep their error.
pub struct Fleet {
    sessions: BTreeMap<String, Result<Arc<Session>, SshError>>,
    order: Vec<String>,
    concurrency: usize,
}

impl Fleet {
    /// Connects to every target, `concurrency` at a time.
    pub async fn connect(targets: Vec<SshTarget>, concurrency: usize) -> Fleet {
        let order: Vec<String> = targets.iter().map(|t| t.host.clone()).collect();
        let results = run_bounded(targets, concurrency, |t: SshTarget| async move {
            let host = t.host.clone();
            let session = Session::connect(&t).await;
            if let Err(e) = &session {
                tracing::warn!(host = %host, error = %e, "cannot connect");
            }
            (host, session.map(Arc::new))
        })
        .await;
        Fleet {
            sessions: results.into_iter().collect(),
            order,
            concurrency,
        }
    }

    /// Host names in inventory order.
    pub fn hosts(&self) -> &[String] {
        &self.order
    }

    /// The session to `host`, or why there is none.
    pub fn session(&self, host: &str) -> Option<&Result<Arc<Session>, SshError>> {
        self.sessions.get(host)
    }

    /// The sessions of the hosts reached, by name.
    pub fn connected(&self) -> BTreeMap<String, Arc<Session>> {
        self.sessions
            .iter()
            .filter_map(|(h, s)| s.as_ref().ok().map(|s| (h.clone(), s.clone())))
            .collect()
    }

    /// Runs `op` on every connected host; unreachable hosts report their connection error.
    pub async fn run<T, F, Fut>(&self, op: F) -> Vec<HostResult<T>>
    where
        T: Send + 'static,
        F: Fn(Arc<Session>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<T, SshError>> + Send + 'static,
    {
        let items: Vec<(String, Result<Arc<Session>, SshError>)> = self
            .order
            .iter()
            .map(|h| (h.clone(), self.sessions[h].clone()))
            .collect();
        let op = Arc::new(op);
        run_bounded(items, self.concurrency, move |(host, session)| {
            let op = op.clone();
            async move {
                let started = Instant::now();
                let result = match session {
                    Ok(s) => op(s).await,
                    Err(e) => Err(e),
                };
                HostResult {
                    host,
                    result,
                    duration: started.elapsed(),
                }
            }
        })
        .await
    }

    /// Closes every session.
    pub async fn close(self) {
        for (_, session) in self.sessions {
            if let Ok(s) = session
                && let Ok(s) = Arc::try_unwrap(s)
            {
                s.close().await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn bounded_and_ordered() {
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let peak = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (r, p) = (running.clone(), peak.clone());
        let out = run_bounded((0..40).collect(), 8, move |i: u64| {
            let (r, p) = (r.clone(), p.clone());
            async move {
                use std::sync::atomic::Ordering::SeqCst;
                let now = r.fetch_add(1, SeqCst) + 1;
                p.fetch_max(now, SeqCst);
                tokio::time::sleep(Duration::from_millis(5 * (i % 3))).await;
                r.fetch_sub(1, SeqCst);
                i * 2
            }
        })
        .await;
        assert_eq!(out, (0..40).map(|i| i * 2).collect::<Vec<_>>());
        assert!(peak.load(std::sync::atomic::Ordering::SeqCst) <= 8);
    }

    #[tokio::test]
    async fn a_slow_item_does_not_hold_the_others() {
        let started = Instant::now();
        let out = run_bounded((0..50).collect(), 256, |i: u32| async move {
            if i == 0 {
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            i
        })
        .await;
        assert_eq!(out.len(), 50);
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
