//! Sponsorship for staff on both engines: the demo's 2017 adds up to the reported
//! US$590,329; a publisher accepts a quote (places reserved, once only), moves the
//! sponsorship to signed (a sponsorship agreement in the record, its value in US dollars at
//! the rate given) and paid (the money received on it), and the revenue counts it; editors
//! may look and tick the checklist but not answer; two quotes racing for the last place
//! reserve it once; lapsed quotes, unconfirmed member discounts and cancelled sponsorships.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use common::web::{get, post, send, send_to, staff_session};
use common::{TestDb, on_every_engine};
use http::StatusCode;

const SUMMIT: &str = "digital-partnerships-summit";

/// Asks for a quote of the summit's activities named (in English); its number.
async fn quote(t: &TestDb, names: &[&str], member: bool, email: &str) -> String {
    let now = app::ssr::infra::clock::now();
    let offer = app::ssr::services::sponsorship::event(&t.db, SUMMIT, app::i18n::Locale::en, now).await.unwrap();
    let ids: Vec<String> = names
        .iter()
        .map(|n| offer.activities.iter().find(|a| a.name == *n).unwrap_or_else(|| panic!("{n}")).offer.id.to_string())
        .collect();
    let form = app::domain::sponsorship_quote::QuoteForm {
        event: SUMMIT.into(),
        activities: ids.join(","),
        member: if member { "1".into() } else { String::new() },
        organisation: "Réseaux du Léman SA".into(),
        contact_name: "Camille Dubois".into(),
        email: email.into(),
        website: String::new(),
        shown_at: (now - 60).to_string(),
    };
    let ip = format!("ip-{email}");
    app::ssr::services::sponsorship::request_quote(&t.db, app::i18n::Locale::en, &form, &ip, now)
        .await
        .unwrap()
        .unwrap()
}

fn accept_form<'a>(number: &'a str, organisation: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("locale", "en"), ("form[quote]", number), ("form[organisation]", organisation)]
}

async fn scalar(t: &TestDb, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).bind(bind).fetch_one(t.db.pool()).await.unwrap()
}

async fn taken(t: &TestDb, name: &str) -> i64 {
    scalar(
        t,
        "SELECT a.taken FROM sponsorship_activities a JOIN sponsorship_activity_texts x ON x.activity_id = a.id \
         AND x.locale = 'en' JOIN sponsorship_events e ON e.id = a.event_id WHERE x.name = $1 \
         AND e.slug = 'digital-partnerships-summit'",
        name,
    )
    .await
}

async fn sale_of(t: &TestDb, number: &str) -> i64 {
    scalar(t, "SELECT s.id FROM sponsorships s JOIN sponsorship_quotes q ON q.id = s.quote_id WHERE q.number = $1", number)
        .await
}

