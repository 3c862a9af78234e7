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
        assert_eq!(app::ssr::seed::sponsorship(&t.db, app::ssr::infra::clock::now()).await.unwrap(), 2);
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
