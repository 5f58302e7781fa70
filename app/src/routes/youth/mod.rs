//! Pages for young people: no cookies, no-store, quick exit on each.
pub mod comeback;
pub mod consent;
pub mod help;
pub mod journey;
pub mod journey_done;
pub mod journey_screen;
pub mod kiosk;
pub mod landing;
pub mod locale_gate;
pub mod not_found;
pub mod poster;
pub mod programme;
pub mod results;
