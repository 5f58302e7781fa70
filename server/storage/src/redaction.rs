//! The redaction assistant's writes: accept or reject a span suspected at
//! submission, or redact words a moderator found. An accepted span is
//! replaced by a placeholder such as `[phone]` in the stored text itself; the
//! original is not kept (SQLite runs with `secure_delete`, so freed pages are
//! zeroed, and the WAL is overwritten after the next checkpoint).
//!
//! Spans are byte offsets into the answer's text. Replacing one shifts every
//! later span of the same answer; a pending span that overlaps a replaced
//! one is dismissed (its text is gone).
use async_trait::async_trait;

use crate::Result;

/// What became of a redaction request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redacted {
    Done,
    /// The span or words are not (or no longer) in this submission's text.
    NotFound,
}

#[async_trait]
pub trait Redaction: Send + Sync + 'static {
    /// Accepts (replaces by `[kind]`) or rejects a suspected span of one of
    /// the submission's answers.
    async fn resolve_detail(
        &self,
        submission_id: i64,
        redaction_id: i64,
        accept: bool,
        staff_id: i64,
    ) -> Result<Redacted>;
    /// Replaces every occurrence of `words` in one of the submission's
    /// answers by `[kind]`.
    async fn redact_words(
        &self,
        submission_id: i64,
        answer_id: i64,
        words: &str,
        kind: &str,
        staff_id: i64,
    ) -> Result<Redacted>;
}

/// `text` with the (sorted, non-overlapping) byte ranges replaced by
/// `placeholder`, and the new position of every old offset outside them.
pub(crate) fn replace_spans(
    text: &str,
    spans: &[(usize, usize)],
    placeholder: &str,
) -> Option<(String, Shift)> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(s, e) in spans {
        if s < at || e <= s || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return None;
        }
        out.push_str(&text[at..s]);
        out.push_str(placeholder);
        at = e;
    }
    out.push_str(&text[at..]);
    Some((out, Shift { spans: spans.to_vec(), width: placeholder.len() }))
}

pub(crate) struct Shift {
    spans: Vec<(usize, usize)>,
    width: usize,
}

impl Shift {
    /// The new (start, end) of an old span, or `None` when it overlaps a replaced one.
    pub fn map(&self, s: usize, e: usize) -> Option<(usize, usize)> {
        let mut delta: isize = 0;
        for &(rs, re) in &self.spans {
            if s < re && e > rs {
                return None;
            }
            if re <= s {
                delta += self.width as isize - (re - rs) as isize;
            }
        }
        Some(((s as isize + delta) as usize, (e as isize + delta) as usize))
    }

    /// Where a span that may overlap replaced ones now lies: an end that
    /// fell inside replaced words moves to the edge of their placeholder,
    /// so a coded passage keeps covering what now stands there.
    pub fn cover(&self, s: usize, e: usize) -> (usize, usize) {
        let point = |p: usize, is_end: bool| {
            let mut delta: isize = 0;
            for &(rs, re) in &self.spans {
                if re <= p && !(is_end && re == p && rs == p) {
                    delta += self.width as isize - (re - rs) as isize;
                } else if rs < p && p < re {
                    let start = (rs as isize + delta) as usize;
                    return if is_end { start + self.width } else { start };
                }
            }
            (p as isize + delta) as usize
        };
        (point(s, false), point(e, true))
    }

    /// Where the replaced spans now are.
    pub fn placed(&self) -> Vec<(usize, usize)> {
        let mut delta: isize = 0;
        self.spans
            .iter()
            .map(|&(s, e)| {
                let start = (s as isize + delta) as usize;
                delta += self.width as isize - (e - s) as isize;
                (start, start + self.width)
            })
            .collect()
    }
}

/// Placeholders name a kind of detail, never its content.
pub fn placeholder(kind: &str) -> Option<String> {
    const KINDS: [&str; 8] = ["phone", "email", "url", "id_number", "handle", "name", "place", "other"];
    KINDS.contains(&kind).then(|| format!("[{}]", if kind == "id_number" { "id" } else { kind }))
}

