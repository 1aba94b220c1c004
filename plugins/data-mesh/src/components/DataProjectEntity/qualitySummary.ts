import type { QualityResult } from '../../api';

/** How many rules passed, failed or could not be checked. */
export interface QualitySummary {
  pass: number;
  fail: number;
  error: number;
}

/**
 * The latest result of each rule among `results` (newest first, as the API
 * lists them), counted by outcome; undefined when there are none.
 */
export function latestQualitySummary(
  results: readonly QualityResult[],
): QualitySummary | undefined {
  const latest = new Map<string, QualityResult['status']>();
  for (const result of results) {
    if (!latest.has(result.ruleKey)) latest.set(result.ruleKey, result.status);
  }
  if (latest.size === 0) return undefined;
  const summary: QualitySummary = { pass: 0, fail: 0, error: 0 };
  for (const status of latest.values()) summary[status] += 1;
  return summary;
}

/** A summary as people read it, e.g. `3 of 4 rules pass, 1 fails`. */
export function formatQualitySummary(summary: QualitySummary): string {
  const total = summary.pass + summary.fail + summary.error;
  const parts = [
    `${summary.pass} of ${total} rule${total === 1 ? '' : 's'} pass`,
  ];
  if (summary.fail)
    parts.push(`${summary.fail} fail${summary.fail === 1 ? 's' : ''}`);
  if (summary.error) parts.push(`${summary.error} could not be checked`);
  return parts.join(', ');
}
