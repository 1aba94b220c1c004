/** How long a run or task took (or has taken so far), e.g. `1m 05s`. */
export function formatDuration(
  startedAt: string | undefined,
  endedAt: string | undefined,
  now: Date = new Date(),
): string | undefined {
  if (!startedAt) return undefined;
  const end = endedAt ? new Date(endedAt) : now;
  const seconds = Math.max(
    0,
    Math.round((end.getTime() - new Date(startedAt).getTime()) / 1000),
  );
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60)
    return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(
    2,
    '0',
  )}m`;
}

/** A row count as people read it. */
export function formatRows(rows: number | undefined): string | undefined {
  return rows === undefined
    ? undefined
    : `${rows.toLocaleString()} row${rows === 1 ? '' : 's'}`;
}

/** This month as the API names months, `YYYY-MM` (UTC, as usage is billed). */
export function currentMonth(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** Whether a run or task has not ended yet. */
export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running';
}
