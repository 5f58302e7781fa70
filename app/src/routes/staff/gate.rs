//! The router's own check of every staff page, on the path the router
//! matched: the page renders only when the route table lists it as a page
//! and the session the server's gate resolved may reach it. The server's
//! gate refuses first; this makes sure no spelling of a path can reach a
//! staff page past a gate that read it differently.
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

use crate::api::staff::{current, routes};
use crate::routes::youth::not_found::NotFound;

/// The part of `/:lang/staff/…` after `staff`.
pub fn staff_rest(path: &str) -> &str {
    path.trim_start_matches('/').splitn(3, '/').nth(2).unwrap_or("")
}

#[component]
pub fn StaffGate() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let allowed = routes::find(staff_rest(&path)).is_some_and(|r| r.page && current().allows(r.access));
    if allowed {
        view! { <Outlet/> }.into_any()
    } else {
        view! { <NotFound/> }.into_any()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_staff_part_of_a_path() {
        assert_eq!(super::staff_rest("/en/staff"), "");
        assert_eq!(super::staff_rest("/en/staff/people"), "people");
        assert_eq!(super::staff_rest("/km/staff/account/password"), "account/password");
    }
}
