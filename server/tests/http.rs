//! The server over HTTP, as a browser and as an attacker would call it.
mod common;

use axum::body::{Body, to_bytes};
use common::{TestDb, on_every_engine};
use http::{Request, StatusCode, header};
use server::startup::router;
use tower::ServiceExt;

async fn send(t: &TestDb, req: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
    let res = router(t.state()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = to_bytes(res.into_body(), 16 * 1024 * 1024).await.unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post_form(uri: &str, body: &str, site: Option<&str>) -> Request<Body> {
    let mut req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(site) = site {
        req = req.header("sec-fetch-site", site);
    }
    req.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn pages_render_on_the_server_with_lang_and_dir() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let (status, headers, html) = send(&t, get("/ar")).await;
        assert_eq!(status, StatusCode::OK, "{}", t.engine);
        assert!(
            html.contains(r#"lang="ar""#) && html.contains(r#"dir="rtl""#),
            "{}",
            &html[..html.len().min(400)]
        );
        assert!(
            html.contains("اعثر على مفهوم تشارك فيه"),
            "Arabic heading rendered by the server"
        );
        assert!(html.contains("عربي") && html.contains("中文") && html.contains("Español"));
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        assert!(
            html.contains(&format!(r#"nonce="{nonce}""#)),
            "the hydration script carries this request's nonce"
        );
        let (_, _, html) = send(&t, get("/zh")).await;
        assert!(html.contains(r#"lang="zh""#) && html.contains(r#"dir="ltr""#));
        assert!(html.contains("寻找可以合作的理念"));
        t
    })
    .await;
}

#[tokio::test]
async fn the_root_redirects_by_accept_language() {
    let t = TestDb::sqlite().await;
    let req = Request::get("/")
        .header(header::ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9,en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&t, req).await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(headers[header::LOCATION], "/ru");
    assert_eq!(headers[header::VARY], "Accept-Language");
    let (_, headers, _) = send(&t, get("/")).await;
    assert_eq!(headers[header::LOCATION], "/en");
    t.drop_db().await;
}

#[tokio::test]
async fn unknown_pages_and_locales_are_404_never_500() {
    let t = TestDb::sqlite().await;
    for uri in [
        "/en/nope",
        "/xx",
        "/xx/concepts",
        "/en/subscribe/deeper",
        "/%ff%fe",
        "/en/..%2f..%2fetc%2fpasswd",
    ] {
        let (status, _, html) = send(&t, get(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains("<h1>"), "{uri}: a page, not a bare error");
    }
    let (_, _, html) = send(&t, get("/fr/nope")).await;
    assert!(html.contains("Page introuvable"));
    let req = Request::get("/xx")
        .header(header::ACCEPT_LANGUAGE, "es")
        .body(Body::empty())
        .unwrap();
    let (_, _, html) = send(&t, req).await;
    assert!(
        html.contains("Página no encontrada"),
        "best-guess language from Accept-Language"
    );
    t.drop_db().await;
}

#[tokio::test]
async fn server_functions_refuse_cross_site_calls_and_bad_input() {
    let t = TestDb::sqlite().await;
    t.seed_demo().await;
    let (status, _, _) = send(
        &t,
        post_form("/api/home_overview", "locale=en", Some("cross-site")),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut req = post_form("/api/home_overview", "locale=en", None);
    req.headers_mut()
        .insert(header::ORIGIN, "https://attacker.example".parse().unwrap());
    assert_eq!(send(&t, req).await.0, StatusCode::FORBIDDEN);

    let (status, _, body) = send(
        &t,
        post_form("/api/home_overview", "locale=en", Some("same-origin")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["published"], 24);

    let (status, _, body) = send(
        &t,
        post_form("/api/home_overview", "locale=klingon", Some("same-origin")),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("unknown") && !body.to_lowercase().contains("sqlx"));
    let (status, _, _) = send(&t, post_form("/api/home_overview", "", Some("same-origin"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    t.drop_db().await;
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let t = TestDb::sqlite().await;
    let big = format!("locale={}", "a".repeat(2 * 1024 * 1024));
    let (status, _, _) = send(
        &t,
        post_form("/api/home_overview", &big, Some("same-origin")),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // Streamed without a length, the body is cut off at the limit: a client error, not a 500.
    let mut req = post_form("/api/home_overview", &big, Some("same-origin"));
    req.headers_mut().remove(header::CONTENT_LENGTH);
    let (status, _, _) = send(&t, req).await;
    assert!(status.is_client_error(), "{status}");
    t.drop_db().await;
}

#[tokio::test]
async fn security_headers_and_health_checks() {
    let t = TestDb::sqlite().await;
    let (status, headers, _) = send(&t, get("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
    assert!(
        headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    let req = Request::get("/healthz")
        .header("x-forwarded-proto", "https")
        .body(Body::empty())
        .unwrap();
    assert!(
        send(&t, req)
            .await
            .1
            .contains_key(header::STRICT_TRANSPORT_SECURITY)
    );
    let (status, _, body) = send(&t, get("/readyz")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ready"));
    t.db.close().await;
    let (status, _, _) = send(&t, get("/readyz")).await;
    assert_eq!(
        status,
        StatusCode::SERVICE_UNAVAILABLE,
        "not ready without a database"
    );
    t.drop_db().await;
}

#[tokio::test]
async fn html_is_compressed_for_clients_that_accept_it() {
    let t = TestDb::sqlite().await;
    let req = Request::get("/en")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let (_, headers, _) = send(&t, req).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    t.drop_db().await;
}
