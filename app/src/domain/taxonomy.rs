//! Areas of action, regions, and how many published concepts each has.
use serde::{Deserialize, Serialize};

/// A taxonomy term named in the reader's language, with the number of published concepts
/// tagged with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedTerm {
    pub code: String,
    pub name: String,
    pub count: i64,
}
