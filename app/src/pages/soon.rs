use crate::domain::locale::code_of;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// A section of the site that is not open yet: says so and points to what is.
#[component]
pub fn SoonPage(feature: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || match feature {
        "subscribe" => t_string!(i18n, soon.subscribe),
        _ => t_string!(i18n, soon.staff),
    };
    view! {
        <Title text=move || format!("{} — {}", t_string!(i18n, soon.title), t_string!(i18n, app.name)) />
        <section class="page-message">
            <h1>{t!(i18n, soon.title)}</h1>
            <p>{body}</p>
            <p><a class="button" href=move || format!("/{}", code_of(i18n.get_locale()))>{t!(i18n, not_found.home)}</a></p>
        </section>
    }
}
