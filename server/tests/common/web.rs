//! Requests as a browser sends them, answers as text, and signed-in staff.
use super::TestDb;
use app::domain::staff::Role;
use axum::body::{Body, to_bytes};
use http::{Request, StatusCode, header};
use server::startup::router;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple";
pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub struct Answer {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

pub async fn send(t: &TestDb, req: Request<Body>) -> Answer {
    send_to(t.state(), req).await
}

/// Sends to an app with its own state (other settings).
pub async fn send_to(state: app::ssr::AppState, req: Request<Body>) -> Answer {
    let (status, headers, body) = fetch(state, req).await;
    Answer { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
}

/// Sends to an app with its own state; the answer's bytes as they are (files up to 64 MiB).
pub async fn fetch(state: app::ssr::AppState, req: Request<Body>) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let res = router(state).oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = to_bytes(res.into_body(), 64 * 1024 * 1024).await.unwrap();
    (status, headers, body.to_vec())
}

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A POST as the hydrated app sends it (`html: false`) or as a plain form without JavaScript.
pub fn post(uri: &str, fields: &[(&str, &str)], cookie: Option<&str>, html: bool) -> Request<Body> {
    let body = fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&");
    let mut req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin");
    if html {
        req = req.header(header::ACCEPT, "text/html").header(header::REFERER, format!("{ORIGIN}/en/staff/sign-in"));
    }
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::from(body)).unwrap()
}

/// A multipart form: text fields, then one file (`name`, bytes). `json`: as the editor's
/// script sends it (it asks for JSON); otherwise as a plain form post.
pub fn multipart(
    uri: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
    cookie: Option<&str>,
    json: bool,
) -> Request<Body> {
    const BOUNDARY: &str = "----pop-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    let mut req = Request::post(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, if json { "application/json" } else { "text/html" });
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::from(body)).unwrap()
}

/// A page as a browser asks for it.
pub fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(uri).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::empty()).unwrap()
}

/// The `name=value` of the session cookie an answer sets.
pub fn session_cookie(a: &Answer) -> Option<String> {
    a.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("pop_session=") && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

pub async fn sign_in(t: &TestDb, email: &str, password: &str) -> Answer {
    send(t, post("/api/session/sign_in", &[("locale", "en"), ("email", email), ("password", password)], None, false))
        .await
}

pub async fn signed_in(t: &TestDb, email: &str, password: &str) -> String {
    let a = sign_in(t, email, password).await;
    assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
    session_cookie(&a).expect("a session cookie")
}

pub async fn account(t: &TestDb, email: &str, role: Role) {
    app::ssr::services::staff::upsert_account(&t.db, email, "Amina Diallo", role, PASSWORD).await.unwrap();
}

/// An account of `role` and a session for it.
pub async fn staff_session(t: &TestDb, role: Role) -> String {
    let email = format!("{}@example.org", role.code());
    account(t, &email, role).await;
    signed_in(t, &email, PASSWORD).await
}

/// A draft written in English by `cookie`'s member, tagged with `tags`
/// (`("facts[areas][]", "infrastructure")`…); its id.
pub async fn create_draft(t: &TestDb, cookie: &str, title: &str, tags: &[(&str, &str)]) -> i64 {
    let mut fields = vec![
        ("locale", "en"),
        ("facts[original_locale]", "en"),
        ("facts[budget]", ""),
        ("facts[starts_on]", ""),
        ("facts[ends_on]", ""),
        ("facts[focal_name]", "Awa Traoré"),
        ("facts[focal_email]", "awa.traore@example.org"),
        ("text[title]", title),
        ("text[summary]", "A summary."),
        ("text[objectives]", ""),
        ("text[beneficiaries]", ""),
        ("text[body]", ""),
    ];
    fields.extend_from_slice(tags);
    let a = send(t, post("/api/staff/concept_create", &fields, Some(cookie), false)).await;
    assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
    a.body.parse().unwrap()
}

/// Moves a concept to `to` as the member of `cookie`, from the version it is at; asserts it
/// worked.
pub async fn move_concept(t: &TestDb, cookie: &str, id: i64, to: &str) {
    let v: i64 =
        sqlx::query_scalar("SELECT version FROM concepts WHERE id = $1").bind(id).fetch_one(t.db.pool()).await.unwrap();
    let fields = [("id", id.to_string()), ("version", v.to_string()), ("to", to.to_owned())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let a = send(t, post("/api/staff/concept_move", &fields, Some(cookie), false)).await;
    assert_eq!(a.status, StatusCode::OK, "{to} on {}: {}", t.engine, a.body);
}

/// Submits a draft for review and publishes it.
pub async fn publish(t: &TestDb, editor: &str, publisher: &str, id: i64) {
    move_concept(t, editor, id, "in_review").await;
    move_concept(t, publisher, id, "published").await;
}
