//! Property tests of the suppression function, and a brute-force adversary:
//! for small tables it lists every table of counts that would look the same
//! to a reader (same total, same shown cells, hidden cells within the
//! bounds a reader knows) and checks that each hidden cell could still take
//! at least two values. The adversary shares no code with the function.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::model::disclosure::{partition, single, Cell};
use proptest::prelude::*;

/// Every completion of the hidden cells a reader could not rule out.
fn completions(release: &[Cell], total: i64, k: i64) -> Vec<Vec<i64>> {
    let shown: Vec<i64> = release.iter().filter_map(|c| c.count()).collect();
    let smallest = shown.iter().copied().min();
    let rest = total - shown.iter().sum::<i64>();
    let hidden: Vec<(i64, i64)> = release
        .iter()
        .filter_map(|c| match c {
            Cell::Count(_) => None,
            Cell::Few => Some((0, k - 1)),
            Cell::Hidden => Some((k, smallest.unwrap_or(rest).min(rest))),
        })
        .collect();
    let mut out = Vec::new();
    let mut current = Vec::new();
    fn walk(h: &[(i64, i64)], rest: i64, cur: &mut Vec<i64>, out: &mut Vec<Vec<i64>>) {
        match h.split_first() {
            None if rest == 0 => out.push(cur.clone()),
            None => {}
            Some((&(lo, hi), more)) => {
                for v in lo..=hi.min(rest) {
                    cur.push(v);
                    walk(more, rest - v, cur, out);
                    cur.pop();
                }
            }
        }
    }
    walk(&hidden, rest, &mut current, &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_small_count_is_shown_and_shown_counts_are_true(counts in prop::collection::vec(0i64..40, 1..7), k in 5i64..12) {
        if let Some(cells) = partition(&counts, k) {
            prop_assert_eq!(cells.len(), counts.len());
            for (c, n) in cells.iter().zip(&counts) {
                match c {
                    Cell::Count(shown) => { prop_assert_eq!(shown, n); prop_assert!(*n >= k); }
                    Cell::Few => prop_assert!(*n < k),
                    Cell::Hidden => prop_assert!(*n >= k),
                }
            }
        } else {
            // Not shown: either too few in all, or no safe way to hide.
            prop_assert!(counts.iter().sum::<i64>() < k || counts.iter().any(|n| *n < k));
        }
    }

    #[test]
    fn no_hidden_cell_can_be_worked_out(counts in prop::collection::vec(0i64..25, 1..5), k in 5i64..8) {
        let total: i64 = counts.iter().sum();
        if let Some(cells) = partition(&counts, k) {
            let hidden: Vec<usize> = (0..cells.len()).filter(|i| cells[*i].count().is_none()).collect();
            if hidden.is_empty() { return Ok(()); }
            let all = completions(&cells, total, k);
            let truth: Vec<i64> = hidden.iter().map(|i| counts[*i]).collect();
            prop_assert!(all.contains(&truth), "the truth is one of them");
            for (slot, i) in hidden.iter().enumerate() {
                let mut values: Vec<i64> = all.iter().map(|c| c[slot]).collect();
                values.sort_unstable();
                values.dedup();
                prop_assert!(values.len() >= 2, "cell {} of {:?} shown as {:?} is always {:?}", i, counts, cells, values);
            }
        }
    }

    #[test]
    fn the_same_counts_give_the_same_release(counts in prop::collection::vec(0i64..40, 1..7)) {
        prop_assert_eq!(partition(&counts, 10), partition(&counts, 10));
    }

    #[test]
    fn a_single_count_is_shown_only_from_k(n in 0i64..50, k in 0i64..20) {
        let shown = single(n, k).count().is_some();
        prop_assert_eq!(shown, n >= k.max(5));
    }
}
