import { LoggerService } from '@backstage/backend-plugin-api';
import { DBSQLClient, LogLevel } from '@databricks/sql';
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
  TableReadGrant,
  WarehouseEngine,
  WarehouseGrants,
  WarehouseEngineStatus,
  WriteTargetRequest,
  WriteTargetResult,
} from '@meshwork/data-mesh-node';
import { isTableNotFound, toQueryError } from './queryErrors';
import { sparkTypeName, toQueryValue } from './sparkValues';
import { leadingKeyword, splitStatements } from './statements';
import { grantReadStatements, revokeReadStatements } from './tableGrants';

type Session = Awaited<ReturnType<DBSQLClient['openSession']>>;
type Operation = Awaited<ReturnType<Session['executeStatement']>>;

/** One engine call: its session, and when it must stop. */
interface Call {
  session: Session;
  deadline: QueryDeadline;
  /** The call's timeout in whole seconds, for the warehouse's own timer. */
  timeoutSeconds?: number;
}

/** How a {@link DatabricksSqlEngine} reaches its warehouse. */
export interface DatabricksSqlEngineOptions {
  /** The workspace host, e.g. `adb-1234567890123456.7.azuredatabricks.net`. */
  host: string;
  /** HTTPS port; 443 unless a proxy or a test server says otherwise. */
  port?: number;
  /** The warehouse's HTTP path, e.g. `/sql/1.0/warehouses/abc123`. */
  httpPath: string;
  /** A personal access token or service principal token. */
  token: string;
  /** Catalog and schema unqualified table names resolve in. */
  catalog?: string;
  schema?: string;
  /** No `run` returns more rows than this, whatever the caller asks. */
  maxRows?: number;
  /** Rows per FetchResults round trip. */
  fetchRows?: number;
  logger?: LoggerService;
}

/** Statements `run` accepts: the ones that only read. */
const READ_STATEMENTS = new Set([
  'SELECT',
  'WITH',
  'VALUES',
  'FROM',
  'TABLE',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'EXPLAIN',
]);

/** A target is written from a query, which starts with one of these. */
const QUERY_STATEMENTS = new Set(['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE']);

const DEFAULT_MAX_ROWS = 10_000;
const DEFAULT_FETCH_ROWS = 10_000;

/**
 * A Databricks SQL warehouse, reached through the `@databricks/sql` driver
 * (HiveServer2 Thrift over HTTPS). One client connection is opened on first
 * use and shared; every call opens a session of its own, so calls run
 * concurrently and a `SET` or `USE` in one never leaks into another.
 *
 * Stopping a call (timeout, abort signal, {@link DatabricksSqlEngine.close})
 * cancels its operation in the warehouse, not just the wait for it.
 */
export class DatabricksSqlEngine implements WarehouseEngine {
  readonly id = 'databricks';
  readonly dialect = 'spark' as const;

  private client?: Promise<DBSQLClient>;
  private readonly calls = new Map<QueryDeadline, Promise<unknown>>();
  private closing?: Promise<void>;
  private readonly maxRows: number;
  private readonly fetchRows: number;
  private readonly warehouse: string;

  constructor(private readonly options: DatabricksSqlEngineOptions) {
    this.maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    this.fetchRows = options.fetchRows ?? DEFAULT_FETCH_ROWS;
    const port = options.port && options.port !== 443 ? `:${options.port}` : '';
    this.warehouse = `${options.host}${port}${options.httpPath}`;
  }

