use crate::components::head::PageTitle;
use crate::domain::locale::code_of;
use crate::i18n::*;
use leptos::prelude::*;

/// Subscriptions are not open yet: says so and points to what is.
#[component]
pub fn SoonPage() -> impl IntoView {
    let i18n = use_i18n();
    let body = move || t_string!(i18n, soon.subscribe);
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, soon.title), t_string!(i18n, app.name)) />
        <section class="page-message">
            <h1>{t!(i18n, soon.title)}</h1>
            <p>{body}</p>
            <p><a class="button" href=move || format!("/{}", code_of(i18n.get_locale()))>{t!(i18n, not_found.home)}</a></p>
        </section>
    }
}
