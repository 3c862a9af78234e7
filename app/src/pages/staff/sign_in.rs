//! `/{locale}/staff/sign-in`: e-mail and password. Without JavaScript the form posts and the
//! server answers with a redirect: to the staff page, or back here with the error.
use crate::api::staff::SignIn;
use crate::components::field::Field;
use crate::components::form_messages::{field_message, form_message};
use crate::components::head::PageTitle;
use crate::domain::locale::code_of;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<SignIn>::new();
    // The answer to this page's own post, or one carried back in the URL by a post without
    // JavaScript.
    let error = move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| query.with(|q| q.get("__err").map(|e| ServerFnUrlError::<AppError>::decode_err(&e))))
    };
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let password_error = move || error().and_then(|e| field_message(i18n, &e, "password"));
    let code_error = move || error().and_then(|e| field_message(i18n, &e, "code"));
    let other_error = move || error().and_then(|e| form_message(i18n, &e));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, staff.sign_in_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <section class="form-page">
            <h1>{t!(i18n, staff.sign_in_title)}</h1>
            <p>{t!(i18n, staff.sign_in_intro)}</p>
            {move || other_error().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <ActionForm action>
                <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                <input type="hidden" name="next" value=next />
                <Field
                    name="email"
                    kind="email"
                    autocomplete="username"
                    label=Signal::derive(move || t_string!(i18n, staff.email).to_owned())
                />
                <Field
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    label=Signal::derive(move || t_string!(i18n, staff.password).to_owned())
                    error=Signal::derive(password_error)
                />
                <Field
                    name="code"
                    kind="text"
                    autocomplete="one-time-code"
                    required=false
                    label=Signal::derive(move || t_string!(i18n, staff.sign_in_code).to_owned())
                    hint=Signal::derive(move || t_string!(i18n, staff.sign_in_code_hint).to_owned())
                    error=Signal::derive(code_error)
                />
                <button class="button" type="submit" aria-busy=move || action.pending().get().to_string()>
                    {move || if action.pending().get() { t_string!(i18n, staff.signing_in) } else { t_string!(i18n, staff.sign_in) }}
                </button>
            </ActionForm>
        </section>
    }
}
