/**
 * Freshness of a dataset against its contract's SLA, judged from when the
 * platform last wrote it (not from the data's own timestamps, which the
 * `freshness` quality check looks at).
 */
import { formatBound, formatHours } from './format';

/** @public */
export interface FreshnessStatus {
  readonly status: 'fresh' | 'stale' | 'unknown';
  /** Hours since the last successful write, when there was one. */
  readonly ageHours?: number;
  readonly message: string;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Whether a dataset last written at `lastWrittenAt` meets an SLA of
 * `slaHours` at `now`. A dataset never written, or one whose contract sets
 * no SLA, is `unknown`: there is nothing to alert about yet.
 *
 * @public
 */
export function freshnessStatus(
  lastWrittenAt: Date | undefined,
  slaHours: number | undefined,
  now: Date,
): FreshnessStatus {
  const validSla =
    slaHours !== undefined && Number.isFinite(slaHours) && slaHours >= 0;
  if (lastWrittenAt === undefined || Number.isNaN(lastWrittenAt.getTime())) {
    return { status: 'unknown', message: 'no successful write recorded yet' };
  }
  if (Number.isNaN(now.getTime())) {
    return { status: 'unknown', message: 'the current time is not valid' };
  }
  const ageHours = (now.getTime() - lastWrittenAt.getTime()) / HOUR_MS;
  const written =
    ageHours < 0
      ? `last written ${formatHours(-ageHours)} h in the future`
      : `last written ${formatHours(ageHours)} h ago`;
  if (!validSla) {
    return {
      status: 'unknown',
      ageHours,
      message: `${written}; the contract sets no freshness SLA`,
    };
  }
  const sla = formatBound(slaHours);
  return ageHours > slaHours
    ? { status: 'stale', ageHours, message: `${written}; the SLA is ${sla} h` }
    : {
        status: 'fresh',
        ageHours,
        message: `${written}, within the ${sla} h SLA`,
      };
}
