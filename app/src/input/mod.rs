//! What arrives in a request body, made safe to use: the strict form
//! parser (which also normalises text), and the finder of personal details
//! in free text.
pub mod form;
pub mod pii;
pub mod zawgyi;
