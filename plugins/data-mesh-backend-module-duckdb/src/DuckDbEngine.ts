import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBMaterializedResult,
  DuckDBPreparedStatement,
  DuckDBResult,
  ResultReturnType,
  StatementType,
} from '@duckdb/node-api';
import {
  ExecuteResult,
  parseTableName,
  QueryCancelledError,
  QueryColumn,
  QueryControl,
  QueryDeadline,
  QueryError,
  QueryResult,
  QuerySyntaxError,
  QueryValue,
  renderTableName,
  RunOptions,
  TableDescription,
  TableFreshness,
  WarehouseEngine,
  WarehouseEngineStatus,
  WriteTargetRequest,
  WriteTargetResult,
} from '@meshwork/data-mesh-node';
import fs from 'node:fs';
import { toQueryError } from './queryErrors';
import {
  DEFAULT_DUCKDB_LIMITS,
  DuckDbLimits,
  sandboxedInstanceOptions,
} from './sandbox';
import { sparkTypeName, toQueryValue } from './sparkTypes';
import {
  CREATE_TABLE_WRITES,
  readColumnComments,
  readLastWrite,
  recordTableWrite,
  resolveTable,
} from './tableCatalog';
import { WarehouseConfigError } from './WarehouseConfigError';

/** The config key the DuckDB warehouse path is read from. */
export const DUCKDB_PATH_CONFIG_KEY = 'dataMesh.engines.duckdb.path';

/**
 * DuckDB clears a connection's interrupt flag when a statement starts, so an
 * interrupt that lands between two statements, or while the statement waits
 * for a worker thread, is lost. Repeating it until the call ends closes that
 * gap; the interval bounds how late a stop can take effect.
 */
const INTERRUPT_REPEAT_MS = 50;

/** Statements `run` accepts: the ones that only read. */
const READ_STATEMENTS = new Set<StatementType>([
  StatementType.SELECT,
  StatementType.EXPLAIN,
]);

/**
 * Statements `execute` refuses: they reach past the database's tables. The
 * sandbox already stops them everywhere but at the database's own files,
 * which DuckDB keeps reachable: a `COPY … TO` the WAL would corrupt the
 * warehouse, one into the temp directory would fill the disk unbounded.
 * Jobs only create and fill tables, so they never need these.
 */
const OUTSIDE_THE_TABLES = new Set<StatementType>([
  StatementType.COPY,
  StatementType.COPY_DATABASE,
  StatementType.EXPORT,
  StatementType.ATTACH,
  StatementType.DETACH,
  StatementType.LOAD,
  StatementType.EXTENSION,
  StatementType.UPDATE_EXTENSIONS,
]);

/**
 * The embedded DuckDB warehouse. One instance per backend process: DuckDB
 * allows a single read-write process per database file. Within the process
 * every call gets its own connection, so calls run concurrently, each in its
 * own transaction, and stopping one interrupts nothing else.
 *
 * The instance is sandboxed (see `sandboxedInstanceOptions`): queries
 * reach only the tables of the database, and share its memory and threads.
 *
 * @public
 */
export class DuckDbEngine implements WarehouseEngine {
  readonly id = 'duckdb';
  readonly dialect = 'duckdb' as const;

  private readonly calls = new Map<QueryDeadline, Promise<unknown>>();
  private closing?: Promise<void>;
  private tableWritesCreated?: Promise<void>;

