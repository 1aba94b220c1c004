export interface Config {
  dataMesh?: {
    engines?: {
      /** The embedded DuckDB warehouse, the local default engine. */
      duckdb?: {
        /**
         * Path of the DuckDB database file, absolute or relative to the
         * backend's working directory. `./scripts/start` seeds it with the
         * demo bronze tables.
         */
        path: string;
      };
    };
  };
}
