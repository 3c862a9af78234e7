//! The audit log: who changed what, when. Written in the transaction of the change.
use crate::domain::staff::AuditEntry;
use sqlx::AnyConnection;

/// What a change was made to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Concept(i64),
    Medium(i64),
    StaffUser(i64),
    Area(i64),
    Region(i64),
    Interest(i64),
    Organisation(i64),
    Agreement(i64),
    Sponsorship(i64),
    SponsorshipQuote(i64),
    SponsorshipEvent(i64),
}

impl Subject {
    fn parts(self) -> (&'static str, i64) {
        match self {
            Subject::Concept(id) => ("concept", id),
            Subject::Medium(id) => ("medium", id),
            Subject::StaffUser(id) => ("staff_user", id),
            Subject::Area(id) => ("area", id),
            Subject::Region(id) => ("region", id),
            Subject::Interest(id) => ("interest", id),
            Subject::Organisation(id) => ("organisation", id),
            Subject::Agreement(id) => ("agreement", id),
            Subject::Sponsorship(id) => ("sponsorship", id),
            Subject::SponsorshipQuote(id) => ("sponsorship_quote", id),
            Subject::SponsorshipEvent(id) => ("sponsorship_event", id),
        }
    }
}

/// Records one change; `actor` is `None` for the system (command line, seed).
pub async fn record(
    conn: &mut AnyConnection,
    actor: Option<i64>,
    subject: Subject,
    action: &str,
    detail: &serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, id) = subject.parts();
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, subject_kind, subject_id, action, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now)
    .bind(actor)
    .bind(kind)
    .bind(id)
    .bind(action)
    .bind(detail.to_string())
    .execute(conn)
    .await
    .map(drop)
}

/// The newest entries first, all or about one subject, older than entry `before` if given.
/// Each names its subject: a concept by its original title, an account by its holder.
pub async fn list(
    conn: &mut AnyConnection,
    subject: Option<Subject>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let (kind, id) = subject.map_or(("", 0), Subject::parts);
    let rows: Vec<(i64, i64, Option<String>, String, Option<i64>, String, String, Option<String>)> = sqlx::query_as(
        "SELECT a.id, a.at, u.name, a.subject_kind, a.subject_id, a.action, a.detail, \
           CASE a.subject_kind \
             WHEN 'concept' THEN (SELECT t.title FROM concept_translations t JOIN concepts c ON c.id = t.concept_id \
                                  WHERE c.id = a.subject_id AND t.locale = c.original_locale) \
             WHEN 'staff_user' THEN (SELECT s.name FROM staff_users s WHERE s.id = a.subject_id) \
             WHEN 'area' THEN (SELECT x.code FROM areas x WHERE x.id = a.subject_id) \
             WHEN 'region' THEN (SELECT x.code FROM regions x WHERE x.id = a.subject_id) \
             WHEN 'interest' THEN (SELECT x.organisation FROM interests x WHERE x.id = a.subject_id) \
             WHEN 'organisation' THEN (SELECT x.name FROM organisations x WHERE x.id = a.subject_id) \
             WHEN 'agreement' THEN (SELECT x.reference FROM agreements x WHERE x.id = a.subject_id) \
             WHEN 'sponsorship_event' THEN (SELECT x.slug FROM sponsorship_events x WHERE x.id = a.subject_id) \
           END \
         FROM audit_log a LEFT JOIN staff_users u ON u.id = a.actor_id \
         WHERE ($1 = '' OR (a.subject_kind = $1 AND a.subject_id = $2)) AND ($3 = 0 OR a.id < $3) \
         ORDER BY a.id DESC LIMIT $4",
    )
    .bind(kind)
    .bind(id)
    .bind(before.unwrap_or(0))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, at, actor, subject_kind, subject_id, action, detail, subject_name)| AuditEntry {
            id,
            at,
            actor,
            subject_kind,
            subject_id,
            subject_name,
            action,
            detail: named_values(&detail),
        })
        .collect())
}

/// The names of the facts that differ between two records of the same thing (JSON objects),
/// in `after`'s order: what an "updated" entry lists.
pub fn changed(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    after
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, v)| before.get(k.as_str()) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// A JSON object's values as text: strings as they are, lists joined with commas.
fn named_values(json: &str) -> Vec<(String, String)> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned)).collect::<Vec<_>>().join(",")
        }
        other => other.to_string(),
    };
    value.as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), text(v))).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn changed_facts_are_named_in_order() {
        let before = serde_json::json!({ "name": "A", "kind": "ngo", "parent": null });
        let after = serde_json::json!({ "name": "A", "kind": "foundation", "parent": 3 });
        assert_eq!(super::changed(&before, &after), ["kind", "parent"]);
        assert!(super::changed(&after, &after).is_empty());
    }

    #[test]
    fn details_read_as_named_values() {
        let v = super::named_values(r#"{"locale":"ar","changed":["title","body"],"n":3}"#);
        assert!(v.contains(&("locale".into(), "ar".into())) && v.contains(&("changed".into(), "title,body".into())));
        assert!(v.contains(&("n".into(), "3".into())));
        assert!(super::named_values("not json").is_empty());
    }
}
