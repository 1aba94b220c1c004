/**
 * Judging the row a quality check's query returned, and saying what it
 * means in a sentence a domain team can act on.
 */
import type { QualityRule } from '../project/schema/dataset';
import {
  checkOf,
  formatBound,
  formatCount,
  formatHours,
  formatList,
  truncate,
} from './format';

/**
 * The row a quality check's query returns, as the engine's client gives it:
 * counts may arrive as numbers, bigints or strings.
 *
 * @public
 */
export interface QualityResultRow {
  readonly checked_rows: unknown;
  readonly failing_rows: unknown;
  readonly observed: unknown;
}

/**
 * The result of one quality rule in one run. `error` means the check could
 * not run or returned something unreadable; the counts are then absent.
 *
 * @public
 */
export interface QualityOutcome {
  readonly status: 'pass' | 'fail' | 'error';
  readonly failingRows?: number;
  readonly checkedRows?: number;
  readonly observed?: string;
  readonly message: string;
}

/**
 * Judges the row returned by the query of {@link qualityCheckQuery}: the
 * rule fails when `failing_rows` is above 0.
 *
 * @public
 */
export function evaluateQualityResult(
  rule: QualityRule,
  row: QualityResultRow,
): QualityOutcome {
  const checkedRows = countOf(row.checked_rows);
  const failingRows = countOf(row.failing_rows);
  if (checkedRows === undefined || failingRows === undefined) {
    return qualityErrorOutcome(
      `the check returned an unreadable result (checked_rows ${describe(
        row.checked_rows,
      )}, failing_rows ${describe(row.failing_rows)})`,
    );
  }
  const observed =
    row.observed === null || row.observed === undefined
      ? undefined
      : String(row.observed);
  const result = { checkedRows, failingRows, observed };
  const message = messageFor(rule, result);
  if (typeof message !== 'string') {
    return qualityErrorOutcome(
      `unknown quality check '${message.unknownCheck}'`,
    );
  }
  return {
    status: failingRows > 0 ? 'fail' : 'pass',
    ...result,
    message,
  };
}

/**
 * The outcome of a check that could not run: its query could not be
 * written (`problem` of {@link qualityCheckQuery}) or the engine rejected
 * it.
 *
 * @public
 */
export function qualityErrorOutcome(message: string): QualityOutcome {
  return { status: 'error', message };
}

interface CheckResult {
  readonly checkedRows: number;
  readonly failingRows: number;
  readonly observed?: string;
}

function messageFor(
  rule: QualityRule,
  result: CheckResult,
): string | { unknownCheck: string } {
  const { checkedRows, failingRows, observed } = result;
  const failing = `${formatCount(failingRows)} of ${formatCount(
    checkedRows,
  )} rows`;
  const examples = observed ? ` (e.g. ${truncate(observed)})` : '';
  const nothingToCheck = checkedRows === 0 ? 'no rows to check' : undefined;
  switch (rule.check) {
    case 'not_null':
      return failingRows > 0
        ? `${failing} have a null ${rule.column}`
        : nothingToCheck ??
            `no null ${rule.column} in ${formatCount(checkedRows)} rows`;
    case 'accepted_values': {
      const accepted = formatList(
        rule.values.filter(value => value !== null).map(String),
      );
      return failingRows > 0
        ? `${rule.column} is not one of ${accepted} in ${failing}${examples}`
        : nothingToCheck ??
            `every ${rule.column} is one of ${accepted} or null`;
    }
    case 'range': {
      const span = rangeText(rule.min, rule.max);
      const extremes = observed?.split(' .. ');
      const seen =
        extremes?.length === 2
          ? `; values range from ${extremes[0]} to ${extremes[1]}`
          : '';
      return failingRows > 0
        ? `${rule.column} is ${span.outside} in ${failing}${seen}`
        : nothingToCheck ??
            `every ${rule.column} is ${span.inside} or null${seen}`;
    }
    case 'regex':
      return failingRows > 0
        ? `${rule.column} does not match ${rule.pattern} in ${failing}${examples}`
        : nothingToCheck ??
            `every ${rule.column} matches ${rule.pattern} or is null`;
    case 'unique': {
      const key =
        rule.columns.length === 1
          ? rule.columns[0]
          : `(${rule.columns.join(', ')})`;
      return failingRows > 0
        ? `${key} is duplicated in ${failing}${examples}`
        : nothingToCheck ??
            `${key} is unique across ${formatCount(checkedRows)} rows`;
    }
    case 'row_count': {
      const count = formatCount(checkedRows);
      if (rule.min !== undefined && checkedRows < rule.min) {
        return `row count ${count} is below the minimum ${formatCount(
          rule.min,
        )}`;
      }
      if (rule.max !== undefined && checkedRows > rule.max) {
        return `row count ${count} is above the maximum ${formatCount(
          rule.max,
        )}`;
      }
      return `row count ${count} is ${rangeText(rule.min, rule.max).inside}`;
    }
    case 'custom_sql':
      return failingRows > 0
        ? `${formatCount(failingRows)} ${
            failingRows === 1 ? 'row breaks' : 'rows break'
          } "${rule.description}"`
        : `no rows break "${rule.description}"`;
    case 'freshness':
      return freshnessMessage(rule.column, rule.maxAgeHours, observed);
    default:
      return { unknownCheck: checkOf(rule) };
  }
}

function rangeText(
  min: number | undefined,
  max: number | undefined,
): { inside: string; outside: string } {
  if (min !== undefined && max !== undefined) {
    const span = `${formatBound(min)} to ${formatBound(max)}`;
    return { inside: `within ${span}`, outside: `outside ${span}` };
  }
  if (min !== undefined) {
    return {
      inside: `at least ${formatBound(min)}`,
      outside: `below the minimum ${formatBound(min)}`,
    };
  }
  if (max !== undefined) {
    return {
      inside: `at most ${formatBound(max)}`,
      outside: `above the maximum ${formatBound(max)}`,
    };
  }
  return { inside: 'without bounds', outside: 'outside no bounds' };
}

function freshnessMessage(
  column: string,
  maxAgeHours: number,
  observed: string | undefined,
): string {
  const allowed = `the contract allows ${formatBound(maxAgeHours)} h`;
  const age = observed === undefined ? NaN : Number(observed);
  if (Number.isNaN(age)) return `${column} has no values; ${allowed}`;
  if (age < 0) {
    return `newest ${column} is ${formatHours(-age)} h in the future`;
  }
  return `newest ${column} is ${formatHours(age)} h old; ${allowed}`;
}

/** A row count from the engine's client, or undefined if it is not one. */
function countOf(value: unknown): number | undefined {
  const count =
    typeof value === 'bigint' ||
    (typeof value === 'string' && /^\d+$/.test(value.trim()))
      ? Number(value)
      : value;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0
    ? count
    : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'string'
    ? JSON.stringify(value)
    : String(value as never);
}
