//! Outgoing e-mail: safeguarding alerts and staff sign-in links, through
//! the SMTP server `SIANG_SMTP_URL` names (lettre does the protocol).
//!
//! Fail closed: `smtp://` means STARTTLS is required (never a fallback to
//! plain text), `smtps://` means TLS from the first byte, and a plain-text
//! relay (`?tls=none`) is accepted only on this machine's loopback. No mail
//! ever carries a young person's words: the messages are built in
//! [`messages`] from the programme's name and a link only.
pub mod alerts;
pub mod messages;

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How the connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: plain TCP, then STARTTLS, refused if the server lacks it.
    StartTls,
    /// `smtps://`: TLS from the start.
    Tls,
    /// `?tls=none`, loopback only (a local relay, the tests' sink).
    Plain,
}

/// `SIANG_SMTP_URL` taken apart. The password is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    password: Option<String>,
    pub from: String,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl MailSettings {
    /// Reads `smtp://user:password@host:587` (STARTTLS), `smtps://…:465`
    /// (TLS) or `smtp://127.0.0.1:2525?tls=none` (loopback only) and the
    /// sender's address (`SIANG_SMTP_FROM`, or the user name when it is an
    /// address). Every mistake is an error: the server refuses to start.
    pub fn parse(raw: &str, from: Option<&str>) -> Result<MailSettings, String> {
        let url = url::Url::parse(raw).map_err(|e| format!("SIANG_SMTP_URL is not a URL ({e})"))?;
        let mut security = match url.scheme() {
            "smtp" => Security::StartTls,
            "smtps" => Security::Tls,
            other => {
                return Err(format!("SIANG_SMTP_URL must start with smtp:// or smtps://, not {other}://"))
            }
        };
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or("SIANG_SMTP_URL names no host")?.to_owned();
        for (k, v) in url.query_pairs() {
            match (k.as_ref(), v.as_ref()) {
                ("tls", "none") if security == Security::StartTls && is_loopback(&host) => {
                    security = Security::Plain
                }
                ("tls", "none") => {
                    return Err(
                        "SIANG_SMTP_URL: tls=none is only allowed for a relay on this machine (loopback)"
                            .into(),
                    )
                }
                ("tls", "required") => {}
                _ => return Err(format!("SIANG_SMTP_URL: unknown option {k}={v}")),
            }
        }
        let port = url.port().unwrap_or(if security == Security::Tls { 465 } else { 587 });
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
        let user = Some(decode(url.username())).filter(|u| !u.is_empty());
        let password = url.password().map(decode);
        if user.is_some() != password.is_some() {
            return Err("SIANG_SMTP_URL: give both a user name and a password, or neither".into());
        }
        let from = match from.map(str::trim).filter(|f| !f.is_empty()) {
            Some(f) => f.to_owned(),
            None => user
                .clone()
                .filter(|u| u.contains('@'))
                .ok_or("SIANG_SMTP_FROM is needed: the sender's address")?,
        };
        from.parse::<Mailbox>().map_err(|e| format!("SIANG_SMTP_FROM is not an address ({e})"))?;
        Ok(MailSettings { host, port, security, user, password, from })
    }
}

/// Why a message did not go out (the details are logged, never shown).
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("bad address")]
    Address,
    #[error("could not build the message")]
    Build,
    #[error("the SMTP server refused or could not be reached")]
    Send,
}

/// A configured mail transport. Cheap to clone; connections are pooled by lettre.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from.email.to_string()).finish_non_exhaustive()
    }
}

impl Mailer {
    /// `extra_root`: a PEM certificate to trust besides the public roots
    /// (`SIANG_SMTP_CA_FILE`: a relay with its own certificate authority).
    pub fn new(s: &MailSettings, extra_root: Option<&[u8]>) -> Result<Mailer, String> {
        let mut params = TlsParameters::builder(s.host.clone());
        if let Some(pem) = extra_root {
            let cert = Certificate::from_pem(pem).map_err(|e| format!("SIANG_SMTP_CA_FILE: {e}"))?;
            params = params.add_root_certificate(cert);
        }
        let params = params.build_rustls().map_err(|e| format!("TLS set-up: {e}"))?;
        let tls = match s.security {
            Security::StartTls => Tls::Required(params),
            Security::Tls => Tls::Wrapper(params),
            Security::Plain => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(s.host.clone())
            .port(s.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(20)));
        if let (Some(u), Some(p)) = (&s.user, &s.password) {
            builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
        }
        let from = s.from.parse::<Mailbox>().map_err(|e| format!("SIANG_SMTP_FROM: {e}"))?;
        Ok(Mailer { transport: builder.build(), from })
    }

    /// Sends one plain-text message to one person.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), MailError> {
        let to = to.parse::<Mailbox>().map_err(|_| MailError::Address)?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|_| MailError::Build)?;
        self.transport.send(message).await.map_err(|e| {
            // The server's answer and the error kind; never the message.
            tracing::warn!(error = %e, "mail not sent");
            MailError::Send
        })?;
        Ok(())
    }
}

pub type SharedMailer = Option<Arc<Mailer>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_read_strictly_and_plain_text_stays_on_loopback() {
        let s = MailSettings::parse("smtp://alerts%40ngo.org:p%40ss@mail.ngo.org:587", None).unwrap();
        assert_eq!((s.host.as_str(), s.port, s.security), ("mail.ngo.org", 587, Security::StartTls));
        assert_eq!((s.user.as_deref(), s.password.as_deref()), (Some("alerts@ngo.org"), Some("p@ss")));
        assert_eq!(s.from, "alerts@ngo.org", "the user name is the sender when it is an address");
        assert!(!format!("{s:?}").contains("p@ss"), "the password is never printed");
        let s = MailSettings::parse("smtps://u:p@mail.ngo.org", Some("Siang <siang@ngo.org>")).unwrap();
        assert_eq!((s.port, s.security), (465, Security::Tls));
        let s = MailSettings::parse("smtp://127.0.0.1:2525?tls=none", Some("siang@localhost")).unwrap();
        assert_eq!((s.port, s.security), (2525, Security::Plain));
        assert_eq!(
            MailSettings::parse("smtp://[::1]:25?tls=none", Some("a@b.c")).unwrap().security,
            Security::Plain
        );
        for bad in [
            "smtp://mail.ngo.org:25?tls=none",
            "smtp://10.0.0.5?tls=none",
            "smtps://127.0.0.1?tls=none",
            "http://mail.ngo.org",
            "smtp://u@mail.ngo.org",
            "smtp://mail.ngo.org?tls=opportunistic",
            "smtp://mail.ngo.org",
            "not a url",
        ] {
            assert!(MailSettings::parse(bad, None).is_err(), "{bad} accepted");
        }
        assert!(MailSettings::parse("smtp://mail.ngo.org", Some("not an address")).is_err());
    }
}
