//! `/{locale}/agreements`: the agency's public, signed partnership agreements, and each one's
//! page at `/{locale}/agreements/{reference}` — who has
//! worked with it, on what and where. The address holds the search; the page is a GET form
//! that works without JavaScript. Staff-only agreements never reach it (the server leaves
//! them out before anything is counted).
use crate::api::agreements::{
    load_public_agreement, public_agreement_charts, public_agreement_choices, public_agreements,
};
use crate::components::agreement_charts::{Charts, Measure, counting_of};
use crate::components::agreement_search::{Coverage, Results, SearchForm, dollars, query_of, value_texts};
use crate::components::error_notice::ErrorNotice;
use crate::components::head::PageTitle;
use crate::components::not_found::NotFoundPage;
use crate::domain::agreement::PublicAgreement;
use crate::domain::format::file_size;
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::{
    agreement_kind_name, agreement_status_name, contribution_type_name, document_kind_name, party_role_name,
};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AgreementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(query_of));
    let results =
        Resource::new(move || (i18n.get_locale(), query.get()), |(l, q)| public_agreements(code_of(l).to_owned(), q));
    let choices = Resource::new(move || i18n.get_locale(), |l| public_agreement_choices(code_of(l).to_owned()));
    let counting = Memo::new(move |_| params.with(|p| counting_of(p.get("counting"))));
    let measure = Memo::new(move |_| params.with(|p| Measure::parse(p.get("measure"))));
    let charts = Resource::new(
        move || (i18n.get_locale(), query.get(), counting.get()),
        |(l, q, c)| public_agreement_charts(code_of(l).to_owned(), q, c),
    );
    let base = move || format!("/{}/agreements", code_of(i18n.get_locale()));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, agreement.public_title), t_string!(i18n, app.name)) />
        <Meta name="description" content=move || t_string!(i18n, agreement.public_intro) />
        <Link rel="canonical" href=base() />
        <header class="page-header">
            <h1>{t!(i18n, agreement.public_title)}</h1>
            <p class="lead">{t!(i18n, agreement.public_intro)}</p>
        </header>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || {
                // Read before the awaits: after them the request's owner may be gone.
                let (q, m, b) = (query.get(), measure.get(), base());
                Suspend::new(async move {
                    let choices = choices.await.unwrap_or_default();
                    let charts = charts.await;
                    match results.await {
                        Ok(r) => view! {
                            <SearchForm query=q.clone() choices staff=false action=b.clone() />
                            {charts.ok().map(|c| view! { <Charts charts=c query=q.clone() base=b.clone() measure=m public=true /> })}
                            <Results results=r query=q base=b staff=false />
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// `/{locale}/agreements/{reference}`: one public, signed agreement — its parties and their
/// roles, areas and places with their shares, value, dates, transactions, its terms after its
/// public amendments, and its public documents. Anything else is not found.
#[component]
pub fn PublicAgreementPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = move || params.with(|p| p.get("reference").unwrap_or_default());
    let agreement = Resource::new(
        move || (i18n.get_locale(), reference()),
        |(l, reference)| load_public_agreement(code_of(l).to_owned(), reference),
    );
    let base = move || format!("/{}/agreements", code_of(i18n.get_locale()));
    view! {
        <p class="breadcrumb"><a href=base>{t!(i18n, agreement.public_title)}</a></p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match agreement.await {
                    Ok(a) => view! { <PublicRecord agreement=a /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PublicRecord(agreement: PublicAgreement) -> impl IntoView {
    let i18n = use_i18n();
    let a = agreement;
    let l = code_of(i18n.get_locale());
    let path = move |rest: &str| format!("/{}/{rest}", code_of(i18n.get_locale()));
    let currency = a.value.as_ref().map(|v| v.currency.clone()).unwrap_or_default();
    let value = a.value.as_ref().map(|v| value_texts(i18n, v));
    // Title and summary in the language they are shown in, marked as such when not the reader's.
    let text_lang = a.text_locale.clone();
    let other_language = (text_lang != l).then(|| locale::parse(&text_lang).map(native_name).unwrap_or_default());
    let text_dir = if text_lang == "ar" { "rtl" } else { "ltr" };
    let description: String = a.summary.chars().take(160).collect();
    let title = a.title.clone();
    view! {
        <PageTitle text=move || format!("{title} — {}", t_string!(i18n, app.name)) />
        <Meta name="description" content=description />
        <header class="page-header">
            <h1 lang=text_lang.clone() dir=text_dir>{a.title.clone()}</h1>
            <p class="hint">
                {t!(i18n, agreement.reference)} " " <strong dir="ltr">{a.reference.clone()}</strong>
                " · " {agreement_kind_name(i18n, a.kind)}
                " · " <span class=format!("stage agreement-{}", a.status.code())>{agreement_status_name(i18n, a.status)}</span>
            </p>
            {other_language.map(|name| view! { <p class="hint">{t!(i18n, agreement.shown_as_written)} " " {name}</p> })}
        </header>
        {a.amends.clone().map(|original| {
            let href = path(&format!("agreements/{original}"));
            view! { <p class="notice">{t!(i18n, agreement.amends)} " " <a href=href dir="ltr">{original.clone()}</a></p> }
        })}
        <div class="interest-layout">
            <section aria-labelledby="facts-heading">
                <h2 id="facts-heading">{t!(i18n, agreement.about)}</h2>
                {(!a.summary.is_empty()).then(|| view! { <p class="summary" lang=text_lang.clone() dir=text_dir>{a.summary.clone()}</p> })}
                <dl class="partner-facts">
                    <dt>{t!(i18n, agreement.signed_on)}</dt><dd dir="ltr">{a.signed_on.clone().unwrap_or_default()}</dd>
                    {(a.effective_on.is_some() || a.expires_on.is_some()).then(|| view! {
                        <dt>{t!(i18n, agreement.period)}</dt>
                        <dd dir="ltr">{a.effective_on.clone().unwrap_or_else(|| "…".into())} " – " {a.expires_on.clone().unwrap_or_else(|| "…".into())}</dd>
                    })}
                    <dt>{t!(i18n, agreement.contribution)}</dt><dd>{contribution_type_name(i18n, a.contribution)}</dd>
                    <dt>{t!(i18n, agreement.value)}</dt>
                    <dd>{match value {
                        Some((original, usd)) => view! { <span>{original}</span> {(!usd.is_empty()).then(|| view! { " · " <span>{usd}</span> })} }.into_any(),
                        None => view! { <span>{t!(i18n, agreement.no_value)}</span> }.into_any(),
                    }}</dd>
                    {a.concept.clone().map(|(slug, title)| {
                        let href = path(&format!("concepts/{slug}"));
                        view! { <dt>{t!(i18n, agreement.concept)}</dt><dd><a href=href dir="auto">{title}</a></dd> }
                    })}
                </dl>
                <h3>{t!(i18n, agreement.parties)}</h3>
                <ul class="linked">
                    <li>{t!(i18n, agreement.the_agency)} " · " {party_role_name(i18n, a.agency_role)}
                        {a.agency_signed_on.clone().map(|d| view! { " · " {t!(i18n, agreement.signed)} " " <span dir="ltr">{d}</span> })}</li>
                    {a.parties.iter().map(|p| {
                        let name = match p.funder {
                            Some(id) => view! { <a href=path(&format!("funders/{id}")) dir="auto">{p.name.clone()}</a> }.into_any(),
                            None => view! { <span dir="auto">{p.name.clone()}</span> }.into_any(),
                        };
                        view! {
                            <li>
                                {name}
                                {p.acronym.clone().map(|a| view! { " (" {a} ")" })}
                                " · " {party_role_name(i18n, p.role)}
                                {p.signed_on.clone().map(|d| view! { " · " {t!(i18n, agreement.signed)} " " <span dir="ltr">{d}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <Coverage areas=a.areas.clone() places=a.places.clone() transactions=a.transactions.clone() currency=currency.clone() />
            </section>
            <section aria-labelledby="terms-heading">
                {(!a.terms.is_empty()).then(|| view! {
                    <h2 id="terms-heading">{t!(i18n, agreement.terms_title)}</h2>
                    <ol class="timeline">
                        {a.terms.iter().map(|s| {
                            let href = path(&format!("agreements/{}", s.reference));
                            view! {
                                <li>
                                    <a href=href dir="ltr">{s.reference.clone()}</a>
                                    " · " <span dir="ltr">{s.signed_on.clone().unwrap_or_else(|| "…".into())}</span>
                                    <br />{t!(i18n, agreement.value_after)} ": " <strong>{dollars(i18n, s.usd_cents)}</strong>
                                    " · " {t!(i18n, agreement.expires_after)} ": " <span dir="ltr">{s.expires_on.clone().unwrap_or_else(|| "…".into())}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                })}
                <h2 id="documents-heading">{t!(i18n, agreement.documents)}</h2>
                {if a.documents.is_empty() {
                    view! { <p class="empty">{t!(i18n, agreement.no_public_documents)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="linked documents">
                            {a.documents.iter().map(|d| view! {
                                <li><a href=d.url.clone() dir="auto">{d.title.clone()}</a>
                                    " · " {document_kind_name(i18n, d.kind)} " · " {file_size(i18n.get_locale(), d.byte_size)}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
    }
}
