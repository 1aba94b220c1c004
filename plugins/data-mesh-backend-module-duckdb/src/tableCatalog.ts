import {
  DuckDBConnection,
  DuckDBTimestampTZValue,
  timestampTZValue,
} from '@duckdb/node-api';
import { TableName } from '@meshwork/data-mesh-node';

/** A table named the way DuckDB stores it, every part present. */
export type ResolvedTableName = Required<TableName>;

/**
 * Finds the table or view `table` names. DuckDB compares identifiers without
 * regard to case; parts left out are the current database and schema.
 */
export async function resolveTable(
  connection: DuckDBConnection,
  table: TableName,
): Promise<ResolvedTableName | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT table_catalog, table_schema, table_name
     FROM information_schema.tables
     WHERE lower(table_catalog) = lower(coalesce($catalog, current_database()))
       AND lower(table_schema) = lower(coalesce($schema, current_schema()))
       AND lower(table_name) = lower($name)`,
    {
      catalog: table.catalog ?? null,
      schema: table.schema ?? null,
      name: table.name,
    },
  );
  const [row] = reader.getRows();
  if (!row) return undefined;
  const [catalog, schema, name] = row as string[];
  return { catalog, schema, name };
}

/** The `COMMENT`s of a table's columns, by column name. */
export async function readColumnComments(
  connection: DuckDBConnection,
  table: ResolvedTableName,
): Promise<Map<string, string>> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, comment FROM duckdb_columns()
     WHERE database_name = $catalog AND schema_name = $schema
       AND table_name = $name AND comment IS NOT NULL`,
    { ...table },
  );
  return new Map(reader.getRows() as [string, string][]);
}

/**
 * DuckDB keeps no modification time for tables, so the engine logs each
 * target it writes, in the same transaction as the write. A log rather than
 * one row per table: concurrent writes of different targets then never
 * contend for the same row, and the history shows rows written per run.
 */
const TABLE_WRITES = 'meshwork.table_writes';

export const CREATE_TABLE_WRITES = `
CREATE SCHEMA IF NOT EXISTS meshwork;
CREATE TABLE IF NOT EXISTS ${TABLE_WRITES} (
  table_catalog VARCHAR NOT NULL,
  table_schema VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  rows_written BIGINT NOT NULL,
  written_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE ${TABLE_WRITES} IS 'Targets written by Meshwork pipelines: one row per write, read for table freshness';
`;

export async function recordTableWrite(
  connection: DuckDBConnection,
  table: ResolvedTableName,
  rowsWritten: number,
  writtenAt: Date,
): Promise<void> {
  await connection.run(
    `INSERT INTO ${TABLE_WRITES} VALUES ($catalog, $schema, $name, $rows, $at)`,
    {
      ...table,
      rows: BigInt(rowsWritten),
      at: timestampTZValue(BigInt(writtenAt.getTime()) * 1000n),
    },
  );
}

/** When Meshwork last wrote the table, if it ever did. */
export async function readLastWrite(
  connection: DuckDBConnection,
  table: ResolvedTableName,
): Promise<Date | undefined> {
  const exists = await connection.runAndReadAll(
    `SELECT 1 FROM information_schema.tables
     WHERE table_schema = 'meshwork' AND table_name = 'table_writes'
       AND table_catalog = current_database()`,
  );
  if (exists.currentRowCount === 0) return undefined;
  const reader = await connection.runAndReadAll(
    `SELECT max(written_at) FROM ${TABLE_WRITES}
     WHERE table_catalog = $catalog AND table_schema = $schema AND table_name = $name`,
    { ...table },
  );
  const [[last]] = reader.getRows() as [[DuckDBTimestampTZValue | null]];
  return last ? new Date(Number(last.micros / 1000n)) : undefined;
}
