use crate::components::head::PageTitle;
use crate::domain::locale::code_of;
use crate::i18n::*;
use leptos::prelude::*;

/// The translated 404 page; answers with status 404 when rendered by the server.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, not_found.title), t_string!(i18n, app.name)) />
        <section class="page-message">
            <p class="status-code" aria-hidden="true">"404"</p>
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.body)}</p>
            <p><a class="button" href=move || format!("/{}", code_of(i18n.get_locale()))>{t!(i18n, not_found.home)}</a></p>
        </section>
    }
}
