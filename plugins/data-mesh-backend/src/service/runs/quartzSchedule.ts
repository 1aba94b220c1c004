import { validateQuartzCron } from '@meshwork/data-mesh-common';

/**
 * A job file's Quartz schedule as the crontab the Backstage scheduler
 * takes, or why it cannot be one.
 */
export type CrontabConversion = { cron: string } | { error: string };

interface Field {
  /** Quartz's range of the field. */
  min: number;
  max: number;
  /** Upper-case names Quartz accepts, valued from `min`. */
  names?: string[];
  /** Added to a Quartz value to get the crontab value. */
  shift: number;
}

const MINUTE: Field = { min: 0, max: 59, shift: 0 };
const HOUR: Field = { min: 0, max: 23, shift: 0 };
const DAY_OF_MONTH: Field = { min: 1, max: 31, shift: 0 };
const MONTH: Field = {
  min: 1,
  max: 12,
  names: 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' '),
  shift: 0,
};
// Quartz counts weekdays 1-7 from Sunday, crontab 0-6.
const DAY_OF_WEEK: Field = {
  min: 1,
  max: 7,
  names: 'SUN MON TUE WED THU FRI SAT'.split(' '),
  shift: -1,
};

function value(text: string, field: Field): number {
  const named = field.names?.indexOf(text) ?? -1;
  return (named >= 0 ? field.min + named : Number(text)) + field.shift;
}

/** One comma-separated element: `*`, `v`, `a-b`, each with an optional `/step`. */
function convertElement(element: string, field: Field): string {
  const [range, step] = element.split('/');
  const suffix = step === undefined ? '' : `/${step}`;
  if (range === '*') return `*${suffix}`;
  const [from, to] = range.split('-').map(bound => value(bound, field));
  if (to === undefined) return `${from}${suffix}`;
  if (from <= to) return `${from}-${to}${suffix}`;
  // Quartz lets a range wrap around (FRI-MON, 22-2); crontab does not.
  if (step !== undefined) {
    throw new Error(
      `"${element}": a range that wraps around cannot have a step`,
    );
  }
  const last = field.max + field.shift;
  const first = field.min + field.shift;
  return `${from}-${last},${first}-${to}`;
}

function convertField(text: string, field: Field): string {
  if (text === '?') return '*';
  return text
    .split(',')
    .map(element => convertElement(element, field))
    .join(',');
}

/**
 * Converts a job file's Quartz cron expression (`0 0 6 * * ?`) to the
 * crontab of the Backstage scheduler (`0 6 * * *`; seconds are kept as a
 * sixth field when they are not 0). The scheduler has no time zone: the
 * crontab fires in the backend's time zone.
 *
 * Quartz features crontab lacks (`L`, `W`, `#`, a year other than `*`) are
 * refused rather than approximated, so a job never runs at a time its file
 * does not say.
 */
export function quartzToCrontab(expression: string): CrontabConversion {
  const validation = validateQuartzCron(expression);
  if (!validation.valid) return { error: validation.message };
  const [seconds, minutes, hours, dayOfMonth, month, dayOfWeek, year] =
    expression.trim().toUpperCase().split(/\s+/);
  if (year !== undefined && year !== '*') {
    return {
      error: `the year field "${year}" cannot be scheduled in the backend; use "*" or leave it out`,
    };
  }
  if (/[LW#]/.test(`${dayOfMonth} ${dayOfWeek}`)) {
    return {
      error: `"L", "W" and "#" days (${dayOfMonth} ${dayOfWeek}) cannot be scheduled in the backend`,
    };
  }
  try {
    const crontab = [
      convertField(minutes, MINUTE),
      convertField(hours, HOUR),
      convertField(dayOfMonth, DAY_OF_MONTH),
      convertField(month, MONTH),
      convertField(dayOfWeek, DAY_OF_WEEK),
    ];
    return {
      cron: (seconds === '0' ? crontab : [seconds, ...crontab]).join(' '),
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
