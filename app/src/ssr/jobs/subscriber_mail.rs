//! The e-mails of the outbox, rendered when sent in the subscriber's language, with HTML and
//! plain-text parts and fresh personal links (each link a new random token, stored hashed).
use crate::domain::concept::ConceptCard;
use crate::domain::locale::{self, code_of};
use crate::error::AppError;
use crate::i18n::*;
use crate::ssr::db::outbox::{Job, JobKind};
use crate::ssr::db::subscribers::{self, Subscriber};
use crate::ssr::db::{concepts, matching};
use crate::ssr::infra::database::Db;
use crate::ssr::infra::mailer::Outgoing;
use crate::ssr::infra::random::{new_token, token_hash};
use crate::ssr::jobs::mail_layout::{Rendered, esc, page};
use crate::ssr::state::AppState;
use sqlx::AnyConnection;

/// A confirmation link works this long.
pub const CONFIRM_SECONDS: i64 = 48 * 3600;
/// A manage link works this long (every e-mail carries a new one).
pub const MANAGE_SECONDS: i64 = 365 * 86_400;

/// The e-mail for a job; `None` when there is nothing to send any more.
pub async fn render(state: &AppState, job: &Job) -> Result<Option<Rendered>, AppError> {
    Ok(render_mail(state, job).await?.map(|(mail, concepts)| Rendered { mail, concepts }))
}

async fn render_mail(state: &AppState, job: &Job) -> Result<Option<(Outgoing, Vec<i64>)>, AppError> {
    if let Some(interest) = job.interest_id {
        return Ok(crate::ssr::jobs::interest_mail::render(state, job, interest).await?.map(|mail| (mail, Vec::new())));
    }
    let Some(subscriber_id) = job.subscriber_id else { return Ok(None) };
    let mut conn = state.db.pool().acquire().await?;
    let Some(s) = subscribers::get(&mut conn, subscriber_id).await? else { return Ok(None) };
    drop(conn);
    let l = locale::parse(&s.locale).unwrap_or(Locale::en);
    let base = &state.config.public_url;
    let code = code_of(l);
    match job.kind {
        JobKind::Confirm if s.status != "pending" => Ok(None),
        JobKind::Confirm => {
            let token = link(&state.db, s.id, "confirm", CONFIRM_SECONDS).await?;
            let url = format!("{base}/{code}/subscribe/confirm?token={token}");
            let intro = td_string!(l, mail.confirm_intro);
            let button = td_string!(l, mail.confirm_button);
            let expiry = td_string!(l, mail.confirm_expiry);
            let mail = Outgoing {
                to: s.email.clone(),
                subject: td_string!(l, mail.confirm_subject).to_owned(),
                text: format!("{intro}\n\n{url}\n\n{expiry}\n"),
                html: page(
                    l,
                    &format!(
                        "<p>{}</p><p><a href=\"{}\">{}</a></p><p>{}</p>",
                        esc(intro),
                        esc(&url),
                        esc(button),
                        esc(expiry)
                    ),
                ),
                unsubscribe: None,
                attachments: Vec::new(),
            };
            Ok(Some((mail, Vec::new())))
        }
        JobKind::AlreadySubscribed => {
            let token = link(&state.db, s.id, "manage", MANAGE_SECONDS).await?;
            let url = format!("{base}/{code}/subscription?token={token}");
            let intro = td_string!(l, mail.existing_intro);
            let manage = td_string!(l, mail.manage_link);
            let mail = Outgoing {
                to: s.email.clone(),
                subject: td_string!(l, mail.existing_subject).to_owned(),
                text: format!("{intro}\n\n{manage}: {url}\n"),
                html: page(l, &format!("<p>{}</p><p><a href=\"{}\">{}</a></p>", esc(intro), esc(&url), esc(manage))),
                unsubscribe: None,
                attachments: Vec::new(),
            };
            Ok(Some((mail, Vec::new())))
        }
        JobKind::Alert | JobKind::Digest if s.status != "active" => Ok(None),
        JobKind::Alert => {
            let Some(concept_id) = job.concept_id else { return Ok(None) };
            let mut conn = state.db.pool().acquire().await?;
            let cards = concepts::cards(&mut conn, code, &[concept_id]).await?;
            let Some(card) = cards.into_iter().next() else { return Ok(None) };
            let reason = reason(&mut conn, &s, l, concept_id).await?;
            drop(conn);
            let links = Links::new(&state.db, &s, base, code).await?;
            let subject = format!("{} {}", td_string!(l, mail.alert_subject), card.title);
            let (text, html) = concept_block(l, base, &card);
            let mail = Outgoing {
                to: s.email.clone(),
                subject,
                text: format!("{}\n\n{text}\n{reason}\n\n{}", td_string!(l, mail.alert_intro), links.text(l)),
                html: page(
                    l,
                    &format!(
                        "<p>{}</p>{html}<p>{}</p>{}",
                        esc(td_string!(l, mail.alert_intro)),
                        esc(&reason),
                        links.html(l)
                    ),
                ),
                unsubscribe: Some(links.unsubscribe),
                attachments: Vec::new(),
            };
            Ok(Some((mail, vec![concept_id])))
        }
        JobKind::Digest => {
            let mut conn = state.db.pool().acquire().await?;
            let owed = matching::owed(&mut conn, s.id).await?;
            let cards = concepts::cards_by_id(&mut conn, code, &owed).await?;
            drop(conn);
            if cards.is_empty() {
                return Ok(None);
            }
            let ids: Vec<i64> = cards.iter().map(|(id, _)| *id).collect();
            let cards: Vec<ConceptCard> = cards.into_iter().map(|(_, card)| card).collect();
            let links = Links::new(&state.db, &s, base, code).await?;
            let (mut text, mut html) = (String::new(), String::new());
            for (area, group) in by_area(cards) {
                text.push_str(&format!("\n== {area} ==\n"));
                html.push_str(&format!("<h2>{}</h2>", esc(&area)));
                for card in group {
                    let (t, h) = concept_block(l, base, &card);
                    text.push_str(&t);
                    html.push_str(&h);
                }
            }
            let mail = Outgoing {
                to: s.email.clone(),
                subject: td_string!(l, mail.digest_subject).to_owned(),
                text: format!("{}\n{text}\n{}", td_string!(l, mail.digest_intro), links.text(l)),
                html: page(l, &format!("<p>{}</p>{html}{}", esc(td_string!(l, mail.digest_intro)), links.html(l))),
                unsubscribe: Some(links.unsubscribe),
                attachments: Vec::new(),
            };
            Ok(Some((mail, ids)))
        }
        // Not e-mails to a subscriber: the delivery worker renders them elsewhere.
        JobKind::InterestAck | JobKind::InterestNotice | JobKind::ObligationReminder | JobKind::SponsorshipQuote => {
            Ok(None)
        }
    }
}

