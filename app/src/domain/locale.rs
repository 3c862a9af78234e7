//! The six UN languages: codes, native names, direction, and choosing one for a visitor.
use crate::i18n::Locale;

/// The language bar order used by the UN: Arabic, Chinese, English, French, Russian, Spanish.
pub const UN_ORDER: [Locale; 6] = [Locale::ar, Locale::zh, Locale::en, Locale::fr, Locale::ru, Locale::es];

/// The codes, in the same UN order.
pub const CODES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// Parses a locale code exactly as it appears in URLs and in the database (`"ar"`, `"zh"`, …).
pub fn parse(code: &str) -> Option<Locale> {
    UN_ORDER.into_iter().find(|l| code_of(*l) == code)
}

/// The locale a request names (a server function's `locale` argument): an unknown code is
/// the caller's error.
pub fn require(code: &str) -> Result<Locale, crate::error::AppError> {
    parse(code).ok_or(crate::error::AppError::invalid("locale", crate::error::FieldCode::Unknown))
}

/// The code of a locale, as used in URLs, `lang` attributes and the database.
pub fn code_of(locale: Locale) -> &'static str {
    match locale {
        Locale::ar => "ar",
        Locale::zh => "zh",
        Locale::en => "en",
        Locale::fr => "fr",
        Locale::ru => "ru",
        Locale::es => "es",
    }
}

/// Each language in its own name, as shown in the language bar.
pub fn native_name(locale: Locale) -> &'static str {
    match locale {
        // As the UN's own sites write it.
        Locale::ar => "العربية",
        Locale::zh => "中文",
        Locale::en => "English",
        Locale::fr => "Français",
        Locale::ru => "Русский",
        Locale::es => "Español",
    }
}

pub fn is_rtl(locale: Locale) -> bool {
    locale == Locale::ar
}

pub fn dir_of(locale: Locale) -> &'static str {
    if is_rtl(locale) { "rtl" } else { "ltr" }
}

/// Picks the best of our locales for an `Accept-Language` header (RFC 9110 §12.5.4): the
/// highest-weighted range whose primary subtag we serve; English when none does.
pub fn negotiate(accept_language: &str) -> Locale {
    let mut best: Option<(f32, usize, Locale)> = None;
    for (index, item) in accept_language.split(',').enumerate().take(32) {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim();
        let weight =
            parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok())).unwrap_or(1.0);
        if !(weight > 0.0 && weight <= 1.0) {
            continue;
        }
        let primary = range.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let Some(locale) = parse(&primary) else {
            continue;
        };
        // Higher weight wins; on a tie, the earlier range wins.
        let better = match best {
            None => true,
            Some((w, i, _)) => weight > w || (weight == w && index < i),
        };
        if better {
            best = Some((weight, index, locale));
        }
    }
    best.map_or(Locale::en, |(_, _, l)| l)
}

/// The same page in language `to`: the locale segment of `path` replaced (a path without
/// one gets one in front), the query kept. `search` is the query with or without its `?`
/// (the router gives it without).
pub fn switch_path(path: &str, search: &str, to: Locale) -> String {
    let search = search.strip_prefix('?').unwrap_or(search);
    let query = if search.is_empty() { String::new() } else { format!("?{search}") };
    let rest = path.strip_prefix('/').unwrap_or(path);
    let (first, tail) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = if parse(first).is_some() {
        format!("/{}{}", code_of(to), tail)
    } else if rest.is_empty() {
        format!("/{}", code_of(to))
    } else {
        format!("/{}/{}", code_of(to), rest)
    };
    path + &query
}

/// The locale of a page address, absolute (`https://host/fr/…`) or a path (`/fr/…`).
pub fn locale_of_url(url: &str) -> Option<Locale> {
    let path = match url.split_once("://") {
        Some((_, rest)) => &rest[rest.find('/')?..],
        None => url,
    };
    let first = path.strip_prefix('/')?.split(['/', '?', '#']).next()?;
    parse(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_of_an_address_is_its_first_segment() {
        assert_eq!(locale_of_url("http://127.0.0.1:3000/fr/staff/sign-in?x=1"), Some(Locale::fr));
        assert_eq!(locale_of_url("/ar"), Some(Locale::ar));
        assert_eq!(locale_of_url("https://example.org"), None);
        assert_eq!(locale_of_url("/xx/staff"), None);
    }

    #[test]
    fn every_locale_round_trips_through_its_code() {
        assert_eq!(UN_ORDER.map(code_of), CODES);
        for l in UN_ORDER {
            assert_eq!(parse(code_of(l)), Some(l));
        }
        assert_eq!(parse("de"), None);
        assert_eq!(parse("EN"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn accept_language_picks_the_highest_weighted_language_we_serve() {
        assert_eq!(negotiate("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), Locale::fr);
        assert_eq!(negotiate("de-DE,de;q=0.9,ru;q=0.8,en;q=0.7"), Locale::ru);
        assert_eq!(negotiate("en;q=0.5, ar;q=0.9"), Locale::ar);
        assert_eq!(negotiate("zh-Hans-CN"), Locale::zh);
        assert_eq!(negotiate("ES"), Locale::es);
    }

    #[test]
    fn accept_language_falls_back_to_english() {
        assert_eq!(negotiate(""), Locale::en);
        assert_eq!(negotiate("de, ja;q=0.5"), Locale::en);
        assert_eq!(negotiate("fr;q=0, *"), Locale::en);
        assert_eq!(negotiate("fr;q=nonsense"), Locale::fr);
        assert_eq!(negotiate(";;;,,,q=2"), Locale::en);
    }

    #[test]
    fn switching_language_keeps_the_rest_of_the_path() {
        assert_eq!(switch_path("/fr/concepts", "area=innovation", Locale::ar), "/ar/concepts?area=innovation");
        assert_eq!(
            switch_path("/fr/concepts", "?area=innovation&page=2", Locale::ar),
            "/ar/concepts?area=innovation&page=2"
        );
        assert_eq!(switch_path("/en", "", Locale::zh), "/zh");
        assert_eq!(switch_path("/en/", "", Locale::ru), "/ru/");
        assert_eq!(switch_path("/", "", Locale::es), "/es");
        assert_eq!(switch_path("/xx/concepts", "", Locale::fr), "/fr/xx/concepts");
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        for l in UN_ORDER {
            assert_eq!(dir_of(l) == "rtl", l == Locale::ar);
        }
    }
}
