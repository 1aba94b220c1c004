/**
 * Validation of Quartz cron expressions, the schedule syntax of the
 * Databricks Jobs API (`schedule.quartz_cron_expression`):
 *
 * ```
 * seconds minutes hours day-of-month month day-of-week [year]
 * ```
 *
 * Checked here rather than left to the deploy, because a bad schedule found
 * at `databricks bundle deploy` is far from the job file that caused it.
 */

/**
 * The outcome of {@link validateQuartzCron}.
 *
 * @public
 */
export type QuartzCronValidation =
  | { valid: true }
  | { valid: false; message: string };

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Largest increment Quartz accepts after `/`. */
  maxStep: number;
  /** Upper-case names accepted instead of numbers, valued from `min`. */
  names?: string[];
}

const MONTHS = 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ');
const DAYS = 'SUN MON TUE WED THU FRI SAT'.split(' ');

const SECONDS: FieldSpec = { name: 'seconds', min: 0, max: 59, maxStep: 59 };
const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59, maxStep: 59 };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23, maxStep: 23 };
const DAY_OF_MONTH: FieldSpec = {
  name: 'day-of-month',
  min: 1,
  max: 31,
  maxStep: 31,
};
const MONTH: FieldSpec = {
  name: 'month',
  min: 1,
  max: 12,
  maxStep: 12,
  names: MONTHS,
};
const DAY_OF_WEEK: FieldSpec = {
  name: 'day-of-week',
  min: 1,
  max: 7,
  maxStep: 7,
  names: DAYS,
};
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2099, maxStep: 130 };

/** Parses one value (number or name) of a field, or returns undefined. */
function parseValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(text) ?? -1;
  return index >= 0 ? spec.min + index : undefined;
}

/**
 * Checks one comma-separated element: `*`, `v`, `a-b`, with an optional
 * `/step` (`*\/15`, `5/10`, `10-40/5`).
 */
function checkElement(element: string, spec: FieldSpec): string | undefined {
  const [range, step, ...rest] = element.split('/');
  if (rest.length > 0) {
    return `"${element}" has more than one "/"`;
  }
  // Quartz rejects increments that do not fit the field, such as "0/60".
  if (
    step !== undefined &&
    !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= spec.maxStep)
  ) {
    return `"${element}": the increment must be a number from 1 to ${spec.maxStep}`;
  }
  if (range === '*') {
    return undefined;
  }
  const bounds = range.split('-');
  if (
    bounds.length > 2 ||
    bounds.some(b => parseValue(b, spec) === undefined)
  ) {
    const allowed = spec.names
      ? `${spec.min}-${spec.max} or ${spec.names[0]}-${
          spec.names[spec.names.length - 1]
        }`
      : `${spec.min}-${spec.max}`;
    return `"${element}" is not a value or range of ${allowed}`;
  }
  // A range such as 22-2 (hours) or FRI-MON wraps around; Quartz allows it.
  return undefined;
}

/** Checks a field made of `*`, values, ranges and steps, comma-separated. */
function checkPlainField(text: string, spec: FieldSpec): string | undefined {
  for (const element of text.split(',')) {
    const problem = checkElement(element, spec);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

/** Day-of-month also accepts `L`, `L-n`, `nW` and `LW`, each on its own. */
function checkDayOfMonth(text: string): string | undefined {
  if (text === 'L' || text === 'LW') {
    return undefined;
  }
  const lastOffset = /^L-(\d+)$/.exec(text);
  if (lastOffset) {
    return Number(lastOffset[1]) <= 30
      ? undefined
      : `"${text}": the offset from the last day must be 0-30`;
  }
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) {
    return parseValue(weekday[1], DAY_OF_MONTH) === undefined
      ? `"${text}": "W" needs a day of month 1-31`
      : undefined;
  }
  if (/[LW]/.test(text)) {
    return `"${text}": "L" and "W" cannot be combined with lists or ranges`;
  }
  return checkPlainField(text, DAY_OF_MONTH);
}

/** Day-of-week also accepts `L`, `nL` (last n-day) and `n#k` (k-th n-day), each on its own. */
function checkDayOfWeek(text: string): string | undefined {
  if (text === 'L') {
    return undefined;
  }
  const last = /^([^#L,/-]+)L$/.exec(text);
  if (last) {
    return parseValue(last[1], DAY_OF_WEEK) === undefined
      ? `"${text}": "L" needs a day of week 1-7 or SUN-SAT`
      : undefined;
  }
  const nth = /^([^#,/-]+)#(\d+)$/.exec(text);
  if (nth) {
    if (parseValue(nth[1], DAY_OF_WEEK) === undefined) {
      return `"${text}": "#" needs a day of week 1-7 or SUN-SAT`;
    }
    const k = Number(nth[2]);
    return k >= 1 && k <= 5
      ? undefined
      : `"${text}": the week after "#" must be 1-5`;
  }
  // No day name contains an L, so any L or # left is misplaced.
  if (/[L#]/.test(text)) {
    return `"${text}": "L" and "#" cannot be combined with lists or ranges`;
  }
  return checkPlainField(text, DAY_OF_WEEK);
}

/**
 * Validates a Quartz cron expression: 6 or 7 whitespace-separated fields,
 * with `?` in exactly one of day-of-month and day-of-week, as Quartz
 * requires.
 *
 * @example
 * ```ts
 * validateQuartzCron('0 0 6 * * ?'); // { valid: true }, daily at 06:00
 * validateQuartzCron('0 0 6 * * *'); // invalid: day-of-month and day-of-week both set
 * ```
 * @public
 */
export function validateQuartzCron(expression: string): QuartzCronValidation {
  if (typeof expression !== 'string') {
    return { valid: false, message: 'the expression must be a string' };
  }
  // Quartz upper-cases the expression before parsing: "mon-fri" is MON-FRI.
  const fields = expression.trim().toUpperCase().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    return {
      valid: false,
      message: `expected 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got ${
        expression.trim() === '' ? 0 : fields.length
      }`,
    };
  }
  const [seconds, minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;

  const dayOfMonthUnset = dayOfMonth === '?';
  const dayOfWeekUnset = dayOfWeek === '?';
  if (dayOfMonthUnset === dayOfWeekUnset) {
    return {
      valid: false,
      message:
        'exactly one of day-of-month and day-of-week must be "?" (e.g. "0 0 6 * * ?" for every day)',
    };
  }

  const checks: Array<[FieldSpec, string | undefined]> = [
    [SECONDS, checkPlainField(seconds, SECONDS)],
    [MINUTES, checkPlainField(minutes, MINUTES)],
    [HOURS, checkPlainField(hours, HOURS)],
    [DAY_OF_MONTH, dayOfMonthUnset ? undefined : checkDayOfMonth(dayOfMonth)],
    [MONTH, checkPlainField(month, MONTH)],
    [DAY_OF_WEEK, dayOfWeekUnset ? undefined : checkDayOfWeek(dayOfWeek)],
    [YEAR, year === undefined ? undefined : checkPlainField(year, YEAR)],
  ];
  for (const [spec, problem] of checks) {
    if (problem) {
      return { valid: false, message: `${spec.name} field: ${problem}` };
    }
  }
  return { valid: true };
}
