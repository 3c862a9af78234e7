//! `sitemap.xml` and `robots.txt`: every public page a search engine should know, each
//! concept in the languages it is written in, with `hreflang` alternates.
use crate::domain::format::{iso_date, xml};
use crate::domain::locale::CODES;
use crate::error::AppError;
use crate::ssr::db::concepts;
use crate::ssr::infra::database::Db;

/// One `<url>` with its alternates in `locales`.
fn entry(out: &mut String, base: &str, path: impl Fn(&str) -> String, locales: &[&str], lastmod: Option<i64>) {
    for locale in locales {
        out.push_str("<url><loc>");
        out.push_str(&xml(&format!("{base}{}", path(locale))));
        out.push_str("</loc>");
        if let Some(t) = lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", iso_date(t)));
        }
        for alt in locales {
            out.push_str(&format!(
                r#"<xhtml:link rel="alternate" hreflang="{alt}" href="{}"/>"#,
                xml(&format!("{base}{}", path(alt)))
            ));
        }
        out.push_str("</url>\n");
    }
}

pub async fn sitemap(db: &Db, base: &str) -> Result<String, AppError> {
    let rows = concepts::public_translations(&mut *db.pool().acquire().await?).await?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    entry(&mut out, base, |l| format!("/{l}"), &CODES, None);
    entry(&mut out, base, |l| format!("/{l}/concepts"), &CODES, None);
    let mut i = 0;
    while i < rows.len() {
        let slug = &rows[i].0;
        let group: Vec<&(String, String, i64)> = rows[i..].iter().take_while(|r| &r.0 == slug).collect();
        let locales: Vec<&str> = group.iter().map(|r| r.1.as_str()).collect();
        entry(&mut out, base, |l| format!("/{l}/concepts/{slug}"), &locales, Some(group[0].2));
        i += group.len();
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

pub fn robots(base: &str) -> String {
    format!("User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {base}/sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_list_every_language_with_its_alternates() {
        let mut out = String::new();
        entry(&mut out, "https://x.org", |l| format!("/{l}/concepts/a"), &["en", "fr"], Some(0));
        assert_eq!(out.matches("<url>").count(), 2);
        assert!(out.contains("<loc>https://x.org/fr/concepts/a</loc><lastmod>1970-01-01</lastmod>"));
        assert_eq!(out.matches(r#"hreflang="en" href="https://x.org/en/concepts/a""#).count(), 2);
        assert_eq!(xml("a&b<\""), "a&amp;b&lt;&quot;");
    }
}
