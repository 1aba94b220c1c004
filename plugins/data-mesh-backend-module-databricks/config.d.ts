export interface Config {
  dataMesh?: {
    engines?: {
      /**
       * A Databricks SQL warehouse, the production engine. Leave the section
       * out to run without one.
       */
      databricks?: {
        /**
         * The workspace host, e.g. `adb-1234567890123456.7.azuredatabricks.net`
         * (an `https://` prefix is ignored).
         */
        host: string;
        /** The warehouse's HTTP path, e.g. `/sql/1.0/warehouses/abc123`. */
        httpPath: string;
        /**
         * A personal access token or service principal token allowed to use
         * the warehouse.
         * @visibility secret
         */
        token: string;
        /** HTTPS port of the workspace; 443 by default. */
        port?: number;
        /** Catalog unqualified table names resolve in; the workspace default otherwise. */
        catalog?: string;
        /** Schema unqualified table names resolve in; `default` otherwise. */
        schema?: string;
        /**
         * The most rows a preview may read, whatever it asks for; 10000 by
         * default.
         */
        maxRows?: number;
        /** Rows per result page fetched from the warehouse; 10000 by default. */
        fetchRows?: number;
        /**
         * Runs jobs on Databricks through the Jobs API (with
         * `dataMesh.runner.executor: databricks`). Leave it out to run jobs
         * statement by statement from the backend.
         */
        jobs?: {
          /** The bundle target jobs deploy to; `dev` by default. */
          target?: 'dev' | 'prod';
          /** Seconds between polls of a run's state; 10 by default. */
          pollIntervalSeconds?: number;
          /** Values of bundle variables, e.g. `warehouse_id`, like `--var`. */
          variables?: { [name: string]: string };
          /**
           * The table billed DBUs are read from; `system.billing.usage` by
           * default.
           */
          billingTable?: string;
        };
      };
    };
  };
}
