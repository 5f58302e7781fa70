//! Staff: who is asking (the session a request carries), may they (the
//! tables in `model::staff_pages` and `model::staff`), do it, audit it.
#[cfg(feature = "ssr")]
pub mod account;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod people;
#[cfg(feature = "ssr")]
pub mod sign_in;

#[cfg(feature = "ssr")]
pub use server_side::*;

#[cfg(feature = "ssr")]
mod server_side {
    use siang_storage::NewAuditEntry;

    use crate::api::auth::{now, session};
    use crate::api::form::RawForm;
    use crate::api::limits::ClientKey;
    use crate::api::support::storage;
    use crate::i18n::Locale;
    use crate::model::staff::{Caller, Grant, Permission, Role, Target};
    use crate::model::staff_pages::{Access, StaffForm};
    use crate::model::AppError;
    use crate::state::AppState;

    /// The session a request carries, resolved once by the server's staff layer.
    #[derive(Clone, Debug, Default)]
    pub enum StaffAuth {
        #[default]
        None,
        /// The cookie named a session that timed out (the page says so).
        Expired,
        /// Past the password, not yet past the second factor (or its enrolment).
        Pending {
            staff_id: i64,
            token_hash: String,
            email: String,
            enrolled: bool,
        },
        Signed {
            caller: Caller,
            token_hash: String,
        },
    }

    impl StaffAuth {
        pub fn caller(&self) -> Option<&Caller> {
            match self {
                StaffAuth::Signed { caller, .. } => Some(caller),
                _ => None,
            }
        }

        /// Whether this session may reach something with `access`.
        pub fn allows(&self, access: Access) -> bool {
            match (access, self) {
                (Access::Public, _) => true,
                (Access::Pending, StaffAuth::Pending { .. } | StaffAuth::Signed { .. }) => true,
                (Access::Signed(p), StaffAuth::Signed { caller, .. }) => caller.can_somewhere(p),
                _ => false,
            }
        }
    }

    /// Resolves the session cookie: checks the timeouts, refreshes the
    /// last-seen time (at most once a minute), loads the person and grants.
    pub async fn resolve(state: &AppState, cookie_header: Option<&str>) -> StaffAuth {
        let tls = state.config.tls();
        let Some(token) = cookie_header.and_then(|h| session::token_from(h, tls)) else {
            return StaffAuth::None;
        };
        let hash = session::hash_token(&token);
        let Ok(Some(s)) = state.db.session(&hash).await else { return StaffAuth::None };
        let t = now();
        if !session::alive(&s, t, state.config.session_idle_secs, state.config.session_absolute_secs) {
            let _ = state.db.delete_session(&hash).await;
            return StaffAuth::Expired;
        }
        let Ok(Some(staff)) = state.db.staff(s.staff_id).await else { return StaffAuth::None };
        if staff.disabled {
            let _ = state.db.delete_sessions_of(staff.id).await;
            return StaffAuth::None;
        }
        if t - s.last_seen_at >= 60 {
            let _ = state.db.touch_session(&hash, t).await;
        }
        if !s.verified {
            return StaffAuth::Pending {
                staff_id: staff.id,
                token_hash: hash,
                email: staff.email,
                enrolled: staff.totp_secret.is_some(),
            };
        }
        let grants = state.db.grants_of(staff.id).await.unwrap_or_default();
        let caller = Caller {
            staff_id: staff.id,
            email: staff.email,
            display_name: staff.display_name,
            grants: grants
                .into_iter()
                .filter_map(|g| {
                    Some(Grant {
                        id: g.id,
                        role: Role::parse(&g.role)?,
                        organisation_id: g.organisation_id,
                        programme_id: g.programme_id,
                    })
                })
                .collect(),
            totp_enrolled: staff.totp_secret.is_some(),
        };
        StaffAuth::Signed { caller, token_hash: hash }
    }

    /// The session of the request being served (pages and server functions).
    pub fn current() -> StaffAuth {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<StaffAuth>().cloned())
            .unwrap_or_default()
    }

    /// For server functions: the caller, if they hold `permission` for `target`.
    pub fn require(permission: Permission, target: Target) -> Result<Caller, AppError> {
        match current() {
            StaffAuth::Signed { caller, .. } if caller.can(permission, target) => Ok(caller),
            StaffAuth::Signed { .. } => Err(AppError::Forbidden),
            StaffAuth::Expired => Err(AppError::SessionExpired),
            _ => Err(AppError::SignInRequired),
        }
    }

    /// For server functions: the caller, if they hold `permission` anywhere
    /// (the function then narrows what it returns to the caller's scope).
    pub fn require_somewhere(permission: Permission) -> Result<Caller, AppError> {
        match current() {
            StaffAuth::Signed { caller, .. } if caller.can_somewhere(permission) => Ok(caller),
            StaffAuth::Signed { .. } => Err(AppError::Forbidden),
            StaffAuth::Expired => Err(AppError::SessionExpired),
            _ => Err(AppError::SignInRequired),
        }
    }

    /// The new password a form carries (`password` and `confirm`), checked
    /// against the policy and hashed. `Err` is why it was refused (or an
    /// internal error, which callers pass on).
    pub async fn new_password(
        p: &StaffPost<'_>,
        staff: &siang_storage::StaffRow,
    ) -> Result<String, AppError> {
        use crate::api::auth::password;
        let (pw, again) =
            (p.form.get("password").unwrap_or_default(), p.form.get("confirm").unwrap_or_default());
        if pw != again {
            return Err(AppError::PasswordMismatch);
        }
        password::check_policy(pw, &[&staff.email, &staff.display_name, "siang"])?;
        let pw = pw.to_owned();
        p.state
            .secrets
            .run_slow(move || password::hash(&pw))
            .await
            .flatten()
            .ok_or_else(|| crate::api::support::internal("could not hash a password"))
    }

    /// Records who did what; failures are logged, never shown.
    pub async fn audit(
        state: &AppState,
        actor: Option<i64>,
        action: &str,
        programme: Option<i64>,
        target: Option<String>,
        detail: Option<String>,
    ) -> Result<(), AppError> {
        let entry = NewAuditEntry {
            at: now(),
            actor_id: actor,
            action: action.into(),
            programme_id: programme,
            target,
            detail,
        };
        state.db.append_audit(&entry).await.map_err(storage)?;
        Ok(())
    }

    /// One staff form post.
    pub struct StaffPost<'a> {
        pub state: &'a AppState,
        /// scheme://host[:port] the portal is reached at, for links shown to staff.
        pub origin: String,
        pub locale: Locale,
        pub client: ClientKey,
        pub auth: StaffAuth,
        pub form: RawForm,
    }

    /// What a staff post answers: a redirect (perhaps with a new cookie) or
    /// the same page again with an error or a one-time secret.
    #[derive(Clone, Debug)]
    pub enum StaffOutcome {
        Redirect { to: String, cookie: Option<String> },
        Page { form: StaffForm, cookie: Option<String> },
    }

    impl StaffOutcome {
        pub fn to(path: String) -> StaffOutcome {
            StaffOutcome::Redirect { to: path, cookie: None }
        }

        pub fn page(form: StaffForm) -> StaffOutcome {
            StaffOutcome::Page { form, cookie: None }
        }
    }

    impl StaffPost<'_> {
        pub fn path(&self, rest: &str) -> String {
            let lang = self.locale.tag();
            if rest.is_empty() {
                format!("/{lang}/staff")
            } else {
                format!("/{lang}/staff/{rest}")
            }
        }

        pub fn field(&self, name: &str) -> String {
            self.form.get(name).unwrap_or_default().trim().to_owned()
        }
    }
}
