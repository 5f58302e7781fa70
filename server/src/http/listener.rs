//! The socket side of serving, with two duties axum's plain `TcpListener`
//! does not take on:
//!
//! - **No client address in any log.** axum's serve loop logs every accepted
//!   connection with its peer address at TRACE. Our listener hands out the
//!   address wrapped in [`Peer`], whose `Debug` says nothing, so that line
//!   (and any other that formats the address) carries none. The address is
//!   only ever read by `http::client` to key the in-memory flood limits.
//! - **Security headers on hyper's own answers.** hyper answers requests it
//!   cannot parse (400, 414, 431) itself, before any middleware runs, with
//!   no headers of ours. [`GuardedIo`] adds them to such answers as they are
//!   written to the socket.
use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A client's socket address that refuses to be printed.
#[derive(Clone, Copy)]
pub struct Peer(SocketAddr);

impl Peer {
    /// For keyed hashes only (flood limits in `http::client`, connection counts in `http::serve`).
    pub fn ip(&self) -> IpAddr {
        self.0.ip()
    }

    #[cfg(test)]
    pub fn for_tests(addr: &str) -> Peer {
        Peer(addr.parse().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 1))))
    }
}

impl fmt::Debug for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(peer address withheld)")
    }
}

impl Connected<IncomingStream<'_, PrivateListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, PrivateListener>) -> Self {
        *stream.remote_addr()
    }
}

pub struct PrivateListener {
    inner: TcpListener,
    /// The security headers as raw header lines (see `http::security::raw_lines`).
    extra_headers: Arc<[u8]>,
}

impl PrivateListener {
    pub fn new(inner: TcpListener, extra_headers: Arc<[u8]>) -> PrivateListener {
        PrivateListener { inner, extra_headers }
    }
}

impl Listener for PrivateListener {
    type Io = GuardedIo<TcpStream>;
    type Addr = Peer;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    let _ = stream.set_nodelay(true);
                    return (GuardedIo::new(stream, self.extra_headers.clone()), Peer(addr));
                }
                // Too many open files and the like: wait a moment rather than spin.
                Err(e) => {
                    tracing::warn!(kind = ?e.kind(), "accepting a connection failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr().map(Peer)
    }
}

/// A connection whose written responses are checked for missing security
/// headers. Every answer the application makes carries
/// `x-content-type-options` (added by `http::security`); a response head
/// without it can only be one hyper wrote by itself, and gets the headers.
pub struct GuardedIo<T> {
    inner: T,
    extra: Arc<[u8]>,
    /// Patched bytes still to write, and how much of the caller's buffer they stand for.
    pending: Vec<u8>,
    pending_for: usize,
}

impl<T> GuardedIo<T> {
    pub fn new(inner: T, extra: Arc<[u8]>) -> GuardedIo<T> {
        GuardedIo { inner, extra, pending: Vec::new(), pending_for: 0 }
    }
}

/// `buf` with the extra headers inserted, when it starts with a complete
/// HTTP/1 error response head that lacks them.
pub fn patch_head(buf: &[u8], extra: &[u8]) -> Option<Vec<u8>> {
    if !(buf.starts_with(b"HTTP/1.1 4") || buf.starts_with(b"HTTP/1.1 5") || buf.starts_with(b"HTTP/1.0 4")) {
        return None;
    }
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = &buf[..end];
    let has_ours = head
        .split(|b| *b == b'\n')
        .any(|line| line.len() >= 23 && line[..23].eq_ignore_ascii_case(b"x-content-type-options:"));
    if has_ours {
        return None;
    }
    let status_end = buf.windows(2).position(|w| w == b"\r\n")? + 2;
    let mut out = Vec::with_capacity(buf.len() + extra.len());
    out.extend_from_slice(&buf[..status_end]);
    out.extend_from_slice(extra);
    out.extend_from_slice(&buf[status_end..]);
    Some(out)
}

impl<T: AsyncRead + Unpin> AsyncRead for GuardedIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for GuardedIo<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let me = &mut *self;
        if me.pending.is_empty() {
            match patch_head(buf, &me.extra) {
                None => return Pin::new(&mut me.inner).poll_write(cx, buf),
                Some(patched) => {
                    me.pending = patched;
                    me.pending_for = buf.len();
                }
            }
        }
        // The caller retries with the same bytes until we report them written.
        while !me.pending.is_empty() {
            match Pin::new(&mut me.inner).poll_write(cx, &me.pending) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => {
                    me.pending.drain(..n);
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(me.pending_for))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    /// Unvectored writes make hyper hand over each response head in one
    /// buffer, where [`patch_head`] can see it whole.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_headers_to_bare_error_heads_only() {
        const HEADERS: &[u8] =
            b"content-security-policy: default-src 'none'\r\nx-content-type-options: nosniff\r\n";
        let bare = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        let patched = String::from_utf8(patch_head(bare, HEADERS).unwrap()).unwrap();
        assert!(patched.starts_with("HTTP/1.1 400 Bad Request\r\ncontent-security-policy: "));
        assert!(patched.ends_with("content-length: 0\r\ndate: x\r\n\r\n"));
        assert!(patched.contains("x-content-type-options: nosniff\r\n"));
        let ours = b"HTTP/1.1 404 Not Found\r\nX-Content-Type-Options: nosniff\r\n\r\nbody";
        assert_eq!(patch_head(ours, HEADERS), None, "the application's answers are left alone");
        assert_eq!(patch_head(b"HTTP/1.1 200 OK\r\n\r\n", HEADERS), None);
        assert_eq!(patch_head(b"<html>HTTP/1.1 400", HEADERS), None, "only at a response's start");
        assert_eq!(patch_head(b"HTTP/1.1 431 Request Header", HEADERS), None, "an incomplete head");
        assert_eq!(format!("{:?}", Peer("203.0.113.7:9".parse().unwrap())), "(peer address withheld)");
    }
}
