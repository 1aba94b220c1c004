/**
 * Spark's SQL golden tests run in the session time zone America/Los_Angeles
 * (SQLQueryTestSuite sets `spark.sql.session.timeZone` and the JVM default
 * zone to it); Meshwork's runs are in UTC, as Databricks' are by default.
 *
 * A timestamp built from an epoch value is one instant in both, which Spark
 * prints in the session's zone, so its golden output is restated in UTC
 * here. Other timestamps (literals, parsed strings) are the same wall-clock
 * value in both and are compared as printed.
 */
export const GOLDEN_SESSION_TIME_ZONE = 'America/Los_Angeles';

/** Functions whose result is the instant of an epoch value. */
const EPOCH_CONVERSION = /^timestamp_(seconds|millis|micros)\s*\(/i;

const TIMESTAMP_TEXT =
  /^(-?\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/** The zone's offset from UTC, in milliseconds, at the instant `utcMs`. */
function zoneOffset(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const field = (type: string) =>
    Number(parts.find(part => part.type === type)!.value);
  const era = parts.find(part => part.type === 'era')!.value;
  const year = era === 'BC' ? 1 - field('year') : field('year');
  const wallClock = Date.UTC(
    year,
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wallClock - Math.floor(utcMs / 1000) * 1000;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The UTC wall clock of a wall clock printed in `zone`. */
export function wallClockInUtc(text: string, zone: string): string {
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return text;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const asUtc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  // The offset at the wall clock read as UTC, corrected once for a change
  // of offset between the two instants.
  let utc = asUtc - zoneOffset(zone, asUtc);
  utc = asUtc - zoneOffset(zone, utc);
  const date = new Date(utc);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(
    date.getUTCDate(),
  )} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(
    date.getUTCSeconds(),
  )}${fraction}`;
}

/** Spark's printed output of a golden case as a UTC session prints it. */
export function outputInUtc(sql: string, output: string): string {
  return EPOCH_CONVERSION.test(sql.trim())
    ? wallClockInUtc(output, GOLDEN_SESSION_TIME_ZONE)
    : output;
}
