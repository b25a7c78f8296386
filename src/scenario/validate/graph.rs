//! Ordering over "must come after" links (asset dependencies, campaign stages): Kahn's
//! algorithm with the smallest index first, so the order is deterministic, and one named cycle
//! when there is one.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// `before[i]` lists the nodes that must precede node `i` (out-of-range entries are ignored).
/// Returns the nodes in order, and a cycle `[a, b, .., a]` (each needing the next) if some nodes
/// could not be ordered.
pub(super) fn order(before: &[Vec<usize>]) -> (Vec<usize>, Option<Vec<usize>>) {
    let n = before.len();
    let mut waiting = vec![0usize; n];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, deps) in before.iter().enumerate() {
        for &d in deps.iter().filter(|&&d| d < n) {
            waiting[i] += 1;
            after[d].push(i);
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| waiting[i] == 0).map(Reverse).collect();
    let mut out = Vec::with_capacity(n);
    while let Some(Reverse(i)) = ready.pop() {
        out.push(i);
        for &j in &after[i] {
            waiting[j] -= 1;
            if waiting[j] == 0 {
                ready.push(Reverse(j));
            }
        }
    }
    let cycle = (out.len() < n)
        .then(|| find_cycle(before, &waiting))
        .flatten();
    (out, cycle)
}

/// The longest chain of "must come after" links ending at each node (a node with none has
/// depth 1), over `order` as [`order`] returns it; nodes not in it (on a cycle) get 0. Iterative,
/// linear in nodes and links.
pub(super) fn depths(before: &[Vec<usize>], order: &[usize]) -> Vec<usize> {
    let mut depth = vec![0usize; before.len()];
    for &i in order {
        let deepest = before[i]
            .iter()
            .filter_map(|&d| depth.get(d))
            .max()
            .copied()
            .unwrap_or(0);
        depth[i] = deepest + 1;
    }
    depth
}

/// Walks from the smallest unordered node along unordered predecessors until a node repeats.
fn find_cycle(before: &[Vec<usize>], waiting: &[usize]) -> Option<Vec<usize>> {
    let stuck = |i: usize| waiting.get(i).is_some_and(|&w| w > 0);
    let mut node = (0..before.len()).find(|&i| stuck(i))?;
    let mut walk = vec![node];
    loop {
        node = *before.get(node)?.iter().find(|&&d| stuck(d))?;
        if let Some(start) = walk.iter().position(|&w| w == node) {
            let mut cycle = walk.split_off(start);
            cycle.push(node);
            return Some(cycle);
        }
        walk.push(node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_smallest_ready_first() {
        let (order, cycle) = order(&[vec![2], vec![], vec![1], vec![]]);
        assert_eq!(order, [1, 2, 0, 3]);
        assert_eq!(cycle, None);
    }

    #[test]
    fn names_a_cycle_and_orders_the_rest() {
        let (order, cycle) = order(&[vec![], vec![2], vec![3], vec![1], vec![0]]);
        assert_eq!(order, [0, 4]);
        assert_eq!(cycle, Some(vec![1, 2, 3, 1]));
        assert_eq!(super::order(&[vec![0]]).1, Some(vec![0, 0]));
    }

    #[test]
    fn depth_is_the_longest_chain_below() {
        let before = [vec![], vec![0], vec![1, 0], vec![]];
        let (order, _) = order(&before);
        assert_eq!(depths(&before, &order), [1, 2, 3, 1]);
        let long: Vec<Vec<usize>> = (0..50_000)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        let (order, _) = super::order(&long);
        assert_eq!(depths(&long, &order)[49_999], 50_000);
    }

    #[test]
    fn ignores_out_of_range_links() {
        assert_eq!(order(&[vec![7]]), (vec![0], None));
    }
}
