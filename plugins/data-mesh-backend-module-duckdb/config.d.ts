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
        /**
         * The memory DuckDB may use, e.g. `2GB` (B, KB, MB, GB, TB, KiB,
         * MiB, GiB or TiB); `2GB` by default. DuckDB applies it to the whole
         * database instance: all previews and job writes of the backend
         * share it, and a single query can take all of it but no more.
         * @visibility backend
         */
        memoryLimit?: string;
        /**
         * DuckDB's worker threads, shared like the memory by every query of
         * the backend; 2 by default.
         * @visibility backend
         */
        threads?: number;
        /**
         * The most DuckDB spills to disk, next to the warehouse file
         * (`<path>.tmp`), when a query needs more than `memoryLimit`, e.g.
         * `10GB`; `10GB` by default.
         * @visibility backend
         */
        maxTempDirectorySize?: string;
      };
    };
  };
}
