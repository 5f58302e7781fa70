//! Statistical disclosure control: which counts a page, an export or the
//! public page may show. Every aggregate path goes through these functions;
//! the rules are written out in the README ("Disclosure control").
//!
//! - A count below k (zero included) is [`Cell::Few`]: "fewer than k".
//! - In a table whose cells add up to a total the reader knows (responses
//!   split by answer), hidden cells are never alone and never determined:
//!   the smallest shown cells are hidden too ([`Cell::Hidden`]) until no
//!   hidden cell can be worked out from the total, the shown cells and the
//!   bounds a reader knows (a "fewer than k" cell is 0..k-1; a cell hidden
//!   for its neighbours is at least k and at most the smallest cell still
//!   shown). Where that cannot be reached the table is not shown at all.
//! - A table whose total is below k is not shown.
use serde::{Deserialize, Serialize};

/// The lowest k anywhere, whatever the settings say.
pub const K_MIN: i64 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    Count(i64),
    /// Fewer than k (zero included).
    Few,
    /// At least k, hidden so that a "fewer than k" beside it cannot be worked out.
    Hidden,
}

impl Cell {
    pub fn count(self) -> Option<i64> {
        match self {
            Cell::Count(n) => Some(n),
            _ => None,
        }
    }
}

/// k as used: the setting, never below [`K_MIN`].
pub fn effective_k(k: i64) -> i64 {
    k.max(K_MIN)
}

/// One count on its own (a code's submissions, an option of a
/// several-answers question): shown when at least k.
pub fn single(n: i64, k: i64) -> Cell {
    if n >= effective_k(k) {
        Cell::Count(n)
    } else {
        Cell::Few
    }
}

/// Cells that add up to a total the reader is shown. `None`: the table
/// is not shown (total below k, or no safe way to hide its small cells).
pub fn partition(counts: &[i64], k: i64) -> Option<Vec<Cell>> {
    let k = effective_k(k);
    let total: i64 = counts.iter().sum();
    if total < k {
        return None;
    }
    let mut cells: Vec<Cell> =
        counts.iter().map(|&n| if n < k { Cell::Few } else { Cell::Count(n) }).collect();
    if !cells.contains(&Cell::Few) {
        return Some(cells);
    }
    loop {
        if !determined(&cells, total, k) {
            return Some(cells);
        }
        // The smallest cell still shown (the first of equals) joins the hidden ones.
        let next =
            cells.iter().enumerate().filter_map(|(i, c)| c.count().map(|n| (n, i))).min().map(|(_, i)| i)?;
        cells[next] = Cell::Hidden;
    }
}

/// Whether a reader can work out any hidden cell exactly from what is
/// shown: the total, the shown cells and the bounds of each hidden kind.
pub fn determined(cells: &[Cell], total: i64, k: i64) -> bool {
    let shown: i64 = cells.iter().filter_map(|c| c.count()).sum();
    let hidden_sum = total - shown;
    let smallest_shown = cells.iter().filter_map(|c| c.count()).min().unwrap_or(hidden_sum);
    let bounds: Vec<(i64, i64)> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Count(_) => None,
            Cell::Few => Some((0, k - 1)),
            Cell::Hidden => Some((k, smallest_shown.min(hidden_sum))),
        })
        .collect();
    let (lo_sum, hi_sum): (i64, i64) = bounds.iter().fold((0, 0), |(l, h), b| (l + b.0, h + b.1));
    bounds.iter().any(|&(lo, hi)| {
        let low = lo.max(hidden_sum - (hi_sum - hi));
        let high = hi.min(hidden_sum - (lo_sum - lo));
        low >= high
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Cell::*;

    #[test]
    fn small_totals_are_not_shown_and_big_cells_are() {
        assert_eq!(partition(&[3, 4], 10), None);
        assert_eq!(partition(&[12, 30, 10], 10), Some(vec![Count(12), Count(30), Count(10)]));
        assert_eq!(single(9, 10), Few);
        assert_eq!(single(10, 10), Count(10));
        assert_eq!(single(4, 3), Few, "k never below 5");
    }

    #[test]
    fn a_lone_small_cell_takes_the_smallest_other_with_it() {
        assert_eq!(partition(&[3, 40, 12, 25], 10), Some(vec![Few, Count(40), Hidden, Count(25)]));
    }

    #[test]
    fn a_hidden_cell_pinned_by_the_next_smallest_shown_takes_another() {
        // 3 alone, then 10 hidden: the 10 is at least 10 and at most the
        // smallest still shown (10), so it would be known, and so the 3.
        assert_eq!(partition(&[3, 10, 10, 40], 10), Some(vec![Few, Hidden, Hidden, Count(40)]));
    }

    #[test]
    fn two_cells_at_their_ceiling_are_not_left_determined() {
        // 9 and 9 out of 18: hidden alone, both would be known to be 9.
        assert_eq!(partition(&[9, 9], 10), None);
        assert_eq!(partition(&[9, 9, 30], 10), Some(vec![Few, Few, Hidden]));
    }
}
