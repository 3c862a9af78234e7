//! Sponsorship set-up on both engines: a publisher makes an event (a draft), adds activities
//! with texts, benefits, conflicts and what they seed, writes a price book and opens the
//! event, which the public then prices; a new price book version leaves earlier quotes
//! with their version and lines; bad input is refused with the field named and nothing
//! stored; editors look but do not change; a quoted event keeps its currency.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use common::web::{post, send, staff_session};
use common::{TestDb, on_every_engine};
use http::StatusCode;

const SLUG: &str = "dakar-forum-2028";

fn event_fields<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("form[original_locale]", "fr"),
        ("form[starts_on]", "2028-03-01"),
        ("form[ends_on]", "2028-03-03"),
        ("form[city]", "Dakar"),
        ("form[country]", "SN"),
        ("form[access]", "open"),
        ("form[currency]", "XOF"),
        ("form[sales_until]", "2028-02-01"),
        ("form[texts][names][fr]", "Forum de Dakar"),
        ("form[texts][descriptions][fr]", "Deux jours pour connecter l’Afrique de l’Ouest."),
        ("form[texts][names][ar]", "منتدى داكار"),
    ];
    for (k, v) in extra {
        match fields.iter_mut().find(|(key, _)| key == k) {
            Some(field) => field.1 = v,
            None => fields.push((k, v)),
        }
    }
    fields
}

async fn scalar(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).bind(SLUG).fetch_one(t.db.pool()).await.unwrap()
}

async fn activity_id(t: &TestDb, name: &str) -> i64 {
    sqlx::query_scalar("SELECT a.activity_id FROM sponsorship_activity_texts a WHERE a.locale = 'fr' AND a.name = $1")
        .bind(name)
        .fetch_one(t.db.pool())
        .await
        .unwrap()
}

fn refused(a: &common::web::Answer, field: &str, code: &str) {
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert!(a.body.contains(&format!("\"field\":\"{field}\"")), "{field} in {}", a.body);
    assert!(a.body.contains(&format!("\"code\":\"{code}\"")), "{code} in {}", a.body);
}

fn done(a: &common::web::Answer) {
    assert!(a.status.is_success() || a.status.is_redirection(), "{} {}", a.status, a.body);
}

