//! `/{locale}/staff/taxonomy`: administrators name the areas of action and the regions in
//! the six languages. One form per term; each name is required.
use crate::api::admin::{RenameTerm, taxonomy_terms};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_messages::form_message;
use crate::components::head::PageTitle;
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::taxonomy::TermNames;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Redirect;

#[component]
pub fn TaxonomyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, staff.taxonomy_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, staff.taxonomy_title)}</h1>
        <p>{t!(i18n, staff.taxonomy_intro)}</p>
        <TermList kind="area" />
        <TermList kind="region" />
    }
}

#[component]
fn TermList(kind: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let terms = Resource::new(|| (), move |()| taxonomy_terms(kind.to_owned()));
    let heading_id = format!("{kind}-heading");
    view! {
        <section class="taxonomy" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>
                {move || if kind == "area" { t_string!(i18n, staff.areas_label) } else { t_string!(i18n, staff.regions_label) }}
            </h2>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match terms.await {
                        Ok(list) => list.into_iter().map(|term| view! { <TermForm kind term /> }).collect_view().into_any(),
                        Err(AppError::Unauthorised) => {
                            let code = code_of(i18n.get_locale_untracked());
                            view! { <Redirect path=format!("/{code}/staff/sign-in?next=/{code}/staff/taxonomy") /> }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TermForm(kind: &'static str, term: TermNames) -> impl IntoView {
    let i18n = use_i18n();
    let rename = ServerAction::<RenameTerm>::new();
    let error = Signal::derive(move || rename.value().get().and_then(Result::err));
    let saved = move || matches!(rename.value().get(), Some(Ok(())));
    let code = term.code.clone();
    let legend = {
        let names = term.names.clone();
        move || {
            let reader = code_of(i18n.get_locale());
            names
                .iter()
                .find(|(l, _)| l == reader)
                .map(|(_, n)| n.clone())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| code.clone())
        }
    };
    view! {
        <ActionForm action=rename attr:class="term-form">
            <fieldset>
                <legend>{legend} " " <code>{term.code.clone()}</code></legend>
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="code" value=term.code.clone() />
                <div class="term-names">
                    {term.names.into_iter().map(|(l, name)| {
                        let id = format!("{kind}-{}-{l}", term.code);
                        let field = format!("names[{l}]");
                        let message = {
                            let field = field.clone();
                            Signal::derive(move || error.get().and_then(|e| crate::components::form_messages::field_message(i18n, &e, &field)))
                        };
                        let dir = locale::parse(&l).map(locale::dir_of);
                        let label = locale::parse(&l).map(native_name).unwrap_or_default();
                        view! {
                            <div class="field">
                                <label for=id.clone() lang=l.clone()>{label}</label>
                                <input id=id name=field value=name lang=l.clone() dir=dir required maxlength="120"
                                    aria-invalid=move || message.get().is_some().then_some("true") />
                                {move || message.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                            </div>
                        }
                    }).collect_view()}
                </div>
                {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).and_then(|e| form_message(i18n, &e))
                    .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                {move || saved().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, staff.saved)}</p> })}
                <button class="button secondary" type="submit">{t!(i18n, staff.save)}</button>
            </fieldset>
        </ActionForm>
    }
}
