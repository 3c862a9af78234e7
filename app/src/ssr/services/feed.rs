//! Atom feeds (RFC 4287) of the catalogue: `/{locale}/feeds/concepts.atom` takes the
//! catalogue's search text and filters and lists the newest matching concepts, in the
//! reader's language where a complete translation exists.
use crate::domain::catalogue::{CatalogueQuery, Sort};
use crate::domain::format::{rfc3339, xml};
use crate::domain::locale::code_of;
use crate::error::AppError;
use crate::i18n::*;
use crate::ssr::state::AppState;

pub async fn concepts(state: &AppState, locale: Locale, query: &CatalogueQuery) -> Result<String, AppError> {
    let filters = query.filters_only();
    let newest = CatalogueQuery { sort: Sort::Newest, ..filters.clone() };
    let page = crate::ssr::services::catalogue::search(&state.db, &state.catalogue, locale, newest).await?;
    let (base, code) = (&state.config.public_url, code_of(locale));
    let qs = filters.to_query_string();
    let with_query = |path: String| if qs.is_empty() { path } else { format!("{path}?{qs}") };
    let self_url = with_query(format!("{base}/{code}/feeds/concepts.atom"));
    let catalogue_url = with_query(format!("{base}/{code}/concepts"));
    let updated = page.items.iter().map(|i| i.card.published_at).max().unwrap_or_else(crate::ssr::infra::clock::now);
    let mut title = format!("{} — {}", td_string!(locale, app.name), td_string!(locale, catalogue.title));
    if filters.is_filtered() {
        title.push_str(&format!(" ({})", td_string!(locale, catalogue.feed_filtered)));
    }
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{code}\">\n\
         <title>{}</title>\n<subtitle>{}</subtitle>\n<id>{}</id>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
         <updated>{}</updated>\n<author><name>{}</name></author>\n",
        xml(&title),
        xml(td_string!(locale, app.tagline)),
        xml(&self_url),
        xml(&self_url),
        xml(&catalogue_url),
        rfc3339(updated),
        xml(td_string!(locale, app.name)),
    );
    for item in &page.items {
        let card = &item.card;
        let url = format!("{base}/{code}/concepts/{}", card.slug);
        out.push_str(&format!(
            "<entry xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<summary>{}</summary>\n",
            xml(&card.locale),
            xml(&card.title),
            xml(&url),
            xml(&url),
            rfc3339(card.published_at),
            rfc3339(card.published_at),
            xml(&card.summary),
        ));
        for area in &card.areas {
            out.push_str(&format!("<category term=\"{}\"/>\n", xml(area)));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    Ok(out)
}
