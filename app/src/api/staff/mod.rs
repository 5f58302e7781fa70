//! Staff, in the order every action goes: who is asking (the session a
//! request carries, resolved once by the server's gate), may they (the
//! route table in [`routes`] and the role table in `model::staff`), do it
//! (a handler), audit it ([`audit`]).
pub mod account;
pub mod actions;
pub mod audit_log;
pub mod catalogue;
pub mod codebook;
pub mod compare;
pub mod dashboard;
pub mod dashboard_export;
pub mod dashboard_questions;
pub mod helplines;
pub mod moderation;
pub mod moderation_actions;
pub mod organisations;
pub mod pages;
pub mod people;
pub mod programme_admin;
pub mod programme_settings;
pub mod published;
pub mod questionnaire_actions;
pub mod questionnaire_load;
pub mod questionnaire_xlsform;
pub mod quotes;
pub mod report;
pub mod retention;
pub mod routes;
pub mod safeguarding;
pub mod safeguarding_actions;
pub mod sign_in;
pub mod summaries;
pub mod templates;

use siang_storage::NewAuditEntry;

use super::support::storage;
use crate::i18n::Locale;
use crate::input::form::RawForm;
use crate::model::audit::AuditAction;
use crate::model::staff::{Caller, Grant, Permission, Role, Target};
use crate::model::staff_pages::{Access, StaffForm};
use crate::model::AppError;
use crate::security::auth::session;
use crate::security::limits::ClientKey;
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
/// Any database error means "not signed in" (fail closed).
pub async fn resolve(state: &AppState, cookie_header: Option<&str>) -> StaffAuth {
    let tls = state.config.tls();
    let Some(token) = cookie_header.and_then(|h| session::token_from(h, tls)) else {
        return StaffAuth::None;
    };
    let hash = session::hash_token(&token);
    let Ok(Some(s)) = state.db.session(&hash).await else { return StaffAuth::None };
    let t = state.now();
    if !session::alive(&s, t, state.config.session_idle_secs, state.config.session_absolute_secs) {
        let _ = state.db.delete_session(&hash).await;
        return StaffAuth::Expired;
    }
    let Ok(Some(staff)) = state.db.staff(s.staff_id).await else { return StaffAuth::None };
    if staff.disabled {
        let _ = state.db.delete_sessions_of(staff.id).await;
        return StaffAuth::None;
    }
    if t - s.last_seen_at >= 60 && state.db.touch_session(&hash, t).await.is_err() {
        return StaffAuth::None;
    }
    if !s.verified {
        return StaffAuth::Pending {
            staff_id: staff.id,
            token_hash: hash,
            email: staff.email,
            enrolled: staff.totp_secret.is_some(),
        };
    }
    let Ok(grants) = state.db.grants_of(staff.id).await else { return StaffAuth::None };
    // A second factor required since this session began (for this person,
    // a role of theirs, or everyone) is set up before anything else.
    if staff.totp_secret.is_none() && must_enrol(state, &staff, &grants).await {
        return StaffAuth::Pending {
            staff_id: staff.id,
            token_hash: hash,
            email: staff.email,
            enrolled: false,
        };
    }
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

/// Whether this person must have a second factor. When that cannot be read,
/// they must (fail closed).
pub async fn must_enrol(
    state: &AppState,
    staff: &siang_storage::StaffRow,
    grants: &[siang_storage::GrantRow],
) -> bool {
    if staff.totp_required || grants.iter().filter_map(|g| Role::parse(&g.role)).any(Role::requires_totp) {
        return true;
    }
    match state.db.setting("require_totp_all").await {
        Ok(value) => value.as_deref() == Some("1"),
        Err(_) => true,
    }
}

/// The session of the request being served (put there by the gate).
pub fn current() -> StaffAuth {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<StaffAuth>().cloned())
        .unwrap_or_default()
}

/// The caller, if they hold `permission` for `target`.
pub fn require(permission: Permission, target: Target) -> Result<Caller, AppError> {
    match current() {
        StaffAuth::Signed { caller, .. } if caller.can(permission, target) => Ok(caller),
        StaffAuth::Signed { .. } => Err(AppError::Forbidden),
        StaffAuth::Expired => Err(AppError::SessionExpired),
        _ => Err(AppError::SignInRequired),
    }
}

/// The caller, if they hold `permission` anywhere (what they then see is
/// narrowed to their scope).
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
pub async fn new_password(p: &StaffPost<'_>, staff: &siang_storage::StaffRow) -> Result<String, AppError> {
    use crate::security::auth::password;
    let (pw, again) = (p.form.get("password").unwrap_or_default(), p.form.get("confirm").unwrap_or_default());
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
        .ok_or_else(|| super::support::internal("could not hash a password"))
}