/// Records what a sent e-mail carried: the alerts of `concepts` are no longer owed (an alert
/// that arrived while a digest was being sent waits for the next one).
pub async fn delivered(conn: &mut AnyConnection, job: &Job, concepts: &[i64], now: i64) -> Result<(), sqlx::Error> {
    let Some(subscriber_id) = job.subscriber_id else { return Ok(()) };
    matching::mark_delivered(&mut *conn, job.id, subscriber_id, concepts).await?;
    if job.kind == JobKind::Digest {
        subscribers::digest_sent(conn, subscriber_id, now).await?;
    }
    Ok(())
}

/// Cards grouped by their first area of action, groups in order of their newest card.
fn by_area(cards: Vec<ConceptCard>) -> Vec<(String, Vec<ConceptCard>)> {
    let mut groups: Vec<(String, Vec<ConceptCard>)> = Vec::new();
    for card in cards {
        let area = card.areas.first().cloned().unwrap_or_default();
        match groups.iter_mut().find(|(a, _)| *a == area) {
            Some((_, list)) => list.push(card),
            None => groups.push((area, vec![card])),
        }
    }
    groups
}

/// Title, summary and link of a concept, as text and as HTML; a note when it is shown in its
/// original language.
fn concept_block(l: Locale, base: &str, card: &ConceptCard) -> (String, String) {
    let url = format!("{base}/{}/concepts/{}", code_of(l), card.slug);
    let note = (card.locale != code_of(l)).then(|| td_string!(l, mail.untranslated));
    let read = td_string!(l, mail.read_concept);
    let dir = locale::parse(&card.locale).map_or("ltr", locale::dir_of);
    let text = format!(
        "{}\n{}{}\n{read}: {url}\n",
        card.title,
        note.map(|n| format!("({n})\n")).unwrap_or_default(),
        card.summary
    );
    let html = format!(
        "<div lang=\"{lang}\" dir=\"{dir}\"><h3>{title}</h3>{note}<p>{summary}</p></div><p><a href=\"{url}\">{read}</a></p>",
        lang = esc(&card.locale),
        title = esc(&card.title),
        note = note.map(|n| format!("<p><em>{}</em></p>", esc(n))).unwrap_or_default(),
        summary = esc(&card.summary),
        url = esc(&url),
        read = esc(read),
    );
    (text, html)
}

