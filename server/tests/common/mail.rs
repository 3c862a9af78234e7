//! E-mails as a mail client reads them (from the folder the app or the SMTP sink wrote),
//! and subscribing as the public form does.
use super::TestDb;
use super::web::{post, send_to};
use app::ssr::AppState;
use std::path::Path;

/// The app with its e-mails written to a folder of its own, its public address
/// `https://partners.example.org` unless `extra` says otherwise.
pub fn app_state(t: &TestDb, extra: &[(&str, &str)]) -> (AppState, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("pop-mail-{}-{}", std::process::id(), rand_suffix()));
    let dir_text = dir.display().to_string();
    // The first setting of a name wins: `extra` before the defaults.
    let mut settings: Vec<(&str, &str)> = extra.to_vec();
    settings.extend([("POP_MAIL_DIR", dir_text.as_str()), ("POP_PUBLIC_URL", "https://partners.example.org")]);
    (t.state_with(&settings), dir)
}

pub fn rand_suffix() -> String {
    app::ssr::infra::random::new_token()[..8].to_owned()
}

pub fn subscription<'a>(
    email: &'a str,
    locale: &'a str,
    frequency: &'a str,
    tags: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("locale", locale),
        ("form[organisation]", "Ministerio de Tecnologías"),
        ("form[entity_type]", "government"),
        ("form[country]", "CO"),
        ("form[contact_name]", "Lucía Gómez"),
        ("form[email]", email),
        ("form[locale]", locale),
        ("form[frequency]", frequency),
    ];
    f.extend_from_slice(tags);
    f
}

pub async fn subscribe(state: &AppState, fields: &[(&str, &str)]) -> super::web::Answer {
    send_to(state.clone(), post("/api/subscribe/new", fields, None, true)).await
}

pub async fn status_of(t: &TestDb, email: &str) -> String {
    sqlx::query_scalar("SELECT status FROM subscribers WHERE email = $1")
        .bind(email)
        .fetch_one(t.db.pool())
        .await
        .unwrap()
}

pub const INFRA_AFRICA: [(&str, &str); 2] = [("facts[areas][]", "infrastructure"), ("facts[regions][]", "africa")];

/// Reads every message in `dir`, oldest first, and removes them.
pub fn take(dir: &Path) -> Vec<Mail> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "eml")).collect())
        .unwrap_or_default();
    files.sort();
    let mails = files.iter().map(|f| Mail::parse(&std::fs::read(f).unwrap())).collect();
    for f in files {
        std::fs::remove_file(f).unwrap();
    }
    mails
}

/// What a test reads of a message.
#[derive(Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
    pub message_id: Option<String>,
    /// The files it carries: name and bytes.
    pub attachments: Vec<(String, Vec<u8>)>,
    /// The message as it arrived.
    pub raw: Raw,
}

/// A message's bytes, shown by their size in failed assertions.
pub struct Raw(pub Vec<u8>);

impl std::fmt::Debug for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes", self.0.len())
    }
}

impl Mail {
    pub fn parse(bytes: &[u8]) -> Mail {
        let m = mailparse::parse_mail(bytes).unwrap();
        let header =
            |name: &str| m.headers.iter().find(|h| h.get_key().eq_ignore_ascii_case(name)).map(|h| h.get_value());
        // A part at any depth: an e-mail with files is a mixed part around the alternatives.
        fn find<'a>(m: &'a mailparse::ParsedMail<'a>, kind: &str) -> Option<&'a mailparse::ParsedMail<'a>> {
            m.subparts.iter().find(|p| p.ctype.mimetype == kind).or_else(|| m.subparts.iter().find_map(|p| find(p, kind)))
        }
        let part = |kind: &str| find(&m, kind).map(|p| p.get_body().unwrap()).unwrap_or_default();
        let attachments = m
            .subparts
            .iter()
            .filter(|p| p.get_content_disposition().disposition == mailparse::DispositionType::Attachment)
            .map(|p| {
                let name = p.get_content_disposition().params.get("filename").cloned().unwrap_or_default();
                (name, p.get_body_raw().unwrap())
            })
            .collect();
        Mail {
            to: header("To").unwrap_or_default(),
            subject: header("Subject").unwrap_or_default(),
            text: part("text/plain"),
            html: part("text/html"),
            list_unsubscribe: header("List-Unsubscribe"),
            list_unsubscribe_post: header("List-Unsubscribe-Post"),
            message_id: header("Message-ID"),
            attachments,
            raw: Raw(bytes.to_vec()),
        }
    }

    /// The token of the first link to `path` in the text.
    pub fn token(&self, path: &str) -> String {
        let at = self.text.find(path).unwrap_or_else(|| panic!("no {path} in {}", self.text));
        let rest = &self.text[at..];
        let start = rest.find("token=").map(|i| i + 6).or_else(|| rest.find("unsubscribe/").map(|i| i + 12)).unwrap();
        rest[start..start + 64].to_owned()
    }
}