  /**
   * Opens the warehouse at `path`, sandboxed. `limits` bound the instance
   * as a whole, every call together; the defaults fill in what is missing.
   */
  static async open(
    path: string,
    limits: Partial<DuckDbLimits> = {},
  ): Promise<DuckDbEngine> {
    const options = sandboxedInstanceOptions({
      ...DEFAULT_DUCKDB_LIMITS,
      ...limits,
    });
    if (!fs.existsSync(path)) {
      throw new WarehouseConfigError(
        `${DUCKDB_PATH_CONFIG_KEY}: no DuckDB warehouse at '${path}'. ` +
          `Seed it with 'yarn meshwork seed --warehouse ${path}' or './scripts/start --reset'.`,
      );
    }
    try {
      fs.accessSync(path, fs.constants.R_OK | fs.constants.W_OK);
      const instance = await DuckDBInstance.create(path, options);
      // DuckDB reads the file lazily: a first connection proves it is a
      // database before the backend reports the engine as available.
      (await instance.connect()).closeSync();
      return new DuckDbEngine(path, instance);
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
  ) {}

  async status(): Promise<WarehouseEngineStatus> {
    try {
      const tableCount = await this.call({}, async connection => {
        const reader = await connection.runAndReadAll(
          `SELECT count(*)::INTEGER AS tables FROM information_schema.tables
           WHERE table_catalog = current_database()`,
        );
        return reader.getRows()[0][0] as number;
      });
      return { state: 'ready', message: this.path, tableCount };
    } catch (error) {
      return {
        state: 'unavailable',
        message: `DuckDB query failed: ${(error as Error).message}`,
      };
    }
  }

  async run(sql: string, options: RunOptions): Promise<QueryResult> {
    const { maxRows } = options;
    if (!Number.isInteger(maxRows) || maxRows < 0) {
      throw new TypeError(
        `maxRows must be a non-negative integer, got ${maxRows}`,
      );
    }
    return this.call(options, async (connection, deadline) => {
      const statement = await prepareSingle(connection, sql);
      if (!READ_STATEMENTS.has(statement.statementType)) {
        throw new QuerySyntaxError(
          `run only reads: the statement is a ${
            StatementType[statement.statementType]
          }; write with execute or writeTarget`,
        );
      }
      const columns: QueryColumn[] = [];
      for (let i = 0; i < statement.columnCount; i++) {
        columns.push({
          name: statement.columnName(i),
          type: sparkTypeName(statement.columnType(i)),
        });
      }
      // The extra row tells whether there are more.
      const limit = maxRows + 1;
      const limited =
        (await prepareLimited(connection, sql, limit)) ?? statement;
      deadline.throwIfStopped();
      const rows = await readRows(await limited.stream(), limit, deadline);
      return {
        columns,
        rows: rows.slice(0, maxRows),
        truncated: rows.length > maxRows,
        elapsedMs: deadline.elapsedMs(),
      };
    });
  }

  async execute(sql: string, options?: QueryControl): Promise<ExecuteResult> {
    return this.call(options, async (connection, deadline) => {
      const statements = await connection.extractStatements(sql);
      let rowsAffected: number | undefined;
      for (let i = 0; i < statements.count; i++) {
        deadline.throwIfStopped();
        const statement = await statements.prepare(i);
        if (OUTSIDE_THE_TABLES.has(statement.statementType)) {
          throw new QuerySyntaxError(
            `execute only changes tables: the statement is a ${
              StatementType[statement.statementType]
            }, which reaches files, extensions or other databases`,
          );
        }
        const changed = await rowsChangedBy(
          statement.statementType,
          await statement.run(),
        );
        if (changed !== undefined) rowsAffected = (rowsAffected ?? 0) + changed;
      }
      return {
        ...(rowsAffected !== undefined && { rowsAffected }),
        elapsedMs: deadline.elapsedMs(),
      };
    });
  }

  async writeTarget(
    request: WriteTargetRequest,
    options?: QueryControl,
  ): Promise<WriteTargetResult> {
    const table = parseTableName(request.table);
    const target = renderTableName(table, this.dialect);
    await this.createTableWrites();
    return this.call(options, async (connection, deadline) => {
      const query = await prepareSingle(connection, request.sql);
      if (query.statementType !== StatementType.SELECT) {
        throw new QuerySyntaxError(
          `a target is written from one query, not a ${
            StatementType[query.statementType]
          } statement`,
        );
      }
      // A failure below leaves the transaction open; closing the connection
      // rolls it back, so the target and its log change together or not at all.
      await connection.run('BEGIN TRANSACTION');
      const append =
        request.mode === 'append' &&
        (await resolveTable(connection, table)) !== undefined;
      const write = append
        ? `INSERT INTO ${target} BY NAME\n${request.sql}`
        : `CREATE OR REPLACE TABLE ${target} AS\n${request.sql}`;
      const written = await prepareSingle(connection, write);
      deadline.throwIfStopped();
      const rowsWritten =
        (await rowsChangedBy(written.statementType, await written.run())) ?? 0;
      const resolved = await resolveTable(connection, table);
      if (!resolved) {
        throw new QueryError(`${target} is missing after writing it`);
      }
      const writtenAt = new Date();
      await recordTableWrite(connection, resolved, rowsWritten, writtenAt);
      deadline.throwIfStopped();
      await connection.run('COMMIT');
      return { rowsWritten, writtenAt, elapsedMs: deadline.elapsedMs() };
    });
  }

  async describeTable(table: string): Promise<TableDescription | undefined> {
    const name = parseTableName(table);
    return this.call({}, async connection => {
      const resolved = await resolveTable(connection, name);
      if (!resolved) return undefined;
      const comments = await readColumnComments(connection, resolved);
      const statement = await connection.prepare(
        `SELECT * FROM ${renderTableName(resolved, this.dialect)}`,
      );
      const columns = [];
      for (let i = 0; i < statement.columnCount; i++) {
        const column = statement.columnName(i);
        const comment = comments.get(column);
        columns.push({
          name: column,
          type: sparkTypeName(statement.columnType(i)),
          ...(comment !== undefined && { comment }),
        });
      }
      return { columns };
    });
  }

  async tableFreshness(table: string): Promise<TableFreshness | undefined> {
    const name = parseTableName(table);
    return this.call({}, async connection => {
      const resolved = await resolveTable(connection, name);
      if (!resolved) return undefined;
      const lastModified = await readLastWrite(connection, resolved);
      return lastModified ? { lastModified } : {};
    });
  }

  async close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const closing = new QueryCancelledError(
      'the query was cancelled: the DuckDB warehouse is closing',
    );
    for (const deadline of this.calls.keys()) deadline.stop(closing);
    await Promise.allSettled(this.calls.values());
    this.instance.closeSync();
  }

