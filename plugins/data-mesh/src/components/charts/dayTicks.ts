const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Ticks for a time axis of `width` pixels from `from` to `to` (epoch ms):
 * midnights (in the reader's zone), whole days apart, no closer than
 * `spacing` pixels, so that day labels never overlap however many points
 * the chart holds.
 */
export function dayTicks(
  from: number,
  to: number,
  width: number,
  spacing = 80,
): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
  const first = new Date(from);
  first.setHours(0, 0, 0, 0);
  if (first.getTime() < from) first.setDate(first.getDate() + 1);
  const days = Math.max(1, (to - from) / DAY_MS);
  const fit = Math.max(1, Math.floor(width / spacing));
  const step = Math.max(1, Math.ceil(days / fit));
  const ticks: number[] = [];
  for (
    const day = first;
    day.getTime() <= to;
    day.setDate(day.getDate() + step)
  ) {
    ticks.push(day.getTime());
  }
  return ticks;
}