#[tokio::test]
async fn a_publisher_accepts_a_quote_and_the_signed_and_paid_sponsorship_is_recorded_and_counted() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        app::ssr::seed::agreements(&t.db, app::ssr::infra::clock::now()).await.unwrap();
        app::ssr::seed::sponsorship(&t.db, app::ssr::infra::clock::now()).await.unwrap();

        // The demo's 2017: 14 sponsors, US$590,329 signed and paid, each a public sponsorship agreement.
        let revenue = app::ssr::services::sponsorship_sales::revenue_of(&t.db, app::i18n::Locale::en).await.unwrap();
        let year = revenue.by_year.iter().find(|r| r.label == "2017").unwrap();
        assert_eq!((year.count, year.usd_cents), (14, 59_032_900), "{}", t.engine);
        assert_eq!(revenue.by_event.len(), 3);
        assert_eq!(revenue.by_sponsor.len(), 14);
        let agreements = scalar(
            &t,
            "SELECT COUNT(*) FROM agreements a JOIN sponsorships s ON s.agreement_id = a.id \
             WHERE a.kind = 'sponsorship' AND a.status = 'signed' AND a.public = 1 AND a.signed_on LIKE $1",
            "2017-%",
        )
        .await;
        assert_eq!(agreements, 14);
        let discounted = scalar(
            &t,
            "SELECT COUNT(DISTINCT quote_id) FROM sponsorship_quote_lines WHERE kind = $1",
            "multi_discount",
        )
        .await;
        assert!(discounted >= 4, "some took several activities: {discounted}");

        let number = quote(&t, &["Welcome reception", "Networking lunch"], false, "camille@example.org").await;
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;

        // The inbox, for staff only, filtered by event and state, and its CSV.
        let inbox = |cookie: Option<String>, state: &'static str| {
            let fields = vec![("locale", "en"), ("filter[event]", SUMMIT), ("filter[state]", state)];
            let t = &t;
            async move { send(t, post("/api/staff/sponsorship_quotes", &fields, cookie.as_deref(), false)).await }
        };
        assert_eq!(inbox(None, "").await.status, StatusCode::UNAUTHORIZED);
        let sent = inbox(Some(editor.clone()), "sent").await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert!(sent.body.contains(&number));
        assert!(!inbox(Some(editor.clone()), "accepted").await.body.contains(&number));
        let bad = inbox(Some(editor.clone()), "lost").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Editors look; publishers answer.
        let a = send(&t, post("/api/publisher/sponsorship_accept", &accept_form(&number, "new"), Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        assert_eq!(taken(&t, "Welcome reception").await, 0);
        let a = send(&t, post("/api/publisher/sponsorship_accept", &accept_form(&number, "new"), Some(&publisher), false)).await;
        assert!(a.status.is_success() || a.status.is_redirection(), "{}: {} {}", t.engine, a.status, a.body);
        assert_eq!((taken(&t, "Welcome reception").await, taken(&t, "Networking lunch").await), (1, 1));
        let again = send(&t, post("/api/publisher/sponsorship_accept", &accept_form(&number, "new"), Some(&publisher), false)).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.body.contains("\"code\":\"answered\""), "{}", again.body);
        assert_eq!(taken(&t, "Welcome reception").await, 1, "accepted once");
        let sale = sale_of(&t, &number).await;
        let entry = scalar(&t, "SELECT COUNT(*) FROM organisations WHERE name = $1", "Réseaux du Léman SA").await;
        assert_eq!(entry, 1, "a registry entry made from the quote");

        // The checklist: the logo and each benefit; editors tick it.
        let tick = [("id", sale.to_string()), ("position", "0".into()), ("done", "1".into())];
        let tick: Vec<(&str, &str)> = tick.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let a = send(&t, post("/api/staff/sponsorship_tick", &tick, Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let detail = send(&t, post("/api/staff/sponsorship", &[("locale", "en"), ("id", &sale.to_string())], Some(&editor), false)).await;
        assert!(detail.body.contains("\"kind\":\"logo_received\"") && detail.body.contains("\"speaking_slot\""), "{}", detail.body);

        // Signed: Swiss francs need the day's rate; then a sponsorship agreement at that rate.
        let step = |to: &'static str, rate: &'static str| {
            let id = sale.to_string();
            let t = &t;
            let publisher = publisher.clone();
            async move {
                let fields = [("id", id.as_str()), ("form[to]", to), ("form[on]", ""), ("form[usd_rate]", rate)];
                send(t, post("/api/publisher/sponsorship_move", &fields, Some(&publisher), false)).await
            }
        };
        let no_rate = step("signed", "").await;
        assert!(no_rate.body.contains("\"field\":\"usd_rate\""), "{}", no_rate.body);
        assert!(step("paid", "").await.body.contains("\"code\":\"not_allowed\""), "paid only once signed");
        assert_eq!(step("contract_sent", "").await.status, StatusCode::OK);
        let signed = step("signed", "1.1").await;
        assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
        let (kind, status, value, usd, parties): (String, String, i64, i64, i64) = sqlx::query_as(
            "SELECT a.kind, a.status, a.value_minor, a.usd_cents, \
               (SELECT COUNT(*) FROM agreement_parties p WHERE p.agreement_id = a.id) \
             FROM agreements a JOIN sponsorships s ON s.agreement_id = a.id WHERE s.id = $1",
        )
        .bind(sale)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        // Reception CHF 50,000 + lunch CHF 25,000 less 5 % on the second: CHF 73,750.
        assert_eq!((kind.as_str(), status.as_str(), value, usd, parties), ("sponsorship", "signed", 7_375_000, 8_112_500, 1));
        let paid = step("paid", "").await;
        assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
        let received = scalar(
            &t,
            "SELECT t.value_minor FROM agreement_transactions t JOIN sponsorships s ON s.agreement_id = t.agreement_id \
             WHERE s.id = CAST($1 AS BIGINT) AND t.kind = 'received'",
            &sale.to_string(),
        )
        .await;
        assert_eq!(received, 7_375_000);

        // It counts now, this year; the record's staff page shows its agreement.
        let revenue = app::ssr::services::sponsorship_sales::revenue_of(&t.db, app::i18n::Locale::en).await.unwrap();
        assert_eq!((revenue.count, revenue.usd_cents), (15, 59_032_900 + 8_112_500));
        let summit = revenue.by_event.iter().find(|r| r.key == SUMMIT).unwrap();
        assert_eq!(summit.usd_cents, 8_112_500);
        let agreement = scalar(&t, "SELECT agreement_id FROM sponsorships WHERE id = CAST($1 AS BIGINT)", &sale.to_string()).await;
        let page = send(&t, get(&format!("/en/staff/agreements/{agreement}"), Some(&editor))).await;
        assert!(page.body.contains("Digital Partnerships Summit: Welcome reception, Networking lunch"), "{}", t.engine);
        let csv = send(&t, get("/api/staff/sponsorship-quotes.csv?state=accepted", Some(&editor))).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains(&number) && csv.body.contains("\"73750\""), "{}", csv.body);
        assert_eq!(send(&t, get("/api/staff/sponsorship-quotes.csv", None)).await.status, StatusCode::SEE_OTHER, "to sign in");
        let staff_page = send(&t, get("/en/staff/sponsorship/revenue", Some(&editor))).await;
        assert!(staff_page.body.contains("Global Symposium for Regulators 2017"), "{}", t.engine);
        t
    })
    .await;
}

