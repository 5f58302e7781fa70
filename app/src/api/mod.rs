//! What the server does for each page and form, one file per domain. Each
//! stays thin: read context, validate, call the storage layer, map the
//! error. Nothing here is an HTTP endpoint of its own: pages call these
//! while rendering on the server, and the server's form handlers call them
//! for posts (no browser code calls the server, so there are no server
//! functions and no `/api/` routes at all).
pub mod comeback;
pub mod heard;
pub mod journey;
pub mod programme;
pub mod results;
pub mod staff;
pub mod support;
