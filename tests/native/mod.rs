//! The emulator for the native Rust client suites (tests/rust_client.rs, tests/rust_cpaas.rs,
//! …): each test starts its own on a free loopback port, and it stops when the test ends.
//! `UCAAS_EMULATOR_BIN` names the binary (default: `ucaas-emulator` beside the test binary's
//! directory, i.e. target/debug/ucaas-emulator).
#![allow(dead_code)] // each suite uses a part

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use ucaas_client::client::{Auth, Client, ReqwestTransport};

/// A running emulator, stopped on drop.
pub struct Emulator {
    child: Child,
    /// The UCaaS API's base URL (`…/ucaas/v1`).
    pub base_url: String,
    /// The server's origin (`http://127.0.0.1:<port>`): the other APIs and the controls.
    pub origin: String,
}

impl Emulator {
    pub fn start() -> Emulator {
        let bin = std::env::var_os("UCAAS_EMULATOR_BIN").map(std::path::PathBuf::from).unwrap_or_else(|| {
            // target/debug/deps/<this test> → target/debug/ucaas-emulator
            let exe = std::env::current_exe().unwrap();
            exe.parent().and_then(|d| d.parent()).unwrap().join("ucaas-emulator")
        });
        assert!(
            bin.exists(),
            "emulator binary not found: {} (cargo build -p ucaas-emulator, or set UCAAS_EMULATOR_BIN)",
            bin.display()
        );
        let mut child = Command::new(&bin)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the emulator starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("no emulator within 10 s");
            }
        };
        let Some(base_url) = line.trim().strip_prefix("ucaas-emulator listening on ").map(str::to_owned) else {
            let _ = child.kill();
            panic!("unexpected first line: {line:?}");
        };
        let origin = base_url.trim_end_matches("/ucaas/v1").to_owned();
        Emulator { child, base_url, origin }
    }

    pub fn client(&self, api_id: &str, api_key: &str) -> Client<ReqwestTransport> {
        Client::new(ReqwestTransport::new(), &self.base_url, Auth::basic(api_id, api_key)).unwrap()
    }

    pub fn admin(&self) -> Client<ReqwestTransport> {
        self.client("demo-app", "demo-key")
    }

    /// `/__emulator/<path>`: the test controls.
    pub async fn control(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = reqwest::Client::new().request(method, format!("{}/__emulator{path}", self.origin));
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b.to_string());
        }
        let text = req.send().await.unwrap().text().await.unwrap();
        serde_json::from_str(&text).unwrap()
    }

    pub async fn fault(&self, fault: Value) {
        let answer = self.control(reqwest::Method::POST, "/faults", Some(fault)).await;
        assert_eq!(answer["result"], 1, "{answer}");
    }

    /// How many API requests the emulator has seen.
    pub async fn requests(&self) -> usize {
        let answer = self.control(reqwest::Method::GET, "/requests", None).await;
        let list = answer.get("requests").and_then(Value::as_array).unwrap_or_else(|| panic!("{answer}"));
        list.iter().filter(|r| !r["path"].as_str().unwrap_or_default().starts_with("/__emulator")).count()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A name no other test (nor an earlier run) uses.
pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{prefix}{}", nanos % 1_000_000_000_000)
}

/// The API's time text of `days` from now.
pub fn in_days(days: u64) -> String {
    let at = std::time::SystemTime::now() + Duration::from_secs(days * 86_400);
    let ms = at.duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    ucaas_codes::time::format(ms / 1000)
}
