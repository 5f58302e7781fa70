//! HTTP wiring: the axum router around the Leptos app, static files,
//! compression, body limits and graceful shutdown.
mod canonical;
mod client;
mod error_page;
mod health;
pub mod listener;
mod origin;
mod render;
mod request_log;
mod root;
mod security;
pub mod serve;
mod staff;
mod youth;

use std::sync::Arc;
use std::time::Duration;

use app::i18n::MarkTranslations;
use app::security::secrets::Secrets;
use app::state::AppState;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use listener::PrivateListener;
use siang_storage::Db;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;

use self::render::Pages;
use crate::config::ServerConfig;

pub fn leptos_options(cfg: &ServerConfig) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("siang")
        .site_root(cfg.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(cfg.addr)
        .build()
}

/// The whole application as one router (also used by the router tests).
pub fn router(cfg: &ServerConfig, state: AppState) -> Router {
    let options = leptos_options(cfg);
    let pages = Pages {
        state: state.clone(),
        marks: MarkTranslations(cfg.app.mark_translations),
        options: options.clone(),
    };
    let routes = generate_route_list(app::App);
    let marks = MarkTranslations(cfg.app.mark_translations);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(marks);
        }
    };
    let shell = {
        let options = options.clone();
        move || app::shell(options.clone())
    };
    let pkg = ServeDir::new(format!("{}/pkg", cfg.site_root)).precompressed_br().precompressed_gzip();

    // Staff actions post to their own paths, as the route table lists them.
    let mut router = Router::new();
    for path in staff::action_paths() {
        router = router.route(&path, post(staff::post));
    }
    router
        .route("/", get(root::choose_language))
        .route("/healthz", get(health::healthz))
        .route("/{lang}/p/{code}/answer", post(youth::journey_post))
        .route("/{lang}/r", post(youth::comeback_post))
        .route("/{lang}/exit", post(youth::exit_post))
        .route("/{lang}/k/{code}/again", post(youth::kiosk_again))
        .route("/{lang}/staff/{*rest}", post(staff::post))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new().layer(axum::middleware::from_fn(static_files)).service(pkg),
        )
        .leptos_routes_with_context(&options, routes, context.clone(), shell.clone())
        .route_layer(axum::middleware::from_fn(request_log::mark_route))
        // Never out-of-order streaming: without JavaScript its placeholders stay empty.
        .fallback(leptos_axum::render_app_async_with_context(context, shell))
        .with_state(options)
        .layer(axum::middleware::from_fn(staff::gate))
        .layer(axum::middleware::from_fn(origin::refuse_cross_origin))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(cfg.max_body))
        .layer(axum::middleware::from_fn(origin::translate_bare_errors))
        // Before anything reads the path: one spelling per page.
        .layer(axum::middleware::from_fn(canonical::canonical))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(axum::middleware::from_fn(request_log::log_request))
        .layer(axum::Extension(pages))
        .layer(axum::Extension(Arc::new(cfg.clone())))
}

/// The router with everything its handlers extract, ready to serve (see
/// [`serve::serve`], which adds each connection's `ConnectInfo`), and the
/// state its pages share (tests look at it).
pub async fn app_with_state(cfg: &ServerConfig, db: Db) -> anyhow::Result<(Router, AppState)> {
    // Fail closed: no start with a broken key or personal-detail finder.
    app::input::pii::check().map_err(anyhow::Error::msg)?;
    let secrets = Secrets::load(&db).await?;
    let state = AppState::new(db.clone(), cfg.app.clone(), secrets);
    if let Some(mailer) = cfg.app.mailer.clone() {
        tokio::spawn(app::mail::alerts::run(state.clone(), mailer));
    }
    if cfg.retention_task {
        tokio::spawn(app::retention::run(state.clone()));
    }
    Ok((router(cfg, state.clone()).layer(axum::Extension(db)), state))
}

pub async fn app(cfg: &ServerConfig, db: Db) -> anyhow::Result<Router> {
    Ok(app_with_state(cfg, db).await?.0)
}

/// The connection limits for this configuration: no per-address bound when
/// a reverse proxy (whose one address carries everyone) sets the client address.
pub fn connection_limits(cfg: &ServerConfig) -> serve::ConnectionLimits {
    let mut limits = cfg.connections;
    if cfg.trust_proxy {
        limits.per_address = None;
    }
    limits
}

/// A listener that never logs client addresses and puts the security
/// headers on hyper's own error answers too (see `listener`).
pub fn listener(cfg: &ServerConfig, tcp: tokio::net::TcpListener) -> PrivateListener {
    PrivateListener::new(tcp, security::raw_lines(cfg.app.tls()))
}

pub async fn serve(cfg: ServerConfig, db: Db) -> anyhow::Result<()> {
    let app = app(&cfg, db).await?;
    let tcp = tokio::net::TcpListener::bind(cfg.addr).await?;
    tracing::info!(addr = %cfg.addr, "serving");
    serve::serve(listener(&cfg, tcp), app, connection_limits(&cfg), shutdown_signal()).await;
    // Let the storage writer drain what was acknowledged before the signal.
    tokio::time::sleep(Duration::from_millis(50)).await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM; in-flight requests then finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// `/pkg` files may be cached for an hour — the file itself only (a 404 or
/// 405 is not kept), and per encoding: the same path is sent brotli, gzip or
/// plain, so a shared cache must tell them apart.
async fn static_files(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let mut res = next.run(req).await;
    if matches!(res.status(), http::StatusCode::OK | http::StatusCode::NOT_MODIFIED) {
        let h = res.headers_mut();
        h.insert(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("public, max-age=3600, must-revalidate"),
        );
        h.insert(http::header::VARY, http::HeaderValue::from_static("accept-encoding"));
    }
    res
}
