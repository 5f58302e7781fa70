//! `siang staff …`: accounts from the command line. The very first admin is
//! made this way; the one-time link sets the password (24 hours): printed, or
//! e-mailed to the person when `SIANG_SMTP_URL` is set.
use anyhow::{anyhow, bail, Context};
use app::api::staff::{audit, AuditEntry};
use app::model::audit::AuditAction;
use app::model::staff::Role;
use app::security::auth::tokens;
use app::security::secrets::Secrets;
use app::state::AppState;
use clap::Subcommand;
use siang_storage::Db;

#[derive(Subcommand, Debug)]
pub enum StaffCommand {
    /// Create an account with a role and print its one-time set-password link.
    Add {
        #[arg(long)]
        email: String,
        /// admin, moderator or designer
        #[arg(long)]
        role: String,
        /// Display name (defaults to the part of the e-mail before @).
        #[arg(long)]
        name: Option<String>,
        /// Organisation slug to scope the role to (none: installation-wide).
        #[arg(long)]
        org: Option<String>,
        /// Programme code to narrow the role to.
        #[arg(long)]
        programme: Option<String>,
        /// Language of the link's page.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// List accounts with their roles.
    List,
    /// Disable an account and end its sessions.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Print a new one-time set-password link (earlier links stop working).
    Reset {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

fn origin() -> String {
    std::env::var("SIANG_PUBLIC_ORIGIN").ok().filter(|o| !o.is_empty()).unwrap_or_else(|| {
        let addr = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| crate::config::DEFAULT_ADDR.into());
        format!("http://{addr}")
    })
}

async fn state(db: &Db) -> anyhow::Result<AppState> {
    let secrets = Secrets::load(db).await?;
    let config = app::state::Config { mailer: crate::config::mailer_from_env()?, ..Default::default() };
    Ok(AppState::new(db.clone(), config, secrets))
}

async fn by_email(db: &Db, email: &str) -> anyhow::Result<siang_storage::StaffRow> {
    db.staff_by_email(email).await?.ok_or_else(|| anyhow!("no account with the e-mail {email}"))
}

/// The one-time link: e-mailed to the person when mail is configured
/// (and then not printed: it is theirs), else printed for the operator.
async fn print_link(
    state: &AppState,
    staff: &siang_storage::StaffRow,
    invited: bool,
    lang: &str,
) -> anyhow::Result<()> {
    let token = tokens::mint(state, staff.id).await.map_err(|e| anyhow!("{}", e.code()))?;
    let link = format!("{}/{lang}/staff/set-password?t={token}", origin());
    let Some(mailer) = &state.config.mailer else {
        println!("one-time link for {} (valid 24 hours, once):", staff.email);
        println!("{link}");
        return Ok(());
    };
    let locale = app::i18n::Locale::from_tag(lang).unwrap_or(app::i18n::Locale::En);
    let mail = app::mail::messages::sign_in_link(locale, &staff.display_name, &link, invited);
    mailer.send(&staff.email, &mail.subject, mail.body).await.map_err(|e| {
        anyhow!("the e-mail to {} was not sent ({e}); try `siang staff reset` later", staff.email)
    })?;
    println!("one-time link e-mailed to {} (valid 24 hours, once)", staff.email);
    Ok(())
}

pub async fn run(db: &Db, cmd: StaffCommand) -> anyhow::Result<()> {
    let st = state(db).await?;
    // Nothing done from the command line goes unrecorded: an audit failure is an error.
    let cli_audit = |action: AuditAction, staff_id: i64, email: String, detail: Option<String>| {
        let st = st.clone();
        async move {
            let entry = AuditEntry::new(None, action)
                .about(staff_id, &email)
                .detail(detail.unwrap_or_else(|| "command_line".into()));
            audit(&st, entry).await.map_err(|e| anyhow!("could not write the audit log: {}", e.code()))
        }
    };
    let now = st.now();
    match cmd {
        StaffCommand::Add { email, role, name, org, programme, lang } => {
            let role =
                Role::parse(&role).ok_or_else(|| anyhow!("role must be admin, moderator or designer"))?;
            let email = email.trim().to_lowercase();
            if !validator::ValidateEmail::validate_email(&email) {
                bail!("not an e-mail address: {email}");
            }
            let (org_id, programme_id) = match (org, programme) {
                (_, Some(code)) => {
                    let p =
                        db.programme_by_code(&code).await?.ok_or_else(|| anyhow!("no programme {code}"))?;
                    (Some(p.organisation_id), Some(p.id))
                }
                (Some(slug), None) => {
                    let orgs = db.organisations().await?;
                    let o = orgs
                        .iter()
                        .find(|o| o.slug == slug)
                        .ok_or_else(|| anyhow!("no organisation {slug}"))?;
                    (Some(o.id), None)
                }
                (None, None) => (None, None),
            };
            let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_owned());
            let staff = db
                .create_staff(&email, &name, now)
                .await
                .context("could not create the account (e-mail taken?)")?;
            db.add_grant(staff.id, role.key(), org_id, programme_id, now).await?;
            cli_audit(AuditAction::StaffInvited, staff.id, email.clone(), Some(role.key().to_owned()))
                .await?;
            println!("created {email} as {}", role.key());
            print_link(&st, &staff, true, &lang).await
        }
        StaffCommand::List => {
            for s in db.list_staff().await? {
                let grants = db.grants_of(s.id).await?;
                let roles: Vec<String> = grants
                    .iter()
                    .map(|g| match (g.organisation_id, g.programme_id) {
                        (_, Some(p)) => format!("{}@programme:{p}", g.role),
                        (Some(o), None) => format!("{}@org:{o}", g.role),
                        (None, None) => g.role.clone(),
                    })
                    .collect();
                let state = if s.disabled { "disabled" } else { "active" };
                let totp = if s.totp_secret.is_some() { "totp" } else { "no-totp" };
                println!("{}\t{}\t{state}\t{totp}\t{}", s.email, s.display_name, roles.join(","));
            }
            Ok(())
        }
        StaffCommand::Disable { email } | StaffCommand::Enable { email } if email.is_empty() => {
            bail!("--email is empty")
        }
        StaffCommand::Disable { email } => {
            let s = by_email(db, &email).await?;
            db.set_disabled(s.id, true).await?;
            db.delete_sessions_of(s.id).await?;
            cli_audit(AuditAction::StaffDisabled, s.id, s.email, None).await?;
            println!("disabled {email}");
            Ok(())
        }
        StaffCommand::Enable { email } => {
            let s = by_email(db, &email).await?;
            db.set_disabled(s.id, false).await?;
            cli_audit(AuditAction::StaffEnabled, s.id, s.email, None).await?;
            println!("enabled {email}");
            Ok(())
        }
        StaffCommand::Reset { email, lang } => {
            let s = by_email(db, &email).await?;
            cli_audit(AuditAction::PasswordLinkCreated, s.id, s.email.clone(), None).await?;
            print_link(&st, &s, false, &lang).await
        }
    }
}
