//! The listener: one HTTP/1.1 connection task per client, the `drop` fault (the connection is
//! closed with no answer), the stdout line, and graceful shutdown on SIGINT/SIGTERM.

use crate::app::{self, DropConnection};
use crate::config::Config;
use crate::state::{App, Inner};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;

/// How long in-flight requests get to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(3);

/// Loads the state, listens, serves until SIGINT/SIGTERM.
pub async fn run(cfg: Config) -> Result<(), String> {
    let app = Inner::load(cfg.clone())?;
    let router = app::router(app.clone());
    let listener = TcpListener::bind((cfg.bind, cfg.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", cfg.bind, cfg.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // The one stdout line (docs/conventions.md); tests and scripts read the port from it.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "ucaas-emulator listening on http://{addr}/ucaas/v1");
    let _ = out.flush();
    drop(out);

    let graceful = GracefulShutdown::new();
    let mut signal = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => serve_connection(stream, router.clone(), &graceful),
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            _ = &mut signal => break,
        }
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(DRAIN) => {}
    }
    finish(&app);
    Ok(())
}

fn finish(app: &App) {
    app.save();
    eprintln!("ucaas-emulator: stopped");
}

fn serve_connection(stream: TcpStream, router: axum::Router, graceful: &GracefulShutdown) {
    let _ = stream.set_nodelay(true);
    let kill = Arc::new(Notify::new());
    let svc_kill = kill.clone();
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let router = router.clone();
        let kill = svc_kill.clone();
        async move {
            let resp = router.oneshot(req.map(axum::body::Body::new)).await.unwrap_or_else(|e: Infallible| match e {});
            if resp.extensions().get::<DropConnection>().is_some() {
                // Never answer: the connection task sees the signal and drops the socket.
                kill.notify_one();
                std::future::pending::<()>().await;
            }
            Ok::<_, Infallible>(resp)
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service);
    let conn = graceful.watch(conn);
    tokio::spawn(async move {
        tokio::select! {
            _ = conn => {}
            _ = kill.notified() => {}
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