/// Checks a message's DKIM signature (relaxed/relaxed, Ed25519-SHA256, RFC 6376 and 8463)
/// against `public`, written from the RFCs rather than from the signer's code; returns the
/// signature's tags.
pub fn verify_dkim(raw: &[u8], public: &ed25519_dalek::VerifyingKey) -> Result<Vec<(String, String)>, String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let text = std::str::from_utf8(raw).map_err(|e| e.to_string())?;
    let (head, body) = text.split_once("\r\n\r\n").ok_or("no body")?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        match (line.starts_with([' ', '\t']), headers.last_mut()) {
            (true, Some((_, value))) => value.push_str(line),
            _ => {
                let (name, value) = line.split_once(':').ok_or("a header line without a colon")?;
                headers.push((name.to_owned(), value.to_owned()));
            }
        }
    }
    let relaxed = |value: &str| value.split_whitespace().collect::<Vec<_>>().join(" ");
    let signature = &headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("DKIM-Signature")).ok_or("not signed")?.1;
    let tags: Vec<(String, String)> = signature
        .split(';')
        .filter_map(|t| t.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.split_whitespace().collect()))
        .collect();
    let tag = |name: &str| tags.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default();
    if tag("a") != "ed25519-sha256" || tag("c") != "relaxed/relaxed" {
        return Err(format!("unexpected a={} c={}", tag("a"), tag("c")));
    }
    // The body: whitespace runs as one space, none at line ends, no empty lines at the end.
    let mut canonical: String = body
        .split("\r\n")
        .map(|line| {
            let mut out = String::new();
            for c in line.chars() {
                let space = c == ' ' || c == '\t';
                if !(space && out.ends_with(' ')) {
                    out.push(if space { ' ' } else { c });
                }
            }
            out.trim_end_matches(' ').to_owned()
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    while canonical.ends_with("\r\n") {
        canonical.truncate(canonical.len() - 2);
    }
    if !canonical.is_empty() {
        canonical.push_str("\r\n");
    }
    let body_hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(canonical.as_bytes()));
    if body_hash != tag("bh") {
        return Err(format!("body hash {body_hash} is not bh={}", tag("bh")));
    }
    // The signed headers, then the signature's own header without its b= value.
    let mut signed = String::new();
    for name in tag("h").split(':') {
        if let Some((_, value)) = headers.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            signed.push_str(&format!("{}:{}\r\n", name.to_ascii_lowercase(), relaxed(value)));
        }
    }
    let signature = relaxed(signature);
    let b_at = signature.find("; b=").map(|i| i + 4).ok_or("no b= tag")?;
    let b_end = signature[b_at..].find(';').map_or(signature.len(), |i| b_at + i);
    signed.push_str(&format!("dkim-signature:{}{}", &signature[..b_at], &signature[b_end..]));
    let b = base64::engine::general_purpose::STANDARD.decode(tag("b")).map_err(|e| e.to_string())?;
    let b = ed25519_dalek::Signature::from_slice(&b).map_err(|e| e.to_string())?;
    public.verify_strict(&Sha256::digest(signed.as_bytes()), &b).map_err(|e| format!("bad signature: {e}"))?;
    Ok(tags)
}
