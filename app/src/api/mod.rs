//! Server functions: public HTTP endpoints under `/api/`. Each one gets its context,
//! authorises its caller, parses its inputs into domain types and calls a service.
//!
//! The endpoint's path says who may call it, and the server checks that before the function
//! runs (so a forgotten check inside still cannot open it): `/api/staff/…` needs a signed-in
//! editor or more, `/api/publisher/…` a publisher or admin, `/api/admin/…` an admin.
//! Everything else is public.
pub mod admin;
pub mod agreements;
pub mod audit;
pub mod catalogue;
pub mod concepts;
pub mod delivery;
pub mod editor;
pub mod funders;
pub mod home;
pub mod interests;
pub mod media;
pub mod organisations;
pub mod sponsorship;
pub mod sponsorship_editor;
pub mod sponsorship_sales;
pub mod staff;
pub mod staff_concepts;
pub mod subscriptions;

use crate::domain::staff::Role;

/// The role an endpoint path needs, if any.
pub fn required_role(path: &str) -> Option<Role> {
    if path.starts_with("/api/admin/") {
        Some(Role::Admin)
    } else if path.starts_with("/api/publisher/") {
        Some(Role::Publisher)
    } else if path.starts_with("/api/staff/") {
        Some(Role::Editor)
    } else {
        None
    }
}