/// "You follow these areas: … and these places: …", in the subscriber's language: the
/// areas they follow that the concept has, and the places they follow.
async fn reason(conn: &mut AnyConnection, s: &Subscriber, l: Locale, concept_id: i64) -> Result<String, sqlx::Error> {
    let (areas, mut places, groups) = subscribers::followed_names(conn, s.id, concept_id, code_of(l)).await?;
    places.extend(groups.iter().map(|g| g.to_uppercase()));
    let areas = if areas.is_empty() { td_string!(l, mail.reason_all_areas).to_owned() } else { areas.join(", ") };
    let places = if places.is_empty() { td_string!(l, mail.reason_everywhere).to_owned() } else { places.join(", ") };
    Ok(format!("{} {areas} {} {places}", td_string!(l, mail.reason_areas), td_string!(l, mail.reason_places)))
}

/// A new personal link of `purpose`; returns its token (only its hash is kept).
async fn link(db: &Db, subscriber_id: i64, purpose: &str, lifetime: i64) -> Result<String, AppError> {
    let token = new_token();
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    subscribers::add_link(tx.conn(), &token_hash(&token), subscriber_id, purpose, now, now + lifetime).await?;
    tx.commit().await?;
    Ok(token)
}

/// The manage and unsubscribe links of one e-mail.
struct Links {
    manage: String,
    unsubscribe: String,
}

impl Links {
    async fn new(db: &Db, s: &Subscriber, base: &str, code: &str) -> Result<Self, AppError> {
        let token = link(db, s.id, "manage", MANAGE_SECONDS).await?;
        Ok(Links {
            manage: format!("{base}/{code}/subscription?token={token}"),
            unsubscribe: format!("{base}/unsubscribe/{token}"),
        })
    }

    fn text(&self, l: Locale) -> String {
        format!(
            "{}\n{}: {}\n{}: {}\n",
            td_string!(l, mail.footer),
            td_string!(l, mail.manage_link),
            self.manage,
            td_string!(l, mail.unsubscribe_link),
            self.leave()
        )
    }

    /// The manage page, at its unsubscribe button.
    fn leave(&self) -> String {
        format!("{}#leave", self.manage)
    }

    fn html(&self, l: Locale) -> String {
        format!(
            "<hr><p><small>{} <a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></small></p>",
            esc(td_string!(l, mail.footer)),
            esc(&self.manage),
            esc(td_string!(l, mail.manage_link)),
            esc(&self.leave()),
            esc(td_string!(l, mail.unsubscribe_link))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(slug: &str, area: &str) -> ConceptCard {
        ConceptCard {
            slug: slug.into(),
            title: format!("<b>{slug}</b>"),
            summary: "S".into(),
            locale: "fr".into(),
            original_locale: "fr".into(),
            published_at: 0,
            areas: vec![area.into()],
        }
    }

    #[test]
    fn digests_group_by_area_in_order_of_the_newest() {
        let groups = by_area(vec![card("a", "Cyber"), card("b", "Data"), card("c", "Cyber")]);
        let names: Vec<(&str, usize)> = groups.iter().map(|(a, l)| (a.as_str(), l.len())).collect();
        assert_eq!(names, [("Cyber", 2), ("Data", 1)]);
    }

    #[test]
    fn concepts_in_another_language_carry_a_note_and_markup_is_escaped() {
        let (text, html) = concept_block(Locale::en, "https://p.example", &card("x", "Cyber"));
        assert!(text.contains(td_string!(Locale::en, mail.untranslated)));
        assert!(text.contains("https://p.example/en/concepts/x"));
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x"));
        assert!(html.contains("lang=\"fr\" dir=\"ltr\""));
    }
}
