/**
 * Time zone ids as Databricks takes them in `schedule.timezone_id`: Java
 * `ZoneId`s, which are IANA tz database names (`Europe/Amsterdam`, `UTC`)
 * and their backward-compatible aliases (`US/Eastern`).
 */

/** Zones the tz database has that `Intl.supportedValuesOf` leaves out as non-canonical. */
const UNIVERSAL_ZONES = ['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT'];

/**
 * An IANA-style name: segments that start with an upper-case letter or digit.
 * Intl also accepts `europe/amsterdam` and `+01:00`, which Java rejects or
 * reads differently, so case and shape are checked here.
 */
const ZONE_NAME = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/;

let supportedZones: Set<string> | undefined;

function canonicalZones(): Set<string> {
  if (!supportedZones) {
    const intl = Intl as typeof Intl & {
      supportedValuesOf?: (key: 'timeZone') => string[];
    };
    supportedZones = new Set([
      ...UNIVERSAL_ZONES,
      ...(intl.supportedValuesOf?.('timeZone') ?? []),
    ]);
  }
  return supportedZones;
}

/**
 * Whether `id` is a time zone id that a Databricks schedule accepts. Uses
 * `Intl.supportedValuesOf('timeZone')` where the runtime has it, and the
 * runtime's `Intl.DateTimeFormat` for aliases it does not list.
 *
 * @public
 */
export function isValidTimeZoneId(id: string): boolean {
  if (typeof id !== 'string' || !ZONE_NAME.test(id)) {
    return false;
  }
  if (canonicalZones().has(id)) {
    return true;
  }
  try {
    // Throws a RangeError for a zone the runtime does not know.
    const format = new Intl.DateTimeFormat('en-US', { timeZone: id });
    return format.resolvedOptions().timeZone !== undefined;
  } catch {
    return false;
  }
}
