//! A minimal HTTP/1.1 server on 127.0.0.1 for tests: registry answers and advisory
//! archive downloads without the network. Each connection gets one answer from the
//! route function and is closed. It can announce a longer body than it sends (a
//! truncated download), add headers (an ETag, a Content-Range for a resumed download) and
//! wait before answering (a slow registry).

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
    /// Extra response headers (`ETag`, `Content-Range`, ...).
    pub headers: Vec<(String, String)>,
}

/// What the route function of [`Server::start_with_headers`] sees of a request.
#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    /// The request's header lines, lower-cased names: `("range", "bytes=10-")`.
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Reply {
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            body: body.into(),
            announce: None,
            delay: Duration::ZERO,
            headers: Vec::new(),
        }
    }
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            body: Vec::new(),
            announce: None,
            delay: Duration::ZERO,
            headers: Vec::new(),
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
        Server::start_with_headers(move |r: &Request| route(&r.path))
    }

    /// Start serving `route(request)`, for answers that depend on request headers.
    pub fn start_with_headers(route: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
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

fn serve(
    mut conn: TcpStream,
    route: &(dyn Fn(&Request) -> Reply + Send + Sync),
    hits: &AtomicUsize,
) {
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
    let headers = head
        .split("\r\n")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    hits.fetch_add(1, Ordering::SeqCst);
    let reply = route(&Request { path, headers });
    std::thread::sleep(reply.delay);
    let len = reply.announce.unwrap_or(reply.body.len());
    let extra: String = reply
        .headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    let head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {len}\r\nContent-Type: application/octet-stream\r\n{extra}Connection: close\r\n\r\n",
        reply.status
    );
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(&reply.body);
    let _ = conn.flush();
}
