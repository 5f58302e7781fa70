//! The tests' SMTP server: `end2end/smtp_sink.mjs` (nodemailer's
//! smtp-server, installed by the test command with the other end-to-end
//! packages) on a free loopback port, with STARTTLS on a certificate made
//! for the run and a password. Each message it receives is a JSON file.
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

pub struct MailSink {
    child: Child,
    pub port: u16,
    pub cert: PathBuf,
    dir: tempfile::TempDir,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub secure: bool,
    pub subject: String,
    pub text: String,
    pub raw: String,
}

impl MailSink {
    pub fn start() -> MailSink {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let script = root.join("end2end/smtp_sink.mjs");
        assert!(
            root.join("end2end/node_modules/smtp-server").exists(),
            "the SMTP sink needs `npm ci` in end2end/ (the test command runs .ci/lib/toolchain.sh, which does it)"
        );
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new("node")
            .arg(&script)
            .arg(dir.path())
            .current_dir(root.join("end2end"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs the SMTP sink");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let mut parts = line.split_whitespace();
        assert_eq!(parts.next(), Some("listening"), "the sink said {line:?}");
        let port = parts.next().unwrap().parse().unwrap();
        let cert = PathBuf::from(parts.next().unwrap());
        MailSink { child, port, cert, dir }
    }

    /// A mailer for this sink as `SIANG_SMTP_URL` would make it: STARTTLS
    /// required, the sink's certificate trusted, signed in as siang.
    pub fn mailer(&self) -> Arc<app::mail::Mailer> {
        let url = format!("smtp://siang:sink-password@127.0.0.1:{}", self.port);
        let settings = app::mail::MailSettings::parse(&url, Some("Siang <siang@siang.test>")).unwrap();
        let pem = std::fs::read(&self.cert).unwrap();
        Arc::new(app::mail::Mailer::new(&settings, Some(&pem)).unwrap())
    }

    /// What has arrived so far, in order.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files.iter().map(|f| serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap()).collect()
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
