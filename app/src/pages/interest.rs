//! "Express interest" on a concept page: who the partner is, what they could bring, a
//! message and consent to be contacted. Works without JavaScript; errors are shown next to
//! their fields; once received, the page says so (`?interest=sent`).
use crate::api::interests::ExpressInterest;
use crate::components::field::{SelectField, TextField};
use crate::domain::interest::{CONTRIBUTIONS, MESSAGE_MAX};
use crate::domain::locale::code_of;
use crate::domain::names::{contribution_label, entity_label};
use crate::domain::subscription::ENTITY_TYPES;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The section at the end of a concept page. `served_at`: when the server sent the page.
#[component]
pub fn InterestSection(slug: String, served_at: i64, countries: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("interest").is_some_and(|v| v == "sent"));
    let action = ServerAction::<ExpressInterest>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let message = move |field: &'static str| {
        Signal::derive(move || {
            error.get().as_ref().and_then(|e| crate::components::form_messages::field_message(i18n, e, field))
        })
    };
    let general = move || {
        error.get().and_then(|e| match e {
            AppError::Validation(ref f) if f.iter().any(|f| f.field == "concept") => {
                Some(t_string!(i18n, interest.closed).to_owned())
            }
            AppError::Validation(_) => None,
            AppError::RateLimited => Some(t_string!(i18n, interest.rate_limited).to_owned()),
            AppError::NotFound => Some(t_string!(i18n, interest.closed).to_owned()),
            e => crate::components::form_messages::form_message(i18n, &e),
        })
    };
    let contribution_options: Vec<(String, String)> =
        CONTRIBUTIONS.iter().map(|c| ((*c).to_owned(), contribution_label(i18n, c))).collect();
    view! {
        <section id="interest" class="interest" aria-labelledby="interest-heading" tabindex="-1">
            <h2 id="interest-heading">{t!(i18n, interest.title)}</h2>
            <Show
                when=sent
                fallback=move || {
                    let slug = slug.clone();
                    let countries = countries.clone();
                    let contribution_options = contribution_options.clone();
                    view! {
                        <p>{t!(i18n, interest.intro)}</p>
                        <ActionForm action attr:class="interest-form">
                            <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                            <input type="hidden" name="slug" value=slug />
                            <input type="hidden" name="form[shown_at]" value=served_at />
                            // Left empty by people (they do not see it); robots fill it.
                            <div class="honeypot" aria-hidden="true">
                                <label>{t!(i18n, subscribe.website)} <input name="form[website]" tabindex="-1" autocomplete="off" /></label>
                            </div>
                            <fieldset>
                                <legend>{t!(i18n, subscribe.who)}</legend>
                                <TextField name="organisation" value=String::new() label=move || t_string!(i18n, interest.organisation) error=message("organisation") />
                                <SelectField name="entity_type" selected=String::new() label=move || t_string!(i18n, subscribe.entity_type)
                                    options=ENTITY_TYPES.iter().map(|c| ((*c).to_owned(), entity_label(i18n, c).to_owned())).collect() error=message("entity_type") />
                                <SelectField name="country" selected=String::new() label=move || t_string!(i18n, subscribe.country)
                                    options=std::iter::once((String::new(), "—".to_owned())).chain(countries).collect() error=message("country") />
                                <TextField name="contact_name" value=String::new() label=move || t_string!(i18n, interest.contact_name) error=message("contact_name") />
                                <TextField name="email" kind="email" value=String::new() label=move || t_string!(i18n, staff.email) error=message("email") />
                                <TextField name="role" value=String::new() label=move || t_string!(i18n, interest.role) error=message("role") />
                            </fieldset>
                            <fieldset>
                                <legend>{t!(i18n, interest.offer)}</legend>
                                <SelectField name="contribution" selected="funding".to_owned() label=move || t_string!(i18n, interest.contribution)
                                    options=contribution_options error=message("contribution") />
                                <div class="field">
                                    <label for="f-amount">{t!(i18n, interest.amount)}</label>
                                    <input id="f-amount" name="form[amount]" inputmode="numeric" dir="ltr" maxlength="20"
                                        aria-describedby="f-amount-hint" aria-invalid=move || message("amount").get().is_some().then_some("true") />
                                    <p class="hint" id="f-amount-hint">{t!(i18n, interest.amount_hint)}</p>
                                    {move || message("amount").get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                </div>
                                <div class="field">
                                    <label for="f-message">{t!(i18n, interest.message)}</label>
                                    <textarea id="f-message" name="form[message]" rows="6" required maxlength=MESSAGE_MAX dir="auto"
                                        aria-invalid=move || message("message").get().is_some().then_some("true")></textarea>
                                    {move || message("message").get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                </div>
                                <div class="field">
                                    <label class="choice">
                                        <input type="checkbox" name="form[consent]" required
                                            aria-invalid=move || message("consent").get().is_some().then_some("true") />
                                        {t!(i18n, interest.consent)}
                                    </label>
                                    {move || message("consent").get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                </div>
                            </fieldset>
                            {move || general().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                            <button class="button" type="submit" disabled=move || action.pending().get()>{t!(i18n, interest.submit)}</button>
                        </ActionForm>
                    }
                }
            >
                <div class="notice notice-success" role="status">
                    <p><strong>{t!(i18n, interest.sent_title)}</strong></p>
                    <p>{t!(i18n, interest.sent_body)}</p>
                </div>
            </Show>
        </section>
    }
}
