import { DuckDBConnection, DuckDBListValue } from '@duckdb/node-api';
import { resolve } from 'node:path';
import { byName, CanonicalColumn, CanonicalDigest } from './checksum';
import { DEMO_SCHEMA } from './constants';
import {
  errorSummary,
  inspectWarehousePath,
  openWarehouse,
  quoteIdentifier,
  quoteLiteral,
} from './warehouseFile';
import { warehouseValueCanonicaliser } from './warehouseValues';

interface WarehouseTable {
  name: string;
  columns: CanonicalColumn[];
  primaryKey: string;
}

/** The tables of a schema as DuckDB's catalog describes them. */
async function describeSchema(
  connection: DuckDBConnection,
  schema: string,
): Promise<WarehouseTable[]> {
  const inSchema = `database_name = current_database() AND schema_name = ${quoteLiteral(
    schema,
  )}`;
  const columnRows = (
    await connection.runAndReadAll(
      `SELECT table_name, column_name, data_type FROM duckdb_columns()
       WHERE ${inSchema} ORDER BY table_name, column_index`,
    )
  ).getRows();
  const keyRows = (
    await connection.runAndReadAll(
      `SELECT table_name, constraint_column_names FROM duckdb_constraints()
       WHERE ${inSchema} AND constraint_type = 'PRIMARY KEY'`,
    )
  ).getRows();

  const tables = new Map<string, WarehouseTable>();
  for (const [table, column, type] of columnRows) {
    const name = String(table);
    if (!tables.has(name)) {
      tables.set(name, { name, columns: [], primaryKey: '' });
    }
    tables
      .get(name)!
      .columns.push({ name: String(column), type: String(type) });
  }
  for (const [table, keyColumns] of keyRows) {
    const entry = tables.get(String(table));
    if (entry) {
      entry.primaryKey = (keyColumns as DuckDBListValue).items.join(',');
    }
  }
  return [...tables.values()].sort(byName);
}

async function digestTable(
  connection: DuckDBConnection,
  digest: CanonicalDigest,
  table: WarehouseTable,
): Promise<void> {
  digest.beginTable(
    `${DEMO_SCHEMA}.${table.name}`,
    table.columns,
    table.primaryKey,
  );
  const canonicalisers = table.columns.map(column =>
    warehouseValueCanonicaliser(column.type),
  );
  const orderBy = table.primaryKey
    ? table.primaryKey.split(',').map(quoteIdentifier).join(', ')
    : 'ALL';
  const result = await connection.stream(
    `SELECT ${table.columns
      .map(column => quoteIdentifier(column.name))
      .join(', ')}
     FROM ${quoteIdentifier(DEMO_SCHEMA)}.${quoteIdentifier(table.name)}
     ORDER BY ${orderBy}`,
  );
  for await (const rows of result.yieldRows()) {
    for (const row of rows) {
      digest.addRow(row.map((value, index) => canonicalisers[index](value)));
    }
  }
}

/**
 * Reads every table of the `bronze` schema back from a DuckDB warehouse,
 * ordered by primary key, and returns the checksum of exactly the
 * serialisation {@link demoDataChecksum} uses. Equal checksums prove the
 * file holds exactly the generated data; other schemas (silver, gold, the
 * seed info) do not take part.
 *
 * @public
 */
export async function readWarehouseChecksum(path: string): Promise<string> {
  const target = resolve(path);
  if ((await inspectWarehousePath(target)) === 'missing') {
    throw new Error(`No warehouse at ${target}`);
  }
  const warehouse = await openWarehouse(target, { readOnly: true });
  try {
    const digest = new CanonicalDigest();
    for (const table of await describeSchema(
      warehouse.connection,
      DEMO_SCHEMA,
    )) {
      await digestTable(warehouse.connection, digest, table);
    }
    return digest.digest();
  } catch (error) {
    throw new Error(
      `Cannot read the warehouse at ${target}: ${errorSummary(error)}`,
    );
  } finally {
    warehouse.close();
  }
}