  async status(): Promise<WarehouseEngineStatus> {
    try {
      const result = await this.run(
        `SELECT count(*) AS tables FROM information_schema.tables
         WHERE table_schema <> 'information_schema'`,
        { maxRows: 1, timeoutMs: 30_000 },
      );
      return {
        state: 'ready',
        message: this.warehouse,
        tableCount: Number(result.rows[0]?.[0] ?? 0),
      };
    } catch (error) {
      return {
        state: 'unavailable',
        message: `Databricks SQL warehouse at ${this.warehouse}: ${
          (error as Error).message
        }`,
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
    const statement = singleStatement(sql);
    const keyword = leadingKeyword(statement);
    if (!keyword || !READ_STATEMENTS.has(keyword)) {
      throw new QuerySyntaxError(
        `run only reads: the statement starts with ${
          keyword ?? 'no keyword'
        }; write with execute or writeTarget`,
      );
    }
    const allowed = Math.min(maxRows, this.maxRows);
    // The extra row tells whether there are more.
    const limit = allowed + 1;
    return this.call(options, async call => {
      const { deadline } = call;
      const operation = await this.statement(call, statement, {
        maxRows: Math.min(limit, this.fetchRows),
      });
      const columns = await resultColumns(operation);
      const rows: QueryValue[][] = [];
      while (rows.length < limit) {
        const chunk = await operation.fetchChunk({
          maxRows: Math.min(limit - rows.length, this.fetchRows),
          // One FetchResults per call, of at most the rows asked for: the
          // driver's buffering would read a whole page more.
          disableBuffering: true,
        });
        deadline.throwIfStopped();
        for (const row of (chunk as Record<string, unknown>[]).slice(
          0,
          limit - rows.length,
        )) {
          rows.push(
            columns.map(column => toQueryValue(row[column.name], column.type)),
          );
        }
        if (!(await operation.hasMoreRows())) break;
      }
      return {
        columns,
        rows: rows.slice(0, allowed),
        truncated: rows.length > allowed,
        elapsedMs: deadline.elapsedMs(),
      };
    });
  }

  async execute(sql: string, options?: QueryControl): Promise<ExecuteResult> {
    const statements = splitStatements(sql);
    if (statements.length === 0) {
      throw new QuerySyntaxError('there is no SQL statement to execute');
    }
    return this.call(options, async call => {
      let rowsAffected: number | undefined;
      for (const statement of statements) {
        call.deadline.throwIfStopped();
        const changed = await this.write(call, statement);
        if (changed !== undefined) {
          rowsAffected = (rowsAffected ?? 0) + changed.affected;
        }
      }
      return {
        ...(rowsAffected !== undefined && { rowsAffected }),
        elapsedMs: call.deadline.elapsedMs(),
      };
    });
  }

  async writeTarget(
    request: WriteTargetRequest,
    options?: QueryControl,
  ): Promise<WriteTargetResult> {
    const target = renderTableName(parseTableName(request.table), this.dialect);
    const query = singleStatement(request.sql);
    const keyword = leadingKeyword(query);
    if (!keyword || !QUERY_STATEMENTS.has(keyword)) {
      throw new QuerySyntaxError(
        `a target is written from one query, not a ${
          keyword ?? 'blank'
        } statement`,
      );
    }
    return this.call(options, async call => {
      const append =
        request.mode === 'append' &&
        (await this.detail(call, target)) !== undefined;
      // Delta commits each statement atomically: the table changes in full
      // or not at all, and its history records when.
      const write = append
        ? `INSERT INTO ${target} BY NAME\n${query}`
        : `CREATE OR REPLACE TABLE ${target} AS\n${query}`;
      const changed = await this.write(call, write);
      const detail = await this.detail(call, target);
      return {
        rowsWritten: changed?.inserted ?? changed?.affected ?? 0,
        // The warehouse's clock, so tableFreshness reads the same time back.
        writtenAt: detail?.lastModified ?? new Date(),
        elapsedMs: call.deadline.elapsedMs(),
      };
    });
  }

  async describeTable(table: string): Promise<TableDescription | undefined> {
    const target = renderTableName(parseTableName(table), this.dialect);
    return this.call({}, async call => {
      const rows = await this.readAll(call, `DESCRIBE TABLE ${target}`);
      if (!rows) return undefined;
      const columns = [];
      for (const row of rows) {
        const name = String(row.col_name ?? '');
        // Partitioning and clustering follow the columns after a blank row.
        if (name === '' || name.startsWith('#')) break;
        const comment = row.comment;
        columns.push({
          name,
          type: String(row.data_type),
          ...(typeof comment === 'string' && comment !== '' && { comment }),
        });
      }
      return { columns };
    });
  }

  async tableFreshness(table: string): Promise<TableFreshness | undefined> {
    const target = renderTableName(parseTableName(table), this.dialect);
    return this.call({}, call => this.detail(call, target));
  }

  /**
   * Unity Catalog privileges for consuming teams' groups, run in order in
   * one session: a failing statement stops the rest and fails the call.
   */
  readonly grants: WarehouseGrants = {
    grantRead: (grant: TableReadGrant, options?: QueryControl) =>
      this.runInOrder(grantReadStatements(grant), options),
    revokeRead: (grant: TableReadGrant, options?: QueryControl) =>
      this.runInOrder(revokeReadStatements(grant), options),
  };

  private async runInOrder(
    statements: string[],
    options: QueryControl | undefined,
  ): Promise<void> {
    await this.call(options, async call => {
      for (const statement of statements) {
        call.deadline.throwIfStopped();
        await this.write(call, statement);
      }
    });
  }

  async close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const closing = new QueryCancelledError(
      'the query was cancelled: the Databricks SQL engine is closing',
    );
    for (const deadline of this.calls.keys()) deadline.stop(closing);
    await Promise.allSettled(this.calls.values());
    const client = await this.client?.catch(() => undefined);
    await client?.close().catch(() => {});
  }

  /**
   * Runs `work` in a session of its own, stopping its statements when the
   * deadline passes or the caller aborts, and reports every failure as a
   * QueryError that names no secret.
   */
  private async call<T>(
    control: QueryControl | undefined,
    work: (call: Call) => Promise<T>,
  ): Promise<T> {
    if (this.closing) {
      throw new QueryError('the Databricks SQL engine is closed');
    }
    const deadline = new QueryDeadline(control);
    deadline.throwIfStopped();

    const timeoutSeconds = control?.timeoutMs
      ? Math.ceil(control.timeoutMs / 1000)
      : undefined;
    const running = (async () => {
      let session: Session | undefined;
      try {
        const client = await this.connect();
        session = await client.openSession({
          ...(this.options.catalog && { initialCatalog: this.options.catalog }),
          ...(this.options.schema && { initialSchema: this.options.schema }),
          // A SQL warehouse reads its timeout from the session, not from
          // the statement's queryTimeout.
          ...(timeoutSeconds && {
            configuration: { STATEMENT_TIMEOUT: String(timeoutSeconds) },
          }),
        });
        deadline.throwIfStopped();
        return await work({ session, deadline, timeoutSeconds });
      } catch (error) {
        throw (
          deadline.stopError ??
          toQueryError(error, {
            warehouse: this.warehouse,
            secrets: [this.options.token],
          })
        );
      } finally {
        deadline.dispose();
        await session
          ?.close()
          .catch(error => this.debug('closing a session', error));
      }
    })();

    this.calls.set(deadline, running);
    try {
      return await running;
    } finally {
      this.calls.delete(deadline);
    }
  }

  /** Starts one statement and cancels it in the warehouse when the call stops. */
  private async statement(
    { session, deadline, timeoutSeconds }: Call,
    sql: string,
    options: { maxRows?: number } = {},
  ): Promise<Operation> {
    const operation = await session.executeStatement(sql, {
      ...options,
      ...(timeoutSeconds !== undefined && { queryTimeout: timeoutSeconds }),
    });
    deadline.onStop(() => {
      operation
        .cancel()
        .catch(error => this.debug('cancelling an operation', error));
    });
    deadline.throwIfStopped();
    return operation;
  }

  /**
   * Runs a statement to its end and returns the rows it reports as changed
   * (`num_affected_rows`, and `num_inserted_rows` where it inserts), or
   * `undefined` for statements that report none.
   */
  private async write(
    call: Call,
    sql: string,
  ): Promise<{ affected: number; inserted?: number } | undefined> {
    const operation = await this.statement(call, sql, { maxRows: 1 });
    try {
      await operation.finished();
      call.deadline.throwIfStopped();
      const [row] = (await operation.fetchChunk({
        maxRows: 1,
        disableBuffering: true,
      })) as Record<string, unknown>[];
      if (row?.num_affected_rows === undefined) return undefined;
      return {
        affected: Number(row.num_affected_rows),
        ...(row.num_inserted_rows !== undefined && {
          inserted: Number(row.num_inserted_rows),
        }),
      };
    } finally {
      await operation.close().catch(() => {});
    }
  }

  /** All rows of a small result, or `undefined` when the table does not exist. */
  private async readAll(
    call: Call,
    sql: string,
  ): Promise<Record<string, unknown>[] | undefined> {
    try {
      const operation = await this.statement(call, sql);
      try {
        await operation.finished();
        return (await operation.fetchAll()) as Record<string, unknown>[];
      } finally {
        await operation.close().catch(() => {});
      }
    } catch (error) {
      if (!call.deadline.stopError && isTableNotFound(error)) return undefined;
      throw error;
    }
  }

  /** `DESCRIBE DETAIL`: when Delta last committed a change to the table. */
  private async detail(
    call: Call,
    target: string,
  ): Promise<TableFreshness | undefined> {
    const rows = await this.readAll(call, `DESCRIBE DETAIL ${target}`);
    if (!rows) return undefined;
    const lastModified = toDate(rows[0]?.lastModified);
    return lastModified ? { lastModified } : {};
  }

  private connect(): Promise<DBSQLClient> {
    this.client ??= this.openClient().catch(error => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private async openClient(): Promise<DBSQLClient> {
    const { logger, token } = this.options;
    const client = new DBSQLClient({
      logger: {
        log: (level, message) => {
          // The driver logs requests and errors; none of it may carry the token.
          const text = message.split(token).join('***');
          if (level === LogLevel.error || level === LogLevel.warn) {
            logger?.warn(`Databricks SQL driver: ${text}`);
          } else {
            logger?.debug(`Databricks SQL driver: ${text}`);
          }
        },
      },
    });
    await client.connect({
      host: this.options.host,
      ...(this.options.port && { port: this.options.port }),
      path: this.options.httpPath,
      token,
      // Queries and their timings are the company's business, not the
      // driver vendor's.
      telemetryEnabled: false,
      // Exact decimals and bigints where the warehouse sends Arrow.
      preserveBigNumericPrecision: true,
    });
    return client;
  }

  private debug(what: string, error: unknown) {
    this.options.logger?.debug(
      `Databricks SQL engine: ${what} failed: ${
        toQueryError(error, {
          warehouse: this.warehouse,
          secrets: [this.options.token],
        }).message
      }`,
    );
  }
}

/** The columns of a query's result, failing for statements without one. */
async function resultColumns(operation: Operation): Promise<QueryColumn[]> {
  // Waiting first makes a failed statement throw its error; asked before,
  // the driver reports a failed statement as one without a result.
  await operation.finished();
  const schema = await operation.getSchema();
  if (!schema) {
    throw new QuerySyntaxError('the statement returned no result to read');
  }
  const columns = [...schema.columns]
    .sort((a, b) => a.position - b.position)
    .map(column => ({ name: column.columnName, type: sparkTypeName(column) }));
  // The driver hands rows over as objects keyed by column name.
  const names = new Set<string>();
  for (const { name } of columns) {
    if (names.has(name)) {
      throw new QuerySyntaxError(
        `the result has two columns named '${name}'; give them distinct aliases`,
      );
    }
    names.add(name);
  }
  return columns;
}

/** `sql` without its final `;`, which must hold exactly one statement. */
function singleStatement(sql: string): string {
  const statements = splitStatements(sql);
  if (statements.length !== 1) {
    throw new QuerySyntaxError(
      `expected one SQL statement, got ${statements.length}`,
    );
  }
  return statements[0];
}

/** A timestamp as the driver returns it; Databricks sessions run in UTC. */
function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  const text = String(value).replace(' ', 'T');
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
