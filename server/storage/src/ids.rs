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

/// How many consecutive identifiers a [`random_block`] leaves free.
pub(crate) const BLOCK: i64 = 1024;

/// The start of a random block of [`BLOCK`] free identifiers. A
/// submission's answers take consecutive identifiers from one block, so
/// they sit together in the table (one or two pages written per submission
/// instead of thirty scattered ones), while the blocks themselves are as
/// random as [`random_id`].
pub(crate) fn random_block() -> i64 {
    loop {
        let base = random_id() & !(BLOCK - 1);
        if base != 0 {
            return base;
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

    #[test]
    fn blocks_are_aligned_random_and_leave_room() {
        let bases: Vec<i64> = (0..1000).map(|_| super::random_block()).collect();
        assert!(bases
            .iter()
            .all(|b| *b > 0 && b % super::BLOCK == 0 && b.checked_add(super::BLOCK).is_some()));
        let mut sorted = bases.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), bases.len());
        assert!(bases.windows(2).any(|w| w[0] > w[1]) && bases.windows(2).any(|w| w[0] < w[1]), "no order");
    }
}
