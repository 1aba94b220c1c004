/** The SQL dialect an engine speaks; the compiler generates code per dialect. @public */
export type SqlDialect = 'duckdb' | 'spark';

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
 * A warehouse the portal can run pipeline SQL on. DuckDB is the embedded
 * default; Databricks SQL is the production engine. All data work happens in
 * the engine: the portal only sends SQL and reads bounded results.
 * @public
 */
export interface WarehouseEngine {
  /** Stable id used in config and in DataProduct output ports, e.g. `duckdb`. */
  readonly id: string;
  readonly dialect: SqlDialect;
  status(): Promise<WarehouseEngineStatus>;
  /** Releases connections; called when the backend stops. */
  close?(): Promise<void>;
}
