//! The one HTTP client (ureq with rustls): short timeouts, a body size cap, no cookies,
//! statuses returned rather than turned into errors.

use std::io::Read;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("{url}: {message}")]
    Request { url: String, message: String },
    #[error("{url}: answer larger than {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: the download stopped after {got} of {expected} bytes")]
    Truncated {
        url: String,
        got: u64,
        expected: u64,
    },
}

pub struct Http {
    agent: ureq::Agent,
}

impl Default for Http {
    fn default() -> Self {
        Http::new()
    }
}

impl Http {
    pub fn new() -> Http {
        // The operating system's certificate store, so registries behind a company's
        // TLS-inspecting proxy (whose CA is installed there) work as they do for pip/npm.
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(5)))
            .max_redirects(5)
            .user_agent(concat!(
                "vibeguard/",
                env!("CARGO_PKG_VERSION"),
                " (dependency checks)"
            ))
            .build()
            .into();
        Http { agent }
    }

    /// GET `url` within `timeout`; the status and at most `limit` bytes of body.
    pub fn get(
        &self,
        url: &str,
        timeout: Duration,
        limit: u64,
    ) -> Result<(u16, Vec<u8>), HttpError> {
        let err = |e: ureq::Error| HttpError::Request {
            url: url.to_string(),
            message: e.to_string(),
        };
        let mut resp = self
            .agent
            .get(url)
            .config()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(5))))
            .build()
            .call()
            .map_err(err)?;
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => HttpError::TooLarge {
                    url: url.to_string(),
                    limit,
                },
                e => err(e),
            })?;
        Ok((status, body))
    }

    /// Stream a large download into `out`, reporting (bytes so far, total when known).
    /// A body shorter than its announced length is an error, never a partial success.
    pub fn download(
        &self,
        url: &str,
        out: &mut dyn std::io::Write,
        progress: &dyn Fn(u64, Option<u64>),
    ) -> Result<u16, HttpError> {
        let err = |m: String| HttpError::Request {
            url: url.to_string(),
            message: m,
        };
        let mut resp = self
            .agent
            .get(url)
            .config()
            .timeout_global(Some(Duration::from_secs(1800)))
            .build()
            .call()
            .map_err(|e| err(e.to_string()))?;
        let status = resp.status().as_u16();
        if status != 200 {
            return Ok(status);
        }
        let expected = resp.body().content_length();
        let mut reader = resp.body_mut().with_config().limit(u64::MAX).reader();
        let mut buf = vec![0u8; 256 * 1024];
        let mut got = 0u64;
        loop {
            let n = reader.read(&mut buf).map_err(|e| match expected {
                Some(x) => HttpError::Truncated {
                    url: url.to_string(),
                    got,
                    expected: x,
                },
                None => err(e.to_string()),
            })?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n]).map_err(|e| err(e.to_string()))?;
            got += n as u64;
            progress(got, expected);
        }
        if let Some(x) = expected
            && got != x
        {
            return Err(HttpError::Truncated {
                url: url.to_string(),
                got,
                expected: x,
            });
        }
        Ok(status)
    }

    /// Start a long GET with extra request headers (`Range`, `If-Range`): the answer with
    /// its body unread, for [`download_resumable`](super::download_resumable).
    pub fn open_stream(
        &self,
        url: &str,
        headers: &[(&str, String)],
    ) -> Result<ureq::http::Response<ureq::Body>, HttpError> {
        let mut req = self.agent.get(url);
        for (k, v) in headers {
            req = req.header(*k, v.as_str());
        }
        req.config()
            .timeout_global(Some(Duration::from_secs(1800)))
            .build()
            .call()
            .map_err(|e| HttpError::Request {
                url: url.to_string(),
                message: e.to_string(),
            })
    }
}
