//! Building blocks shared by pages.
pub mod char_counter;
pub mod error_message;
pub mod heard;
pub mod helplines;
pub mod kiosk;
pub mod lang_switcher;
pub mod layout;
pub mod month;
pub mod question;
pub mod quick_exit;

/// Escapes text for HTML. Needed where Leptos does not escape for us:
/// children of `<textarea>` are emitted raw during server rendering.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
