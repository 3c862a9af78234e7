//! Sponsorship's three clicks on both engines: the demo events listed, an event's activities
//! with their places and what the money goes to, a choice priced as lines in the address
//! (no JavaScript) from the same function the browser uses; conflicting, unknown and taken
//! activities refused with translated reasons; drafts are not found.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::sponsorship::{EventOffer, LineKind};
use common::web::{get, post, send};
use common::{TestDb, on_every_engine};
use http::StatusCode;

const SUMMIT: &str = "digital-partnerships-summit";

async fn event(t: &TestDb, locale: &str, slug: &str) -> (StatusCode, Option<EventOffer>) {
    let a = send(t, post("/api/sponsorship_event", &[("locale", locale), ("slug", slug)], None, false)).await;
    (a.status, (a.status == StatusCode::OK).then(|| serde_json::from_str(&a.body).unwrap()))
}

fn id_of(e: &EventOffer, name: &str) -> i64 {
    e.activities.iter().find(|a| a.name == name).map(|a| a.offer.id).unwrap_or_else(|| panic!("no {name}"))
}

#[tokio::test]
async fn a_visitor_chooses_an_event_and_activities_and_reads_the_price_as_lines() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        assert_eq!(app::ssr::seed::sponsorship(&t.db, app::ssr::infra::clock::now()).await.unwrap(), 5, "two ahead, three of 2017");
        assert_eq!(app::ssr::seed::sponsorship(&t.db, 0).await.unwrap(), 0, "seeded once");

        // Click one: the events, in the reader's language.
        let list = send(&t, get("/fr/sponsorship", None)).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Sommet des partenariats numériques"), "{}", t.engine);
        assert!(list.body.contains("Forum des partenaires") && list.body.contains("Réservé aux membres"));
        assert!(list.body.contains(&format!("/fr/sponsorship?event={SUMMIT}")));

        // Click two: the activities, with places, benefits and where the money goes.
        let (status, summit) = event(&t, "fr", SUMMIT).await;
        assert_eq!(status, StatusCode::OK);
        let summit = summit.unwrap();
        assert_eq!(summit.activities.len(), 9);
        let reception = id_of(&summit, "Réception de bienvenue");
        let lunch = id_of(&summit, "Déjeuner de réseautage");
        let (wifi, app_id) = (id_of(&summit, "Réseau Wi-Fi"), id_of(&summit, "Application de l'événement"));
        let page = send(&t, get(&format!("/fr/sponsorship?event={SUMMIT}"), None)).await;
        assert!(page.body.contains("Exclusif : un seul parrain") && page.body.contains("Places restantes : 10"));
        assert!(
            page.body.contains("Les fonds amorcent l&#x27;initiative régionale")
                || page.body.contains("Les fonds amorcent l'initiative régionale")
        );
        assert!(page.body.contains("Ne peut être parrainé avec"));

        // Click three: the price, as lines, without JavaScript. Reception CHF 50,000 and lunch
        // CHF 25,000 for a member: 10 % off each, and the second (cheaper) 5 % more.
        let price = summit.price_of(&[lunch, reception], true).unwrap();
        let amounts: Vec<(LineKind, i64)> = price.lines.iter().map(|l| (l.kind, l.amount)).collect();
        assert_eq!(
            amounts,
            [
                (LineKind::ListPrice, 5_000_000),
                (LineKind::MemberDiscount, -500_000),
                (LineKind::ListPrice, 2_500_000),
                (LineKind::MemberDiscount, -250_000),
                (LineKind::MultiDiscount, -125_000),
            ]
        );
        assert_eq!(price.total, 6_625_000);
        let priced =
            send(&t, get(&format!("/fr/sponsorship?event={SUMMIT}&a={reception}&a={lunch}&member=1"), None)).await;
        assert_eq!(priced.status, StatusCode::OK);
        for text in [
            "Remise membre",
            "−10 %",
            "(sous réserve de vérification)",
            "Remise pour parrainages multiples, activité n° 2",
            "−5 %",
            "66\u{202f}250 CHF",
            "Ajoutez une activité de plus",
        ] {
            assert!(priced.body.contains(text), "{text} on {}", t.engine);
        }
        // Not a member: list prices less the multi-sponsorship line only.
        assert_eq!(summit.price_of(&[reception, lunch], false).unwrap().total, 7_375_000);

        // Conflicts, unknown ids and garbage are refused with their reasons; nothing breaks.
        let clash = send(&t, get(&format!("/fr/sponsorship?event={SUMMIT}&a={wifi}&a={app_id}"), None)).await;
        assert_eq!(clash.status, StatusCode::OK);
        assert!(clash.body.contains("ces deux activités ne peuvent être parrainées ensemble"));
        let unknown = send(&t, get(&format!("/fr/sponsorship?event={SUMMIT}&a=999999&a=abc"), None)).await;
        assert!(
            unknown.body.contains("Une activité choisie n&#x27;est pas proposée")
                || unknown.body.contains("Une activité choisie n'est pas proposée")
        );

        // Every place taken: "taken", and a choice of it refused.
        sqlx::query("UPDATE sponsorship_activities SET taken = capacity WHERE id = $1")
            .bind(reception)
            .execute(t.db.pool())
            .await
            .unwrap();
        let (_, after) = event(&t, "en", SUMMIT).await;
        assert!(after.unwrap().price_of(&[reception], false).is_err());
        let taken = send(&t, get(&format!("/en/sponsorship?event={SUMMIT}&a={reception}"), None)).await;
        assert!(taken.body.contains("every place is taken") && taken.body.contains(">Taken<"));

        // Arabic reads right to left, names in Arabic.
        let ar = send(&t, get(&format!("/ar/sponsorship?event={SUMMIT}&a={lunch}"), None)).await;
        assert!(
            ar.body.contains("dir=\"rtl\"")
                && ar.body.contains("قمة الشراكات الرقمية")
                && ar.body.contains("غداء التواصل")
        );

        // Drafts and unknown events are not found.
        sqlx::query("UPDATE sponsorship_events SET state = 'draft' WHERE slug = $1")
            .bind(SUMMIT)
            .execute(t.db.pool())
            .await
            .unwrap();
        assert_eq!(event(&t, "en", SUMMIT).await.0, StatusCode::NOT_FOUND);
        assert_eq!(event(&t, "en", "no-such-event").await.0, StatusCode::NOT_FOUND);
        assert_eq!(event(&t, "xx", "partners-forum").await.0, StatusCode::UNPROCESSABLE_ENTITY, "an unknown language");
        let list = send(&t, get("/en/sponsorship", None)).await;
        assert!(!list.body.contains("Digital Partnerships Summit") && list.body.contains("Partners"));
        let gone = send(&t, get(&format!("/en/sponsorship?event={SUMMIT}"), None)).await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
        t
    })
    .await;
}

