/*
 * Calendar arithmetic on "epoch days" (days since 1970-01-01, UTC).
 *
 * The demo data works in whole days and seconds only, always in UTC, so no
 * result depends on the machine's time zone or the current date.
 */

const MILLIS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of an ISO date such as `2026-06-30`. */
export function epochDay(text: string): number {
  const match = ISO_DATE.exec(text);
  if (!match) {
    throw new Error(`Expected an ISO date (YYYY-MM-DD), got '${text}'`);
  }
  const [, year, month, day] = match;
  return (
    Date.UTC(Number(year), Number(month) - 1, Number(day)) / MILLIS_PER_DAY
  );
}

/*
 * The demo data spans a few thousand days but formats hundreds of thousands
 * of dates; sharing one string per day saves most of the allocations.
 */
const isoDates = new Map<number, string>();

/** ISO date (`YYYY-MM-DD`) of an epoch day. */
export function isoDate(day: number): string {
  let text = isoDates.get(day);
  if (text === undefined) {
    text = new Date(day * MILLIS_PER_DAY).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
}

/**
 * DuckDB's text form of a timestamp without time zone,
 * `YYYY-MM-DD HH:MM:SS`, for a day and a second within it.
 */
export function timestampText(day: number, secondOfDay: number): string {
  const two = (value: number) => (value < 10 ? `0${value}` : `${value}`);
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  return `${isoDate(day)} ${two(hours)}:${two(minutes)}:${two(
    secondOfDay % 60,
  )}`;
}

/** Day of the week: 0 is Sunday, 6 is Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Month of the year, 1 to 12. */
export function monthOf(day: number): number {
  return new Date(day * MILLIS_PER_DAY).getUTCMonth() + 1;
}
