//! Demo sponsorship events for a new database: two events ahead of the day the database is
//! made, open for quotes, so a visitor can try the three clicks on first start — a summit
//! open to all (Swiss francs, a member discount and two multi-sponsorship tiers) with nine
//! activities, one seeding a demo concept and one the agency's initiative for Africa, two
//! that cannot be taken together; and a members-only forum (US dollars) with four.
use crate::domain::format::iso_date;
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
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sponsorship_events (slug, original_locale, starts_on, ends_on, city, country_code, access, \
         currency, sales_until, state, demo, created_at, updated_at) \
         VALUES ($1, 'en', $2, $3, $4, $5, $6, $7, $8, $10, 1, $9, $9) RETURNING id",
    )
    .bind(e.slug)
    .bind(iso_date(starts))
    .bind(iso_date(starts + (e.days - 1) * DAY))
    .bind(e.city)
    .bind(e.country)
    .bind(e.access)
    .bind(e.currency)
    .bind(iso_date(starts - 21 * DAY))
    .bind(now)
    // Events of the past are closed; those ahead take quotes.
    .bind(if matches!(e.starts, When::On(_)) { "closed" } else { "open" })
    .fetch_one(&mut *conn)
    .await?;
    for (i, locale) in LOCALES.iter().enumerate() {
        sqlx::query(
            "INSERT INTO sponsorship_event_texts (event_id, locale, name, description) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(*locale)
        .bind(e.names[i])
        .bind(e.descriptions[i])
        .execute(&mut *conn)
        .await?;
    }
    let book: i64 = sqlx::query_scalar(
        "INSERT INTO sponsorship_price_books (event_id, version, member_rate_bp, created_at) \
         VALUES ($1, 1, $2, $3) RETURNING id",
    )
    .bind(id)
    .bind(e.member_bp)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for (from, bp) in e.tiers {
        sqlx::query("INSERT INTO sponsorship_price_tiers (price_book_id, from_rank, rate_bp) VALUES ($1, $2, $3)")
            .bind(book)
            .bind(from)
            .bind(bp)
            .execute(&mut *conn)
            .await?;
    }
    let concept: Option<i64> =
        sqlx::query_scalar("SELECT MIN(id) FROM concepts WHERE status = 'published'").fetch_one(&mut *conn).await?;
    let mut ids = Vec::with_capacity(e.activities.len());
    for (position, a) in (1_i64..).zip(e.activities) {
        let (concept, region) = match a.seeds {
            Seeds::Activity => (None, None),
            Seeds::FirstConcept => (concept, None),
            Seeds::Region(code) => {
                let region: Option<i64> = sqlx::query_scalar("SELECT id FROM regions WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&mut *conn)
                    .await?;
                (None, region)
            }
        };
        let activity: i64 = sqlx::query_scalar(
            "INSERT INTO sponsorship_activities (event_id, position, kind, capacity, seed_concept_id, seed_region_id) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id)
        .bind(position)
        .bind(a.kind)
        .bind(a.capacity)
        .bind(concept)
        .bind(region)
        .fetch_one(&mut *conn)
        .await?;
        for (i, locale) in LOCALES.iter().enumerate() {
            let description = if *locale == "en" { a.description } else { "" };
            sqlx::query(
                "INSERT INTO sponsorship_activity_texts (activity_id, locale, name, description) VALUES ($1, $2, $3, $4)",
            )
            .bind(activity)
            .bind(*locale)
            .bind(a.names[i])
            .bind(description)
            .execute(&mut *conn)
            .await?;
        }
        for (kind, quantity) in a.benefits {
            sqlx::query("INSERT INTO sponsorship_benefits (activity_id, kind, quantity) VALUES ($1, $2, $3)")
                .bind(activity)
                .bind(*kind)
                .bind(quantity)
                .execute(&mut *conn)
                .await?;
        }
        sqlx::query(
            "INSERT INTO sponsorship_list_prices (price_book_id, activity_id, amount_minor) VALUES ($1, $2, $3)",
        )
        .bind(book)
        .bind(activity)
        .bind(a.price)
        .execute(&mut *conn)
        .await?;
        ids.push(activity);
    }
    for &(a, b) in e.conflicts {
        let (low, high) = (ids[a].min(ids[b]), ids[a].max(ids[b]));
        sqlx::query("INSERT INTO sponsorship_conflicts (activity_id, other_id) VALUES ($1, $2)")
            .bind(low)
            .bind(high)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
