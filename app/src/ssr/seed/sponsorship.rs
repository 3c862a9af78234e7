//! Demo sponsorship events for a new database: two events ahead of the day the database is
//! made, open for quotes, so a visitor can try the three clicks on first start — a summit
//! open to all (Swiss francs, a member discount and two multi-sponsorship tiers) with nine
//! activities, one seeding a demo concept and one the agency's initiative for Africa, two
//! that cannot be taken together; and a members-only forum (US dollars) with four.
use crate::domain::format::iso_date;
use crate::ssr::db::sponsorship_editor::{self as repo, ActivityFacts, EventFacts, Texts};
use crate::ssr::infra::database::Db;
use crate::ssr::seed::error::SeedError;
use sqlx::AnyConnection;

const DAY: i64 = 86_400;

/// A name or description in the six languages: ar, en, es, fr, ru, zh.
pub(super) type Six = [&'static str; 6];

const LOCALES: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];

pub(super) struct Activity {
    pub(super) kind: &'static str,
    pub(super) names: Six,
    pub(super) description: &'static str,
    pub(super) capacity: i64,
    /// In the event currency's minor unit.
    pub(super) price: i64,
    pub(super) benefits: &'static [(&'static str, i64)],
    pub(super) seeds: Seeds,
}

pub(super) enum Seeds {
    Activity,
    FirstConcept,
    Region(&'static str),
}

/// When an event starts: days after the database is made, or on a day of the past.
pub(super) enum When {
    In(i64),
    On(&'static str),
}

pub(super) struct Event {
    pub(super) slug: &'static str,
    pub(super) names: Six,
    pub(super) descriptions: Six,
    pub(super) starts: When,
    pub(super) days: i64,
    pub(super) city: &'static str,
    pub(super) country: &'static str,
    pub(super) access: &'static str,
    pub(super) currency: &'static str,
    pub(super) member_bp: i64,
    pub(super) tiers: &'static [(i64, i64)],
    pub(super) activities: &'static [Activity],
    /// Pairs of activities (by position) that cannot be taken together.
    pub(super) conflicts: &'static [(usize, usize)],
}

pub(super) const SUMMIT: Event = Event {
    slug: "digital-partnerships-summit",
    names: [
        "قمة الشراكات الرقمية",
        "Digital Partnerships Summit",
        "Cumbre de Alianzas Digitales",
        "Sommet des partenariats numériques",
        "Саммит цифровых партнёрств",
        "数字伙伴关系峰会",
    ],
    descriptions: [
        "ثلاثة أيام يلتقي فيها الحكومات والشركات والمجتمع المدني لبناء شراكات من أجل الاتصال الشامل.",
        "Three days where governments, companies and civil society build partnerships for meaningful connectivity.",
        "Tres días en los que gobiernos, empresas y sociedad civil construyen alianzas para una conectividad significativa.",
        "Trois jours où gouvernements, entreprises et société civile bâtissent des partenariats pour une connectivité utile.",
        "Три дня, когда правительства, компании и гражданское общество выстраивают партнёрства ради полноценной связи.",
        "为期三天，政府、企业和民间社会共同建立伙伴关系，推动有意义的互联互通。",
    ],
    starts: When::In(150),
    days: 3,
    city: "Geneva",
    country: "CH",
    access: "open",
    currency: "CHF",
    member_bp: 1_000,
    tiers: &[(2, 500), (3, 1_000)],
    activities: &[
        Activity {
            kind: "reception",
            names: [
                "حفل الاستقبال الترحيبي",
                "Welcome reception",
                "Recepción de bienvenida",
                "Réception de bienvenue",
                "Приветственный приём",
                "欢迎招待会",
            ],
            description: "The evening before the summit opens, for every participant.",
            capacity: 1,
            price: 5_000_000,
            benefits: &[("logo_on_signage", 1), ("passes", 5), ("speaking_slot", 1)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "coffee_break",
            names: ["استراحات القهوة", "Coffee breaks", "Pausas para el café", "Pauses-café", "Кофе-брейки", "茶歇"],
            description: "Six breaks over three days.",
            capacity: 3,
            price: 1_200_000,
            benefits: &[("logo_on_signage", 1), ("programme_mention", 1)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "lunch",
            names: [
                "غداء التواصل",
                "Networking lunch",
                "Almuerzo de contactos",
                "Déjeuner de réseautage",
                "Деловой обед",
                "交流午餐",
            ],
            description: "The second day's lunch.",
            capacity: 2,
            price: 2_500_000,
            benefits: &[("logo_on_signage", 1), ("passes", 3)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "lanyards_bags",
            names: [
                "أشرطة التعليق والحقائب",
                "Lanyards and bags",
                "Cordones y bolsas",
                "Cordons et sacs",
                "Ленты и сумки",
                "挂绳和手提袋",
            ],
            description: "1,500 lanyards and bags with your logo.",
            capacity: 1,
            price: 1_800_000,
            benefits: &[("branded_items", 1_500)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "wifi_app",
            names: ["شبكة Wi-Fi", "Wi-Fi network", "Red Wi-Fi", "Réseau Wi-Fi", "Сеть Wi-Fi", "无线网络"],
            description: "The network carries your name.",
            capacity: 1,
            price: 1_500_000,
            benefits: &[("logo_online", 1)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "wifi_app",
            names: [
                "تطبيق الفعالية",
                "Event app",
                "Aplicación del evento",
                "Application de l'événement",
                "Приложение мероприятия",
                "活动应用",
            ],
            description: "The programme, the map and the messages, with your brand.",
            capacity: 1,
            price: 2_000_000,
            benefits: &[("logo_online", 1), ("social_media", 4)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "exhibition",
            names: [
                "جناح في المعرض",
                "Exhibition booth",
                "Stand en la exposición",
                "Stand d'exposition",
                "Выставочный стенд",
                "展位",
            ],
            description: "A 9 m² booth in the main hall.",
            capacity: 10,
            price: 800_000,
            benefits: &[("booth", 1), ("passes", 2)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "award",
            names: [
                "جائزة الابتكار للشباب",
                "Youth innovation award",
                "Premio a la innovación juvenil",
                "Prix de l'innovation des jeunes",
                "Премия молодых новаторов",
                "青年创新奖",
            ],
            description: "The prize money seeds the winning project.",
            capacity: 1,
            price: 3_000_000,
            benefits: &[("speaking_slot", 1), ("programme_mention", 1), ("social_media", 2)],
            seeds: Seeds::FirstConcept,
        },
        Activity {
            kind: "side_event",
            names: [
                "فعالية جانبية: الإدماج الرقمي في أفريقيا",
                "Side event: digital inclusion in Africa",
                "Evento paralelo: inclusión digital en África",
                "Événement parallèle : l'inclusion numérique en Afrique",
                "Параллельное мероприятие: цифровая инклюзия в Африке",
                "边会：非洲的数字包容",
            ],
            description: "A two-hour session you shape with the agency's regional office.",
            capacity: 4,
            price: 1_000_000,
            benefits: &[("speaking_slot", 1), ("programme_mention", 1)],
            seeds: Seeds::Region("africa"),
        },
    ],
    conflicts: &[(4, 5)],
};

const FORUM: Event = Event {
    slug: "partners-forum",
    names: [
        "منتدى الشركاء",
        "Partners' Forum",
        "Foro de Socios",
        "Forum des partenaires",
        "Форум партнёров",
        "伙伴论坛",
    ],
    descriptions: [
        "لقاء سنوي لأعضاء الوكالة.",
        "The agency's yearly meeting of its members.",
        "La reunión anual de los miembros de la agencia.",
        "La rencontre annuelle des membres de l'agence.",
        "Ежегодная встреча членов агентства.",
        "本机构成员年度会议。",
    ],
    starts: When::In(240),
    days: 2,
    city: "Nairobi",
    country: "KE",
    access: "members",
    currency: "USD",
    member_bp: 0,
    tiers: &[(2, 500)],
    activities: &[
        Activity {
            kind: "reception",
            names: ["حفل العشاء", "Forum dinner", "Cena del foro", "Dîner du forum", "Ужин форума", "论坛晚宴"],
            description: "The first evening.",
            capacity: 1,
            price: 4_000_000,
            benefits: &[("speaking_slot", 1), ("logo_on_signage", 1)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "coffee_break",
            names: ["استراحات القهوة", "Coffee breaks", "Pausas para el café", "Pauses-café", "Кофе-брейки", "茶歇"],
            description: "Four breaks over two days.",
            capacity: 2,
            price: 900_000,
            benefits: &[("logo_on_signage", 1)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "exhibition",
            names: [
                "جناح في المعرض",
                "Exhibition booth",
                "Stand en la exposición",
                "Stand d'exposition",
                "Выставочный стенд",
                "展位",
            ],
            description: "A booth beside the plenary room.",
            capacity: 6,
            price: 600_000,
            benefits: &[("booth", 1), ("passes", 2)],
            seeds: Seeds::Activity,
        },
        Activity {
            kind: "side_event",
            names: [
                "جلسة: الأمن السيبراني",
                "Session: cybersecurity",
                "Sesión: ciberseguridad",
                "Session : cybersécurité",
                "Сессия: кибербезопасность",
                "专题会：网络安全",
            ],
            description: "A session with the agency's cybersecurity team.",
            capacity: 2,
            price: 1_500_000,
            benefits: &[("speaking_slot", 1), ("programme_mention", 1)],
            seeds: Seeds::Activity,
        },
    ],
    conflicts: &[],
};

/// Adds the two demo events ahead if they are not there yet; returns how many it added.
pub async fn upcoming(db: &Db, now: i64) -> Result<usize, SeedError> {
    let mut tx = db.begin_write().await?;
    let mut added = 0;
    for event in [&SUMMIT, &FORUM] {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM sponsorship_events WHERE slug = $1")
            .bind(event.slug)
            .fetch_optional(tx.conn())
            .await?;
        if exists.is_none() {
            add(tx.conn(), event, now).await?;
            added += 1;
        }
    }
    tx.commit().await?;
    Ok(added)
}

pub(super) async fn add(conn: &mut AnyConnection, e: &Event, now: i64) -> Result<(), SeedError> {
    let starts = match e.starts {
        When::In(days) => now + days * DAY,
        When::On(day) => crate::domain::format::parse_iso_date(day).unwrap_or(now),
    };
    let (starts_on, ends_on, sales_until) =
        (iso_date(starts), iso_date(starts + (e.days - 1) * DAY), iso_date(starts - 21 * DAY));
    let facts = EventFacts {
        slug: e.slug,
        original_locale: "en",
        starts_on: &starts_on,
        ends_on: &ends_on,
        city: e.city,
        country: Some(e.country),
        access: e.access,
        currency: e.currency,
        sales_until: &sales_until,
        // Events of the past are closed; those ahead take quotes.
        state: if matches!(e.starts, When::On(_)) { "closed" } else { "open" },
    };
    let id = repo::insert_event(conn, &facts, true, now).await?;
    let texts: Vec<(&str, &str, &str)> =
        LOCALES.iter().enumerate().map(|(i, l)| (*l, e.names[i], e.descriptions[i])).collect();
    repo::replace_texts(conn, Texts::Event(id), &texts).await?;
    let concept: Option<i64> =
        sqlx::query_scalar("SELECT MIN(id) FROM concepts WHERE status = 'published'").fetch_one(&mut *conn).await?;
    let mut ids = Vec::with_capacity(e.activities.len());
    let mut prices = Vec::with_capacity(e.activities.len());
    for a in e.activities {
        let (seed_concept, seed_region) = match a.seeds {
            Seeds::Activity => (None, None),
            Seeds::FirstConcept => (concept, None),
            Seeds::Region(code) => (None, repo::region_id(conn, code).await?),
        };
        let row = ActivityFacts { kind: a.kind, capacity: a.capacity, seed_concept, seed_region };
        let activity = repo::insert_activity(conn, id, &row).await?;
        let texts: Vec<(&str, &str, &str)> = LOCALES
            .iter()
            .enumerate()
            .map(|(i, l)| (*l, a.names[i], if *l == "en" { a.description } else { "" }))
            .collect();
        repo::replace_texts(conn, Texts::Activity(activity), &texts).await?;
        repo::replace_benefits(conn, activity, a.benefits).await?;
        prices.push((activity, a.price));
        ids.push(activity);
    }
    for (i, activity) in ids.iter().enumerate() {
        let partners: Vec<i64> = e
            .conflicts
            .iter()
            .filter_map(|&(a, b)| match (a == i, b == i) {
                (true, _) => Some(ids[b]),
                (_, true) => Some(ids[a]),
                _ => None,
            })
            .collect();
        if !partners.is_empty() {
            repo::replace_conflicts(conn, *activity, &partners).await?;
        }
    }
    let (book, _) = repo::insert_price_book(conn, id, e.member_bp, None, now).await?;
    repo::fill_price_book(conn, book, e.tiers, &prices).await?;
    Ok(())
}
