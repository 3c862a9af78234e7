//! The reminder of an agreement's obligation (a report due, a renewal, an expiry), to its
//! owner in the language they use the staff area in, linking to the agreement.
use crate::domain::agreement::ObligationKind;
use crate::domain::format::local_day;
use crate::domain::locale::{self, code_of};
use crate::domain::names::obligation_kind_name;
use crate::error::AppError;
use crate::i18n::*;
use crate::ssr::db::agreements;
use crate::ssr::infra::mailer::Outgoing;
use crate::ssr::jobs::mail_layout::{esc, page};
use crate::ssr::state::AppState;

/// The reminder of `obligation`; `None` once it has no owner who can receive it.
pub async fn render(state: &AppState, obligation: i64) -> Result<Option<Outgoing>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let Some(r) = agreements::reminder(&mut conn, obligation).await? else { return Ok(None) };
    drop(conn);
    let l = locale::parse(&r.owner_locale).unwrap_or(Locale::en);
    let kind = ObligationKind::parse(&r.kind).map_or(r.kind.as_str(), |k| obligation_kind_name(l, k));
    let due = local_day(l, &r.due_on);
    let url = format!("{}/{}/staff/agreements/{}", state.config.public_url, code_of(l), r.agreement_id);
    let greeting = format!("{} {},", td_string!(l, mail.greeting), r.owner_name);
    let intro = td_string!(l, mail.obligation_intro);
    let open = td_string!(l, mail.obligation_open);
    let facts = [
        (td_string!(l, mail.obligation_agreement), format!("{} — {}", r.reference, r.title)),
        (td_string!(l, mail.obligation_kind), kind.to_owned()),
        (td_string!(l, mail.obligation_due), due.clone()),
    ];
    let text_facts: String = facts.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    let html_facts: String =
        facts.iter().map(|(k, v)| format!("<li><strong>{}:</strong> <bdi>{}</bdi></li>", esc(k), esc(v))).collect();
    Ok(Some(Outgoing {
        to: r.owner_email,
        subject: format!("{}: {kind} — {due} — {} {}", td_string!(l, mail.obligation_subject), r.reference, r.title),
        text: format!("{greeting}\n\n{intro}\n\n{text_facts}\n{open}: {url}\n"),
        html: page(
            l,
            &format!(
                "<p>{}</p><p>{}</p><ul>{html_facts}</ul><p><a href=\"{}\">{}</a></p>",
                esc(&greeting),
                esc(intro),
                esc(&url),
                esc(open)
            ),
        ),
        unsubscribe: None,
        attachments: Vec::new(),
    }))
}
