//! A sponsorship quote, to the contact who asked for it, in the language they asked in: its
//! number, event, lines and total, until when it holds, and the link to its page. Each time
//! the e-mail is written its link gets a new token, so the link only ever reaches the inbox.
//! The quote's PDF goes with it.
use crate::domain::format::{local_day, money};
use crate::domain::locale::{self, code_of};
use crate::domain::names::price_line_label;
use crate::domain::sponsorship::LineKind;
use crate::error::AppError;
use crate::i18n::*;
use crate::ssr::db::sponsorship as repo;
use crate::domain::sponsorship_quote::Quote;
use crate::ssr::infra::mailer::{Attachment, Outgoing};
use crate::ssr::services::sponsorship_pdf;
use crate::ssr::infra::random::{new_token, token_hash};
use crate::ssr::jobs::mail_layout::{esc, page};
use crate::ssr::services::sponsorship::quote_for_mail;
use crate::ssr::state::AppState;

/// The e-mail of quote `quote`; `None` once the quote is gone.
pub async fn render(state: &AppState, quote: i64) -> Result<Option<Outgoing>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let Some((q, email, code)) = quote_for_mail(&mut conn, quote).await? else { return Ok(None) };
    drop(conn);
    let token = new_token();
    let mut tx = state.db.begin_write().await?;
    repo::set_quote_token(tx.conn(), quote, &token_hash(&token)).await?;
    tx.commit().await?;
    let l = locale::parse(&code).unwrap_or(Locale::en);
    let url = format!("{}/{}/sponsorship/quotes/{token}", state.config.public_url, code_of(l));
    let amount = |minor: i64| money(l, minor, q.exponent, &q.currency);
    let lines: Vec<(String, String)> = q
        .lines
        .iter()
        .map(|line| {
            let label = price_line_label(l, &line.line, &line.activity);
            let text = match line.line.kind {
                LineKind::ListPrice => label,
                _ => format!("    {label} −{} %", line.line.rate.percent()),
            };
            (text, amount(line.line.amount))
        })
        .chain(std::iter::once((td_string!(l, sponsorship.total).to_owned(), amount(q.total))))
        .collect();
    let greeting = format!("{} {},", td_string!(l, mail.greeting), q.contact_name);
    let intro = td_string!(l, mail.quote_intro);
    let facts = [
        (td_string!(l, sponsorship.quote_number), q.number.clone()),
        (td_string!(l, sponsorship.event), q.event.clone()),
        (td_string!(l, sponsorship.for_organisation), q.organisation.clone()),
        (td_string!(l, sponsorship.valid_until), local_day(l, &q.valid_until)),
    ];
    let member = q.member_claimed.then(|| td_string!(l, sponsorship.member_claimed));
    let not_a_bill = td_string!(l, sponsorship.not_a_bill);
    let open = td_string!(l, mail.quote_open);
    let text_facts: String = facts.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    let text_lines: String = lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    let html_facts: String =
        facts.iter().map(|(k, v)| format!("<li><strong>{}:</strong> <bdi>{}</bdi></li>", esc(k), esc(v))).collect();
    let html_lines: String = lines
        .iter()
        .map(|(k, v)| {
            format!("<tr><td>{}</td><td style=\"text-align:end\"><bdi>{}</bdi></td></tr>", esc(k.trim()), esc(v))
        })
        .collect();
    let member_text = member.map(|m| format!("{m}\n")).unwrap_or_default();
    let member_html = member.map(|m| format!("<p>{}</p>", esc(m))).unwrap_or_default();
    let attachments = pdf_of(state, &q, l).await.into_iter().collect();
    Ok(Some(Outgoing {
        to: email,
        subject: format!("{} {} — {}", td_string!(l, mail.quote_subject), q.number, q.event),
        text: format!(
            "{greeting}\n\n{intro}\n\n{text_facts}\n{text_lines}\n{member_text}{not_a_bill}\n\n{open}: {url}\n"
        ),
        html: page(
            l,
            &format!(
                "<p>{}</p><p>{}</p><ul>{html_facts}</ul><table>{html_lines}</table>{member_html}<p>{}</p>\
                 <p><a href=\"{}\">{}</a></p>",
                esc(&greeting),
                esc(intro),
                esc(not_a_bill),
                esc(&url),
                esc(open)
            ),
        ),
        unsubscribe: None,
        attachments,
    }))
}

/// The quote's PDF in the e-mail's language, set off the async workers; without it (no
/// fonts) the e-mail still goes, with the link to the quote's page.
async fn pdf_of(state: &AppState, q: &Quote, l: Locale) -> Option<Attachment> {
    let (typesetter, quote) = (state.typesetter.clone(), q.clone());
    let made = tokio::task::spawn_blocking(move || sponsorship_pdf::quote_pdf(&typesetter, &quote, l)).await;
    match made {
        Ok(Ok(bytes)) => Some(Attachment {
            file_name: sponsorship_pdf::file_name(q),
            content_type: "application/pdf".into(),
            bytes,
        }),
        _ => {
            tracing::warn!(quote = %q.number, "the quote's e-mail goes without its PDF");
            None
        }
    }
}
