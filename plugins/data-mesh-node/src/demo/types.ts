/**
 * The DuckDB type of a demo table column.
 *
 * @public
 */
export type DemoColumnType =
  | 'BIGINT'
  | 'INTEGER'
  | 'VARCHAR'
  | 'BOOLEAN'
  | 'DATE'
  | 'TIMESTAMP'
  | `DECIMAL(${number},${number})`;

/**
 * One cell of a demo table row. Its JavaScript form follows the column type:
 *
 * - `BIGINT`, `INTEGER`: a safe integer `number`
 * - `VARCHAR`: a `string`
 * - `BOOLEAN`: a `boolean`
 * - `DATE`: an ISO date string, `2026-06-30`
 * - `TIMESTAMP`: DuckDB's text form without time zone, `2026-06-30 14:05:00`
 * - `DECIMAL(p,s)`: a fixed-point string with exactly `s` decimals, `19.90`
 *
 * Strings keep dates and decimals exact; no value goes through a float.
 *
 * @public
 */
export type DemoValue = string | number | boolean | null;

/**
 * A column of a demo table.
 *
 * @public
 */
export interface DemoColumn {
  name: string;
  type: DemoColumnType;
  nullable: boolean;
  description: string;
}

/**
 * A generated table: its columns, and rows ordered by primary key whose
 * values line up with the columns.
 *
 * @public
 */
export interface DemoTable {
  /** The table name inside the `bronze` schema, e.g. `customers`. */
  name: string;
  description: string;
  /** The single-column primary key. */
  primaryKey: string;
  columns: DemoColumn[];
  rows: DemoValue[][];
}

/**
 * The complete generated demo data set.
 *
 * @public
 */
export interface DemoData {
  seed: number;
  scale: number;
  /** The fixed reference date the data is "as of" (ISO date). */
  asOfDate: string;
  /** The schema every table belongs to. */
  schema: string;
  /** Tables in dependency order: customers, accounts, products, orders, order_lines. */
  tables: DemoTable[];
}

/**
 * Options for {@link generateDemoData}.
 *
 * @public
 */
export interface GenerateDemoDataOptions {
  /** Any non-negative integer. Defaults to 42. */
  seed?: number;
  /**
   * A positive integer multiplying customers, accounts, orders and order
   * lines. Products grow logarithmically. Defaults to 1.
   */
  scale?: number;
}
