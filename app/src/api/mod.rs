//! Server functions: public HTTP endpoints under `/api/`. Each one gets its context,
//! authorises its caller, parses its inputs into domain types and calls a service.
pub mod catalogue;
pub mod concepts;
pub mod home;
