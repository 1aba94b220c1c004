/**
 * "Did you mean …?" suggestions for misspelt names.
 */

/**
 * The optimal-string-alignment distance between two strings: the number of
 * insertions, deletions, substitutions and swaps of adjacent characters
 * that turn one into the other (`custmoer` → `customer` is 1).
 *
 * @public
 */
export function editDistance(a: string, b: string): number {
  // Three rolling rows of the dynamic-programming table are enough.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2] + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidates close enough to `name` to be what was meant, best first
 * (at most `limit`). Case is ignored. "Close" allows about one edit per
 * three characters, so short names only match near-identical candidates.
 *
 * @public
 */
export function suggestNames(
  name: string,
  candidates: Iterable<string>,
  limit = 3,
): string[] {
  const wanted = name.toLowerCase();
  const maxDistance = Math.max(1, Math.floor(wanted.length / 3));
  const scored: Array<{ candidate: string; distance: number; order: number }> =
    [];
  const seen = new Set<string>();
  let order = 0;
  for (const candidate of candidates) {
    const key = candidate.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (Math.abs(key.length - wanted.length) > maxDistance) continue;
    const distance = editDistance(wanted, key);
    if (distance <= maxDistance) {
      scored.push({ candidate, distance, order: order++ });
    }
  }
  return scored
    .sort((x, y) => x.distance - y.distance || x.order - y.order)
    .slice(0, limit)
    .map(entry => entry.candidate);
}
