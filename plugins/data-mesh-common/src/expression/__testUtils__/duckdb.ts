import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { SqlType } from '../types';

/**
 * The rows the aggregate and window examples run over (schema:
 * FUNCTION_EXAMPLE_SCOPE). Ann has three orders, one without values.
 */
export const ORDERS_TABLE = `
  CREATE TABLE orders AS SELECT * FROM (VALUES
    (1, 'ann', 2, 10.0::DOUBLE, 20.00::DECIMAL(10, 2), true, DATE '2024-01-05'),
    (2, 'bob', 5, 1.5::DOUBLE, 7.50::DECIMAL(10, 2), false, DATE '2024-01-06'),
    (3, 'ann', 1, 2.5::DOUBLE, 2.50::DECIMAL(10, 2), true, DATE '2024-01-07'),
    (4, 'ann', NULL, NULL, NULL, NULL, DATE '2024-01-07')
  ) AS t(id, customer, quantity, price, amount, paid, order_date)`;

/** An in-memory DuckDB with the `orders` table of the catalogue examples. */
export async function openDuckDb(): Promise<{
  connection: DuckDBConnection;
  close(): void;
}> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(ORDERS_TABLE);
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Rows as JSON-friendly values (dates and big numbers as strings). */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const result = await connection.runAndReadAll(sql);
  return result.getRowObjectsJson() as Record<string, unknown>[];
}

/** The kind of value a DuckDB type name (from `typeof`) holds. */
export function duckDbTypeFamily(name: string): string {
  if (name.endsWith('[]')) return 'array';
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(
      name,
    )
  ) {
    return 'integer';
  }
  if (name.startsWith('DECIMAL')) return 'decimal';
  if (name === 'DOUBLE' || name === 'FLOAT') return 'double';
  if (name === 'VARCHAR') return 'string';
  if (name === '"NULL"') return 'null';
  return name.toLowerCase();
}

/** The same families for the expression language's types. */
export function typeFamily(type: SqlType): string {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
      return 'integer';
    default:
      return type.kind;
  }
}

/**
 * A value as the tests compare it: numbers (which DuckDB's JSON rows give as
 * strings for bigints and decimals) as numbers rounded to 12 significant
 * digits, arrays element by element.
 */
export function comparable(value: unknown, expected: unknown): unknown {
  if (Array.isArray(value) && Array.isArray(expected)) {
    return value.map((item, i) => comparable(item, expected[i]));
  }
  if (typeof expected === 'number' && value !== null && value !== undefined) {
    return Number(Number(value).toPrecision(12));
  }
  return value;
}

/** Expected numbers rounded the same way as {@link comparable}. */
export function rounded(expected: unknown): unknown {
  if (Array.isArray(expected)) return expected.map(rounded);
  // Symbols (placeholders for values not compared) stay as they are.
  return typeof expected === 'number'
    ? Number(expected.toPrecision(12))
    : expected;
}
