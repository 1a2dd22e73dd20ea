// Shared by the survey tests: timing by ratio, not by absolute time (the machine is shared and its load varies).

/**
 * How many times longer `large` takes than `small`: the best of interleaved rounds (so a burst of load hits both
 * alike), the small one run ten times a round and averaged (so its span is long enough to time, and it pays its
 * share of garbage collection as the large one does). Linear work ten times larger gives about 10; quadratic, 100.
 */
/**
 * Where a tenfold text is judged linear: below this ratio of times. Linear is ~10; quadratic ~100. Measured on a
 * loaded 2-core machine (other test files, spawned programs), a linear case reached ~48 when GC ran in its rounds.
 */
export const QUADRATIC_MARGIN = 70;

export function timeRatio(small: () => void, large: () => void, rounds = 15): number {
  large(); // warm up the JIT on both
  small();
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < rounds; i++) {
    let t0 = performance.now();
    for (let k = 0; k < 10; k++) small();
    bestSmall = Math.min(bestSmall, (performance.now() - t0) / 10);
    t0 = performance.now();
    large();
    bestLarge = Math.min(bestLarge, performance.now() - t0);
  }
  return bestLarge / Math.max(bestSmall, 0.01);
}
