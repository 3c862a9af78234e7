//! Media uploads and their management over HTTP on both engines: files are typed by their
//! content, held to their size limits while they stream, stored under their hash, shown to
//! staff before publication and to the public after; refused files leave nothing behind.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use common::web::{Answer, create_draft, fetch, get, multipart, post, publish, send, send_to, staff_session};
use common::{TestDb, on_every_engine};
use http::{StatusCode, header};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.";

/// A draft written in English; its id.
async fn draft(t: &TestDb, cookie: &str) -> i64 {
    let tags = [("facts[areas][]", "infrastructure"), ("facts[regions][]", "africa")];
    create_draft(t, cookie, "Solar cold rooms for market towns", &tags).await
}

fn upload_uri(id: i64) -> String {
    format!("/api/staff/concepts/{id}/media")
}

async fn upload(t: &TestDb, cookie: &str, id: i64, kind: &str, name: &str, bytes: &[u8]) -> Answer {
    let fields = [("lang", "en"), ("kind", kind), ("title", ""), ("locale", "fr")];
    send(t, multipart(&upload_uri(id), &fields, Some((name, bytes)), Some(cookie), true)).await
}

async fn media_rows(t: &TestDb, id: i64) -> Vec<(i64, String, String, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT id, kind, title, content_type, storage_key FROM media WHERE concept_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(t.db.pool())
    .await
    .unwrap()
}

/// The key of the concept's first stored file.
async fn stored_key(t: &TestDb, id: i64) -> String {
    media_rows(t, id).await.into_iter().find_map(|r| r.4).expect("a stored file")
}

