//! Building blocks shared by pages.
pub mod error_message;
pub mod lang_switcher;
pub mod layout;
pub mod quick_exit;