macro_rules! impl_redaction {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::redaction::Redaction for $store {
            async fn resolve_detail(
                &self,
                submission_id: i64,
                redaction_id: i64,
                accept: bool,
                staff_id: i64,
            ) -> $crate::Result<$crate::redaction::Redacted> {
                use $crate::redaction::Redacted;
                let mut tx = self.pool.begin().await?;
                let row: Option<(i64, i64, i64, String, Option<String>)> = sqlx::query_as(
                    "SELECT r.answer_id, r.start_at, r.end_at, r.kind, a.body FROM redactions r \
                     JOIN answers a ON a.id = r.answer_id \
                     WHERE r.id = $1 AND a.submission_id = $2 AND r.state = 'suggested'",
                )
                .bind(redaction_id)
                .bind(submission_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((answer_id, s, e, kind, Some(body))) = row else { return Ok(Redacted::NotFound) };
                if !accept {
                    sqlx::query("UPDATE redactions SET state = 'dismissed', staff_id = $2 WHERE id = $1")
                        .bind(redaction_id)
                        .bind(staff_id)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    return Ok(Redacted::Done);
                }
                let kind = if $crate::redaction::placeholder(&kind).is_some() { kind } else { "other".to_owned() };
                let Some(mark) = $crate::redaction::placeholder(&kind) else { return Ok(Redacted::NotFound) };
                let span = (usize::try_from(s).unwrap_or(usize::MAX), usize::try_from(e).unwrap_or(0));
                let Some((text, shift)) = $crate::redaction::replace_spans(&body, &[span], &mark) else {
                    return Ok(Redacted::NotFound);
                };
                let placed = shift.placed();
                sqlx::query(
                    "UPDATE redactions SET state = 'applied', staff_id = $2, start_at = $3, end_at = $4 WHERE id = $1",
                )
                .bind(redaction_id)
                .bind(staff_id)
                .bind(placed[0].0 as i64)
                .bind(placed[0].1 as i64)
                .execute(&mut *tx)
                .await?;
                Self::rewrite_answer(&mut tx, answer_id, &text, &shift, Some(redaction_id)).await?;
                tx.commit().await?;
                Ok(Redacted::Done)
            }

            async fn redact_words(
                &self,
                submission_id: i64,
                answer_id: i64,
                words: &str,
                kind: &str,
                staff_id: i64,
            ) -> $crate::Result<$crate::redaction::Redacted> {
                use $crate::redaction::Redacted;
                let Some(mark) = $crate::redaction::placeholder(kind) else { return Ok(Redacted::NotFound) };
                if words.trim().is_empty() {
                    return Ok(Redacted::NotFound);
                }
                let mut tx = self.pool.begin().await?;
                let body: Option<(Option<String>,)> =
                    sqlx::query_as("SELECT body FROM answers WHERE id = $1 AND submission_id = $2")
                        .bind(answer_id)
                        .bind(submission_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some((Some(body),)) = body else { return Ok(Redacted::NotFound) };
                let spans: Vec<(usize, usize)> = body.match_indices(words).map(|(i, w)| (i, i + w.len())).collect();
                if spans.is_empty() {
                    return Ok(Redacted::NotFound);
                }
                let Some((text, shift)) = $crate::redaction::replace_spans(&body, &spans, &mark) else {
                    return Ok(Redacted::NotFound);
                };
                Self::rewrite_answer(&mut tx, answer_id, &text, &shift, None).await?;
                for (s, e) in shift.placed() {
                    sqlx::query(
                        "INSERT INTO redactions (id, answer_id, start_at, end_at, kind, state, staff_id, submission_id) \
                         VALUES ($1, $2, $3, $4, $5, 'applied', $6, $7)",
                    )
                    .bind($crate::ids::random_id())
                    .bind(answer_id)
                    .bind(s as i64)
                    .bind(e as i64)
                    .bind(kind)
                    .bind(staff_id)
                    .bind(submission_id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Redacted::Done)
            }
        }

        impl $store {
            /// Stores the new text and moves (or, where their text is gone,
            /// dismisses) the answer's other pending spans.
            async fn rewrite_answer(
                tx: &mut sqlx::Transaction<'_, $db>,
                answer_id: i64,
                text: &str,
                shift: &$crate::redaction::Shift,
                except: Option<i64>,
            ) -> $crate::Result<()> {
                sqlx::query("UPDATE answers SET body = $2 WHERE id = $1")
                    .bind(answer_id)
                    .bind(text)
                    .execute(&mut **tx)
                    .await?;
                let others: Vec<(i64, i64, i64)> = sqlx::query_as(
                    "SELECT id, start_at, end_at FROM redactions WHERE answer_id = $1 AND state = 'suggested'",
                )
                .bind(answer_id)
                .fetch_all(&mut **tx)
                .await?;
                for (id, s, e) in others.into_iter().filter(|(id, _, _)| Some(*id) != except) {
                    let moved = shift.map(usize::try_from(s).unwrap_or(0), usize::try_from(e).unwrap_or(0));
                    match moved {
                        Some((s, e)) => sqlx::query("UPDATE redactions SET start_at = $2, end_at = $3 WHERE id = $1")
                            .bind(id)
                            .bind(s as i64)
                            .bind(e as i64)
                            .execute(&mut **tx)
                            .await?,
                        None => sqlx::query("UPDATE redactions SET state = 'dismissed' WHERE id = $1")
                            .bind(id)
                            .execute(&mut **tx)
                            .await?,
                    };
                }
                let coded: Vec<(i64, i64, i64)> =
                    sqlx::query_as("SELECT id, start_at, end_at FROM span_codes WHERE answer_id = $1")
                        .bind(answer_id)
                        .fetch_all(&mut **tx)
                        .await?;
                for (id, s, e) in coded {
                    let (s, e) = shift.cover(usize::try_from(s).unwrap_or(0), usize::try_from(e).unwrap_or(0));
                    sqlx::query("UPDATE span_codes SET start_at = $2, end_at = $3 WHERE id = $1")
                        .bind(id)
                        .bind(s as i64)
                        .bind(e as i64)
                        .execute(&mut **tx)
                        .await?;
                }
                Ok(())
            }
        }
    };
}
pub(crate) use impl_redaction;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_moves_later_spans_and_drops_overlapping_ones() {
        let text = "call 012 345 678 or mail a@b.org";
        let (out, shift) = replace_spans(text, &[(5, 16)], "[phone]").unwrap();
        assert_eq!(out, "call [phone] or mail a@b.org");
        assert_eq!(shift.map(25, 32), Some((21, 28)));
        assert_eq!(&out[21..28], "a@b.org");
        assert_eq!(shift.map(0, 4), Some((0, 4)));
        assert_eq!(shift.map(10, 20), None);
        assert_eq!(shift.placed(), vec![(5, 12)]);
        let (out, shift) = replace_spans("Sok and Sok", &[(0, 3), (8, 11)], "[name]").unwrap();
        assert_eq!(out, "[name] and [name]");
        assert_eq!(shift.placed(), vec![(0, 6), (11, 17)]);
        // Not on a character boundary, reversed, or past the end: refused.
        assert!(replace_spans("សុខ", &[(1, 3)], "[name]").is_none());
        assert!(replace_spans("abc", &[(2, 1)], "[name]").is_none());
        assert!(replace_spans("abc", &[(1, 9)], "[name]").is_none());
        // A coded passage keeps covering what stands where its words were.
        let (out, shift) = replace_spans("I miss Sokha at home a lot", &[(7, 12)], "[name]").unwrap();
        assert_eq!(out, "I miss [name] at home a lot");
        let (s, e) = shift.cover(2, 20);
        assert_eq!(&out[s..e], "miss [name] at home");
        let (s, e) = shift.cover(9, 20);
        assert_eq!(
            &out[s..e],
            "[name] at home",
            "a start inside the replaced words moves to the placeholder"
        );
        let (s, e) = shift.cover(2, 9);
        assert_eq!(&out[s..e], "miss [name]", "so does an end");
        assert_eq!(placeholder("phone").as_deref(), Some("[phone]"));
        assert_eq!(placeholder("<b>"), None);
    }
}