/// Files in the media store. Unfinished uploads must be gone: they are cleaned up in the
/// background, so given a moment.
async fn stored_files(t: &TestDb) -> usize {
    let media = t.media();
    for _ in 0..100 {
        let census = media.census().await.unwrap();
        if census.incoming == 0 {
            return census.stored;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("an unfinished upload was left behind in the {} media store", t.media_kind());
}

async fn audit_actions(t: &TestDb, id: i64) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log WHERE subject_kind = 'concept' AND subject_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(t.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_pdf_is_stored_by_its_hash_shown_to_staff_and_public_once_published() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let id = draft(&t, &editor).await;

        let a = upload(&t, &editor, id, "concept_note", "Note conceptuelle.pdf", PDF).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}: {}", t.engine, a.body);
        let rows = media_rows(&t, id).await;
        assert_eq!(rows.len(), 1);
        let (_, kind, title, content_type, key) = rows[0].clone();
        assert_eq!((kind.as_str(), title.as_str()), ("concept_note", "Note conceptuelle.pdf"));
        assert_eq!(content_type.as_deref(), Some("application/pdf"));
        let key = key.unwrap();
        assert_eq!(t.media().bytes(&key).await.unwrap().unwrap(), PDF, "{}", t.media_kind());
        assert_eq!(stored_files(&t).await, 1);
        assert!(audit_actions(&t, id).await.contains(&"medium_added".to_owned()));

        // Before publication: staff may open it (never cached), the public may not.
        let url = format!("/media/{key}/Note-conceptuelle.pdf");
        let a = send(&t, get(&url, Some(&editor))).await;
        assert_eq!(a.status, StatusCode::OK, "{}", t.engine);
        assert_eq!(a.headers[header::CACHE_CONTROL], "private, no-store");
        assert_eq!(a.headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(send(&t, get(&url, None)).await.status, StatusCode::NOT_FOUND);

        // The editor lists it.
        let a = send(&t, post("/api/staff/media_list", &[("concept_id", &id.to_string())], Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::OK);
        assert!(a.body.contains("Note conceptuelle.pdf") && a.body.contains(&key), "{}", a.body);

        // Published: the public page shows it and the file is public and cacheable.
        publish(&t, &editor, &publisher, id).await;
        let a = send(&t, get(&url, None)).await;
        assert_eq!(a.status, StatusCode::OK);
        assert!(a.headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
        let page = send(&t, get("/en/concepts/solar-cold-rooms-for-market-towns", None)).await;
        assert!(page.body.contains(&format!("/media/{key}/")), "{}", t.engine);
        t
    })
    .await;
}

#[tokio::test]
async fn files_are_typed_by_content_and_refused_files_leave_nothing() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let id = draft(&t, &editor).await;
        let cases: [(&str, &str, &[u8], &str); 5] = [
            ("video", "clip.pdf", PDF, "file_type_wrong"),
            ("concept_note", "note.mp4", PDF, "file_name_mismatch"),
            ("concept_note", "setup.pdf", EXE, "file_type_unknown"),
            ("captions", "captions.vtt", b"<script>alert(1)</script>", "file_type_unknown"),
            ("slides", "deck.pdf", b"", "empty"),
        ];
        for (kind, name, bytes, code) in cases {
            let a = upload(&t, &editor, id, kind, name, bytes).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {kind} {name}: {}", t.engine, a.body);
            assert!(a.body.contains(code), "{kind} {name}: {}", a.body);
        }
        let a = upload(&t, &editor, id, "sound", "note.pdf", PDF).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert!(media_rows(&t, id).await.is_empty());
        assert_eq!(stored_files(&t).await, 0);

        // Without JavaScript the editor page gets the error back in its address.
        let fields = [("lang", "fr"), ("kind", "concept_note"), ("title", "Note")];
        let a = send(&t, multipart(&upload_uri(id), &fields, Some(("setup.pdf", EXE)), Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        assert_eq!(a.headers[header::LOCATION], format!("/fr/staff/concepts/{id}?media_error=file_type_unknown#media"));
        let a = send(&t, multipart(&upload_uri(id), &fields, Some(("note.pdf", PDF)), Some(&editor), false)).await;
        assert_eq!(a.headers[header::LOCATION], format!("/fr/staff/concepts/{id}?media=saved#media"));
        let page =
            send(&t, get(&format!("/fr/staff/concepts/{id}?media_error=file_type_unknown"), Some(&editor))).await;
        assert!(
            page.body.contains("Ce fichier n&#x27;est pas d&#x27;un type accepté")
                || page.body.contains("Ce fichier n'est pas d'un type accepté"),
            "{}",
            page.body
        );
        t
    })
    .await;
}

#[tokio::test]
async fn files_over_their_limit_get_413_and_nothing_is_written() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let id = draft(&t, &editor).await;
        let limits = [("POP_UPLOAD_DOCUMENT_MB", "1"), ("POP_UPLOAD_VIDEO_MB", "2"), ("POP_UPLOAD_IMAGE_MB", "2")];
        let state = t.state_with(&limits);
        let send_file = |kind: &'static str, name: &'static str, bytes: Vec<u8>| {
            let (state, editor) = (state.clone(), editor.clone());
            async move {
                let req = multipart(&upload_uri(id), &[("kind", kind)], Some((name, &bytes)), Some(&editor), true);
                send_to(state, req).await
            }
        };
        let mut big_pdf = PDF.to_vec();
        big_pdf.resize(1024 * 1024 + 10, b' ');
        let a = send_file("concept_note", "big.pdf", big_pdf.clone()).await;
        assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}: {}", t.engine, a.body);
        assert!(a.body.contains("too_large"));
        // A brochure may be a 2 MB image, but once its first bytes say PDF, 1 MB is the limit.
        let a = send_file("brochure", "big.pdf", big_pdf).await;
        assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.body);
        let mut big_mp4 = b"\0\0\0\x20ftypisom\0\0\x02\0".to_vec();
        big_mp4.resize(2 * 1024 * 1024 + 10, 0);
        let a = send_file("video", "big.mp4", big_mp4).await;
        assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", a.body);
        // Beyond the largest limit of all (plus the form), the announced length is refused.
        let a = send_file("video", "huge.mp4", vec![0u8; 4 * 1024 * 1024]).await;
        assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(media_rows(&t, id).await.is_empty());
        assert_eq!(stored_files(&t).await, 0);
        t
    })
    .await;
}

#[tokio::test]
async fn uploads_need_a_staff_session_from_this_site() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let id = draft(&t, &editor).await;
        let fields = [("kind", "concept_note")];
        let a = send(&t, multipart(&upload_uri(id), &fields, Some(("note.pdf", PDF)), None, true)).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{}", t.engine);
        let mut req = multipart(&upload_uri(id), &fields, Some(("note.pdf", PDF)), Some(&editor), true);
        req.headers_mut().insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert_eq!(send(&t, req).await.status, StatusCode::FORBIDDEN);
        let a = upload(&t, &editor, 999_999, "concept_note", "note.pdf", PDF).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        assert!(media_rows(&t, id).await.is_empty());
        t
    })
    .await;
}

