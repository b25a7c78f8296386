//! Ordering over "must come after" links (asset dependencies, campaign stages): Kahn's
//! algorithm with the smallest index first, so the order is deterministic, and one named cycle
//! when there is one.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Orders `n` nodes, where `before(i)` lists the nodes that must precede node `i` (out-of-range
/// entries are ignored). Returns the nodes in order, and a cycle `[a, b, .., a]` (each needing
/// the next) if some nodes could not be ordered. The links are read where they stand and
/// turned round into two flat arrays, not a vector per node (100,000 assets).
pub(super) fn order<I: Iterator<Item = usize>>(
    n: usize,
    before: impl Fn(usize) -> I,
) -> (Vec<u32>, Option<Vec<usize>>) {
    let mut waiting = vec![0u32; n];
    // `after` of node d is `after[starts[d]..starts[d + 1]]`: the nodes that wait for it.
    let mut starts = vec![0u32; n + 1];
    for (i, w) in waiting.iter_mut().enumerate() {
        for d in before(i).filter(|&d| d < n) {
            *w += 1;
            starts[d + 1] += 1;
        }
    }
    for d in 0..n {
        starts[d + 1] += starts[d];
    }
    let mut after = vec![0u32; starts[n] as usize];
    let mut filled = starts.clone();
    for i in 0..n {
        for d in before(i).filter(|&d| d < n) {
            after[filled[d] as usize] = i as u32;
            filled[d] += 1;
        }
    }
    drop(filled);
    let mut ready: BinaryHeap<Reverse<u32>> = (0..n as u32)
        .filter(|&i| waiting[i as usize] == 0)
        .map(Reverse)
        .collect();
    let mut out = Vec::with_capacity(n);
    while let Some(Reverse(i)) = ready.pop() {
        out.push(i);
        let i = i as usize;
        for &j in &after[starts[i] as usize..starts[i + 1] as usize] {
            waiting[j as usize] -= 1;
            if waiting[j as usize] == 0 {
                ready.push(Reverse(j));
            }
        }
    }
    drop((after, starts, ready));
    let cycle = (out.len() < n)
        .then(|| find_cycle(n, &before, &waiting))
        .flatten();
    (out, cycle)
}

/// The longest chain of "must come after" links ending at each node (a node with none has
/// depth 1), over `order` as [`order`] returns it; nodes not in it (on a cycle) get 0. Iterative,
/// linear in nodes and links.
pub(super) fn depths<I: Iterator<Item = usize>>(
    n: usize,
    before: impl Fn(usize) -> I,
    order: &[u32],
) -> Vec<u32> {
    let mut depth = vec![0u32; n];
    for &i in order {
        let deepest = before(i as usize)
            .filter_map(|d| depth.get(d))
            .max()
            .copied()
            .unwrap_or(0);
        depth[i as usize] = deepest + 1;
    }
    depth
}

/// Walks from the smallest unordered node along unordered predecessors until a node repeats.
fn find_cycle<I: Iterator<Item = usize>>(
    n: usize,
    before: impl Fn(usize) -> I,
    waiting: &[u32],
) -> Option<Vec<usize>> {
    let stuck = |i: usize| waiting.get(i).is_some_and(|&w| w > 0);
    let mut node = (0..n).find(|&i| stuck(i))?;
    let mut walk = vec![node];
    loop {
        node = before(node).find(|&d| stuck(d))?;
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

    /// [`order`] over links written as one list per node.
    fn order_of(before: &[Vec<usize>]) -> (Vec<u32>, Option<Vec<usize>>) {
        order(before.len(), |i| before[i].iter().copied())
    }

    fn depths_of(before: &[Vec<usize>], order: &[u32]) -> Vec<u32> {
        depths(before.len(), |i| before[i].iter().copied(), order)
    }

    #[test]
    fn orders_smallest_ready_first() {
        let (order, cycle) = order_of(&[vec![2], vec![], vec![1], vec![]]);
        assert_eq!(order, [1, 2, 0, 3]);
        assert_eq!(cycle, None);
    }

    #[test]
    fn names_a_cycle_and_orders_the_rest() {
        let (order, cycle) = order_of(&[vec![], vec![2], vec![3], vec![1], vec![0]]);
        assert_eq!(order, [0, 4]);
        assert_eq!(cycle, Some(vec![1, 2, 3, 1]));
        assert_eq!(order_of(&[vec![0]]).1, Some(vec![0, 0]));
    }

    #[test]
    fn depth_is_the_longest_chain_below() {
        let before = [vec![], vec![0], vec![1, 0], vec![]];
        let (order, _) = order_of(&before);
        assert_eq!(depths_of(&before, &order), [1, 2, 3, 1]);
        let long: Vec<Vec<usize>> = (0..50_000)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        let (order, _) = order_of(&long);
        assert_eq!(depths_of(&long, &order)[49_999], 50_000);
    }

    #[test]
    fn ignores_out_of_range_links() {
        assert_eq!(order_of(&[vec![7]]), (vec![0], None));
    }

    #[test]
    fn a_node_waited_for_by_many_releases_them_all_in_index_order() {
        // Node 3 comes first; 0, 1, 2 and 4 all wait for it, and 1 also for 4.
        let before = [vec![3], vec![3, 4], vec![3], vec![], vec![3]];
        let (order, cycle) = order_of(&before);
        assert_eq!((order, cycle), (vec![3, 0, 2, 4, 1], None));
        assert_eq!(depths_of(&before, &[3, 0, 2, 4, 1]), [2, 3, 2, 1, 2]);
    }
}
