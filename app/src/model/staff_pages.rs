//! What staff pages show, and the outcome of a staff form post.
use serde::{Deserialize, Serialize};

use super::staff::{Permission, Role};
use super::AppError;

/// Who may reach a staff route (see the route table, `api::staff::routes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone (sign-in, set-password link).
    Public,
    /// Someone past the password but not yet past the second factor.
    Pending,
    /// A fully signed-in staff member holding this permission somewhere.
    Signed(Permission),
}

/// What a staff form post leaves for the page it renders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffForm {
    pub error: Option<AppError>,
    /// Non-secret values as typed (never passwords), to fill the form again.
    pub values: Vec<(String, String)>,
    pub extra: StaffExtra,
}

impl StaffForm {
    pub fn error(e: AppError, values: Vec<(String, String)>) -> StaffForm {
        StaffForm { error: Some(e), values, extra: StaffExtra::None }
    }

    pub fn value(&self, name: &str) -> Option<String> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }
}

/// Secrets shown exactly once, on the page that follows the action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffExtra {
    #[default]
    None,
    /// A set-password link for someone just invited (or reset).
    Link { email: String, url: String },
    /// The same link went by e-mail to this address (and is not shown).
    Mailed { email: String },
    /// Recovery codes after enrolling a second factor.
    RecoveryCodes(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub display_name: String,
    pub roles: Vec<Role>,
    pub sections: Vec<Permission>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub totp_enrolled: bool,
    /// Recent sign-ins: (unix seconds, success). Time only, no address.
    pub sign_ins: Vec<(i64, bool)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolData {
    pub secret: String,
    pub qr_svg: String,
    /// The secret, signed and dated, for the confirming post.
    pub sealed: String,
    /// Changing an existing authenticator asks for the password again.
    pub needs_password: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantView {
    pub id: i64,
    pub role: Role,
    /// Installation, an organisation's name, or a programme's name and code.
    pub scope: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub disabled: bool,
    pub totp_enrolled: bool,
    pub totp_required: bool,
    pub locked: bool,
    pub grants: Vec<GrantView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleData {
    pub people: Vec<PersonView>,
    /// (id, name)
    pub organisations: Vec<(i64, String)>,
    /// (id, "name (CODE)")
    pub programmes: Vec<(i64, String)>,
    pub installation_admin: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub id: i64,
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub programme: Option<String>,
    pub target: Option<String>,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditData {
    pub entries: Vec<AuditView>,
    /// `None` when the chain is intact, else the first entry that breaks it.
    pub broken_at: Option<i64>,
    pub actions: Vec<String>,
    pub has_more: bool,
    /// (id, "name (CODE)") of the programmes the caller may filter by.
    pub programmes: Vec<(i64, String)>,
}

/// A programme and, per shipped language (in `Locale::ALL` order), which of
/// its texts are missing there: `name`, `about`, `team`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeStatus {
    pub code: String,
    pub name: String,
    pub country: String,
    pub missing: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelplineStatus {
    pub name: String,
    pub country: String,
    /// Per shipped language: whether the name is translated.
    pub translated: Vec<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammesData {
    pub programmes: Vec<ProgrammeStatus>,
    pub helplines: Vec<HelplineStatus>,
}
