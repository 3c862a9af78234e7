use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// A translated message for a failed load, with a way to try again. Never shows the
/// error's own text.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let _ = error;
    view! {
        <div class="notice notice-error" role="alert">
            <h2>{t!(i18n, error.title)}</h2>
            <p>{t!(i18n, error.body)}</p>
            <p><a href="">{t!(i18n, error.retry)}</a></p>
        </div>
    }
}
