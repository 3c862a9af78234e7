//! Sending e-mail: over SMTP (pooled connections, a short command timeout, TLS as the URL
//! says) or, with no SMTP configured, into a folder as `.eml` files (first run, development:
//! staff read them on a staff page).
use super::config::MailConfig;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone)]
pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Folder { dir: PathBuf, from: Mailbox },
}

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
}

impl Mailer {
    pub fn from_config(config: &MailConfig) -> Result<Self, String> {
        let from: Mailbox =
            config.from.parse().map_err(|e| format!("POP_MAIL_FROM is not an address ({}): {e}", config.from))?;
        match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("POP_SMTP_URL is invalid: {e}"))?
                    .timeout(Some(Duration::from_secs(config.smtp_timeout_seconds)))
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => Ok(Mailer::Folder { dir: config.dir.clone(), from }),
        }
    }

    /// Where messages go, for logs and the staff page.
    pub fn folder(&self) -> Option<&PathBuf> {
        match self {
            Mailer::Folder { dir, .. } => Some(dir),
            Mailer::Smtp { .. } => None,
        }
    }

    pub async fn send(&self, mail: Outgoing) -> Result<(), SendError> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Folder { from, .. } => from.clone(),
        };
        let message = build(from, mail).map_err(|reason| SendError { permanent: true, reason })?;
        match self {
            Mailer::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| SendError { permanent: e.is_permanent(), reason: e.to_string() }),
            Mailer::Folder { dir, .. } => write_eml(dir, &message.formatted())
                .await
                .map_err(|e| SendError { permanent: false, reason: e.to_string() }),
        }
    }
}

fn build(from: Mailbox, mail: Outgoing) -> Result<Message, String> {
    let to: Mailbox = mail.to.parse().map_err(|e| format!("bad recipient: {e}"))?;
    let mut builder = Message::builder().from(from).to(to).subject(mail.subject);
    if let Some(url) = mail.unsubscribe {
        builder = builder.header(ListUnsubscribe(format!("<{url}>"))).header(ListUnsubscribePost);
    }
    builder
        .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
        .map_err(|e| format!("cannot build the message: {e}"))
}

/// Writes a message aside, then renames it: a reader never sees half a file.
async fn write_eml(dir: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let name = format!("{}-{}", super::now(), &super::auth::new_token()[..12]);
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
