//! `GET /metrics` in the Prometheus text format: requests and their latency by route, the
//! outbox by state (queue depth, messages sent and failed), and the database pool's use.
//! Request figures are this process's; outbox figures are the database's, the same from
//! every server.
use app::ssr::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{LazyLock, Mutex};
use std::time::Instant;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// The request figures of this process, by method, route and status class.
#[derive(Default)]
pub struct Requests(Mutex<BTreeMap<(String, String, &'static str), Series>>);

static REQUESTS: LazyLock<Requests> = LazyLock::new(Requests::default);

impl Requests {
    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let class = match status {
            100..=199 => "1xx",
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        let Ok(mut map) = self.0.lock() else { return };
        let s = map.entry((method.to_owned(), route.to_owned(), class)).or_default();
        s.count += 1;
        s.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                s.buckets[i] += 1;
            }
        }
    }

    fn write(&self, out: &mut String) {
        let Ok(map) = self.0.lock() else { return };
        out.push_str("# HELP pop_http_requests_total Requests answered, by method, route and status class.\n");
        out.push_str("# TYPE pop_http_requests_total counter\n");
        for ((method, route, class), s) in map.iter() {
            let _ = writeln!(
                out,
                "pop_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{class}\"}} {}",
                label(route),
                s.count
            );
        }
        out.push_str("# HELP pop_http_request_duration_seconds Time to answer, by method and route.\n");
        out.push_str("# TYPE pop_http_request_duration_seconds histogram\n");
        let mut by_route: BTreeMap<(&str, &str), Series> = BTreeMap::new();
        for ((method, route, _), s) in map.iter() {
            let total = by_route.entry((method, route)).or_default();
            total.count += s.count;
            total.sum += s.sum;
            for (t, b) in total.buckets.iter_mut().zip(s.buckets) {
                *t += b;
            }
        }
        for ((method, route), s) in by_route {
            let labels = format!("method=\"{method}\",route=\"{}\"", label(route));
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                let _ = writeln!(out, "pop_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "pop_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", s.count);
            let _ = writeln!(out, "pop_http_request_duration_seconds_sum{{{labels}}} {:.6}", s.sum);
            let _ = writeln!(out, "pop_http_request_duration_seconds_count{{{labels}}} {}", s.count);
        }
    }
}

/// A label value with `\`, `"` and new lines escaped.
fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Times every request and files it under its route: the pattern it matched (never the raw
/// path, so the number of series stays bounded), or `unmatched`.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let res = next.run(req).await;
    REQUESTS.record(&method, &route, res.status().as_u16(), started.elapsed().as_secs_f64());
    res
}

/// Whether a scrape may read the figures: with `POP_METRICS_TOKEN`, the bearer of that
/// token; without, only a client on this machine (in-process calls carry no address).
fn allowed(state: &AppState, peer: Option<std::net::SocketAddr>, headers: &http::HeaderMap) -> bool {
    match &state.config.metrics_token {
        Some(token) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| crate::security::same_secret(given.trim(), token)),
        None => peer.is_none_or(|p| p.ip().is_loopback()),
    }
}

pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let peer = req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0);
    if !allowed(&state, peer, req.headers()) {
        return http::StatusCode::NOT_FOUND.into_response();
    }
    let mut out = String::new();
    REQUESTS.write(&mut out);
    let outbox = match state.db.pool().acquire().await {
        Ok(mut conn) => app::ssr::db::outbox::counts_by_kind(&mut conn).await.unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    out.push_str(
        "# HELP pop_outbox_messages E-mails in the outbox, by kind and state (queued is the queue's depth).\n",
    );
    out.push_str("# TYPE pop_outbox_messages gauge\n");
    for (kind, status, n) in &outbox {
        let _ = writeln!(out, "pop_outbox_messages{{kind=\"{kind}\",status=\"{status}\"}} {n}");
    }
    let pool = state.db.pool();
    out.push_str("# HELP pop_db_pool_connections Database connections of this process, open and idle.\n");
    out.push_str("# TYPE pop_db_pool_connections gauge\n");
    let _ = writeln!(out, "pop_db_pool_connections{{state=\"open\"}} {}", pool.size());
    let _ = writeln!(out, "pop_db_pool_connections{{state=\"idle\"}} {}", pool.num_idle());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}

#[cfg(test)]
mod tests {
    use super::Requests;

    #[test]
    fn requests_are_counted_by_route_with_a_cumulative_histogram() {
        let r = Requests::default();
        r.record("GET", "/{lang}/concepts", 200, 0.02);
        r.record("GET", "/{lang}/concepts", 500, 3.0);
        let mut out = String::new();
        r.write(&mut out);
        assert!(
            out.contains("pop_http_requests_total{method=\"GET\",route=\"/{lang}/concepts\",status=\"5xx\"} 1"),
            "{out}"
        );
        assert!(
            out.contains("le=\"0.025\"} 1\n") && out.contains("le=\"10\"} 2\n") && out.contains("le=\"+Inf\"} 2\n"),
            "{out}"
        );
    }
}
