//! The account page's two-step sign-in section: set it up (scan the QR code or type the key,
//! then confirm with a code), keep the recovery codes shown once, renew them, turn it off.
use crate::api::staff::{BeginTwoFactor, ConfirmTwoFactor, RenewRecoveryCodes, TurnOffTwoFactor, two_factor_status};
use crate::components::error_notice::ErrorNotice;
use crate::components::field::Field;
use crate::components::form_messages::{field_message, form_message};
use crate::domain::staff::{TwoFactorSetup, TwoFactorStatus};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn TwoFactorSection() -> impl IntoView {
    let i18n = use_i18n();
    let begin = ServerAction::<BeginTwoFactor>::new();
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let renew = ServerAction::<RenewRecoveryCodes>::new();
    let off = ServerAction::<TurnOffTwoFactor>::new();
    let status = Resource::new(
        move || (begin.version().get(), confirm.version().get(), renew.version().get(), off.version().get()),
        |_| two_factor_status(),
    );
    // Codes are shown once: right after they are made.
    let codes = Signal::derive(move || {
        let confirmed = confirm.value().get().and_then(Result::ok);
        let renewed = renew.value().get().and_then(Result::ok);
        if confirm.version().get() >= renew.version().get() { confirmed.or(renewed) } else { renewed.or(confirmed) }
    });
    view! {
        <section class="form-page two-factor" aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">{t!(i18n, staff.two_factor_title)}</h2>
            {move || codes.get().map(|codes| view! { <RecoveryCodes codes /> })}
            <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) if s.enabled => view! { <Enabled status=s renew off /> }.into_any(),
                        Ok(s) => view! { <SetUp status=s begin confirm /> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SetUp(
    status: TwoFactorStatus,
    begin: ServerAction<BeginTwoFactor>,
    confirm: ServerAction<ConfirmTwoFactor>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code_error = move || {
        confirm
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| field_message(i18n, &e, "code").or_else(|| form_message(i18n, &e)))
    };
    view! {
        {status.required.then(|| view! { <p class="notice notice-info">{t!(i18n, staff.two_factor_due)}</p> })}
        <p>{t!(i18n, staff.two_factor_intro)}</p>
        {match status.setup {
            None => view! {
                <ActionForm action=begin>
                    <button class="button" type="submit">{t!(i18n, staff.two_factor_begin)}</button>
                </ActionForm>
            }.into_any(),
            Some(setup) => view! {
                <SetupKey setup />
                <ActionForm action=confirm>
                    <CodeField error=Signal::derive(code_error) />
                    <button class="button" type="submit">{t!(i18n, staff.two_factor_confirm)}</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}

/// The QR code to scan, and the key to type for apps that cannot scan.
#[component]
fn SetupKey(setup: TwoFactorSetup) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="steps">
            <li>{t!(i18n, staff.two_factor_scan)}</li>
        </ol>
        // The SVG is drawn by the server from the otpauth address; it holds no script.
        <div class="qr" role="img" aria-label=move || t_string!(i18n, staff.two_factor_qr) inner_html=setup.qr_svg></div>
        <p>{t!(i18n, staff.two_factor_key)} " " <code class="secret" dir="ltr">{setup.secret}</code></p>
    }
}

#[component]
fn Enabled(
    status: TwoFactorStatus,
    renew: ServerAction<RenewRecoveryCodes>,
    off: ServerAction<TurnOffTwoFactor>,
) -> impl IntoView {
    let i18n = use_i18n();
    let renew_error = move || {
        renew
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| field_message(i18n, &e, "code").or_else(|| form_message(i18n, &e)))
    };
    let off_error = move || off.value().get().and_then(Result::err).and_then(|e| field_message(i18n, &e, "password"));
    let left = status.recovery_codes_left;
    view! {
        <p class="notice notice-success">{t!(i18n, staff.two_factor_on)}</p>
        <p>{t!(i18n, staff.recovery_codes_left)} " " <strong>{left}</strong></p>
        <h3>{t!(i18n, staff.recovery_codes_new)}</h3>
        <ActionForm action=renew>
            <CodeField error=Signal::derive(renew_error) />
            <button class="button secondary" type="submit">{t!(i18n, staff.recovery_codes_new)}</button>
        </ActionForm>
        {(!status.required).then(|| view! {
            <h3>{t!(i18n, staff.two_factor_off)}</h3>
            <ActionForm action=off>
                <Field
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    label=Signal::derive(move || t_string!(i18n, staff.current_password).to_owned())
                    error=Signal::derive(off_error)
                />
                <button class="button danger" type="submit">{t!(i18n, staff.two_factor_off)}</button>
            </ActionForm>
        })}
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice-info" role="status">
            <p><strong>{t!(i18n, staff.recovery_codes_intro)}</strong></p>
            <ul class="recovery-codes" dir="ltr">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The six digits from the authenticator app.
#[component]
fn CodeField(error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field
            name="code"
            kind="text"
            autocomplete="one-time-code"
            inputmode="numeric"
            label=Signal::derive(move || t_string!(i18n, staff.two_factor_code).to_owned())
            error
        />
    }
}
