//! Dates and amounts as readers of each language write them.
use crate::i18n::Locale;

/// A calendar date (UTC) from seconds since the Unix epoch, as `YYYY-MM-DD`.
pub fn iso_date(epoch_seconds: i64) -> String {
    let (year, month, day) = civil_date(epoch_seconds);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A date and time (UTC) as RFC 3339 writes it: `2026-11-24T09:30:00Z` (Atom feeds).
pub fn rfc3339(epoch_seconds: i64) -> String {
    let seconds = epoch_seconds.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", iso_date(epoch_seconds), seconds / 3600, seconds % 3600 / 60, seconds % 60)
}

/// Escapes text for XML content and attribute values.
pub fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// A date and time (UTC) for logs: the local date, then `HH:MM UTC`.
pub fn local_date_time(locale: Locale, epoch_seconds: i64) -> String {
    let seconds = epoch_seconds.rem_euclid(86_400);
    format!("{} {:02}:{:02} UTC", local_date(locale, epoch_seconds), seconds / 3600, seconds % 3600 / 60)
}

/// A date (UTC) written the way readers of `locale` write it: `21 November 2026`,
/// `21 novembre 2026`, `21 ноября 2026 г.`, `2026年11月21日`, `21 نوفمبر 2026`.
pub fn local_date(locale: Locale, epoch_seconds: i64) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    const RU: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    const AR: [&str; 12] =
        ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
    let (year, month, day) = civil_date(epoch_seconds);
    let m = usize::try_from(month - 1).unwrap_or(0).min(11);
    match locale {
        Locale::en => format!("{day} {} {year}", EN[m]),
        Locale::fr => format!("{day} {} {year}", FR[m]),
        Locale::es => format!("{day} de {} de {year}", ES[m]),
        Locale::ru => format!("{day} {} {year} г.", RU[m]),
        Locale::ar => format!("{day} {} {year}", AR[m]),
        Locale::zh => format!("{year}年{month}月{day}日"),
    }
}

/// An amount in US dollars, grouped and labelled as readers of `locale` expect:
/// `USD 4,800,000`, `4 800 000 USD`, `4.800.000 USD`, `4,800,000 美元`.
pub fn usd(locale: Locale, amount: i64) -> String {
    let separator = match locale {
        Locale::fr | Locale::ru => "\u{202f}",
        Locale::es => ".",
        Locale::en | Locale::zh | Locale::ar => ",",
    };
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(d);
    }
    if amount < 0 {
        grouped.insert(0, '-');
    }
    match locale {
        Locale::en => format!("USD {grouped}"),
        Locale::zh => format!("{grouped} 美元"),
        Locale::ar => format!("{grouped} دولار أمريكي"),
        Locale::fr | Locale::es | Locale::ru => format!("{grouped} USD"),
    }
}

/// A file's size as readers of `locale` write it: kilobytes below a mebibyte, megabytes with
/// one decimal above (`840 KB`, `12.5 MB`, `12,5 Mo`, `12,5 МБ`, `12.5 ميغابايت`).
pub fn file_size(locale: Locale, bytes: i64) -> String {
    const KIB: i64 = 1024;
    const MIB: i64 = 1024 * 1024;
    let (kb, mb) = match locale {
        Locale::en | Locale::es | Locale::zh => ("KB", "MB"),
        Locale::fr => ("Ko", "Mo"),
        Locale::ru => ("КБ", "МБ"),
        Locale::ar => ("كيلوبايت", "ميغابايت"),
    };
    let comma = matches!(locale, Locale::fr | Locale::es | Locale::ru);
    let space = if matches!(locale, Locale::fr | Locale::ru) { "\u{a0}" } else { " " };
    let bytes = bytes.max(0);
    if bytes < MIB {
        return format!("{}{space}{kb}", (bytes + KIB - 1) / KIB);
    }
    // Tenths of a megabyte, rounded half up, in integers.
    let tenths = (bytes * 10 + MIB / 2) / MIB;
    let separator = if comma { ',' } else { '.' };
    format!("{}{separator}{}{space}{mb}", tenths / 10, tenths % 10)
}

/// (year, month 1–12, day 1–31) of a UTC instant.
fn civil_date(epoch_seconds: i64) -> (i64, i64, i64) {
    // Civil-from-days, after Howard Hinnant's algorithm.
    let days = epoch_seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A stored `YYYY-MM-DD` day as readers of `locale` write it ([`local_date`]); anything
/// else as it is.
pub fn local_day(locale: Locale, day: &str) -> String {
    parse_iso_date(day).map_or_else(|| day.to_owned(), |t| local_date(locale, t))
}

/// Seconds since the epoch at the start (UTC) of a `YYYY-MM-DD` date; `None` if it is no
/// such date.
pub fn parse_iso_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let mut number = |len: usize| parts.next().filter(|p| p.len() == len).and_then(|p| p.parse::<i64>().ok());
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil, after Howard Hinnant's algorithm; checked by converting back.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let seconds = (era * 146_097 + doe - 719_468) * 86_400;
    (civil_date(seconds) == (year, month, day)).then_some(seconds)
}

