//! `/{locale}/staff/mail`: e-mail delivery for publishers and administrators. Alert e-mails
//! queued, sent and failed per concept, with failed ones sent again on request; and, when
//! no SMTP server is configured, the messages written to the mail folder, readable here.
use crate::api::delivery::{RetryFailed, load_delivery, read_folder_message};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_messages::form_message;
use crate::components::head::PageTitle;
use crate::domain::delivery::{Counts, DeliveryOverview, FolderMail};
use crate::domain::format::local_date_time;
use crate::domain::locale::code_of;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MailPage() -> impl IntoView {
    let i18n = use_i18n();
    let retry = ServerAction::<RetryFailed>::new();
    let overview = Resource::new(move || retry.version().get(), |_| load_delivery());
    let query = use_query_map();
    let open = move || query.with(|q| q.get("message")).filter(|n| !n.is_empty());
    let message = Resource::new(open, |name| async move {
        match name {
            Some(name) => read_folder_message(name).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, staff.mail_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, staff.mail_title)}</h1>
        {move || retry.value().get().map(|r| match r {
            Ok(n) => view! { <p class="notice notice-success" role="status">{t!(i18n, staff.mail_retried)} " " {n}</p> }.into_any(),
            Err(e) => view! { <p class="notice notice-error" role="alert">{form_message(i18n, &e)}</p> }.into_any(),
        })}
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match (overview.await, message.await) {
                    (Ok(o), Ok(m)) => view! { <Overview overview=o retry /> {m.map(|m| view! { <Message message=m /> })} }.into_any(),
                    (Err(AppError::Unauthorised), _) | (_, Err(AppError::Unauthorised)) => {
                        let code = code_of(i18n.get_locale_untracked());
                        view! { <Redirect path=format!("/{code}/staff/sign-in?next=/{code}/staff/mail") /> }.into_any()
                    }
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Overview(overview: DeliveryOverview, retry: ServerAction<RetryFailed>) -> impl IntoView {
    let i18n = use_i18n();
    let DeliveryOverview { concepts, other, folder } = overview;
    let empty = concepts.is_empty();
    view! {
        <section aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">{t!(i18n, staff.mail_alerts)}</h2>
            <p>{t!(i18n, staff.mail_alerts_hint)}</p>
            {empty.then(|| view! { <p class="empty">{t!(i18n, staff.mail_none)}</p> })}
            <div class="table-wrap">
                <table class="delivery">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, staff.col_title)}</th>
                            <th scope="col" class="number">{t!(i18n, staff.mail_queued)}</th>
                            <th scope="col" class="number">{t!(i18n, staff.mail_sent)}</th>
                            <th scope="col" class="number">{t!(i18n, staff.mail_failed)}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, staff.account_actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {concepts.into_iter().map(|c| {
                            let id = c.id;
                            let title = view! {
                                <a href=move || format!("/{}/staff/concepts/{id}", code_of(i18n.get_locale()))>{c.title}</a>
                            }.into_any();
                            view! { <Row title counts=c.counts concept=id retry /> }
                        }).collect_view()}
                        <Row title=view! { {t!(i18n, staff.mail_other)} }.into_any() counts=other concept=0 retry />
                    </tbody>
                </table>
            </div>
        </section>
        {folder.map(|mails| view! { <Folder mails /> })}
    }
}

#[component]
fn Row(title: AnyView, counts: Counts, concept: i64, retry: ServerAction<RetryFailed>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <tr>
            <th scope="row">{title}</th>
            <td class="number">{counts.queued}</td>
            <td class="number">{counts.sent}</td>
            <td class={if counts.failed > 0 { "number failed" } else { "number" }}>{counts.failed}</td>
            <td>
                {(counts.failed > 0).then(|| view! {
                    <ActionForm action=retry>
                        <input type="hidden" name="concept" value=concept />
                        <button class="button secondary" type="submit">{t!(i18n, staff.mail_retry)}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

/// The mail folder's newest messages, each a link that opens it below.
#[component]
fn Folder(mails: Vec<FolderMail>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = mails.is_empty();
    view! {
        <section aria-labelledby="folder-heading">
            <h2 id="folder-heading">{t!(i18n, staff.mail_folder)}</h2>
            <p>{t!(i18n, staff.mail_folder_hint)}</p>
            {empty.then(|| view! { <p class="empty">{t!(i18n, staff.mail_folder_empty)}</p> })}
            <ol class="folder-mails">
                {mails.into_iter().map(|m| {
                    let href = move || format!("/{}/staff/mail?message={}#message", code_of(i18n.get_locale()), m.name);
                    view! {
                        <li>
                            <time>{move || local_date_time(i18n.get_locale(), m.at)}</time>
                            " · " <span>{m.to}</span>
                            " · " <a href=href>{m.subject}</a>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// One message of the folder, as plain text.
#[component]
fn Message(message: crate::domain::delivery::FolderMessage) -> impl IntoView {
    let i18n = use_i18n();
    let m = message.mail;
    view! {
        <section id="message" class="folder-message" aria-labelledby="message-heading" tabindex="-1">
            <h2 id="message-heading">{m.subject}</h2>
            <p>
                <time>{move || local_date_time(i18n.get_locale(), m.at)}</time>
                " · " {t!(i18n, staff.mail_to)} " " <span>{m.to}</span>
            </p>
            <pre dir="auto">{message.text}</pre>
        </section>
    }
}
