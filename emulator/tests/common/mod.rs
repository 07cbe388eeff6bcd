//! Test harness: runs the real `ucaas-emulator` binary on a free loopback port and talks to it
//! with a minimal HTTP/1.1 client over std's TcpStream (no HTTP client crate needed).
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::Duration;

/// A running emulator; killed (and reaped) on drop.
pub struct Emu {
    pub child: Child,
    /// `http://127.0.0.1:PORT/ucaas/v1`
    pub base: String,
    /// `127.0.0.1:PORT`
    pub addr: String,
    /// The first stdout line.
    pub line: String,
    pub stderr: Option<ChildStderr>,
}

impl Emu {
    pub fn start(args: &[&str]) -> Emu {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ucaas-emulator"))
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let line = line.trim_end().to_string();
        let base = line
            .strip_prefix("ucaas-emulator listening on ")
            .unwrap_or_else(|| panic!("bad line {line:?}"))
            .to_string();
        let addr = base.trim_start_matches("http://").trim_end_matches("/ucaas/v1").to_string();
        let stderr = child.stderr.take();
        Emu { child, base, addr, line, stderr }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A request to `path` below `/ucaas/v1` (or an absolute path starting with `/__` or `//`).
    pub fn req(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        let full = if path.starts_with("/__") || path.starts_with("/ucaas") {
            path.to_string()
        } else {
            format!("/ucaas/v1{path}")
        };
        raw(&self.addr, method, &full, headers, body).expect("request")
    }

    pub fn api(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let b = body.map(|b| b.to_string());
        self.req(method, path, &[("X-Api-Id", "demo-app")], b.as_deref())
    }

    pub fn login(&self, email: &str) -> String {
        let r = self.api("POST", "/login", Some(json!({ "email": email, "password": "Passw0rd!" })));
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["token"].as_str().unwrap().to_string()
    }

    /// A meeting-route request with a token and `X-App-Type: vc`.
    pub fn authed(&self, token: &str, method: &str, path: &str, body: Option<Value>) -> Resp {
        let auth = format!("Token {token}");
        let b = body.map(|b| b.to_string());
        self.req(
            method,
            path,
            &[("Authorization", &auth), ("X-App-Type", "vc"), ("X-Api-Id", "demo-app")],
            b.as_deref(),
        )
    }

    pub fn control(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let b = body.map(|b| b.to_string());
        let r = self.req(method, &format!("/__emulator/{path}"), &[], b.as_deref());
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        r.json()
    }

    pub fn advance(&self, seconds: i64) {
        self.control("POST", "clock", Some(json!({ "advance_seconds": seconds })));
    }

    pub fn outbox(&self) -> Vec<Value> {
        self.control("GET", "outbox", None)["mails"].as_array().unwrap().clone()
    }

    /// Sends SIGTERM and waits for the exit status (at most 10 s).
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        Command::new("kill").args(["-TERM", &self.pid().to_string()]).status().unwrap();
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("emulator did not stop on SIGTERM");
    }

    /// Everything written to stderr so far (call after the process ended).
    pub fn stderr_text(&mut self) -> String {
        let mut s = String::new();
        if let Some(mut e) = self.stderr.take() {
            e.read_to_string(&mut s).unwrap();
        }
        s
    }
}

impl Drop for Emu {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Asserts an error answer: HTTP status and `result`.
    #[track_caller]
    pub fn assert_error(&self, status: u16, result: u64) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        let v = self.json();
        assert_eq!(v["result"], result, "{}", self.body);
        assert!(v["msg"].is_string() && v["desc"].is_string(), "{}", self.body);
        v
    }
}

/// One HTTP/1.1 exchange with `Connection: close`; `Err` if the server closed without answering.
pub fn raw(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    req.push_str(body.unwrap_or(""));
    s.write_all(req.as_bytes())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    parse(&buf).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no answer"))
}

/// One exchange with a raw body of `content_type` (multipart tests).
pub fn raw_body(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: &[u8],
) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()));
    s.write_all(req.as_bytes())?;
    s.write_all(body)?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    parse(&buf).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no answer"))
}

fn parse(buf: &[u8]) -> Option<Resp> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let mut body = buf[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Some(Resp { status, headers, body: String::from_utf8_lossy(&body).into_owned() })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(pos) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&data[..pos]).unwrap_or("0").trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = pos + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}
