import {
  DuckDBAppender,
  DuckDBConnection,
  DuckDBDataChunk,
} from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { demoDataChecksum } from './checksum';
import { DEMO_DEFAULT_SEED, DEMO_SCHEMA } from './constants';
import { generateDemoData, validateDemoOptions } from './generateDemoData';
import { DemoData, DemoTable } from './types';
import {
  errorSummary,
  inspectWarehousePath,
  openWarehouse,
  quoteIdentifier,
  quoteLiteral,
} from './warehouseFile';
import { toDuckDBValueConverter } from './warehouseValues';

/** Where the seeder records what a file was seeded with. */
const SEED_INFO_SCHEMA = 'meshwork';
const SEED_INFO_TABLE = 'seed_info';
/** DuckDB's largest data chunk (its vector size). */
const ROWS_PER_CHUNK = 2048;

/**
 * Options for {@link seedDemoWarehouse}.
 *
 * @public
 */
export interface SeedDemoWarehouseOptions {
  /** The DuckDB file to write. Missing parent folders are created. */
  path: string;
  /** Defaults to 42. */
  seed?: number;
  /** A positive integer; defaults to 1. */
  scale?: number;
  /**
   * Replace an existing DuckDB file even when it holds other data. Files
   * that are not DuckDB databases are never replaced.
   */
  force?: boolean;
  /**
   * Called after each table is written, e.g. to report progress. If it
   * throws, seeding stops and nothing is left at the path.
   */
  onTableWritten?: (table: SeededTable) => void | Promise<void>;
}

/**
 * A table in a seeded warehouse.
 *
 * @public
 */
export interface SeededTable {
  name: string;
  rows: number;
}

/**
 * What {@link seedDemoWarehouse} did.
 *
 * @public
 */
export interface SeedDemoWarehouseResult {
  /** The absolute path of the warehouse. */
  path: string;
  seed: number;
  scale: number;
  checksum: string;
  tables: SeededTable[];
  durationMs: number;
  /** `up-to-date` when the file already held this exact data and was left alone. */
  outcome: 'seeded' | 'up-to-date';
}

interface SeedInfo {
  seed: number;
  scale: number;
  checksum: string;
}

/** The seed info of an existing warehouse, or undefined if it has none. */
async function readSeedInfo(path: string): Promise<SeedInfo | undefined> {
  const warehouse = await openWarehouse(path, { readOnly: true });
  try {
    const { connection } = warehouse;
    const found = await connection.runAndReadAll(
      `SELECT count(*) FROM duckdb_tables()
       WHERE database_name = current_database()
         AND schema_name = ${quoteLiteral(SEED_INFO_SCHEMA)}
         AND table_name = ${quoteLiteral(SEED_INFO_TABLE)}`,
    );
    if (Number(found.getRows()[0][0]) === 0) {
      return undefined;
    }
    const rows = (
      await connection.runAndReadAll(
        `SELECT seed, scale, checksum FROM ${SEED_INFO_SCHEMA}.${SEED_INFO_TABLE}`,
      )
    ).getRows();
    if (rows.length !== 1) {
      return undefined;
    }
    const [seed, scale, checksum] = rows[0];
    return {
      seed: Number(seed),
      scale: Number(scale),
      checksum: String(checksum),
    };
  } finally {
    warehouse.close();
  }
}

/**
 * Decides whether an existing file may be replaced. Returns its seed info
 * when it was seeded with the same seed and scale (and force is off), so
 * the caller can compare checksums; returns undefined when the path is free
 * or force is on; throws when the file holds something else.
 */
async function seedInfoToCompare(
  target: string,
  seed: number,
  scale: number,
  force: boolean,
): Promise<SeedInfo | undefined> {
  const existing = await inspectWarehousePath(target);
  if (existing === 'missing' || force) {
    return undefined;
  }
  const info = await readSeedInfo(target);
  if (info?.seed === seed && info.scale === scale) {
    return info;
  }
  const holds = info
    ? `data seeded with seed ${info.seed} and scale ${info.scale}`
    : 'a database that was not seeded by meshwork';
  throw new Error(`${target} already holds ${holds}; use force to replace it`);
}

function createTableSql(table: DemoTable): string {
  const columns = table.columns.map(column => {
    let constraints = column.nullable ? '' : ' NOT NULL';
    if (column.name === table.primaryKey) {
      constraints = ' PRIMARY KEY';
    }
    return `  ${quoteIdentifier(column.name)} ${column.type}${constraints}`;
  });
  return `CREATE TABLE ${qualified(table.name)} (\n${columns.join(',\n')}\n)`;
}

function qualified(table: string): string {
  return `${quoteIdentifier(DEMO_SCHEMA)}.${quoteIdentifier(table)}`;
}

/** Comments make the warehouse describe itself in any SQL client. */
function commentSql(table: DemoTable): string[] {
  return [
    `COMMENT ON TABLE ${qualified(table.name)} IS ${quoteLiteral(
      table.description,
    )}`,
    ...table.columns.map(
      column =>
        `COMMENT ON COLUMN ${qualified(table.name)}.${quoteIdentifier(
          column.name,
        )} IS ${quoteLiteral(column.description)}`,
    ),
  ];
}

