//! Staff roles, what each may do, and over which programmes. One table in
//! code decides every access; pages and handlers ask it, and a test walks
//! every staff route and server function against it for every role.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Moderator,
    Designer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Moderator, Role::Designer];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
            Role::Designer => "designer",
        }
    }

    pub fn parse(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Admins and moderators read what children wrote: a second factor is a must.
    pub fn requires_totp(self) -> bool {
        matches!(self, Role::Admin | Role::Moderator)
    }
}

/// Everything a staff member may be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// The staff home page.
    StaffHome,
    /// One's own password, second factor, sign-ins, signing out everywhere.
    OwnAccount,
    /// Invite staff, grant and revoke roles, disable, force TOTP re-enrolment.
    ManageStaff,
    /// Read the audit log.
    ReadAudit,
    /// Organisations, programmes, questionnaires.
    ManageProgrammes,
    /// Retention rules.
    ManageRetention,
    /// Read raw submissions, redact, tag, reply, pick quotes, summarise.
    Moderate,
    /// The restricted safeguarding view.
    Safeguarding,
    /// Dashboards of approved, suppressed aggregates.
    Dashboards,
    /// Publish "you said, we did" answers.
    PublishActions,
    /// CSV of aggregates only.
    ExportAggregates,
}

/// The authorisation table: what each role may do (within its grant's scope).
pub fn role_permissions(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Admin => {
            &[StaffHome, OwnAccount, ManageStaff, ReadAudit, ManageProgrammes, ManageRetention, Dashboards]
        }
        Role::Moderator => &[StaffHome, OwnAccount, Moderate, Safeguarding, Dashboards],
        Role::Designer => &[StaffHome, OwnAccount, Dashboards, PublishActions, ExportAggregates],
    }
}

/// One role granted installation-wide, for an organisation, or for one programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub id: i64,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub programme_id: Option<i64>,
}

/// What an action is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Installation-wide things (the staff list, the whole audit log).
    Installation,
    Organisation(i64),
    /// A programme and the organisation it belongs to.
    Programme {
        programme: i64,
        organisation: i64,
    },
}

impl Grant {
    /// Whether this grant's scope includes `target`.
    pub fn covers(&self, target: Target) -> bool {
        match (self.organisation_id, self.programme_id, target) {
            (None, None, _) => true,
            (_, Some(p), Target::Programme { programme, .. }) => p == programme,
            (Some(o), None, Target::Organisation(org)) => o == org,
            (Some(o), None, Target::Programme { organisation, .. }) => o == organisation,
            _ => false,
        }
    }
}

/// The signed-in staff member of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub staff_id: i64,
    pub email: String,
    pub display_name: String,
    pub grants: Vec<Grant>,
    pub totp_enrolled: bool,
}

impl Caller {
    pub fn can(&self, permission: Permission, target: Target) -> bool {
        self.grants.iter().any(|g| role_permissions(g.role).contains(&permission) && g.covers(target))
    }

    /// Allowed somewhere (for showing a section; each action still checks its target).
    pub fn can_somewhere(&self, permission: Permission) -> bool {
        self.grants.iter().any(|g| role_permissions(g.role).contains(&permission))
    }

    pub fn roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self.grants.iter().map(|g| g.role).collect();
        roles.sort();
        roles.dedup();
        roles
    }

    pub fn needs_totp(&self) -> bool {
        self.grants.iter().any(|g| g.role.requires_totp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, org: Option<i64>, programme: Option<i64>) -> Caller {
        Caller {
            staff_id: 1,
            email: "a@b.c".into(),
            display_name: "A".into(),
            grants: vec![Grant { id: 1, role, organisation_id: org, programme_id: programme }],
            totp_enrolled: true,
        }
    }

    #[test]
    fn scopes_narrow_what_a_role_may_touch() {
        let x = Target::Programme { programme: 10, organisation: 1 };
        let y = Target::Programme { programme: 20, organisation: 1 };
        let other_org = Target::Programme { programme: 30, organisation: 2 };
        let m = caller(Role::Moderator, Some(1), Some(10));
        assert!(m.can(Permission::Moderate, x));
        assert!(!m.can(Permission::Moderate, y), "a moderator of X cannot touch Y");
        let org_mod = caller(Role::Moderator, Some(1), None);
        assert!(org_mod.can(Permission::Moderate, y));
        assert!(!org_mod.can(Permission::Moderate, other_org));
        let d = caller(Role::Designer, None, None);
        assert!(d.can(Permission::Dashboards, other_org));
        assert!(!d.can(Permission::Moderate, x), "designers never see raw submissions");
        assert!(!d.can(Permission::Safeguarding, x));
        let a = caller(Role::Admin, None, None);
        assert!(a.can(Permission::ManageStaff, Target::Installation));
        assert!(!a.can(Permission::Safeguarding, x), "only moderators see the safeguarding view");
        assert!(!caller(Role::Admin, Some(1), None).can(Permission::ManageStaff, Target::Installation));
    }
}
