import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ForwardedError } from '@backstage/errors';
import {
  WarehouseEngine,
  WarehouseEngineStatus,
} from '@meshwork/data-mesh-node';
import fs from 'node:fs';

/** The config key the DuckDB warehouse path is read from. */
export const DUCKDB_PATH_CONFIG_KEY = 'dataMesh.engines.duckdb.path';

/**
 * A misconfigured warehouse. Its message names the config key and is meant
 * to be shown to the person starting the portal as it is.
 */
export class WarehouseConfigError extends Error {
  name = 'WarehouseConfigError';

  constructor(message: string) {
    super(message);
    // The fix is in the config, not in the code: a stack trace would only
    // bury the message when the backend logs why it could not start.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * The embedded DuckDB warehouse. One instance per backend process: DuckDB
 * allows a single read-write process per database file.
 */
export class DuckDbEngine implements WarehouseEngine {
  readonly id = 'duckdb';
  readonly dialect = 'duckdb' as const;

  static async open(path: string): Promise<DuckDbEngine> {
    if (!fs.existsSync(path)) {
      throw new WarehouseConfigError(
        `${DUCKDB_PATH_CONFIG_KEY}: no DuckDB warehouse at '${path}'. ` +
          `Seed it with 'yarn meshwork seed --warehouse ${path}' or './scripts/start --reset'.`,
      );
    }
    try {
      fs.accessSync(path, fs.constants.R_OK | fs.constants.W_OK);
      const instance = await DuckDBInstance.create(path);
      const connection = await instance.connect();
      return new DuckDbEngine(path, instance, connection);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new WarehouseConfigError(
        `${DUCKDB_PATH_CONFIG_KEY}: cannot open the DuckDB warehouse at '${path}': ${firstLine(
          reason,
        )}`,
      );
    }
  }

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  async status(): Promise<WarehouseEngineStatus> {
    try {
      const reader = await this.connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS tables FROM information_schema.tables
         WHERE table_catalog = current_database()`,
      );
      const [row] = reader.getRowObjectsJS();
      return {
        state: 'ready',
        message: this.path,
        tableCount: Number(row.tables),
      };
    } catch (error) {
      return {
        state: 'unavailable',
        message: new ForwardedError('DuckDB query failed', error).message,
      };
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