/** Appends rows a data chunk at a time, far faster than value by value. */
function appendRows(appender: DuckDBAppender, table: DemoTable): void {
  const types = table.columns.map((_, index) => appender.columnType(index));
  const converters = table.columns.map(column =>
    toDuckDBValueConverter(column.type),
  );
  for (let start = 0; start < table.rows.length; start += ROWS_PER_CHUNK) {
    const rows = table.rows.slice(start, start + ROWS_PER_CHUNK);
    const chunk = DuckDBDataChunk.create(types, rows.length);
    chunk.setColumns(
      converters.map((convert, index) => rows.map(row => convert(row[index]))),
    );
    appender.appendDataChunk(chunk);
  }
}

async function writeTables(
  connection: DuckDBConnection,
  data: DemoData,
  checksum: string,
  onTableWritten: SeedDemoWarehouseOptions['onTableWritten'],
): Promise<void> {
  await connection.run(`CREATE SCHEMA ${quoteIdentifier(DEMO_SCHEMA)}`);
  for (const table of data.tables) {
    await connection.run(createTableSql(table));
    for (const statement of commentSql(table)) {
      await connection.run(statement);
    }
    const appender = await connection.createAppender(table.name, DEMO_SCHEMA);
    try {
      appendRows(appender, table);
    } finally {
      appender.closeSync();
    }
    await onTableWritten?.({ name: table.name, rows: table.rows.length });
  }
  await connection.run(
    `CREATE SCHEMA ${SEED_INFO_SCHEMA};
     CREATE TABLE ${SEED_INFO_SCHEMA}.${SEED_INFO_TABLE} (
       seed BIGINT NOT NULL,
       scale INTEGER NOT NULL,
       checksum VARCHAR NOT NULL,
       as_of_date DATE NOT NULL
     );
     COMMENT ON TABLE ${SEED_INFO_SCHEMA}.${SEED_INFO_TABLE} IS
       'What the bronze tables were generated from; written by meshwork seed.'`,
  );
  await connection.run(
    `INSERT INTO ${SEED_INFO_SCHEMA}.${SEED_INFO_TABLE} VALUES ($1, $2, $3, CAST($4 AS DATE))`,
    [BigInt(data.seed), data.scale, checksum, data.asOfDate],
  );
  // Fold the write-ahead log into the file so it is complete on its own.
  await connection.run('CHECKPOINT');
}

/** Writes a complete warehouse to a fresh file. */
async function writeWarehouse(
  path: string,
  data: DemoData,
  checksum: string,
  onTableWritten: SeedDemoWarehouseOptions['onTableWritten'],
): Promise<void> {
  const warehouse = await openWarehouse(path, { readOnly: false });
  try {
    await writeTables(warehouse.connection, data, checksum, onTableWritten);
  } finally {
    warehouse.close();
  }
}

/**
 * Writes the demo data into a DuckDB file: the tables in schema `bronze`
 * and a one-row `meshwork.seed_info(seed, scale, checksum, as_of_date)`.
 *
 * The file is written under a temporary name in the same folder and
 * renamed into place only when complete, so the path never holds a
 * half-written warehouse. An existing DuckDB file is replaced only with
 * `force`, except that a file already seeded with the same seed, scale and
 * checksum is left alone and reported `up-to-date`. Failures are `Error`s
 * with a one-line message naming the path.
 *
 * @public
 */
export async function seedDemoWarehouse(
  options: SeedDemoWarehouseOptions,
): Promise<SeedDemoWarehouseResult> {
  const started = performance.now();
  const { seed = DEMO_DEFAULT_SEED, scale = 1, force = false } = options;
  const target = resolve(options.path);
  try {
    validateDemoOptions(seed, scale);
  } catch (error) {
    throw new Error(`Cannot seed ${target}: ${errorSummary(error)}`);
  }

  // Same seed and scale already there (and no force): compare checksums below.
  const existingInfo = await seedInfoToCompare(target, seed, scale, force);
  const data = generateDemoData({ seed, scale });
  const checksum = demoDataChecksum(data);
  const tables = data.tables.map(table => ({
    name: table.name,
    rows: table.rows.length,
  }));
  const result = (outcome: SeedDemoWarehouseResult['outcome']) => ({
    path: target,
    seed,
    scale,
    checksum,
    tables,
    durationMs: Math.round(performance.now() - started),
    outcome,
  });

  if (existingInfo) {
    if (existingInfo.checksum === checksum) {
      return result('up-to-date');
    }
    throw new Error(
      `${target} holds different data for seed ${seed} and scale ${scale} (checksum ${existingInfo.checksum}), from another version of the generator; use force to replace it`,
    );
  }

  const folder = dirname(target);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new Error(
      `Cannot create the folder for ${target}: ${errorSummary(error)}`,
    );
  }
  const temporary = join(
    folder,
    `.${basename(target)}.${process.pid}-${randomBytes(4).toString(
      'hex',
    )}.seeding`,
  );
  try {
    await writeWarehouse(temporary, data, checksum, options.onTableWritten);
    // A stale write-ahead log next to the target would be replayed onto
    // the new file when it is next opened.
    await rm(`${target}.wal`, { force: true });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    await rm(`${temporary}.wal`, { force: true });
    throw new Error(`Cannot seed ${target}: ${errorSummary(error)}`);
  }
  return result('seeded');
}