async fn quote(t: &TestDb, activities: &[i64], email: &str) -> String {
    let now = app::ssr::infra::clock::now();
    let form = app::domain::sponsorship_quote::QuoteForm {
        event: SLUG.into(),
        activities: activities.iter().map(i64::to_string).collect::<Vec<_>>().join(","),
        member: String::new(),
        organisation: "Sonatel".into(),
        contact_name: "Awa Ndiaye".into(),
        email: email.into(),
        website: String::new(),
        shown_at: (now - 60).to_string(),
    };
    app::ssr::services::sponsorship::request_quote(&t.db, app::i18n::Locale::fr, &form, email, now)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_publisher_sets_up_an_event_and_a_new_price_book_leaves_earlier_quotes_as_they_were() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let create = |fields: Vec<(&'static str, &'static str)>, cookie: Option<String>| {
            let t = &t;
            async move {
                let mut all = vec![("locale", "fr")];
                all.extend(fields);
                send(t, post("/api/publisher/sponsorship_event_create", &all, cookie.as_deref(), false)).await
            }
        };
        let events = "SELECT COUNT(*) FROM sponsorship_events WHERE slug = $1";

        // Only publishers make events; bad fields are named and nothing is stored.
        assert_eq!(create(event_fields(&[("form[slug]", SLUG)]), None).await.status, StatusCode::UNAUTHORIZED);
        let a = create(event_fields(&[("form[slug]", SLUG)]), Some(editor.clone())).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        let a = create(event_fields(&[("form[slug]", SLUG), ("form[ends_on]", "2028-02-28")]), Some(publisher.clone())).await;
        refused(&a, "ends_on", "before_start");
        let a = create(event_fields(&[("form[slug]", SLUG), ("form[country]", "ZZ")]), Some(publisher.clone())).await;
        refused(&a, "country", "unknown");
        let a = create(event_fields(&[("form[slug]", SLUG), ("form[texts][names][fr]", " ")]), Some(publisher.clone())).await;
        refused(&a, "names.fr", "required");
        assert_eq!(scalar(&t, events).await, 0, "{}", t.engine);

        done(&create(event_fields(&[("form[slug]", SLUG)]), Some(publisher.clone())).await);
        assert_eq!(scalar(&t, events).await, 1);
        refused(&create(event_fields(&[("form[slug]", SLUG)]), Some(publisher.clone())).await, "slug", "address_taken");
        let state = "SELECT state FROM sponsorship_events WHERE slug = $1";
        let state_of = || async {
            sqlx::query_scalar::<_, String>(state).bind(SLUG).fetch_one(t.db.pool()).await.unwrap()
        };
        assert_eq!(state_of().await, "draft");

        // A draft is not public, and cannot open with nothing priced.
        let now = app::ssr::infra::clock::now();
        let public = app::ssr::services::sponsorship::event(&t.db, SLUG, app::i18n::Locale::fr, now).await;
        assert!(public.is_err(), "a draft is not found");
        let save = |extra: Vec<(&'static str, &'static str)>, cookie: &str| {
            let (t, cookie) = (&t, cookie.to_owned());
            async move {
                let mut all = vec![("slug", SLUG)];
                all.extend(event_fields(&extra));
                send(t, post("/api/publisher/sponsorship_event_save", &all, Some(&cookie), false)).await
            }
        };
        refused(&save(vec![("form[state]", "open")], &publisher).await, "state", "nothing_priced");

        // Two activities, the second not to be taken with the first and seeding the initiative for Africa.
        let activity = |id: String, fields: Vec<(&'static str, String)>, cookie: &str| {
            let (t, cookie) = (&t, cookie.to_owned());
            async move {
                let mut all: Vec<(&str, String)> = vec![("locale", "fr".into()), ("slug", SLUG.into()), ("id", id)];
                all.extend(fields);
                let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
                send(t, post("/api/publisher/sponsorship_activity_save", &borrowed, Some(&cookie), false)).await
            }
        };
        let lunch = vec![
            ("form[kind]", "lunch".to_owned()),
            ("form[capacity]", "2".to_owned()),
            ("form[seeds]", "none".to_owned()),
            ("form[benefits][passes]", "4".to_owned()),
            ("form[benefits][booth]", String::new()),
            ("form[texts][names][fr]", "Déjeuner des partenaires".to_owned()),
            ("form[texts][names][en]", "Partners’ lunch".to_owned()),
        ];
        assert_eq!(activity("0".into(), lunch.clone(), &editor).await.status, StatusCode::FORBIDDEN);
        let mut nameless = lunch.clone();
        nameless.retain(|(k, _)| *k != "form[texts][names][fr]");
        refused(&activity("0".into(), nameless, &publisher).await, "names.fr", "required");
        done(&activity("0".into(), lunch.clone(), &publisher).await);
        let lunch_id = activity_id(&t, "Déjeuner des partenaires").await;
        let gala = vec![
            ("form[kind]", "reception".to_owned()),
            ("form[capacity]", "1".to_owned()),
            ("form[seeds]", "region:africa".to_owned()),
            ("form[benefits][speaking_slot]", "1".to_owned()),
            ("form[conflicts][]", lunch_id.to_string()),
            ("form[texts][names][fr]", "Soirée de gala".to_owned()),
        ];
        done(&activity("0".into(), gala.clone(), &publisher).await);
        let gala_id = activity_id(&t, "Soirée de gala").await;

        // The price book: a bad one changes nothing; a good one is version 1.
        let book = |fields: Vec<(String, String)>, cookie: &str| {
            let (t, cookie) = (&t, cookie.to_owned());
            async move {
                let mut all: Vec<(String, String)> = vec![("slug".into(), SLUG.into())];
                all.extend(fields);
                let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                send(t, post("/api/publisher/sponsorship_price_book", &borrowed, Some(&cookie), false)).await
            }
        };
        let prices = |lunch: &str, gala: &str| {
            vec![
                ("form[member_rate]".to_owned(), "10".to_owned()),
                ("form[tiers][2]".to_owned(), "5".to_owned()),
                (format!("form[prices][{lunch_id}]"), lunch.to_owned()),
                (format!("form[prices][{gala_id}]"), gala.to_owned()),
            ]
        };
        let versions = "SELECT COUNT(*) FROM sponsorship_price_books b JOIN sponsorship_events e ON e.id = b.event_id WHERE e.slug = $1";
        refused(&book(prices("2 000 000.5", "5000000"), &publisher).await, &format!("prices.{lunch_id}"), "invalid_amount");
        let mut stacked = prices("2000000", "5000000");
        stacked.push(("form[tiers][3]".into(), "45".into()));
        refused(&book(stacked, &publisher).await, "tiers", "discount_too_high");
        assert_eq!(book(prices("2000000", "5000000"), &editor).await.status, StatusCode::FORBIDDEN);
        assert_eq!(scalar(&t, versions).await, 0, "{}", t.engine);
        let v1 = book(prices("2000000", "5000000"), &publisher).await;
        assert_eq!((v1.status, v1.body.as_str()), (StatusCode::OK, "1"));

        // Open: the public prices it, the two activities in conflict.
        done(&save(vec![("form[state]", "open")], &publisher).await);
        let offer = app::ssr::services::sponsorship::event(&t.db, SLUG, app::i18n::Locale::en, now).await.unwrap();
        assert_eq!(offer.card.name, "Forum de Dakar", "no English name: the original");
        assert_eq!(offer.activities.len(), 2);
        let lunch_offer = offer.activity(lunch_id).unwrap();
        assert_eq!((lunch_offer.name.as_str(), lunch_offer.offer.list_price), ("Partners’ lunch", 2_000_000));
        assert_eq!(lunch_offer.benefits, [(app::domain::sponsorship::BenefitKind::Passes, 4)]);
        assert_eq!(offer.activity(gala_id).unwrap().offer.conflicts, [lunch_id]);
        assert!(matches!(offer.activity(gala_id).unwrap().seeds, app::domain::sponsorship::Seeds::Region(_)));
        assert!(offer.price_of(&[lunch_id, gala_id], false).is_err(), "they conflict");

        // A quote, then version 2 at other prices: the quote keeps version 1 and its lines.
        let number = quote(&t, &[lunch_id], "awa@example.sn").await;
        let lines = "SELECT CAST(SUM(l.amount_minor) AS BIGINT) FROM sponsorship_quote_lines l JOIN sponsorship_quotes q ON q.id = l.quote_id \
                     JOIN sponsorship_events e ON e.id = q.event_id WHERE e.slug = $1";
        assert_eq!(scalar(&t, lines).await, 2_000_000);
        let v2 = book(prices("3000000", ""), &publisher).await;
        assert_eq!((v2.status, v2.body.as_str()), (StatusCode::OK, "2"));
        assert_eq!(scalar(&t, lines).await, 2_000_000, "the quote holds its prices");
        let review =
            app::ssr::services::sponsorship_sales::review(&t.db, &number, app::i18n::Locale::en, now).await.unwrap();
        assert_eq!((review.price_book_version, review.summary.total), (1, 2_000_000));
        let offer = app::ssr::services::sponsorship::event(&t.db, SLUG, app::i18n::Locale::fr, now).await.unwrap();
        assert_eq!(offer.activities.len(), 1, "the gala has no price in version 2: not on sale");
        assert_eq!(offer.activities[0].offer.list_price, 3_000_000);
        let edit = app::ssr::services::sponsorship_editor::event(&t.db, SLUG, app::i18n::Locale::fr).await.unwrap();
        let quoted: Vec<(i64, i64)> = edit.versions.iter().map(|v| (v.version, v.quotes)).collect();
        assert_eq!(quoted, [(2, 0), (1, 1)]);
        assert!(edit.quoted);

        // Once quoted: the currency stays and the event does not return to draft.
        refused(&save(vec![("form[currency]", "EUR")], &publisher).await, "currency", "quoted");
        refused(&save(vec![("form[state]", "draft")], &publisher).await, "state", "quoted");
        done(&save(vec![("form[state]", "suspended"), ("form[texts][names][en]", "Dakar Forum")], &publisher).await);
        assert_eq!(state_of().await, "suspended");

        // The capacity cannot go below the places taken.
        sqlx::query("UPDATE sponsorship_activities SET taken = 2 WHERE id = $1").bind(lunch_id).execute(t.db.pool()).await.unwrap();
        let mut one = lunch.clone();
        one[1].1 = "1".into();
        refused(&activity(lunch_id.to_string(), one, &publisher).await, "capacity", "below_taken");
        let mut other_event = lunch.clone();
        other_event.push(("form[conflicts][]", "999999".into()));
        refused(&activity(lunch_id.to_string(), other_event, &publisher).await, "conflicts", "unknown");

        // Everything is in the event's history.
        let history = app::ssr::services::sponsorship_editor::history(&t.db, SLUG).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        for action in ["sponsorship_event_created", "sponsorship_activity_added", "price_book_version", "sponsorship_event_updated"] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        t
    })
    .await;
}