#[tokio::test]
async fn media_are_renamed_reordered_replaced_removed_and_linked_with_an_audit_trail() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let id = draft(&t, &editor).await;
        let ids = id.to_string();
        assert_eq!(upload(&t, &editor, id, "concept_note", "note.pdf", PDF).await.status, StatusCode::CREATED);
        assert_eq!(
            upload(&t, &editor, id, "slides", "deck.pdf", b"%PDF-1.7\nslides").await.status,
            StatusCode::CREATED
        );
        let call = |path: &'static str, fields: Vec<(&'static str, String)>| {
            let (t, editor) = (&t, editor.clone());
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                send(t, post(&format!("/api/staff/{path}"), &fields, Some(&editor), false)).await
            }
        };

        // External video: only YouTube or Vimeo, normalised.
        let bad = call(
            "media_link",
            vec![
                ("concept_id", ids.clone()),
                ("url", "https://evil.example/v".into()),
                ("title", "V".into()),
                ("locale", "".into()),
            ],
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("video_url"));
        let ok = call(
            "media_link",
            vec![
                ("concept_id", ids.clone()),
                ("url", "https://youtu.be/dQw4w9WgXcQ?t=3".into()),
                ("title", "Film".into()),
                ("locale", "en".into()),
            ],
        )
        .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let url: Option<String> =
            sqlx::query_scalar("SELECT external_url FROM media WHERE concept_id = $1 AND external_url IS NOT NULL")
                .bind(id)
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert_eq!(url.as_deref(), Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ"));

        let rows = media_rows(&t, id).await;
        let (note, deck, film) = (rows[0].0, rows[1].0, rows[2].0);
        // Rename (a title is required; a language must be one of the six).
        let a =
            call("media_rename", vec![("id", note.to_string()), ("title", " ".into()), ("locale", "".into())]).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        let a = call("media_rename", vec![("id", note.to_string()), ("title", "Note".into()), ("locale", "xx".into())])
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        let a = call(
            "media_rename",
            vec![("id", note.to_string()), ("title", "Concept note".into()), ("locale", "fr".into())],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        // Move the film to the top.
        for _ in 0..3 {
            assert_eq!(
                call("media_move", vec![("id", film.to_string()), ("direction", "up".into())]).await.status,
                StatusCode::OK
            );
        }
        let a = call("media_move", vec![("id", film.to_string()), ("direction", "sideways".into())]).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        let order: Vec<i64> = media_rows(&t, id).await.iter().map(|r| r.0).collect();
        assert_eq!(order, vec![film, note, deck]);
        // Replace the deck: same place, new file.
        let fields = [("kind", "slides"), ("replace", &deck.to_string()), ("title", "Deck v2"), ("locale", "")];
        let a =
            send(&t, multipart(&upload_uri(id), &fields, Some(("deck-v2.pdf", b"%PDF-1.7\nv2")), Some(&editor), true))
                .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        let rows = media_rows(&t, id).await;
        assert_eq!((rows[2].0, rows[2].2.as_str()), (deck, "Deck v2"));
        // A replacement must be of the same kind and of this concept.
        let fields = [("kind", "concept_note"), ("replace", &deck.to_string())];
        let a = send(&t, multipart(&upload_uri(id), &fields, Some(("n.pdf", PDF)), Some(&editor), true)).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Remove.
        assert_eq!(call("media_remove", vec![("id", note.to_string())]).await.status, StatusCode::OK);
        assert_eq!(call("media_remove", vec![("id", note.to_string())]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(media_rows(&t, id).await.len(), 2);

        let actions = audit_actions(&t, id).await;
        for action in ["medium_added", "medium_renamed", "medium_moved", "medium_replaced", "medium_removed"] {
            assert!(actions.iter().any(|a| a == action), "{action} missing from {actions:?}");
        }
        // The history on the editor page names them in the reader's language.
        let page = send(&t, get(&format!("/es/staff/concepts/{id}"), Some(&editor))).await;
        assert!(page.body.contains("Archivo reemplazado") && page.body.contains("Medio quitado"), "{}", t.engine);
        t
    })
    .await;
}

#[tokio::test]
async fn scripts_in_file_names_and_titles_stay_inert() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let id = draft(&t, &editor).await;
        let name = "<img src=x onerror=alert(1)>.pdf";
        let title = "\"><svg onload=alert(1)> <script>alert(2)</script>";
        let fields = [("kind", "concept_note"), ("title", title), ("locale", "")];
        let a = send(&t, multipart(&upload_uri(id), &fields, Some((name, PDF)), Some(&editor), true)).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}: {}", t.engine, a.body);
        let page = send(&t, get(&format!("/en/staff/concepts/{id}"), Some(&editor))).await;
        assert_eq!(page.status, StatusCode::OK);
        for bad in ["<img src=x", "<svg onload", "<script>alert(2)"] {
            assert!(!page.body.contains(bad), "{bad} on the editor page ({})", t.engine);
        }
        // The name a browser saves the file as cannot break the header either.
        let key = stored_key(&t, id).await;
        let a = send(&t, get(&format!("/media/{key}/x.pdf"), Some(&editor))).await;
        let disposition = a.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.starts_with("inline; filename=\"") && !disposition.contains('<'), "{disposition}");
        t
    })
    .await;
}

