//! What staff see of e-mail delivery: messages per state, per concept, and the messages
//! written to the mail folder when no SMTP server is configured.
use serde::{Deserialize, Serialize};

/// Messages in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
}

impl Counts {
    /// Adds `n` messages in `status` (`skipped` ones are not counted: nothing was owed).
    pub fn add(&mut self, status: &str, n: i64) {
        match status {
            "queued" => self.queued += n,
            "sent" => self.sent += n,
            "failed" => self.failed += n,
            _ => {}
        }
    }
}

/// The alert e-mails of one concept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConceptDelivery {
    pub id: i64,
    /// In the concept's original language.
    pub title: String,
    pub counts: Counts,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryOverview {
    /// Concepts with alert e-mails, the latest first.
    pub concepts: Vec<ConceptDelivery>,
    /// Confirmations, digests and the other messages about no single concept.
    pub other: Counts,
    /// The newest messages in the mail folder, when e-mails go there (no SMTP).
    pub folder: Option<Vec<FolderMail>>,
}

/// A message in the mail folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderMail {
    /// The file's name, which is how it is asked for.
    pub name: String,
    /// When it was written (seconds).
    pub at: i64,
    pub to: String,
    pub subject: String,
}

/// A message from the mail folder, to read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderMessage {
    pub mail: FolderMail,
    /// The plain-text part.
    pub text: String,
}
