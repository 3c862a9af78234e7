//! Pieces shared by pages.
pub mod agreement_charts;
pub mod agreement_search;
pub mod bar_chart;
pub mod concept_card;
pub mod error_notice;
pub mod field;
pub mod form_messages;
pub mod funder_suggestions;
pub mod head;
pub mod history;
pub mod hydration;
pub mod layout;
pub mod not_found;
pub mod organisation_facts;
pub mod pager;
pub mod raw_text;
pub mod sign_in_redirect;
