//! `/{locale}/agreements`: the agency's public, signed partnership agreements — who has
//! worked with it, on what and where. The address holds the search; the page is a GET form
//! that works without JavaScript. Staff-only agreements never reach it (the server leaves
//! them out before anything is counted).
use crate::api::agreements::{public_agreement_charts, public_agreement_choices, public_agreements};
use crate::components::agreement_charts::{Charts, Measure, counting_of};
use crate::components::agreement_search::{Results, SearchForm, query_of};
use crate::components::error_notice::ErrorNotice;
use crate::components::head::PageTitle;
use crate::domain::locale::code_of;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::use_query_map;

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
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let charts = charts.await;
                match results.await {
                    Ok(r) => view! {
                        <SearchForm query=query.get_untracked() choices staff=false action=base() />
                        {charts.ok().map(|c| view! { <Charts charts=c query=query.get_untracked() base=base() measure=measure.get_untracked() public=true /> })}
                        <Results results=r query=query.get_untracked() base=base() staff=false />
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}