  /**
   * Runs `work` on a connection of its own, stopping it when the deadline
   * passes or the caller aborts, and reports every failure as a QueryError.
   */
  private async call<T>(
    control: QueryControl | undefined,
    work: (connection: DuckDBConnection, deadline: QueryDeadline) => Promise<T>,
  ): Promise<T> {
    if (this.closing) throw new QueryError('the DuckDB warehouse is closed');
    const deadline = new QueryDeadline(control);
    deadline.throwIfStopped();

    const running = (async () => {
      let connection: DuckDBConnection | undefined;
      let interrupting: ReturnType<typeof setInterval> | undefined;
      try {
        connection = await this.instance.connect();
        const stoppable = connection;
        deadline.onStop(() => {
          stoppable.interrupt();
          interrupting = setInterval(
            () => stoppable.interrupt(),
            INTERRUPT_REPEAT_MS,
          );
        });
        deadline.throwIfStopped();
        return await work(connection, deadline);
      } catch (error) {
        throw deadline.stopError ?? toQueryError(error);
      } finally {
        clearInterval(interrupting);
        deadline.dispose();
        connection?.closeSync();
      }
    })();

    this.calls.set(deadline, running);
    try {
      return await running;
    } finally {
      this.calls.delete(deadline);
    }
  }

  /**
   * The log of target writes is created once, outside the writes'
   * transactions: two first writes creating it at once would otherwise
   * conflict in DuckDB's catalog.
   */
  private createTableWrites(): Promise<void> {
    this.tableWritesCreated ??= this.call({}, async connection => {
      await connection.run(CREATE_TABLE_WRITES);
    }).catch(error => {
      this.tableWritesCreated = undefined;
      throw error;
    });
    return this.tableWritesCreated;
  }
}

/** Prepares `sql`, which must be exactly one statement. */
async function prepareSingle(
  connection: DuckDBConnection,
  sql: string,
): Promise<DuckDBPreparedStatement> {
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) {
    throw new QuerySyntaxError(
      `expected one SQL statement, got ${statements.count}`,
    );
  }
  return statements.prepare(0);
}

/**
 * The query with a LIMIT around it, which lets DuckDB stop producing rows
 * early and plan ORDER BY as a top-N instead of a full sort. Statements that
 * cannot be wrapped (EXPLAIN, SHOW, a comment after the final `;`) are
 * bounded by reading only `limit` rows of their stream instead.
 */
async function prepareLimited(
  connection: DuckDBConnection,
  sql: string,
  limit: number,
): Promise<DuckDBPreparedStatement | undefined> {
  const query = sql.replace(/;\s*$/, '');
  try {
    return await connection.prepare(
      `SELECT * FROM (\n${query}\n) LIMIT ${limit}`,
    );
  } catch {
    return undefined;
  }
}

/** Reads at most `limit` rows, a chunk at a time. */
async function readRows(
  result: DuckDBResult,
  limit: number,
  deadline: QueryDeadline,
): Promise<QueryValue[][]> {
  const types = result.columnTypes();
  const rows: QueryValue[][] = [];
  while (rows.length < limit) {
    const chunk = await result.fetchChunk();
    deadline.throwIfStopped();
    if (!chunk || chunk.rowCount === 0) break;
    for (const row of chunk.getRows().slice(0, limit - rows.length)) {
      rows.push(row.map((value, i) => toQueryValue(value, types[i])));
    }
  }
  return rows;
}

/**
 * DuckDB reports rows inserted, updated, deleted or merged as "changed rows",
 * but a CREATE TABLE … AS only as its one-row `Count` result.
 */
async function rowsChangedBy(
  statementType: StatementType,
  result: DuckDBMaterializedResult,
): Promise<number | undefined> {
  if (result.returnType === ResultReturnType.CHANGED_ROWS) {
    return Number(result.rowsChanged);
  }
  if (
    statementType === StatementType.CREATE &&
    result.columnCount === 1 &&
    result.columnName(0) === 'Count'
  ) {
    const [row] = await result.getRows();
    return row ? Number(row[0]) : undefined;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