/// The `YYYY-MM-DD` date `days` days before another (the date itself if it is no date).
pub fn days_before(date: &str, days: i64) -> String {
    parse_iso_date(date).map_or_else(|| date.to_owned(), |t| iso_date(t - days * 86_400))
}

/// An amount of `minor` units of `currency` (with `exponent` decimals), grouped as readers
/// of `locale` write it, the code after it (before it in English): `EUR 1,250,000.50`,
/// `1 250 000,50 EUR`, `1.250.000,50 EUR`.
pub fn money(locale: Locale, minor: i64, exponent: u32, currency: &str) -> String {
    let (group, decimal) = match locale {
        Locale::fr | Locale::ru => ("\u{202f}", ","),
        Locale::es => (".", ","),
        Locale::en | Locale::zh | Locale::ar => (",", "."),
    };
    let scale = 10_i64.pow(exponent);
    let digits = (minor.unsigned_abs() / scale.unsigned_abs()).to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(group);
        }
        grouped.push(d);
    }
    let fraction = minor.unsigned_abs() % scale.unsigned_abs();
    if exponent > 0 && fraction != 0 {
        grouped.push_str(decimal);
        grouped.push_str(&format!("{fraction:0width$}", width = exponent as usize));
    }
    if minor < 0 {
        grouped.insert(0, '-');
    }
    match locale {
        Locale::en => format!("{currency} {grouped}"),
        _ => format!("{grouped} {currency}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{Locale, days_before, iso_date, local_date, money, parse_iso_date, usd};

    #[test]
    fn money_keeps_its_minor_units_and_the_readers_signs() {
        assert_eq!(money(Locale::en, 125_000_050, 2, "EUR"), "EUR 1,250,000.50");
        assert_eq!(money(Locale::fr, 125_000_000, 2, "EUR"), "1\u{202f}250\u{202f}000 EUR");
        assert_eq!(money(Locale::es, 1_005, 3, "KWD"), "1,005 KWD");
        assert_eq!(money(Locale::en, 1_000_000, 0, "JPY"), "JPY 1,000,000");
        assert_eq!(days_before("2016-03-01", 1), "2016-02-29");
    }

    #[test]
    fn iso_dates_parse_back_and_impossible_ones_do_not() {
        for t in [0, 951_782_400, 1_798_675_200] {
            assert_eq!(parse_iso_date(&iso_date(t)), Some(t));
        }
        for bad in ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "yesterday", ""] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_civil_utc_dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_798_761_599), "2026-12-31");
        assert_eq!(iso_date(-1), "1969-12-31");
    }

    #[test]
    fn dates_read_naturally_in_every_language() {
        let t = 1_795_305_600; // 2026-11-22
        assert_eq!(local_date(Locale::en, t), "22 November 2026");
        assert_eq!(local_date(Locale::fr, t), "22 novembre 2026");
        assert_eq!(local_date(Locale::es, t), "22 de noviembre de 2026");
        assert_eq!(local_date(Locale::ru, t), "22 ноября 2026 г.");
        assert_eq!(local_date(Locale::ar, t), "22 نوفمبر 2026");
        assert_eq!(local_date(Locale::zh, t), "2026年11月22日");
        assert_eq!(local_date(Locale::en, 0), "1 January 1970");
    }

    #[test]
    fn amounts_are_grouped_the_local_way() {
        assert_eq!(usd(Locale::en, 4_800_000), "USD 4,800,000");
        assert_eq!(usd(Locale::fr, 4_800_000), "4\u{202f}800\u{202f}000 USD");
        assert_eq!(usd(Locale::es, 12_000), "12.000 USD");
        assert_eq!(usd(Locale::zh, 999), "999 美元");
        assert_eq!(usd(Locale::en, 0), "USD 0");
        assert_eq!(usd(Locale::en, 1_000), "USD 1,000");
        assert_eq!(usd(Locale::en, -1_234_567), "USD -1,234,567");
    }

    #[test]
    fn file_sizes_use_the_readers_units_and_decimal_sign() {
        use super::file_size;
        assert_eq!(file_size(Locale::en, 840 * 1024), "840 KB");
        assert_eq!(file_size(Locale::en, 1), "1 KB");
        assert_eq!(file_size(Locale::en, 13_107_200), "12.5 MB");
        assert_eq!(file_size(Locale::fr, 13_107_200), "12,5\u{a0}Mo");
        assert_eq!(file_size(Locale::ru, 500 * 1024), "500\u{a0}КБ");
        assert_eq!(file_size(Locale::es, 25 * 1024 * 1024), "25,0 MB");
        assert_eq!(file_size(Locale::ar, 13_107_200), "12.5 ميغابايت");
    }
}