fn quote_form<'a>(activities: &'a str, member: &'a str, shown: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("locale", "fr"),
        ("form[event]", SUMMIT),
        ("form[activities]", activities),
        ("form[member]", member),
        ("form[organisation]", "Réseaux du Léman SA"),
        ("form[contact_name]", "Camille Dubois"),
        ("form[email]", email),
        ("form[website]", ""),
        ("form[shown_at]", shown),
    ]
}

async fn quotes(t: &TestDb) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sponsorship_quotes").fetch_one(t.db.pool()).await.unwrap()
}

#[tokio::test]
async fn a_quote_is_numbered_holds_its_prices_and_reaches_its_contact_by_e_mail() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let now = app::ssr::infra::clock::now();
        app::ssr::seed::sponsorship(&t.db, now).await.unwrap();
        let (state, dir) = common::mail::app_state(&t, &[]);
        let summit = event(&t, "fr", SUMMIT).await.1.unwrap();
        let (reception, lunch) = (id_of(&summit, "Réception de bienvenue"), id_of(&summit, "Déjeuner de réseautage"));
        let (wifi, app_id) = (id_of(&summit, "Réseau Wi-Fi"), id_of(&summit, "Application de l'événement"));
        let shown = (now - 30).to_string();
        let chosen = format!("{reception},{lunch}");
        let ask = |fields: Vec<(&str, &str)>| {
            let state = state.clone();
            let fields: Vec<(String, String)> = fields.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                common::web::send_to(state, post("/api/sponsorship_quote/new", &fields, None, true)).await
            }
        };

        let a = ask(quote_form(&chosen, "1", &shown, "camille@example.org")).await;
        assert!(a.status.is_redirection(), "{}: {} {}", t.engine, a.status, a.body);
        let year = &app::domain::format::iso_date(now)[..4];
        assert_eq!(
            a.headers[http::header::LOCATION],
            format!("/fr/sponsorship?event={SUMMIT}&quote=Q-{year}-0001#quote")
        );
        let (number, total, member, locale, valid_until): (String, i64, i64, String, String) = sqlx::query_as(
            "SELECT number, total_minor, member_claimed, locale, valid_until FROM sponsorship_quotes WHERE email = 'camille@example.org'",
        )
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        assert_eq!((total, member, locale.as_str()), (6_625_000, 1, "fr"), "priced as the page priced it");
        assert_eq!(valid_until, app::domain::format::iso_date(now + 30 * 86_400));
        let lines: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sponsorship_quote_lines l JOIN sponsorship_quotes q ON q.id = l.quote_id WHERE q.number = $1",
        )
        .bind(&number)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        assert_eq!(lines, 5);

        // A new price book afterwards does not change the quote.
        let event_id: i64 = sqlx::query_scalar("SELECT id FROM sponsorship_events WHERE slug = $1")
            .bind(SUMMIT)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let book: i64 = sqlx::query_scalar(
            "INSERT INTO sponsorship_price_books (event_id, version, member_rate_bp, created_at) VALUES ($1, 2, 0, 0) RETURNING id",
        )
        .bind(event_id)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO sponsorship_list_prices (price_book_id, activity_id, amount_minor) \
             SELECT $1, activity_id, amount_minor * 2 FROM sponsorship_list_prices WHERE price_book_id <> $1",
        )
        .bind(book)
        .execute(t.db.pool())
        .await
        .unwrap();

        // The e-mail: in French, the lines and total, and the link to the quote's page.
        let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
        while app::ssr::jobs::delivery_worker::work_once(&state, &mailer).await.unwrap() > 0 {}
        let mails = common::mail::take(&dir);
        assert_eq!(mails.len(), 1, "{}", t.engine);
        let mail = &mails[0];
        assert_eq!(mail.to, "camille@example.org");
        assert!(mail.subject.contains(&number) && mail.subject.contains("Sommet des partenariats numériques"), "{}", mail.subject);
        assert!(mail.text.contains("66\u{202f}250 CHF") && mail.text.contains("Remise membre"), "{}", mail.text);
        let at = mail.text.find("/fr/sponsorship/quotes/").expect("the quote's link") + "/fr/sponsorship/quotes/".len();
        let token: String = mail.text[at..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        // Its PDF goes with it, and its page offers the same in the reader's language.
        assert_eq!(mail.attachments.len(), 1, "{}", t.engine);
        assert_eq!(mail.attachments[0].0, format!("{number}.pdf"));
        assert!(mail.attachments[0].1.starts_with(b"%PDF-"));
        let (status, headers, pdf) =
            common::web::fetch(t.state(), get(&format!("/ar/sponsorship/quotes/{token}/quote.pdf"), None)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[http::header::CONTENT_TYPE], "application/pdf");
        assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 2_000);
        let (status, _, _) = common::web::fetch(t.state(), get("/ar/sponsorship/quotes/not-a-token/quote.pdf", None)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let page = send(&t, get(&format!("/fr/sponsorship/quotes/{token}"), None)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("/fr/sponsorship/quotes/{token}/quote.pdf")));
        for text in [number.as_str(), "Devis de parrainage", "66\u{202f}250 CHF", "Réception de bienvenue", "Valable jusqu"] {
            assert!(page.body.contains(text), "{text} on {}", t.engine);
        }
        let version = page.body.find("Version du barème").and_then(|i| page.body.get(i..i + 60)).unwrap_or_default();
        assert!(version.contains(">1<"), "priced from version 1: {version}");
        assert_eq!(send(&t, get("/fr/sponsorship/quotes/not-a-token", None)).await.status, StatusCode::NOT_FOUND);

        // The next quote takes the next number, at the new prices.
        let b = ask(quote_form(&lunch.to_string(), "", &shown, "other@example.org")).await;
        assert!(b.headers[http::header::LOCATION].to_str().unwrap().contains(&format!("Q-{year}-0002")));
        let second: i64 = sqlx::query_scalar("SELECT total_minor FROM sponsorship_quotes WHERE number = $1")
            .bind(format!("Q-{year}-0002"))
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(second, 5_000_000);

        // Bad input changes nothing and says why.
        let before = quotes(&t).await;
        let clash = format!("{wifi},{app_id}");
        for (name, fields, field, code) in [
            ("conflict", quote_form(&clash, "", &shown, "x@example.org"), "activities", "conflicts"),
            ("no activity", quote_form("", "", &shown, "x@example.org"), "activities", "required"),
            ("bad e-mail", quote_form(&chosen, "", &shown, "not an address"), "email", "invalid_email"),
            ("unknown activity", quote_form("999999", "", &shown, "x@example.org"), "activities", "unknown"),
        ] {
            let a = send(&t, post("/api/sponsorship_quote/new", &fields, None, false)).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {}", a.body);
            assert!(a.body.contains(&format!("\"field\":\"{field}\"")) && a.body.contains(&format!("\"code\":\"{code}\"")), "{name}: {}", a.body);
        }
        let mut unknown = quote_form(&chosen, "", &shown, "x@example.org");
        unknown[1].1 = "no-such-event";
        let a = send(&t, post("/api/sponsorship_quote/new", &unknown, None, false)).await;
        assert!(a.body.contains("\"field\":\"event\""), "{}", a.body);
        sqlx::query("UPDATE sponsorship_events SET state = 'suspended' WHERE id = $1").bind(event_id).execute(t.db.pool()).await.unwrap();
        let a = send(&t, post("/api/sponsorship_quote/new", &quote_form(&chosen, "", &shown, "x@example.org"), None, false)).await;
        assert!(a.body.contains("\"code\":\"closed\""), "{}", a.body);
        sqlx::query("UPDATE sponsorship_events SET state = 'open' WHERE id = $1").bind(event_id).execute(t.db.pool()).await.unwrap();
        // A robot is thanked and nothing is stored.
        let mut robot = quote_form(&chosen, "", &shown, "bot@example.org");
        robot[7].1 = "http://spam.example";
        let a = ask(robot).await;
        assert!(a.headers[http::header::LOCATION].to_str().unwrap().ends_with("quote=sent#quote"));
        // Shown this very second: faster than anyone fills the form in.
        let too_fast = app::ssr::infra::clock::now().to_string();
        let a = ask(quote_form(&chosen, "", &too_fast, "bot@example.org")).await;
        assert!(a.status.is_redirection());
        assert_eq!(quotes(&t).await, before, "{}", t.engine);
        t
    })
    .await;
}