#[tokio::test]
async fn two_quotes_racing_for_the_last_place_reserve_it_once_and_nothing_is_half_done() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        app::ssr::seed::sponsorship(&t.db, app::ssr::infra::clock::now()).await.unwrap();
        let publisher = staff_session(&t, Role::Publisher).await;
        let first = quote(&t, &["Wi-Fi network"], false, "a@example.org").await;
        let second = quote(&t, &["Wi-Fi network", "Exhibition booth"], false, "b@example.org").await;
        let state = t.state();
        let race = |number: String| {
            let state = state.clone();
            let publisher = publisher.clone();
            async move {
                send_to(state, post("/api/publisher/sponsorship_accept", &accept_form(&number, "new"), Some(&publisher), false))
                    .await
            }
        };
        let (a, b) = tokio::join!(race(first.clone()), race(second.clone()));
        let won = [&a, &b].iter().filter(|r| r.status.is_success() || r.status.is_redirection()).count();
        assert_eq!(won, 1, "{}: {} {} / {} {}", t.engine, a.status, a.body, b.status, b.body);
        let lost = if a.status == StatusCode::UNPROCESSABLE_ENTITY { &a } else { &b };
        assert!(lost.body.contains("\"code\":\"sold_out\""), "{}", lost.body);
        assert_eq!(taken(&t, "Wi-Fi network").await, 1);
        // The loser changed nothing: its quote is still open, its booth place free, no sponsorship.
        let loser = if a.status == StatusCode::UNPROCESSABLE_ENTITY { &first } else { &second };
        let still: String =
            sqlx::query_scalar("SELECT state FROM sponsorship_quotes WHERE number = $1").bind(loser).fetch_one(t.db.pool()).await.unwrap();
        assert_eq!(still, "sent");
        let booth_taken = taken(&t, "Exhibition booth").await;
        assert_eq!(booth_taken, i64::from(loser == &first), "the winner's booth only");
        let sales = scalar(&t, "SELECT COUNT(*) FROM sponsorships s JOIN sponsorship_quotes q ON q.id = s.quote_id WHERE q.email <> $1", "partnerships@example.org").await;
        assert_eq!(sales, 1);

        // A lapsed quote is refused, and the inbox reads it as expired.
        let lapsed = quote(&t, &["Coffee breaks"], false, "c@example.org").await;
        sqlx::query("UPDATE sponsorship_quotes SET valid_until = '2020-01-01' WHERE number = $1").bind(&lapsed).execute(t.db.pool()).await.unwrap();
        let a = send(&t, post("/api/publisher/sponsorship_accept", &accept_form(&lapsed, "new"), Some(&publisher), false)).await;
        assert!(a.body.contains("\"code\":\"quote_expired\""), "{}", a.body);
        let fields = [("locale", "en"), ("filter[event]", ""), ("filter[state]", "expired")];
        let expired = send(&t, post("/api/staff/sponsorship_quotes", &fields, Some(&publisher), false)).await;
        assert!(expired.body.contains(&lapsed), "{}", expired.body);
        assert_eq!(taken(&t, "Coffee breaks").await, 0);

        // A member discount stands only once the registry confirms the membership.
        let member = quote(&t, &["Networking lunch"], true, "d@example.org").await;
        let a = send(&t, post("/api/publisher/sponsorship_accept", &accept_form(&member, "new"), Some(&publisher), false)).await;
        assert!(a.body.contains("\"code\":\"membership_unconfirmed\""), "{}", a.body);
        let before = scalar(&t, "SELECT COUNT(*) FROM organisations WHERE name = $1", "Réseaux du Léman SA").await;
        assert_eq!(before, 1, "only the winner's entry: the refused accept made none");

        // Cancelling gives the places back; a cancelled sponsorship moves no further.
        let booth = quote(&t, &["Exhibition booth"], false, "e@example.org").await;
        let org = scalar(&t, "SELECT id FROM organisations WHERE name = $1", "Réseaux du Léman SA").await.to_string();
        let a = send(&t, post("/api/publisher/sponsorship_accept", &accept_form(&booth, &org), Some(&publisher), false)).await;
        assert!(a.status.is_success() || a.status.is_redirection(), "{}", a.body);
        let held = taken(&t, "Exhibition booth").await;
        let sale = sale_of(&t, &booth).await.to_string();
        let cancel = [("id", sale.as_str()), ("form[to]", "cancelled"), ("form[on]", ""), ("form[usd_rate]", "")];
        assert_eq!(send(&t, post("/api/publisher/sponsorship_move", &cancel, Some(&publisher), false)).await.status, StatusCode::OK);
        assert_eq!(taken(&t, "Exhibition booth").await, held - 1);
        let sign = [("id", sale.as_str()), ("form[to]", "signed"), ("form[on]", ""), ("form[usd_rate]", "1.1")];
        let a = send(&t, post("/api/publisher/sponsorship_move", &sign, Some(&publisher), false)).await;
        assert!(a.body.contains("\"code\":\"not_allowed\""), "{}", a.body);
        t
    })
    .await;
}
