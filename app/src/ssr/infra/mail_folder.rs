//! The mail folder, read: where e-mails go when no SMTP server is configured (first run,
//! development), listed for staff newest first, each readable as plain text.
use crate::domain::delivery::{FolderMail, FolderMessage};
use std::path::Path;

/// The newest `limit` messages.
pub async fn list(dir: &Path, limit: usize) -> std::io::Result<Vec<FolderMail>> {
    let mut names = names(dir).await?;
    // Names start with the second they were written.
    names.sort_unstable_by(|a, b| b.cmp(a));
    let mut mails = Vec::new();
    for name in names.into_iter().take(limit) {
        mails.push(open(dir, &name).await?.mail);
    }
    Ok(mails)
}

/// One message by its file name: only a name found in the folder is opened.
pub async fn read(dir: &Path, name: &str) -> std::io::Result<Option<FolderMessage>> {
    if !names(dir).await?.iter().any(|n| n == name) {
        return Ok(None);
    }
    open(dir, name).await.map(Some)
}

/// A message of the folder, by a name read from the folder.
async fn open(dir: &Path, name: &str) -> std::io::Result<FolderMessage> {
    let bytes = tokio::fs::read(dir.join(name)).await?;
    let at = name.split('-').next().and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok(parse(name, at, &bytes))
}

async fn names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut names = Vec::new();
    while let Some(entry) = entries.next_entry().await? {
        if let Some(name) = entry.file_name().to_str().filter(|n| n.ends_with(".eml")) {
            names.push(name.to_owned());
        }
    }
    Ok(names)
}

fn parse(name: &str, at: i64, bytes: &[u8]) -> FolderMessage {
    let parsed = mailparse::parse_mail(bytes).ok();
    let header = |key: &str| {
        parsed
            .as_ref()
            .and_then(|m| m.headers.iter().find(|h| h.get_key().eq_ignore_ascii_case(key)).map(|h| h.get_value()))
            .unwrap_or_default()
    };
    let text = parsed
        .as_ref()
        .and_then(|m| {
            if m.subparts.is_empty() {
                m.get_body().ok()
            } else {
                m.subparts.iter().find(|p| p.ctype.mimetype == "text/plain").and_then(|p| p.get_body().ok())
            }
        })
        .unwrap_or_default();
    FolderMessage { mail: FolderMail { name: name.to_owned(), at, to: header("To"), subject: header("Subject") }, text }
}
