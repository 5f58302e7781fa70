//! Command line: `siang [serve|migrate|demo|staff|audit|backup|restore|retention]`.
use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{self, ServerConfig};

#[derive(Parser, Debug)]
#[command(
    name = "siang",
    version,
    about = "Siang: anonymous feedback from young people on the programmes that serve them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Apply pending migrations, then serve the portal (the default).
    ///
    /// Address from LEPTOS_SITE_ADDR (default 127.0.0.1:3000), database from
    /// DATABASE_URL (default sqlite://data/siang.db; postgres://… for PostgreSQL).
    Serve,
    /// Apply pending migrations and the default question bank, then exit.
    Migrate,
    /// Load demonstration organisations, programmes and synthetic responses.
    Demo {
        /// Number of synthetic submissions, spread over the last 18 months.
        #[arg(long, default_value_t = 2000)]
        responses: usize,
        /// Only load when the database has no programmes yet.
        #[arg(long)]
        if_empty: bool,
    },
    /// Staff accounts: add (prints a one-time set-password link), list, disable, enable, reset.
    #[command(subcommand)]
    Staff(crate::staff_cli::StaffCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write a consistent copy of the whole database to FILE while the
    /// server runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump). FILE must not
    /// exist; it is made readable by its owner only.
    Backup { file: std::path::PathBuf },
    /// Put a backup into the empty database named by DATABASE_URL; a
    /// database that has tables is refused. Migrations run afterwards.
    Restore { file: std::path::PathBuf },
    /// Retention rules (set on the staff retention page).
    #[command(subcommand)]
    Retention(RetentionCommand),
}

#[derive(Subcommand, Debug)]
pub enum RetentionCommand {
    /// Apply every organisation's rule now (for cron; the server also does
    /// it once a day unless SIANG_RETENTION_TASK=0). Safe to run at any
    /// time, also while servers run: it deletes only what is due, once.
    Run {
        /// Only print how much is due now; delete nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the whole hash chain, from the first entry (the audit page
    /// checks only what is new since the last check). Exits with 1 when broken.
    Verify,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let cfg = ServerConfig::from_env()?;
            let db = open_migrated(&cfg.database_url).await?;
            crate::http::serve(cfg, db).await
        }
        Command::Migrate => {
            open_migrated(&config::database_url()).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo { responses, if_empty } => {
            let db = open_migrated(&config::database_url()).await?;
            if if_empty && !db.programmes().await?.is_empty() {
                println!("demo data not loaded: the database already has programmes");
                return Ok(());
            }
            crate::demo::load(&db, responses).await
        }
        Command::Backup { file } => {
            crate::backup::backup(&config::database_url(), &file).await?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            crate::backup::restore(&config::database_url(), &file).await?;
            println!("restored from {}", file.display());
            Ok(())
        }
        Command::Retention(RetentionCommand::Run { dry_run }) => {
            let db = open_migrated(&config::database_url()).await?;
            let clock = app::clock::Clock::system();
            if dry_run {
                let mut due = siang_storage::RetentionCounts::default();
                for org in db.organisation_ids().await? {
                    let cut = db.retention_rule(org).await?.cutoffs(clock.today());
                    due += db.retention_due(org, &cut).await?;
                }
                println!("due now (nothing deleted): {}", app::retention::describe(&due));
            } else {
                let done = app::retention::apply_all(&db, clock.today(), clock.now()).await?;
                println!("deleted: {}", app::retention::describe(&done));
            }
            Ok(())
        }
        Command::Staff(cmd) => {
            let db = open_migrated(&config::database_url()).await?;
            crate::staff_cli::run(&db, cmd).await
        }
        Command::Audit(AuditCommand::Verify) => {
            let db = open_migrated(&config::database_url()).await?;
            match db.verify_audit_chain().await? {
                None => {
                    println!("the audit log's hash chain is intact");
                    Ok(())
                }
                Some(id) => anyhow::bail!("the audit log's hash chain breaks at entry {id}"),
            }
        }
    }
}

/// Connects, applies migrations and makes sure the defaults exist.
pub async fn open_migrated(url: &str) -> anyhow::Result<siang_storage::Db> {
    let db = siang_storage::connect(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact_url(url)))?;
    db.migrate().await.context("migrations failed")?;
    crate::seed::ensure_defaults(&db).await.context("cannot load the default question bank")?;
    Ok(db)
}

/// The URL without its password, for messages.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}
