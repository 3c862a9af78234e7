//! "Previous · 2 / 7 · Next" under a staff list or a search: plain links, so it works
//! without JavaScript.
use crate::i18n::*;
use leptos::prelude::*;

/// Shown only when there is more than one page; `link` gives a page's address.
#[component]
pub fn Pager(page: i64, pages: i64, link: Callback<i64, String>) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=move || t_string!(i18n, catalogue.pages)>
                {(page > 1).then(|| view! { <a rel="prev" href=link.run(page - 1)>{t!(i18n, catalogue.previous)}</a> })}
                " " <span>{page} " / " {pages}</span> " "
                {(page < pages).then(|| view! { <a rel="next" href=link.run(page + 1)>{t!(i18n, catalogue.next)}</a> })}
            </nav>
        }
    })
}
