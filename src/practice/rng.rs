//! A seeded, portable random source: ChaCha8 with our own draws, so a seed
//! gives the same plan on every platform and with every `rand` version.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng as _, SeedableRng};

/// A fresh seed for a plan nobody asked to repeat: six digits from the
/// clock, short enough to read off the plan screen and type as `--seed`.
pub fn fresh_seed(nanos: i64) -> u64 {
    // Mix the clock so that starts a few microseconds apart differ widely.
    let mixed = (nanos as u64 ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (mixed >> 17) % 1_000_000
}

#[derive(Debug, Clone)]
pub struct Dice(ChaCha8Rng);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(ChaCha8Rng::seed_from_u64(seed))
    }
    /// A derived, independent stream (e.g. per interview or per answer).
    pub fn derive(seed: u64, salt: &str) -> Dice {
        // FNV-1a over the salt, mixed with the seed.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in salt.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Dice::new(seed ^ h.rotate_left(17))
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_seeds_are_six_digits_at_most_and_vary_with_the_clock() {
        let seeds: std::collections::BTreeSet<u64> = (0..1000)
            .map(|k| fresh_seed(1_780_000_000_000_000_000 + k * 1_000))
            .collect();
        assert!(seeds.iter().all(|&s| s < 1_000_000));
        assert!(seeds.len() > 990, "nearly all differ: {}", seeds.len());
    }

    #[test]
    fn same_seed_same_draws_and_fixed_stream() {
        let a: Vec<usize> = (0..8)
            .map({
                let mut d = Dice::new(7);
                move |_| d.below(100)
            })
            .collect();
        let b: Vec<usize> = (0..8)
            .map({
                let mut d = Dice::new(7);
                move |_| d.below(100)
            })
            .collect();
        assert_eq!(a, b);
        let c: Vec<usize> = (0..8)
            .map({
                let mut d = Dice::new(8);
                move |_| d.below(100)
            })
            .collect();
        assert_ne!(a, c);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut v: Vec<u32> = (0..50).collect();
        Dice::new(3).shuffle(&mut v);
        let mut s = v.clone();
        s.sort();
        assert_eq!(s, (0..50).collect::<Vec<_>>());
        assert_ne!(
            v, s,
            "50 items shuffled into identity is vanishingly unlikely"
        );
    }
}