fn request(method: http::Method, uri: &str, headers: &[(header::HeaderName, &str)]) -> http::Request<axum::body::Body> {
    let mut req = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    req.body(axum::body::Body::empty()).unwrap()
}

#[tokio::test]
async fn a_file_larger_than_an_upload_part_streams_in_and_out_in_ranges_on_every_store() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let id = draft(&t, &editor).await;
        // 11 MiB: three parts of a multipart upload to object storage.
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend((0..11 * 1024 * 1024).map(|i: u32| b'a' + (i % 23) as u8));
        pdf.extend_from_slice(b"\n%%EOF\n");
        let a = upload(&t, &editor, id, "concept_note", "big.pdf", &pdf).await;
        assert_eq!(a.status, StatusCode::CREATED, "{} / {}: {}", t.engine, t.media_kind(), a.body);
        assert_eq!(stored_files(&t).await, 1);
        publish(&t, &editor, &publisher, id).await;
        let key = stored_key(&t, id).await;
        let uri = format!("/media/{key}/big.pdf");
        // Another server process, with a store of its own on the same settings, serves it.
        let state = t.state();
        let (status, headers, body) = fetch(state.clone(), request(http::Method::GET, &uri, &[])).await;
        assert_eq!(status, StatusCode::OK, "{}", t.media_kind());
        assert_eq!(body, pdf, "the whole file comes back from the {}", t.media_kind());
        assert_eq!(headers[header::CONTENT_LENGTH], pdf.len().to_string().as_str());
        assert_eq!(headers[header::ACCEPT_RANGES], "bytes");
        assert_eq!(headers[header::ETAG], format!("\"{key}\"").as_str());

        // A range across the boundary of two parts, the end of the file, and HEAD.
        let part = 5 * 1024 * 1024;
        let range = format!("bytes={}-{}", part - 10, part + 9);
        let (status, headers, body) =
            fetch(state.clone(), request(http::Method::GET, &uri, &[(header::RANGE, &range)])).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(body, &pdf[part - 10..part + 10]);
        let content_range = format!("bytes {}-{}/{}", part - 10, part + 9, pdf.len());
        assert_eq!(headers[header::CONTENT_RANGE], content_range.as_str());
        let (status, _, body) =
            fetch(state.clone(), request(http::Method::GET, &uri, &[(header::RANGE, "bytes=-7")])).await;
        assert_eq!((status, body.as_slice()), (StatusCode::PARTIAL_CONTENT, b"\n%%EOF\n".as_slice()));
        let (status, headers, body) = fetch(state.clone(), request(http::Method::HEAD, &uri, &[])).await;
        assert_eq!((status, body.len()), (StatusCode::OK, 0));
        assert_eq!(headers[header::CONTENT_LENGTH], pdf.len().to_string().as_str());
        // An old copy's range is not applied to this file: the whole of it comes back.
        let stale = [(header::RANGE, "bytes=0-9"), (header::IF_RANGE, "\"0000\"")];
        let (status, _, body) = fetch(state.clone(), request(http::Method::GET, &uri, &stale)).await;
        assert_eq!((status, body.len()), (StatusCode::OK, pdf.len()));
        let current = format!("\"{key}\"");
        let fresh = [(header::RANGE, "bytes=0-9"), (header::IF_RANGE, current.as_str())];
        let (status, _, body) = fetch(state.clone(), request(http::Method::GET, &uri, &fresh)).await;
        assert_eq!((status, body.as_slice()), (StatusCode::PARTIAL_CONTENT, b"%PDF-1.4\na".as_slice()));
        let (status, headers, _) =
            fetch(state, request(http::Method::GET, &uri, &[(header::RANGE, "bytes=99999999-")])).await;
        assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(headers[header::CONTENT_RANGE], format!("bytes */{}", pdf.len()).as_str());
        t
    })
    .await;
}

