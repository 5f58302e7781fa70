//! One log line per request, for operators: method, the route *template*
//! (`/{lang}/p/{code}`, never the concrete path, query, code or receipt),
//! status and latency. Nothing else: no address, user agent, referrer or
//! body, and the line's own time stamp says the hour only (`logging`).
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The matched route's template, handed from the inner layer to the outer.
#[derive(Clone)]
struct RouteTemplate(String);

/// Inner layer (`Router::route_layer`): only matched routes have a template.
pub async fn mark_route(req: Request, next: Next) -> Response {
    let template = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let mut res = next.run(req).await;
    if let Some(t) = template {
        res.extensions_mut().insert(RouteTemplate(t));
    }
    res
}

/// Outer layer: times the request and writes the line.
pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let res = next.run(req).await;
    let route = res.extensions().get::<RouteTemplate>().map_or("(no route)", |t| t.0.as_str());
    tracing::info!(
        target: "siang::request",
        %method,
        route,
        status = res.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    res
}
