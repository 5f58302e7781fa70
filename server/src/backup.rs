//! `siang backup <file>` and `siang restore <file>`: a consistent copy of
//! the whole database while the server runs, and putting one back into an
//! empty database (never over data: a restore that finds tables refuses).
//! SQLite copies itself with `VACUUM INTO` (one snapshot); PostgreSQL is
//! copied by Debian's `pg_dump` and put back by `pg_restore`, driven from
//! here so operators learn one command. A backup holds young people's words:
//! it is written readable by its owner only.
use std::path::Path;

use anyhow::{bail, Context};

use crate::cli::open_migrated;

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// A PostgreSQL URL without its password, and the password (for
/// `PGPASSWORD`, so it never shows in the process list).
fn split_password(url: &str) -> anyhow::Result<(String, Option<String>)> {
    let mut parsed = url::Url::parse(url).context("DATABASE_URL is not a valid URL")?;
    let password = parsed.password().map(percent_decode);
    parsed.set_password(None).map_err(|_| anyhow::anyhow!("DATABASE_URL cannot hold a password"))?;
    Ok((parsed.to_string(), password))
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("p={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn owner_only(file: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("cannot make {} readable by its owner only", file.display()))
}

async fn run(program: &str, args: &[&str], password: Option<String>) -> anyhow::Result<()> {
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(args);
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    let out = cmd
        .output()
        .await
        .with_context(|| format!("cannot run {program} (is PostgreSQL's client installed?)"))?;
    if !out.status.success() {
        bail!("{program} failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

pub async fn backup(url: &str, file: &Path) -> anyhow::Result<()> {
    if file.exists() {
        bail!("{} already exists: choose a new file", file.display());
    }
    let path = file.to_str().context("the backup file's name is not UTF-8")?;
    if is_sqlite(url) {
        // Opening a missing file would create an empty database and back that up.
        let source = siang_storage::sqlite_file(url)?;
        if !source.is_file() {
            bail!("{} does not exist: check DATABASE_URL", source.display());
        }
        let db = siang_storage::connect(url).await.context("cannot open the database")?;
        db.snapshot_into(path).await.context("the backup failed")?;
    } else {
        let (url, password) = split_password(url)?;
        let target = format!("--file={path}");
        run("pg_dump", &["--format=custom", "--no-owner", "--no-privileges", &target, &url], password)
            .await?;
    }
    owner_only(file)
}

pub async fn restore(url: &str, file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let path = file.to_str().context("the backup file's name is not UTF-8")?;
    if is_sqlite(url) {
        let target = siang_storage::sqlite_file(url)?;
        if target.exists() {
            let db = siang_storage::connect(url).await.context("cannot open the database")?;
            let tables = db.user_tables().await?;
            db.close().await;
            if !tables.is_empty() {
                bail!(
                    "{} is not empty ({} tables): restore only into a new database",
                    target.display(),
                    tables.len()
                );
            }
            for suffix in ["", "-wal", "-shm"] {
                let f = format!("{}{suffix}", target.display());
                if Path::new(&f).exists() {
                    std::fs::remove_file(&f).with_context(|| format!("cannot remove the empty {f}"))?;
                }
            }
        }
        // A copy is checked before it takes the database's place: a file
        // that is not a Siang database is refused.
        let partial = target.with_extension("restoring");
        std::fs::copy(file, &partial).context("cannot copy the backup")?;
        owner_only(&partial)?;
        let partial_name = partial.to_str().context("the database's name is not UTF-8")?;
        let copy = siang_storage::connect(&format!("sqlite://{partial_name}")).await;
        let tables = match copy {
            Ok(db) => {
                let tables = db.user_tables().await.unwrap_or_default();
                db.close().await;
                tables
            }
            Err(_) => vec![],
        };
        if !tables.iter().any(|t| t == "_sqlx_migrations") {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{partial_name}{suffix}"));
            }
            bail!("{} holds no Siang database", file.display());
        }
        std::fs::rename(&partial, &target).context("cannot move the restored database into place")?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{partial_name}{suffix}"));
        }
    } else {
        let db = siang_storage::connect(url).await.context("cannot open the database")?;
        let tables = db.user_tables().await?;
        db.close().await;
        if !tables.is_empty() {
            bail!("the database is not empty ({} tables): restore only into a new database", tables.len());
        }
        let (url, password) = split_password(url)?;
        let target = format!("--dbname={url}");
        let args =
            ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", &target, path];
        run("pg_restore", &args, password).await?;
    }
    // A backup from an older release is brought up to date.
    open_migrated(url).await?;
    Ok(())
}
