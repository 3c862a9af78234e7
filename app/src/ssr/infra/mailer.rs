//! Sending e-mail: over SMTP (pooled connections, a short command timeout, TLS as the URL
//! says) or, with no SMTP configured, into a folder as `.eml` files (first run, development:
//! staff read them on a staff page). Optionally signed with DKIM.
use crate::ssr::config::{DkimSettings, MailConfig};
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm, DkimSigningKey,
};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct Mailer {
    route: Route,
    from: Mailbox,
    dkim: Option<Arc<DkimConfig>>,
}

#[derive(Clone)]
enum Route {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

/// The headers a DKIM signature covers. Those a message lacks are signed as absent, so
/// nobody can add them on the way (RFC 6376, 5.4); the unsubscribe headers are among them.
/// Not `Content-Type`: lettre writes a multipart message's type with the body, after it
/// signs, so a receiver would find a header the signature did not hash.
const SIGNED_HEADERS: [&str; 8] =
    ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "List-Unsubscribe", "List-Unsubscribe-Post"];

/// Why a message did not leave. `permanent`: the server refused it for good (a 5xx), so
/// trying again cannot help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub permanent: bool,
    pub reason: String,
}

/// What to send: the parts every e-mail has.
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// RFC 8058 one-click unsubscribe address, for alerts.
    pub unsubscribe: Option<String>,
    /// Files sent with it (a quote's PDF).
    pub attachments: Vec<Attachment>,
}

/// A file sent with an e-mail.
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Mailer {
    pub fn from_config(config: &MailConfig) -> Result<Self, String> {
        let from: Mailbox =
            config.from.parse().map_err(|e| format!("POP_MAIL_FROM is not an address ({}): {e}", config.from))?;
        let route = match &config.smtp_url {
            Some(url) => Route::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("POP_SMTP_URL is invalid: {e}"))?
                    .timeout(Some(Duration::from_secs(config.smtp_timeout_seconds)))
                    .build(),
            ),
            None => Route::Folder(config.dir.clone()),
        };
        let dkim = config.dkim.as_ref().map(dkim_config).transpose()?.map(Arc::new);
        Ok(Mailer { route, from, dkim })
    }

    /// Where messages go, for logs and the staff page.
    pub fn folder(&self) -> Option<&PathBuf> {
        match &self.route {
            Route::Folder(dir) => Some(dir),
            Route::Smtp(_) => None,
        }
    }

    /// Whether messages can leave: the SMTP server answers (and takes the credentials), or
    /// the mail folder can be written.
    pub async fn check(&self) -> Result<String, String> {
        match &self.route {
            Route::Smtp(transport) => match transport.test_connection().await {
                Ok(true) => Ok("the SMTP server answers".into()),
                Ok(false) => Err("the SMTP server does not answer".into()),
                Err(e) => Err(format!("the SMTP server cannot be reached: {e}")),
            },
            Route::Folder(dir) => can_write(dir)
                .await
                .map(|()| format!("no SMTP configured: e-mails are written to {}", dir.display()))
                .map_err(|e| format!("the mail folder {} cannot be written: {e}", dir.display())),
        }
    }

    /// Sends `mail` as the message named `id` (the same on every attempt, so that a copy
    /// sent again after a crash is recognised as the same message by the mail clients).
    pub async fn send(&self, mail: Outgoing, id: &str) -> Result<(), SendError> {
        let mut message = build(self.from.clone(), mail, id).map_err(|reason| SendError { permanent: true, reason })?;
        if let Some(dkim) = &self.dkim {
            message.sign(dkim);
        }
        match &self.route {
            Route::Smtp(transport) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| SendError { permanent: e.is_permanent(), reason: e.to_string() }),
            Route::Folder(dir) => write_eml(dir, &message.formatted())
                .await
                .map_err(|e| SendError { permanent: false, reason: e.to_string() }),
        }
    }
}

/// The signing setup from the key file: an RSA key in PEM (PKCS#1), or an Ed25519 key as
/// its 32 bytes in base64.
fn dkim_config(settings: &DkimSettings) -> Result<DkimConfig, String> {
    let text = std::fs::read_to_string(&settings.key_file)
        .map_err(|e| format!("POP_DKIM_KEY_FILE cannot be read ({}): {e}", settings.key_file.display()))?;
    let algorithm = if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
        DkimSigningAlgorithm::Rsa
    } else {
        DkimSigningAlgorithm::Ed25519
    };
    let key = DkimSigningKey::new(text.trim(), algorithm)
        .map_err(|e| format!("POP_DKIM_KEY_FILE holds no RSA key in PEM (PKCS#1) nor an Ed25519 key in base64: {e}"))?;
    let relaxed =
        DkimCanonicalization { header: DkimCanonicalizationType::Relaxed, body: DkimCanonicalizationType::Relaxed };
    let headers = SIGNED_HEADERS.iter().map(|h| HeaderName::new_from_ascii_str(h)).collect();
    Ok(DkimConfig::new(settings.selector.clone(), settings.domain.clone(), key, headers, relaxed))
}

fn build(from: Mailbox, mail: Outgoing, id: &str) -> Result<Message, String> {
    let to: Mailbox = mail.to.parse().map_err(|e| format!("bad recipient: {e}"))?;
    // A message id in the sender's domain (receivers distrust mail without one).
    let domain = from.email.domain().to_owned();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')) {
        return Err(format!("bad message id {id:?}"));
    }
    let id = format!("<{id}@{domain}>");
    let mut builder = Message::builder().from(from).to(to).subject(mail.subject).message_id(Some(id));
    if let Some(url) = mail.unsubscribe {
        builder = builder.header(ListUnsubscribe(format!("<{url}>"))).header(ListUnsubscribePost);
    }
    let body = MultiPart::alternative_plain_html(mail.text, mail.html);
    let body = mail.attachments.into_iter().try_fold(body, |body, a| {
        let kind = ContentType::parse(&a.content_type).map_err(|e| format!("bad attachment type: {e}"))?;
        let wrapped = MultiPart::mixed().multipart(body);
        Ok::<_, String>(wrapped.singlepart(lettre::message::Attachment::new(a.file_name).body(a.bytes, kind)))
    })?;
    builder.multipart(body).map_err(|e| format!("cannot build the message: {e}"))
}

/// Whether a file can be written in `dir` (created if missing): a probe written and removed.
pub async fn can_write(dir: &std::path::Path) -> std::io::Result<()> {
    let probe = dir.join(".write-probe");
    tokio::fs::create_dir_all(dir).await?;
    tokio::fs::write(&probe, b"probe").await?;
    tokio::fs::remove_file(&probe).await
}

/// Writes a message aside, then renames it: a reader never sees half a file.
pub async fn write_eml(dir: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let name = format!("{}-{}", crate::ssr::infra::clock::now(), &crate::ssr::infra::random::new_token()[..12]);
    let partial = dir.join(format!("{name}.partial"));
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, dir.join(format!("{name}.eml"))).await
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.into()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}
