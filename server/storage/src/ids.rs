//! Identifiers of youth rows (submissions, answers, redactions, safeguarding
//! flags) are chosen here, not by the database: random positive 63-bit
//! integers, so their order says nothing about the order of arrival (a
//! sequence would let anyone with an export or a backup put the submissions
//! of a day back in order).

/// A random identifier in `1..=i64::MAX`, from the thread's cryptographic
/// generator (ChaCha, seeded from the operating system).
pub(crate) fn random_id() -> i64 {
    loop {
        let id = i64::try_from(rand::random::<u64>() >> 1).unwrap_or_default();
        if id != 0 {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_positive_and_spread_over_63_bits() {
        let ids: Vec<i64> = (0..1000).map(|_| super::random_id()).collect();
        assert!(ids.iter().all(|id| *id > 0));
        // With 1000 draws, some land in the top half of the range.
        assert!(ids.iter().any(|id| *id > i64::MAX / 2));
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
    }
}