/// Whether `current` (typed into the form) is the person's password now.
pub async fn password_ok(p: &StaffPost<'_>, staff: &siang_storage::StaffRow) -> bool {
    use crate::security::auth::password;
    let typed = p.form.get("current").unwrap_or_default().to_owned();
    let phc = staff.password_hash.clone().unwrap_or_default();
    p.state.secrets.run_slow(move || password::verify(&typed, &phc)).await.unwrap_or(false)
}

/// One line of the audit log, before it is written.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub actor: Option<i64>,
    pub action: AuditAction,
    pub programme: Option<i64>,
    /// The organisation it concerns, when that is neither a programme's nor a person's.
    pub organisation: Option<i64>,
    /// The staff member the action is about (for the organisation it belongs to).
    pub subject: Option<i64>,
    /// Who or what it was done to, as shown (an e-mail address).
    pub target: Option<String>,
    /// A key the audit page translates (a role, a method, on/off, a count).
    pub detail: Option<String>,
}

impl AuditEntry {
    pub fn new(actor: Option<i64>, action: AuditAction) -> AuditEntry {
        AuditEntry {
            actor,
            action,
            programme: None,
            organisation: None,
            subject: None,
            target: None,
            detail: None,
        }
    }

    pub fn programme(mut self, programme: Option<i64>) -> Self {
        self.programme = programme;
        self
    }

    /// An organisation's own settings (its codebook): its administrators see it.
    pub fn organisation(mut self, organisation: i64) -> Self {
        self.organisation = Some(organisation);
        self
    }

    pub fn about(mut self, staff_id: i64, shown_as: &str) -> Self {
        self.subject = Some(staff_id);
        self.target = Some(shown_as.to_owned());
        self
    }

    /// What it was done to, when that is not a person (a submission's reference).
    pub fn target(mut self, shown: &str) -> Self {
        self.target = Some(shown.to_owned());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// The row to store: the organisation is the programme's, else the
    /// one organisation the person concerned (or the actor) belongs to, so
    /// that organisation's administrators see it.
    pub async fn resolve(&self, state: &AppState) -> Result<NewAuditEntry, AppError> {
        let organisation = match (self.programme, self.organisation) {
            (Some(pid), _) => state.db.programme(pid).await.map_err(storage)?.map(|p| p.organisation_id),
            (None, Some(org)) => Some(org),
            (None, None) => match self.subject.or(self.actor) {
                Some(staff_id) => audit_log::organisation_of(state, staff_id).await?,
                None => None,
            },
        };
        Ok(NewAuditEntry {
            at: state.now(),
            actor_id: self.actor,
            action: self.action.key().to_owned(),
            programme_id: self.programme,
            organisation_id: organisation,
            target: self.target.clone(),
            detail: self.detail.clone(),
        })
    }
}

/// Records who did what. An action whose audit entry cannot be written
/// reports an error: nothing happens unrecorded.
pub async fn audit(state: &AppState, entry: AuditEntry) -> Result<(), AppError> {
    let row = entry.resolve(state).await?;
    state.db.append_audit(&row).await.map_err(storage)?;
    Ok(())
}

/// One staff form post.
pub struct StaffPost<'a> {
    pub state: &'a AppState,
    /// scheme://host[:port] for links shown to staff (see `Config::link_origin`).
    pub origin: String,
    pub locale: Locale,
    pub client: ClientKey,
    pub auth: StaffAuth,
    pub form: RawForm,
    /// Files of a multipart post (an XLSForm workbook), each with its field.
    pub files: Vec<Upload>,
}

/// One uploaded file. Its name is the browser's; never used as a path.
#[derive(Clone, Debug)]
pub struct Upload {
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What a staff post answers: a redirect (perhaps with a new cookie) or
/// the same page again with an error or a one-time secret.
#[derive(Clone, Debug)]
pub enum StaffOutcome {
    Redirect {
        to: String,
        cookie: Option<String>,
    },
    Page {
        form: StaffForm,
        cookie: Option<String>,
    },
    /// A download (an export of aggregates), never cached.
    File {
        name: String,
        content_type: &'static str,
        body: Vec<u8>,
    },
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

    /// Signed in, or refused.
    pub fn caller(&self) -> Result<&Caller, AppError> {
        self.auth.caller().ok_or(AppError::SignInRequired)
    }
}
