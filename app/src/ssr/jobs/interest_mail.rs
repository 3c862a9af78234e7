//! The e-mails an expression of interest causes: the acknowledgement to the partner, in the
//! language they wrote in, and the notice to the concept's focal point and the publishers,
//! in the concept's original language, linking to the inbox.
use crate::domain::format::usd;
use crate::domain::locale::{self, code_of};
use crate::error::AppError;
use crate::i18n::*;
use crate::ssr::db::outbox::{Job, JobKind};
use crate::ssr::db::{concepts, interests};
use crate::ssr::infra::mailer::Outgoing;
use crate::ssr::jobs::mail_layout::{esc, page};
use crate::ssr::state::AppState;

/// The e-mail for an `interest_ack` or `interest_notice` job; `None` once the partner's
/// data has been erased.
pub async fn render(state: &AppState, job: &Job, interest_id: i64) -> Result<Option<Outgoing>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let Some((row, _role, message, partner_locale, _)) = interests::get(&mut conn, interest_id).await? else {
        return Ok(None);
    };
    if row.erased {
        return Ok(None);
    }
    let original = concepts::slug_and_original_locale(&mut conn, row.concept_id).await?;
    drop(conn);
    let Some((slug, original_locale)) = original else { return Ok(None) };
    let base = &state.config.public_url;
    match (job.kind, &job.recipient) {
        (JobKind::InterestAck, _) => {
            let l = locale::parse(&partner_locale).unwrap_or(Locale::en);
            let url = format!("{base}/{}/concepts/{slug}", code_of(l));
            let intro = format!("{} {},", td_string!(l, mail.greeting), row.contact_name);
            let body = td_string!(l, mail.interest_ack_body);
            let next = td_string!(l, mail.interest_ack_next);
            let copy = td_string!(l, mail.interest_copy);
            Ok(Some(Outgoing {
                to: row.email.clone(),
                subject: format!("{} {}", td_string!(l, mail.interest_ack_subject), row.concept_title),
                text: format!("{intro}\n\n{body}\n{}\n{url}\n\n{next}\n\n{copy}\n{message}\n", row.concept_title),
                html: page(
                    l,
                    &format!(
                        "<p>{}</p><p>{}</p><p><a href=\"{}\">{}</a></p><p>{}</p><p>{}</p><blockquote>{}</blockquote>",
                        esc(&intro),
                        esc(body),
                        esc(&url),
                        esc(&row.concept_title),
                        esc(next),
                        esc(copy),
                        esc(&message).replace('\n', "<br>"),
                    ),
                ),
                unsubscribe: None,
                attachments: Vec::new(),
            }))
        }
        (JobKind::InterestNotice, Some(to)) => {
            let l = locale::parse(&original_locale).unwrap_or(Locale::en);
            let url = format!("{base}/{}/staff/interests/{interest_id}", code_of(l));
            let amount = row.amount_usd.map(|n| format!(" ({})", usd(l, n))).unwrap_or_default();
            let facts = [
                (td_string!(l, interest.organisation), format!("{} ({})", row.organisation, row.entity_type)),
                (td_string!(l, interest.contact_name), format!("{} <{}>", row.contact_name, row.email)),
                (td_string!(l, interest.contribution), format!("{}{amount}", row.contribution)),
            ];
            let text_facts: String = facts.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            let html_facts: String =
                facts.iter().map(|(k, v)| format!("<li><strong>{}:</strong> {}</li>", esc(k), esc(v))).collect();
            let intro = td_string!(l, mail.interest_notice_intro);
            let open = td_string!(l, mail.interest_notice_open);
            Ok(Some(Outgoing {
                to: to.clone(),
                subject: format!(
                    "{} {} — {}",
                    td_string!(l, mail.interest_notice_subject),
                    row.organisation,
                    row.concept_title
                ),
                text: format!("{intro} {}\n\n{text_facts}\n{message}\n\n{open}: {url}\n", row.concept_title),
                html: page(
                    l,
                    &format!(
                        "<p>{} <strong>{}</strong></p><ul>{html_facts}</ul><blockquote>{}</blockquote><p><a href=\"{}\">{}</a></p>",
                        esc(intro),
                        esc(&row.concept_title),
                        esc(&message).replace('\n', "<br>"),
                        esc(&url),
                        esc(open),
                    ),
                ),
                unsubscribe: None,
                attachments: Vec::new(),
            }))
        }
        _ => Ok(None),
    }
}
