/**
 * Spark's interval literals reduced to the language's one-unit intervals:
 * `INTERVAL '2-2' YEAR TO MONTH` is 26 months, `INTERVAL 1 DAY 2 HOURS` is
 * 26 hours. Both dialects add such an interval to a date or timestamp the
 * way Spark adds the multi-unit one.
 */
import type { IntervalUnit } from './ast';

/** The two families Spark does not mix: year-month and day-time. */
const UNIT_SIZES: Record<
  IntervalUnit,
  { family: 'year-month' | 'day-time'; size: number; order: number }
> = {
  YEAR: { family: 'year-month', size: 12, order: 0 },
  MONTH: { family: 'year-month', size: 1, order: 1 },
  DAY: { family: 'day-time', size: 86400, order: 2 },
  HOUR: { family: 'day-time', size: 3600, order: 3 },
  MINUTE: { family: 'day-time', size: 60, order: 4 },
  SECOND: { family: 'day-time', size: 1, order: 5 },
};

const UNITS_IN_ORDER: readonly IntervalUnit[] = [
  'YEAR',
  'MONTH',
  'DAY',
  'HOUR',
  'MINUTE',
  'SECOND',
];

/** The largest value of a field that is not the leading one. */
const FIELD_MAXIMUM: Partial<Record<IntervalUnit, number>> = {
  MONTH: 11,
  HOUR: 23,
  MINUTE: 59,
  SECOND: 59,
};

/** One interval value in one unit, or why it cannot be. */
export type IntervalResult =
  | { readonly value: number; readonly unit: IntervalUnit }
  | { readonly problem: string };

/**
 * `n1 unit1 n2 unit2 …` as one value in the finest unit; the units must be
 * of one family and each given once.
 */
export function combineIntervalParts(
  parts: ReadonlyArray<{ readonly value: number; readonly unit: IntervalUnit }>,
): IntervalResult {
  const families = new Set(parts.map(p => UNIT_SIZES[p.unit].family));
  if (families.size > 1) {
    return {
      problem:
        'an INTERVAL literal cannot mix years or months with days or smaller units; add two intervals instead',
    };
  }
  const seen = new Set<IntervalUnit>();
  for (const part of parts) {
    if (seen.has(part.unit)) {
      return { problem: `the unit ${part.unit} is given twice` };
    }
    seen.add(part.unit);
  }
  const finest = parts.reduce((a, b) =>
    UNIT_SIZES[b.unit].order > UNIT_SIZES[a.unit].order ? b : a,
  ).unit;
  const total = parts.reduce(
    (sum, part) => sum + part.value * UNIT_SIZES[part.unit].size,
    0,
  );
  const value = total / UNIT_SIZES[finest].size;
  if (!Number.isSafeInteger(value)) {
    return { problem: 'the INTERVAL literal is too large' };
  }
  return { value: value === 0 ? 0 : value, unit: finest };
}

/**
 * The text of `INTERVAL '…' from TO to` (`'2-2' YEAR TO MONTH`,
 * `'1 02:03:04' DAY TO SECOND`) as one value in the unit `to`.
 */
export function parseIntervalRange(
  text: string,
  from: IntervalUnit,
  to: IntervalUnit,
): IntervalResult {
  const first = UNITS_IN_ORDER.indexOf(from);
  const last = UNITS_IN_ORDER.indexOf(to);
  const yearMonth = UNIT_SIZES[from].family === 'year-month';
  if (last <= first || UNIT_SIZES[from].family !== UNIT_SIZES[to].family) {
    return {
      problem: `INTERVAL … ${from} TO ${to} is not a valid range; use YEAR TO MONTH, or two of DAY, HOUR, MINUTE and SECOND`,
    };
  }
  const units = UNITS_IN_ORDER.slice(first, last + 1);
  const format = describeFormat(units);
  const match = /^\s*([-+]?)(.*?)\s*$/.exec(text)!;
  const sign = match[1] === '-' ? -1 : 1;
  let fields: string[];
  if (yearMonth) fields = match[2].split('-');
  else if (from === 'DAY') {
    const [days, ...rest] = match[2].split(/\s+/);
    fields = [days, ...(rest.length === 1 ? rest[0].split(':') : rest)];
  } else fields = match[2].split(':');
  if (
    fields.length !== units.length ||
    fields.some(field => !/^\d+$/.test(field))
  ) {
    const fraction = /\.\d/.test(text) && to === 'SECOND';
    return {
      problem: fraction
        ? 'fractions of a second are not supported in INTERVAL literals'
        : `invalid INTERVAL '${text}' ${from} TO ${to}: expected '${format}'`,
    };
  }
  const parts = units.map((unit, i) => ({ unit, value: Number(fields[i]) }));
  for (const part of parts.slice(1)) {
    const maximum = FIELD_MAXIMUM[part.unit]!;
    if (part.value > maximum) {
      return {
        problem: `invalid INTERVAL '${text}' ${from} TO ${to}: ${part.unit} must be between 0 and ${maximum}`,
      };
    }
  }
  const combined = combineIntervalParts(parts);
  if ('problem' in combined) return combined;
  const value = sign * combined.value;
  return { value: value === 0 ? 0 : value, unit: combined.unit };
}

function describeFormat(units: readonly IntervalUnit[]): string {
  const letter: Record<IntervalUnit, string> = {
    YEAR: 'y',
    MONTH: 'm',
    DAY: 'd',
    HOUR: 'h',
    MINUTE: 'mi',
    SECOND: 's',
  };
  if (units[0] === 'YEAR') return 'y-m';
  const time = units.filter(u => u !== 'DAY').map(u => letter[u]);
  return units[0] === 'DAY' ? `d ${time.join(':')}`.trim() : time.join(':');
}
