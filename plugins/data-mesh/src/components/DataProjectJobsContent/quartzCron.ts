/**
 * Quartz cron expressions, as Databricks job schedules take them: seconds,
 * minutes, hours, day of month, month, day of week and an optional year.
 * The compiler only checks the field count; this says what is wrong with a
 * field while the user types, and reads the common ones out loud.
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names allowed for values, numbered from `min`. */
  readonly names?: readonly string[];
  /** Quartz's special forms of this field beyond numbers, ranges and steps. */
  readonly special?: RegExp;
}

const MONTHS = 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ');
const WEEKDAYS = 'SUN MON TUE WED THU FRI SAT'.split(' ');

const FIELDS: readonly CronField[] = [
  { name: 'seconds', min: 0, max: 59 },
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  {
    name: 'day of month',
    min: 1,
    max: 31,
    special: /^(\?|L|LW|L-\d{1,2}|\d{1,2}W)$/,
  },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  {
    name: 'day of week',
    min: 1,
    max: 7,
    names: WEEKDAYS,
    special: /^(\?|L|[1-7]L|[1-7]#[1-5])$/,
  },
  { name: 'year', min: 1970, max: 2099 },
];

function valueOf(field: CronField, text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? field.min + index : undefined;
}

/** What is wrong with one comma-separated part of a field, if anything. */
function partProblem(field: CronField, part: string): string | undefined {
  if (part === '*' || field.special?.test(part.toUpperCase())) {
    return undefined;
  }
  const match = /^([^/-]+)(?:-([^/]+))?(?:\/(\d+))?$/.exec(part);
  if (!match) return `'${part}' is not a value, range or step`;
  const [, from, to, step] = match;
  const values = from === '*' && !to ? [] : [from, ...(to ? [to] : [])];
  for (const text of values) {
    const value = valueOf(field, text);
    if (value === undefined || value < field.min || value > field.max) {
      return `'${text}' is not between ${field.min} and ${field.max}`;
    }
  }
  if (step !== undefined && Number(step) === 0) return 'a step of 0';
  return undefined;
}

/**
 * Why `cron` is not a Quartz cron expression Databricks takes, or
 * undefined when it is.
 */
export function quartzCronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length === 0) return 'Say when the job runs, e.g. 0 0 6 * * ?';
  if (fields.length < 6 || fields.length > 7) {
    const unix =
      fields.length === 5
        ? ' A Unix cron has 5: add the seconds in front, e.g. 0 0 6 * * ?'
        : '';
    return `A Quartz cron has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not ${fields.length}.${unix}`;
  }
  for (let i = 0; i < fields.length; i++) {
    for (const part of fields[i].split(',')) {
      const problem = partProblem(FIELDS[i], part);
      if (problem) return `The ${FIELDS[i].name} field: ${problem}.`;
    }
  }
  const [dayOfMonth, dayOfWeek] = [fields[3], fields[5]];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return "Put '?' in exactly one of day of month and day of week, e.g. 0 0 6 * * ?";
  }
  return undefined;
}

const pad = (n: string) => n.padStart(2, '0');

/**
 * A cron expression in words for the common schedules ("every day at
 * 06:00", "every MON-FRI at 07:30"); undefined for the others.
 */
export function describeQuartzCron(cron: string): string | undefined {
  if (quartzCronProblem(cron)) return undefined;
  const [second, minute, hour, dayOfMonth, month, dayOfWeek, year] = cron
    .trim()
    .split(/\s+/);
  const plain = [second, minute, hour].every(f => /^\d+$/.test(f));
  if (!plain || month !== '*' || (year && year !== '*')) return undefined;
  const time = `${pad(hour)}:${pad(minute)}${
    Number(second) ? `:${pad(second)}` : ''
  }`;
  if (['*', '?'].includes(dayOfMonth) && ['*', '?'].includes(dayOfWeek)) {
    return `every day at ${time}`;
  }
  if (dayOfMonth === '?' && /^[A-Za-z1-7,-]+$/.test(dayOfWeek)) {
    return `every ${dayOfWeek.toUpperCase()} at ${time}`;
  }
  if (dayOfWeek === '?' && /^\d+$/.test(dayOfMonth)) {
    return `on day ${dayOfMonth} of every month at ${time}`;
  }
  return undefined;
}

/** Whether the runtime knows `timeZone` (an IANA name such as Europe/Paris). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!timeZone.trim()) return false;
  try {
    // Throws a RangeError for a zone it does not know.
    new Intl.DateTimeFormat('en', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}
