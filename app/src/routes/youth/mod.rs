//! Pages for young people: no cookies, no-store, quick exit on each.
pub mod help;
pub mod landing;
pub mod locale_gate;
pub mod not_found;