#[tokio::test]
async fn a_media_store_that_does_not_answer_gets_503_quickly_not_a_hang() {
    let t = TestDb::sqlite().await;
    let editor = staff_session(&t, Role::Editor).await;
    let publisher = staff_session(&t, Role::Publisher).await;
    let id = draft(&t, &editor).await;
    assert_eq!(upload(&t, &editor, id, "concept_note", "note.pdf", PDF).await.status, StatusCode::CREATED);
    publish(&t, &editor, &publisher, id).await;
    let key = stored_key(&t, id).await;
    // The same database, with media in object storage that nobody listens for.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let endpoint = format!("http://{closed}");
    let mut state = t.state();
    state.media = app::ssr::infra::media_store::MediaStore::s3(&app::ssr::config::S3Settings {
        bucket: "gone".into(),
        prefix: String::new(),
        endpoint: Some(endpoint),
        region: "us-east-1".into(),
        access_key_id: Some("id".into()),
        secret_access_key: Some("secret".into()),
    })
    .unwrap();
    let started = std::time::Instant::now();
    let (status, headers, _) =
        fetch(state.clone(), request(http::Method::GET, &format!("/media/{key}/note.pdf"), &[])).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers[header::RETRY_AFTER], "5");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "answered in {:?}", started.elapsed());
    // An upload is refused with an error the editor sees, and nothing is recorded.
    let a =
        send_to(state, multipart(&upload_uri(id), &[("kind", "slides")], Some(("deck.pdf", PDF)), Some(&editor), true))
            .await;
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", a.body);
    assert_eq!(media_rows(&t, id).await.len(), 1);
    t.drop_db().await;
}

#[tokio::test]
async fn a_sweep_removes_the_file_a_replacement_left_and_keeps_the_rest_on_every_store() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let id = draft(&t, &editor).await;
        assert_eq!(upload(&t, &editor, id, "concept_note", "note.pdf", PDF).await.status, StatusCode::CREATED);
        assert_eq!(upload(&t, &editor, id, "slides", "deck.pdf", b"%PDF-1.7\nv1").await.status, StatusCode::CREATED);
        let deck = media_rows(&t, id).await[1].0;
        let fields = [("kind", "slides"), ("replace", &deck.to_string()), ("title", "Deck v2"), ("locale", "")];
        let a =
            send(&t, multipart(&upload_uri(id), &fields, Some(("deck-v2.pdf", b"%PDF-1.7\nv2")), Some(&editor), true))
                .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        assert_eq!(stored_files(&t).await, 3, "the first deck is still stored");

        let mut conn = t.db.pool().acquire().await.unwrap();
        let in_use = app::ssr::db::media::keys_in_use(&mut conn).await.unwrap();
        drop(conn);
        let now = app::ssr::infra::clock::now();
        let media = t.media();
        let fresh = media.sweep(&in_use, 24 * 3600, now).await.unwrap();
        assert_eq!(fresh.unreferenced, 0, "a file stored within the grace period stays");
        let swept = media.sweep(&in_use, 0, now + 5).await.unwrap();
        assert_eq!((swept.unreferenced, swept.kept), (1, 2), "{} / {}", t.engine, t.media_kind());
        assert_eq!(stored_files(&t).await, 2);
        for (_, _, _, _, key) in media_rows(&t, id).await {
            assert!(media.bytes(&key.unwrap()).await.unwrap().is_some(), "files in use stay");
        }
        t
    })
    .await;
}
