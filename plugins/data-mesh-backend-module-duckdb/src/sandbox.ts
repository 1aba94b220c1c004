import { Config } from '@backstage/config';
import { WarehouseConfigError } from './WarehouseConfigError';

export const DUCKDB_MEMORY_LIMIT_CONFIG_KEY =
  'dataMesh.engines.duckdb.memoryLimit';
export const DUCKDB_THREADS_CONFIG_KEY = 'dataMesh.engines.duckdb.threads';
export const DUCKDB_MAX_TEMP_DIRECTORY_SIZE_CONFIG_KEY =
  'dataMesh.engines.duckdb.maxTempDirectorySize';

/**
 * What the DuckDB warehouse may use of the machine. DuckDB applies these to
 * the database instance, not to a connection or a query, and the backend
 * opens one instance: they bound all its previews, describes and job writes
 * together. A single query can take all of it, but never more.
 *
 * @public
 */
export interface DuckDbLimits {
  /** Memory for data, e.g. `2GB`; operators that can spill go to disk beyond it. */
  memoryLimit: string;
  /** Worker threads of the instance. */
  threads: number;
  /** The most the instance spills into its temp directory (`<warehouse>.tmp`). */
  maxTempDirectorySize: string;
}

/** The limits of an instance whose config sets none. */
export const DEFAULT_DUCKDB_LIMITS: Readonly<DuckDbLimits> = {
  memoryLimit: '2GB',
  threads: 2,
  maxTempDirectorySize: '10GB',
};

/**
 * The sizes DuckDB reads, minus the spellings that mean "no limit" (`-1`,
 * `none`) and the percentages some versions refuse at start.
 */
const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT]i?)?B$/i;

/** Bytes per unit, as DuckDB counts them: `KB` is 1000, `KiB` 1024. */
const UNITS: Record<string, number> = {
  '': 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  KI: 2 ** 10,
  MI: 2 ** 20,
  GI: 2 ** 30,
  TI: 2 ** 40,
};

/**
 * DuckDB reads the database in blocks of 256 KiB: with less memory than a
 * few of them every query fails, out of memory, so a smaller limit is a
 * mistake in the config.
 */
const SMALLEST_SIZE = 1e6;

/**
 * The options every instance is created with. Passing them to
 * `DuckDBInstance.create` rather than running `SET` afterwards leaves no
 * moment in which a query could run without them.
 *
 * Preview SQL is written by portal users, so the instance reaches nothing
 * outside its own database: no files, URLs, other databases or extensions.
 * DuckDB still lets a query open the database file, its WAL and its temp
 * directory; `DuckDbEngine` refuses the statements that write files.
 */
export function sandboxedInstanceOptions(
  limits: DuckDbLimits,
): Record<string, string> {
  return {
    enable_external_access: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    // Persistent secrets live in files under the user's home directory.
    allow_persistent_secrets: 'false',
    allow_unredacted_secrets: 'false',
    memory_limit: checkSize(DUCKDB_MEMORY_LIMIT_CONFIG_KEY, limits.memoryLimit),
    threads: String(checkThreads(DUCKDB_THREADS_CONFIG_KEY, limits.threads)),
    max_temp_directory_size: checkSize(
      DUCKDB_MAX_TEMP_DIRECTORY_SIZE_CONFIG_KEY,
      limits.maxTempDirectorySize,
    ),
    // Makes every setting above final: SET, RESET and PRAGMA cannot undo
    // them, whoever writes the query.
    lock_configuration: 'true',
  };
}

/** The limits in the config, the defaults where it has none. */
export function readDuckDbLimits(config: Config): DuckDbLimits {
  const memoryLimit = config.getOptional(DUCKDB_MEMORY_LIMIT_CONFIG_KEY);
  const threads = config.getOptional(DUCKDB_THREADS_CONFIG_KEY);
  const maxTempDirectorySize = config.getOptional(
    DUCKDB_MAX_TEMP_DIRECTORY_SIZE_CONFIG_KEY,
  );
  return {
    memoryLimit:
      memoryLimit === undefined
        ? DEFAULT_DUCKDB_LIMITS.memoryLimit
        : checkSize(DUCKDB_MEMORY_LIMIT_CONFIG_KEY, memoryLimit),
    threads:
      threads === undefined
        ? DEFAULT_DUCKDB_LIMITS.threads
        : checkThreads(DUCKDB_THREADS_CONFIG_KEY, threads),
    maxTempDirectorySize:
      maxTempDirectorySize === undefined
        ? DEFAULT_DUCKDB_LIMITS.maxTempDirectorySize
        : checkSize(
            DUCKDB_MAX_TEMP_DIRECTORY_SIZE_CONFIG_KEY,
            maxTempDirectorySize,
          ),
  };
}

function checkSize(key: string, value: unknown): string {
  const size = typeof value === 'string' ? value.trim() : '';
  const [, amount, unit = ''] = size.match(SIZE) ?? [];
  if (
    amount === undefined ||
    Number(amount) * UNITS[unit.toUpperCase()] < SMALLEST_SIZE
  ) {
    throw new WarehouseConfigError(
      `${key}: ${JSON.stringify(value)} is not a size of at least 1MB; ` +
        `write a number and a unit, e.g. '2GB' (B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)`,
    );
  }
  return size;
}

function checkThreads(key: string, value: unknown): number {
  // Config from environment variables arrives as strings.
  const threads =
    typeof value === 'string' && /^\d+$/.test(value.trim())
      ? Number(value)
      : value;
  if (
    typeof threads !== 'number' ||
    !Number.isInteger(threads) ||
    threads < 1
  ) {
    throw new WarehouseConfigError(
      `${key}: ${JSON.stringify(
        value,
      )} is not a number of threads; write a whole number of at least 1`,
    );
  }
  return threads;
}
