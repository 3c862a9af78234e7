//! Where a staff page sends a visitor whose session has ended: the sign-in page, which
//! brings them back here afterwards.
use crate::domain::locale::code_of;
use crate::domain::names::I18n;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// To sign-in, then back to `/{locale}/staff/{page}`.
pub fn staff_sign_in(i18n: I18n, page: &str) -> AnyView {
    let code = code_of(i18n.get_locale_untracked());
    view! { <Redirect path=format!("/{code}/staff/sign-in?next=/{code}/staff/{page}") /> }.into_any()
}
