import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { open, stat } from 'node:fs/promises';
import {
  quoteIdentifier as quoteSqlIdentifier,
  renderStringLiteral,
} from '@meshwork/data-mesh-common';

/*
 * A DuckDB database file starts with an 8-byte checksum followed by the
 * magic bytes `DUCK`. Checking them lets the seeder refuse to overwrite
 * something that is not a warehouse without opening (and locking) it.
 */
const MAGIC = Buffer.from('DUCK');
const MAGIC_OFFSET = 8;

/** What is at a warehouse path before seeding. */
export type WarehousePathState = 'missing' | 'duckdb';

/**
 * The message of anything thrown. Duck-typed rather than `instanceof
 * Error`, which fails for errors created in another realm (such as Node's
 * own errors inside a Jest test environment).
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

/**
 * One line describing a caught error, for messages that already name the
 * path: DuckDB's error class prefix and links, and Node's errno code and
 * repeated path (`ENOTDIR: not a directory, stat '/a/b'`), are dropped.
 */
export function errorSummary(error: unknown): string {
  const message = errorMessage(error);
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const line = message
    .split('\n')[0]
    .replace(/^(IO|Catalog|Binder|Parser|Invalid Input) Error: /, '')
    .replace(/ See also https:\S+$/, '');
  if (code && syscall) {
    return line
      .replace(`${code}: `, '')
      .replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '');
  }
  return line;
}

/** Whether a regular file carries the DuckDB magic bytes. */
async function hasDuckDBMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(MAGIC_OFFSET + MAGIC.length);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    return (
      bytesRead === header.length && header.subarray(MAGIC_OFFSET).equals(MAGIC)
    );
  } finally {
    await handle.close();
  }
}

/**
 * Whether the path is free or holds a DuckDB database. Throws a one-line
 * error naming the path for anything else: a folder, or a file that is not
 * a DuckDB database (which is never overwritten, even with force, so that
 * a mistyped path cannot destroy an unrelated file).
 */
export async function inspectWarehousePath(
  path: string,
): Promise<WarehousePathState> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return 'missing';
    }
    throw new Error(`Cannot access ${path}: ${errorSummary(error)}`);
  }
  if (stats.isDirectory()) {
    throw new Error(`${path} is a folder, not a DuckDB file`);
  }
  if (!stats.isFile()) {
    throw new Error(`${path} is not a regular file`);
  }
  let isDuckDB;
  try {
    isDuckDB = await hasDuckDBMagic(path);
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${errorSummary(error)}`);
  }
  if (!isDuckDB) {
    throw new Error(`${path} is not a DuckDB database`);
  }
  return 'duckdb';
}

/** An open DuckDB database that must be closed after use. */
export interface OpenWarehouse {
  connection: DuckDBConnection;
  close(): void;
}

/**
 * Opens a DuckDB file, turning DuckDB's errors into one line that names
 * the path.
 */
export async function openWarehouse(
  path: string,
  options: { readOnly: boolean },
): Promise<OpenWarehouse> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(
      path,
      options.readOnly ? { access_mode: 'READ_ONLY' } : {},
    );
  } catch (error) {
    const summary = errorSummary(error);
    if (/Could not set lock/.test(summary)) {
      throw new Error(
        `${path} is in use by another process (such as a running backend); stop it and try again`,
      );
    }
    if (/not a valid DuckDB database/.test(summary)) {
      throw new Error(`${path} is not a DuckDB database`);
    }
    throw new Error(`Cannot open ${path}: ${summary}`);
  }
  try {
    const connection = await instance.connect();
    return {
      connection,
      close() {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (error) {
    instance.closeSync();
    throw new Error(`Cannot open ${path}: ${errorSummary(error)}`);
  }
}

/** A DuckDB identifier, always quoted (the seed's DDL quotes every name). */
export function quoteIdentifier(name: string): string {
  return quoteSqlIdentifier(name, 'duckdb', 'always');
}

/** A DuckDB string literal. */
export function quoteLiteral(text: string): string {
  return renderStringLiteral(text, 'duckdb');
}

/**
 * Runs a script of several statements one by one, so that an error names
 * its own statement rather than the whole script.
 */
export async function runScript(
  connection: DuckDBConnection,
  sql: string,
): Promise<void> {
  const statements = await connection.extractStatements(sql);
  for (let index = 0; index < statements.count; index++) {
    await (await statements.prepare(index)).run();
  }
}
