import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** What the preview API allows, from `dataMesh.preview`. */
export interface PreviewConfig {
  /** The most rows a preview returns; requests asking for more get this many. */
  readonly maxRows: number;
  /** Rows returned when a request does not say. */
  readonly defaultRows: number;
  readonly timeoutMs: number;
  readonly concurrency: { readonly perUser: number; readonly total: number };
  /** The engine previews run on; absent means the first registered one. */
  readonly engine?: string;
  /**
   * DBUs per hour of warehouse time, to estimate cost from durations when
   * no billed or estimated cost is recorded.
   */
  readonly dbusPerHour?: number;
}

/** Row limits beyond this move bulk data through the portal, which it must not do. */
const MAX_ROWS_CAP = 1000;
const DEFAULT_MAX_ROWS = 100;

/**
 * Reads `dataMesh.preview`: `maxRows` (default 100, at most 1000),
 * `timeoutSeconds` (30), `concurrency.perUser` (2), `concurrency.total`
 * (8) and `engine`; the DBU rate of cost estimates is the runner's
 * `dataMesh.runner.dbuPerHour` (default 1).
 */
export function readPreviewConfig(config: Config): PreviewConfig {
  const preview = config.getOptionalConfig('dataMesh.preview');
  const positive = (key: string, fallback: number) => {
    const value = preview?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new InputError(
        `dataMesh.preview.${key} must be a positive number, got ${value}`,
      );
    }
    return value;
  };
  const whole = (key: string, fallback: number) => {
    const value = positive(key, fallback);
    if (!Number.isInteger(value)) {
      throw new InputError(
        `dataMesh.preview.${key} must be a whole number, got ${value}`,
      );
    }
    return value;
  };
  const maxRows = Math.min(whole('maxRows', DEFAULT_MAX_ROWS), MAX_ROWS_CAP);
  // One local DBU rate for runs and previews: the runner's.
  const dbusPerHour =
    config.getOptionalNumber('dataMesh.runner.dbuPerHour') ?? 1;
  if (!(dbusPerHour > 0) || !Number.isFinite(dbusPerHour)) {
    throw new InputError(
      `dataMesh.runner.dbuPerHour must be a positive number, got ${dbusPerHour}`,
    );
  }
  return {
    maxRows,
    defaultRows: Math.min(DEFAULT_MAX_ROWS, maxRows),
    timeoutMs: positive('timeoutSeconds', 30) * 1000,
    concurrency: {
      perUser: whole('concurrency.perUser', 2),
      total: whole('concurrency.total', 8),
    },
    engine: preview?.getOptionalString('engine'),
    dbusPerHour,
  };
}
