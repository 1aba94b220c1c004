import type { SqlDialectName } from '@meshwork/data-mesh-common';

/** What an engine reports about itself, e.g. on the health endpoint. @public */
export interface WarehouseEngineStatus {
  /** `ready` when the engine answered a query just now. */
  state: 'ready' | 'unavailable';
  /** Human-readable detail: the warehouse location, or why it is unavailable. */
  message?: string;
  /** Number of tables the engine can see, when it is ready. */
  tableCount?: number;
}

/**
 * How long a statement may run and how the caller stops it early. The
 * engine stops the statement in the warehouse, not just the wait for it.
 *
 * @public
 */
export interface QueryControl {
  /** Stop the statement after this many milliseconds; no limit if absent. */
  timeoutMs?: number;
  /** Stop the statement when this aborts, e.g. when an HTTP client leaves. */
  signal?: AbortSignal;
}

/** Options of {@link WarehouseEngine.run}. @public */
export interface RunOptions extends QueryControl {
  /** At most this many rows come back; a non-negative integer. */
  maxRows: number;
}

/**
 * A column of a result or table. `type` is the Spark SQL name of the type
 * whatever the engine (`bigint`, `int`, `double`, `decimal(12,2)`, `string`,
 * `date`, `timestamp`, `boolean`, `array<string>`, …), so pipelines see the
 * same schema on DuckDB and on Databricks.
 *
 * @public
 */
export interface QueryColumn {
  name: string;
  type: string;
}

/**
 * A value as JSON carries it without loss. By column type: `tinyint`,
 * `smallint`, `int`, `float` and `double` are numbers (NaN and infinities
 * are the strings `NaN`, `Infinity`, `-Infinity`); `bigint` and `decimal`
 * are strings, since JavaScript numbers cannot hold all of them exactly;
 * `date` is `2026-06-30`; `timestamp` is ISO 8601 (`2026-06-30T09:15:00`,
 * with `Z` when the engine's type is zoned); `binary` is base64; arrays are
 * arrays, structs objects, maps arrays of `{ key, value }`; SQL NULL is
 * `null`.
 *
 * @public
 */
export type QueryValue =
  | null
  | boolean
  | number
  | string
  | QueryValue[]
  | { [key: string]: QueryValue };

/** The rows a query returned, at most `maxRows` of them. @public */
export interface QueryResult {
  columns: QueryColumn[];
  /** One array per row, values in the order of `columns`. */
  rows: QueryValue[][];
  /** Whether the query had more rows than `maxRows`. */
  truncated: boolean;
  elapsedMs: number;
}

/** What {@link WarehouseEngine.execute} did. @public */
export interface ExecuteResult {
  /**
   * Rows inserted, updated, deleted or created by the statements, summed;
   * absent when no statement reports a count (DDL, `SET`, …).
   */
  rowsAffected?: number;
  elapsedMs: number;
}

/** A column of a table, as {@link WarehouseEngine.describeTable} finds it. @public */
export interface TableColumn extends QueryColumn {
  /** The column's `COMMENT`, when it has one. */
  comment?: string;
}

/** The columns of a table or view. @public */
export interface TableDescription {
  columns: TableColumn[];
}

/** When a table's data last changed, as far as the engine knows. @public */
export interface TableFreshness {
  /** Absent when the engine has no record of a write to the table. */
  lastModified?: Date;
}

/**
 * A pipeline target to (re)write from a query. The engine writes it in one
 * transaction and keeps the time of the write for
 * {@link WarehouseEngine.tableFreshness}.
 *
 * @public
 */
export interface WriteTargetRequest {
  /** `[catalog.]schema.table`, see {@link TableName}. */
  table: string;
  /** One query (`SELECT` or `WITH … SELECT`) in the engine's dialect. */
  sql: string;
  /**
   * `overwrite` replaces the table with the query's rows; `append` adds them,
   * matching columns by name, and creates the table when it does not exist.
   */
  mode: 'overwrite' | 'append';
}

/** What {@link WarehouseEngine.writeTarget} wrote. @public */
export interface WriteTargetResult {
  rowsWritten: number;
  writtenAt: Date;
  elapsedMs: number;
}

/**
 * Read access of a consuming team to a dataset's table, as an approved
 * subscription gives it.
 *
 * @public
 */
export interface TableReadGrant {
  /** The dataset's target, `[catalog.]schema.table` (see {@link TableName}). */
  table: string;
  /** The warehouse group of the consuming team, e.g. `finance-insights`. */
  group: string;
  /**
   * The columns the team may read, checked against the dataset's contract;
   * absent for all of them.
   */
  columns?: readonly string[];
}

/**
 * Access control of a warehouse that has users and groups of its own. An
 * engine without it (the embedded DuckDB) has none: the portal records
 * approved access and enforces it in what it reads itself.
 *
 * Both calls are idempotent, so a failed one can simply be retried.
 *
 * @public
 */
export interface WarehouseGrants {
  /** Lets the group read the table, or only the granted columns of it. */
  grantRead(grant: TableReadGrant, options?: QueryControl): Promise<void>;
  /** Takes back what {@link WarehouseGrants.grantRead} gave for the same grant. */
  revokeRead(grant: TableReadGrant, options?: QueryControl): Promise<void>;
}

/**
 * A warehouse the portal can run pipeline SQL on. DuckDB is the embedded
 * default; Databricks SQL is the production engine. All data work happens in
 * the engine: the portal only sends SQL and reads bounded results.
 *
 * Every call may run concurrently with others. Calls fail with a
 * {@link QueryError}: {@link QuerySyntaxError} when the engine rejects the
 * SQL, {@link QueryTimeoutError} after `timeoutMs`,
 * {@link QueryCancelledError} when `signal` aborts or the engine closes.
 *
 * @public
 */
export interface WarehouseEngine {
  /** Stable id used in config and in DataProduct output ports, e.g. `duckdb`. */
  readonly id: string;
  /** The SQL dialect the engine speaks; the compiler writes code for it. */
  readonly dialect: SqlDialectName;
  status(): Promise<WarehouseEngineStatus>;

  /**
   * Runs one query and returns its first `maxRows` rows. The engine reads
   * no more than `maxRows + 1` rows (the extra one tells whether there are
   * more), so a preview of a large table costs little. Queries only: an
   * engine may reject statements that write.
   */
  run(sql: string, options: RunOptions): Promise<QueryResult>;

  /**
   * Runs statements that write (`CREATE OR REPLACE TABLE … AS`, `INSERT`,
   * `MERGE`, …); several may be given, separated by `;`, and run in order.
   * Statements before a failing one stay done unless the script wraps them
   * in a transaction. Their results are not read.
   */
  execute(sql: string, options?: QueryControl): Promise<ExecuteResult>;

  /**
   * Writes a pipeline target from a query and records when, so that
   * {@link WarehouseEngine.tableFreshness} knows it even where the engine
   * itself keeps no modification time.
   */
  writeTarget(
    request: WriteTargetRequest,
    options?: QueryControl,
  ): Promise<WriteTargetResult>;

  /** The table's columns, or `undefined` when there is no such table or view. */
  describeTable(table: string): Promise<TableDescription | undefined>;

  /** When the table last changed, or `undefined` when there is no such table. */
  tableFreshness(table: string): Promise<TableFreshness | undefined>;

  /** Grants read access to consuming teams; absent where the warehouse has no users. */
  readonly grants?: WarehouseGrants;

  /**
   * Stops running statements (they fail with {@link QueryCancelledError}) and
   * releases connections; called when the backend stops.
   */
  close?(): Promise<void>;
}
