import type { DataProductSlaProperty } from '@meshwork/data-mesh-common';
import type { DatasetRun } from '../DataProductRunHistory';

/** One write of the dataset by a task of a run. */
export interface DatasetWrite {
  time: number;
  writtenAt: string;
  jobRunId: string;
  job: string;
  taskKey: string;
  rowsWritten?: number;
  /** Hours since the write before it; absent for the first one shown. */
  hoursSincePrevious?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The writes of the dataset, oldest first: every task that wrote it and
 * succeeded. A failed task wrote nothing a reader could see, so it does not
 * reset the freshness clock.
 */
export function datasetWrites(runs: DatasetRun[]): DatasetWrite[] {
  const writes = runs
    .flatMap(({ run, writers }) =>
      writers
        .filter(task => task.status === 'succeeded' && task.endedAt)
        .map(task => ({
          time: new Date(task.endedAt!).getTime(),
          writtenAt: task.endedAt!,
          jobRunId: run.id,
          job: run.job,
          taskKey: task.taskKey,
          rowsWritten: task.rowsWritten,
        })),
    )
    .sort((a, b) => a.time - b.time);
  return writes.map((write, index) =>
    index === 0
      ? write
      : {
          ...write,
          hoursSincePrevious: (write.time - writes[index - 1].time) / HOUR_MS,
        },
  );
}

const HOURS_PER_UNIT: Record<string, number> = {
  s: 1 / 3600,
  sec: 1 / 3600,
  second: 1 / 3600,
  seconds: 1 / 3600,
  m: 1 / 60,
  min: 1 / 60,
  minute: 1 / 60,
  minutes: 1 / 60,
  h: 1,
  hr: 1,
  hour: 1,
  hours: 1,
  d: 24,
  day: 24,
  days: 24,
  w: 168,
  week: 168,
  weeks: 168,
};

/**
 * A contract's freshness promise in hours, for the chart's SLA line;
 * undefined when its value or unit is not a duration (`06:00 UTC`).
 * Without a unit ODCS means days, but Meshwork always writes one, so a
 * bare number is taken as hours only when it says so.
 */
export function slaHoursOf(
  sla: DataProductSlaProperty | undefined,
): number | undefined {
  if (!sla?.unit) {
    return undefined;
  }
  const value = Number(sla.value);
  const perUnit = HOURS_PER_UNIT[sla.unit.trim().toLowerCase()];
  return Number.isFinite(value) && perUnit ? value * perUnit : undefined;
}

/** Hours as people read them: `26 h`, `1.5 h`. */
export function formatHours(hours: number): string {
  return `${hours.toLocaleString(undefined, { maximumFractionDigits: 1 })} h`;
}
