//! The frame of every page: `<html lang dir>`, header with navigation and language bar,
//! main content, footer.
use crate::components::head::PageDescription;
use crate::components::hydration::provide_hydration;
use crate::components::not_found::NotFoundPage;
use crate::domain::locale::{self, UN_ORDER, code_of, dir_of, native_name};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_params_map};

/// Parent route of `/:lang/…`: sets the locale from the URL, or answers 404 for a prefix
/// that is not one of ours (in the visitor's best-guess language).
#[component]
pub fn LocaleGate() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    let from_url = Memo::new(move |_| params.read().get("lang").as_deref().and_then(locale::parse));
    // Set now for the server render and hydration; follow client-side navigation after.
    // The frame stays mounted when only the language changes.
    if let Some(l) = from_url.get_untracked() {
        i18n.set_locale(l);
    }
    Effect::new(move |_| {
        if let Some(l) = from_url.get() {
            i18n.set_locale(l);
        }
    });
    view! {
        <Show
            when=move || from_url.with(Option::is_some)
            fallback=|| view! { <Chrome><NotFoundPage /></Chrome> }
        >
            <Chrome><Outlet /></Chrome>
        </Show>
    }
}

/// Header, main and footer around `children`, in the current locale.
#[component]
pub fn Chrome(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // A page outside `/:lang/` (the router's fallback) takes its locale from the path.
    let location = use_location();
    if let Some(l) = location.pathname.get_untracked().split('/').nth(1).and_then(locale::parse) {
        i18n.set_locale(l);
    }
    let hydrated = provide_hydration();
    let code = move || code_of(i18n.get_locale());
    view! {
        {html_attributes(i18n, hydrated)}
        <PageDescription text=move || t_string!(i18n, app.description).to_string() />
        <a class="skip-link" href="#main">{t!(i18n, nav.skip)}</a>
        <header class="site-header">
            <div class="bar">
                <a class="brand" href=move || format!("/{}", code())>
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-text">
                        <span class="brand-name">{t!(i18n, app.name)}</span>
                        <span class="brand-tagline">{t!(i18n, app.tagline)}</span>
                    </span>
                </a>
                <LanguageBar />
            </div>
            <nav class="main-nav" aria-label=move || t_string!(i18n, nav.main)>
                <ul>
                    <li><A href=move || format!("/{}/concepts", code())>{t!(i18n, nav.concepts)}</A></li>
                    <li><A href=move || format!("/{}/agreements", code())>{t!(i18n, nav.agreements)}</A></li>
                    <li><A href=move || format!("/{}/funders", code())>{t!(i18n, nav.funders)}</A></li>
                    <li><A href=move || format!("/{}/sponsorship", code())>{t!(i18n, nav.sponsorship)}</A></li>
                    <li><A href=move || format!("/{}/subscribe", code())>{t!(i18n, nav.subscribe)}</A></li>
                    <li><A href=move || format!("/{}/staff", code())>{t!(i18n, nav.staff)}</A></li>
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, footer.about)}</p>
        </footer>
    }
}

/// The six languages in UN order, each in its own name, linking to the same page.
#[component]
fn LanguageBar() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();

    view! {
        <nav class="language-bar" aria-label=move || t_string!(i18n, nav.language)>
            <ul>
                {UN_ORDER
                    .into_iter()
                    .map(|l| {
                        let current = move || i18n.get_locale() == l;
                        view! {
                            <li>
                                <a
                                    href=move || locale::switch_path(&location.pathname.get(), &location.search.get(), l)
                                    hreflang=code_of(l)
                                    lang=code_of(l)
                                    aria-current=move || current().then_some("true")
                                >
                                    {native_name(l)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// `lang`, `dir` and `data-hydrated` on `<html>`. The server writes them as plain values (it
/// fills the `<html>` tag in after the page, when the page's reactive values may be gone);
/// the browser keeps them in step with the language.
fn html_attributes(i18n: crate::domain::names::I18n, hydrated: ReadSignal<bool>) -> AnyView {
    #[cfg(feature = "ssr")]
    {
        let _ = hydrated;
        let l = i18n.get_locale_untracked();
        view! { <Html attr:lang=code_of(l) attr:dir=dir_of(l) /> }.into_any()
    }
    #[cfg(not(feature = "ssr"))]
    {
        view! {
            <Html
                attr:lang=move || code_of(i18n.get_locale())
                attr:dir=move || dir_of(i18n.get_locale())
                attr:data-hydrated=move || hydrated.get().then_some("true")
            />
        }
        .into_any()
    }
}
