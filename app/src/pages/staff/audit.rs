//! The audit log as staff read it: a concept's history on its editor page, and the whole
//! log at `/{locale}/staff/audit` (publishers and administrators), a page at a time.
use crate::api::audit::{PAGE, audit_log};
use crate::components::error_notice::ErrorNotice;
use crate::components::head::PageTitle;
use crate::components::history::Entry;
use crate::domain::locale::code_of;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// `/{locale}/staff/audit`: every change, newest first; `?before=ID` pages back.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let before = move || query.with(|q| q.get("before").and_then(|b| b.parse::<i64>().ok()));
    let entries = Resource::new(before, audit_log);
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, staff.audit_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <section class="history audit-log" aria-labelledby="audit-heading">
            <h1 id="audit-heading">{t!(i18n, staff.audit_title)}</h1>
            <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, staff.audit_empty)}</p> }.into_any(),
                        Ok(list) => {
                            let older = (list.len() as i64 == PAGE).then(|| list.last().map(|e| e.id)).flatten();
                            view! {
                                <ol>
                                    {list.into_iter().map(|e| view! { <li><Entry entry=e subject=true /></li> }).collect_view()}
                                </ol>
                                {older.map(|id| view! {
                                    <p><a class="button secondary" href=move || format!("/{}/staff/audit?before={id}", code_of(i18n.get_locale()))>
                                        {t!(i18n, staff.audit_older)}
                                    </a></p>
                                })}
                            }.into_any()
                        }
                        Err(AppError::Unauthorised) => {
                            let code = code_of(i18n.get_locale_untracked());
                            view! { <Redirect path=format!("/{code}/staff/sign-in?next=/{code}/staff/audit") /> }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
