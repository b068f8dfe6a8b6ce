//! A minimal HTTP/1.1 server on 127.0.0.1 for tests: registry answers and advisory
//! archive downloads without the network. Each connection gets one answer from the
//! route function and is closed. It can announce a longer body than it sends (a
//! truncated download) and wait before answering (a slow registry).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// One answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    /// Announce this Content-Length instead of the body's (larger: truncated transfer).
    pub announce: Option<usize>,
    /// Wait this long before answering.
    pub delay: Duration,
}

impl Reply {
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            body: body.into(),
            announce: None,
            delay: Duration::ZERO,
        }
    }
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            body: Vec::new(),
            announce: None,
            delay: Duration::ZERO,
        }
    }
}

pub struct Server {
    pub base: String,
    stop: Arc<AtomicBool>,
    hits: Arc<AtomicUsize>,
    addr: std::net::SocketAddr,
}

impl Server {
    /// Start serving `route(path)` until the server is dropped.
    pub fn start(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let hits = Arc::new(AtomicUsize::new(0));
        let (s2, h2) = (stop.clone(), hits.clone());
        let route = Arc::new(route);
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let route = route.clone();
                let h = h2.clone();
                std::thread::spawn(move || serve(conn, &*route, &h));
            }
        });
        Server {
            base: format!("http://{addr}"),
            stop,
            hits,
            addr,
        }
    }

    /// Requests answered so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(mut conn: TcpStream, route: &(dyn Fn(&str) -> Reply + Send + Sync), hits: &AtomicUsize) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut req = Vec::new();
    let mut buf = [0u8; 4096];
    while !req.windows(4).any(|w| w == b"\r\n\r\n") && req.len() < 64 * 1024 {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => req.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&req);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    hits.fetch_add(1, Ordering::SeqCst);
    let reply = route(&path);
    std::thread::sleep(reply.delay);
    let len = reply.announce.unwrap_or(reply.body.len());
    let head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {len}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
        reply.status
    );
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(&reply.body);
    let _ = conn.flush();
}
