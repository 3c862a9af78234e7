//! Background work: the delivery worker that sends the outbox, and the e-mails it renders
//! when a job is sent (in the recipient's language, with fresh links).
pub mod delivery_worker;
pub mod interest_mail;
pub mod mail_layout;
pub mod obligation_mail;
pub mod quote_mail;
pub mod subscriber_mail;
