//! The server over HTTP, as a browser and as an attacker would call it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use axum::body::Body;
use common::{TestDb, on_every_engine};
use http::{Request, StatusCode, header};
use server::startup::router;
use tower::ServiceExt;

async fn send_raw(t: &TestDb, req: Request<Body>) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    common::web::fetch(t.state(), req).await
}

async fn send(t: &TestDb, req: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
    let (status, headers, body) = send_raw(t, req).await;
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
        assert!(html.contains(r#"lang="ar""#) && html.contains(r#"dir="rtl""#), "{}", &html[..html.len().min(400)]);
        assert!(html.contains("اعثر على مفهوم تشارك فيه"), "Arabic heading rendered by the server");
        assert!(html.contains("العربية") && html.contains("中文") && html.contains("Español"));
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
        assert!(html.contains(&format!(r#"nonce="{nonce}""#)), "the hydration script carries this request's nonce");
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
    let req = Request::get("/").header(header::ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9,en;q=0.5").body(Body::empty()).unwrap();
    let (status, headers, _) = send(&t, req).await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(headers[header::LOCATION], "/ru");
    assert_eq!(headers[header::VARY], "Accept-Language");
    let (_, headers, _) = send(&t, get("/")).await;
    assert_eq!(headers[header::LOCATION], "/en");
    t.drop_db().await;
}

#[tokio::test]
async fn addresses_with_a_trailing_slash_are_sent_to_the_page_keeping_the_query() {
    let t = TestDb::sqlite().await;
    for (asked, canonical) in [
        ("/en/", "/en"),
        ("/ar/concepts/?area=infrastructure&page=2", "/ar/concepts?area=infrastructure&page=2"),
        ("/en/subscribe/", "/en/subscribe"),
    ] {
        let (status, headers, _) = send(&t, get(asked)).await;
        assert_eq!(status, StatusCode::PERMANENT_REDIRECT, "{asked}");
        assert_eq!(headers[header::LOCATION], canonical, "{asked}");
        assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY), "the redirect carries the security headers");
        let path = canonical.split('?').next().unwrap_or(canonical);
        assert_eq!(send(&t, get(path)).await.0, StatusCode::OK, "{canonical}");
    }
    let (_, headers, _) = send(&t, get("//evil.example/")).await;
    assert_eq!(headers[header::LOCATION], "/evil.example", "never to another site");
    t.drop_db().await;
}

#[tokio::test]
async fn unknown_pages_and_locales_are_404_never_500() {
    let t = TestDb::sqlite().await;
    for uri in ["/en/nope", "/xx", "/xx/concepts", "/en/subscribe/deeper", "/%ff%fe", "/en/..%2f..%2fetc%2fpasswd"] {
        let (status, _, html) = send(&t, get(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains("<h1>"), "{uri}: a page, not a bare error");
    }
    let (_, _, html) = send(&t, get("/fr/nope")).await;
    assert!(html.contains("Page introuvable"));
    let req = Request::get("/xx").header(header::ACCEPT_LANGUAGE, "es").body(Body::empty()).unwrap();
    let (_, _, html) = send(&t, req).await;
    assert!(html.contains("Página no encontrada"), "best-guess language from Accept-Language");
    t.drop_db().await;
}

#[tokio::test]
async fn server_functions_refuse_cross_site_calls_and_bad_input() {
    let t = TestDb::sqlite().await;
    t.seed_demo().await;
    let (status, _, _) = send(&t, post_form("/api/home_overview", "locale=en", Some("cross-site"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut req = post_form("/api/home_overview", "locale=en", None);
    req.headers_mut().insert(header::ORIGIN, "https://attacker.example".parse().unwrap());
    assert_eq!(send(&t, req).await.0, StatusCode::FORBIDDEN);

    let (status, _, body) = send(&t, post_form("/api/home_overview", "locale=en", Some("same-origin"))).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["published"], 24);

    let (status, _, body) = send(&t, post_form("/api/home_overview", "locale=klingon", Some("same-origin"))).await;
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
    let (status, _, _) = send(&t, post_form("/api/home_overview", &big, Some("same-origin"))).await;
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
    assert_eq!(headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
    assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    let req = Request::get("/healthz").header("x-forwarded-proto", "https").body(Body::empty()).unwrap();
    assert!(send(&t, req).await.1.contains_key(header::STRICT_TRANSPORT_SECURITY));
    let (status, _, body) = send(&t, get("/readyz")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ready"));
    t.db.close().await;
    let (status, _, _) = send(&t, get("/readyz")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "not ready without a database");
    t.drop_db().await;
}

#[tokio::test]
async fn html_is_compressed_for_clients_that_accept_it() {
    let t = TestDb::sqlite().await;
    let req = Request::get("/en").header(header::ACCEPT_ENCODING, "gzip").body(Body::empty()).unwrap();
    let (_, headers, _) = send(&t, req).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    t.drop_db().await;
}

fn get_with(uri: &str, name: header::HeaderName, value: &str) -> Request<Body> {
    Request::get(uri).header(name, value).body(Body::empty()).unwrap()
}

/// The `/media/…` links on a page, in order.
fn media_links(html: &str) -> Vec<String> {
    html.split("\"/media/").skip(1).map(|rest| format!("/media/{}", &rest[..rest.find('"').unwrap()])).collect()
}

#[tokio::test]
async fn concept_pages_render_with_their_head_tags_and_unknown_ones_are_404() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let (status, _, html) = send(&t, get("/fr/concepts/centres-competences-numeriques-jeunes-sahel")).await;
        assert_eq!(status, StatusCode::OK, "{}", t.engine);
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains(r#"href="/fr/concepts/centres-competences-numeriques-jeunes-sahel""#)
                && head.contains(r#"rel="canonical""#),
            "{head}"
        );
        assert!(html.contains(r#"property="og:title""#) && html.contains(r#"hreflang="en""#));
        assert!(html.contains("Centres de compétences numériques"), "the French original");
        // No Arabic translation: the original, with a notice in Arabic.
        let (status, _, html) = send(&t, get("/ar/concepts/solar-connectivity-rural-health-centres")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(r#"<article lang="en" dir="ltr" class="concept">"#), "{}", t.engine);
        assert!(html.contains(r#"<p lang="ar" dir="rtl" class="notice notice-info">"#), "the notice is in Arabic");
        for uri in [
            "/fr/concepts/no-such-concept",
            "/fr/concepts/tele-enseignement-refugies",
            "/en/concepts/cell-broadcast-early-warning-caribbean",
            "/en/concepts/BAD..slug",
            &format!("/en/concepts/{}", "a".repeat(400)),
        ] {
            let (status, _, html) = send(&t, get(uri)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri} on {}", t.engine);
            assert!(html.contains("<h1>"), "{uri}: the translated 404 page");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn media_are_served_with_ranges_caching_and_only_for_published_concepts() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let (_, _, html) = send(&t, get("/en/concepts/solar-connectivity-rural-health-centres")).await;
        let links = media_links(&html);
        let video = links.iter().find(|l| l.ends_with(".webm")).expect("a video link");
        let pdf = links.iter().find(|l| l.ends_with(".pdf")).expect("a PDF link");

        let (status, headers, body) = send_raw(&t, get(pdf)).await;
        assert_eq!(status, StatusCode::OK, "{pdf} on {}", t.engine);
        assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
        assert!(body.starts_with(b"%PDF-"));
        assert_eq!(headers[header::CONTENT_LENGTH], body.len().to_string().as_str());
        assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("inline; filename=\""));
        assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
        let etag = headers[header::ETAG].to_str().unwrap().to_owned();

        let (status, _, body) = send(&t, get_with(pdf, header::IF_NONE_MATCH, &etag)).await;
        assert_eq!((status, body.as_str()), (StatusCode::NOT_MODIFIED, ""));

        let (status, headers, body) = send_raw(&t, get_with(video, header::RANGE, "bytes=0-99")).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(headers[header::CONTENT_TYPE], "video/webm");
        assert!(headers[header::CONTENT_RANGE].to_str().unwrap().starts_with("bytes 0-99/"));
        assert_eq!(body.len(), 100);
        let (status, _, _) = send(&t, get_with(video, header::RANGE, "bytes=99999999-")).await;
        assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);

        // Files of concepts that are not published, unknown keys and escapes from the store.
        let draft_key: Option<String> = sqlx::query_scalar(
            "SELECT m.storage_key FROM media m JOIN concepts c ON c.id = m.concept_id \
             WHERE c.status <> 'published' AND m.storage_key IS NOT NULL",
        )
        .fetch_optional(t.db.pool())
        .await
        .unwrap();
        let draft_key = draft_key.expect("the demo has a draft with a stored file");
        let unknown = format!("/media/{}/x.pdf", "0".repeat(64));
        let draft = format!("/media/{draft_key}/x.pdf");
        for uri in [
            draft.as_str(),
            unknown.as_str(),
            "/media/abc/x.pdf",
            "/media/..%2f..%2fCargo.toml/x",
            "/media/../../etc/passwd",
        ] {
            let (status, _, _) = send(&t, get(uri)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri} on {}", t.engine);
        }
        t
    })
    .await;
}

#[tokio::test]
async fn the_catalogue_renders_filtered_results_without_javascript() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let (status, _, html) = send(&t, get("/fr/concepts?q=competences&region=africa&sort=newest")).await;
        assert_eq!(status, StatusCode::OK, "{}", t.engine);
        let form = &html[html.find("<form").unwrap_or(0)..][..200.min(html.len())];
        assert!(
            form.contains(r#"method="get""#) && form.contains(r#"action="/fr/concepts""#),
            "a plain GET form: {form}"
        );
        assert!(html.contains("<mark>compétences"), "the match is highlighted");
        assert!(html.contains(r#"href="/fr/concepts/centres-competences-numeriques-jeunes-sahel""#));
        assert!(html.contains(r#"value="africa" checked"#), "the chosen region stays chosen");
        // Nothing matches: the empty state offers a way out.
        let (status, _, html) = send(&t, get("/en/concepts?q=zzyzx")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(r#"class="empty-results""#) && html.contains(r#"href="/en/subscribe""#));
        // A query the catalogue cannot read is a 400 with a way back, never a 500.
        for bad in ["/en/concepts?sort=price", "/en/concepts?page=-1", "/en/concepts?lang=xx"] {
            let (status, _, html) = send(&t, get(bad)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad} on {}", t.engine);
            assert!(html.contains(r#"href="/en/concepts""#), "{bad}");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn the_sitemap_lists_published_concepts_in_their_languages() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let (status, headers, xml) = send(&t, get("/sitemap.xml")).await;
        assert_eq!(status, StatusCode::OK, "{}", t.engine);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/xml"));
        let base = "http://127.0.0.1:3000";
        assert!(xml.contains(&format!("<loc>{base}/ar/concepts</loc>")));
        assert!(xml.contains(&format!("<loc>{base}/fr/concepts/centres-competences-numeriques-jeunes-sahel</loc>")));
        assert!(
            !xml.contains("/zh/concepts/centres-competences-numeriques-jeunes-sahel"),
            "only languages it is written in"
        );
        assert!(!xml.contains("tele-enseignement-refugies"), "drafts are not listed");
        let (status, _, robots) = send(&t, get("/robots.txt")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(robots.contains(&format!("Sitemap: {base}/sitemap.xml")));
        t
    })
    .await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_show_the_outbox_and_pool() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        for _ in 0..3 {
            let (status, _, _) = send(&t, Request::get("/en/concepts").body(Body::empty()).unwrap()).await;
            assert_eq!(status, StatusCode::OK);
        }
        send(&t, Request::get("/no/such/page").body(Body::empty()).unwrap()).await;
        let (status, headers, body) = send(&t, Request::get("/metrics").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
        let catalogue = body
            .lines()
            .find(|l| {
                l.starts_with("pop_http_requests_total{method=\"GET\",route=\"/{lang}/concepts\",status=\"2xx\"}")
            })
            .unwrap_or_else(|| panic!("{body}"));
        let n: u64 = catalogue.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(n >= 3, "{catalogue}");
        assert!(body.contains(
            "pop_http_request_duration_seconds_bucket{method=\"GET\",route=\"/{lang}/concepts\",le=\"+Inf\"}"
        ));
        assert!(!body.contains("/no/such/page"), "raw paths never become series");
        assert!(body.contains("pop_db_pool_connections{state=\"open\"}"));
        assert!(body.contains("# TYPE pop_outbox_messages gauge"));
        t
    })
    .await;
}

#[tokio::test]
async fn a_starting_server_is_alive_but_not_ready_until_its_app_is_set() {
    let t = TestDb::sqlite().await;
    let app = std::sync::Arc::new(std::sync::OnceLock::new());
    let starting = server::startup::starting(app.clone());
    let get = |path: &str| Request::get(path).body(Body::empty()).unwrap();
    let res = starting.clone().oneshot(get("/healthz")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    for path in ["/readyz", "/en/concepts", "/api/catalogue"] {
        let res = starting.clone().oneshot(get(path)).await.unwrap();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(res.headers()[header::RETRY_AFTER], "5");
    }
    app.set(router(t.state())).unwrap();
    assert_eq!(starting.clone().oneshot(get("/readyz")).await.unwrap().status(), StatusCode::OK);
    assert_eq!(starting.oneshot(get("/en")).await.unwrap().status(), StatusCode::OK);
    t.drop_db().await;
}

#[tokio::test]
async fn metrics_answer_the_machine_itself_or_the_bearer_of_the_token() {
    let t = TestDb::sqlite().await;
    let scrape = |state: app::ssr::AppState, peer: &str, auth: Option<&str>| {
        let mut req = Request::get("/metrics").body(Body::empty()).unwrap();
        let addr: std::net::SocketAddr = peer.parse().unwrap();
        req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
        if let Some(a) = auth {
            req.headers_mut().insert(header::AUTHORIZATION, a.parse().unwrap());
        }
        async move { router(state).oneshot(req).await.unwrap().status() }
    };
    assert_eq!(scrape(t.state(), "127.0.0.1:5000", None).await, StatusCode::OK);
    assert_eq!(scrape(t.state(), "203.0.113.9:5000", None).await, StatusCode::NOT_FOUND);
    let guarded = t.state_with(&[("POP_METRICS_TOKEN", "s3cret-token")]);
    assert_eq!(scrape(guarded.clone(), "203.0.113.9:5000", Some("Bearer s3cret-token")).await, StatusCode::OK);
    assert_eq!(scrape(guarded.clone(), "127.0.0.1:5000", None).await, StatusCode::NOT_FOUND);
    assert_eq!(scrape(guarded, "203.0.113.9:5000", Some("Bearer s3cret")).await, StatusCode::NOT_FOUND);
    t.drop_db().await;
}

#[tokio::test]
async fn while_the_database_is_away_answers_are_503_with_retry_after_not_500() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let (_, _, html) = send(&t, get("/en/concepts/solar-connectivity-rural-health-centres")).await;
        let pdf = media_links(&html).into_iter().find(|l| l.ends_with(".pdf")).expect("a PDF link");
        // Every connection refused from now on, as while the database restarts.
        t.db.close().await;
        for req in [
            get("/en/concepts/solar-connectivity-rural-health-centres"),
            get(&pdf),
            get("/sitemap.xml"),
            get("/readyz"),
            post_form("/api/home_overview", "locale=en", Some("same-origin")),
        ] {
            let uri = req.uri().to_string();
            let (status, headers, _) = send(&t, req).await;
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{uri} on {}", t.engine);
            assert!(headers.contains_key(header::RETRY_AFTER), "{uri} says when to try again");
        }
        t
    })
    .await;
}
