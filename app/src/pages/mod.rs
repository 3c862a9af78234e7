//! One module per page.
pub mod agreements;
pub mod concept;
pub mod concepts;
pub mod funders;
pub mod home;
pub mod interest;
pub mod sponsorship;
pub mod staff;
pub mod subscribe;
