import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBResult,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBType,
  DuckDBTypeId,
  DuckDBValue,
  ResultReturnType,
  StatementType,
} from '@duckdb/node-api';
import { thrift as databricksThrift } from '@databricks/sql';
import crypto from 'node:crypto';
import type https from 'node:https';
import { AddressInfo } from 'node:net';
import thrift from 'thrift';
import { sqlSegments } from '../statements';
import { selfSignedCertificate } from './selfSignedCertificate';

const { TCLIService, TCLIService_types: T } = databricksThrift;
type TColumnDesc = InstanceType<typeof T.TColumnDesc>;
type TColumn = InstanceType<typeof T.TColumn>;
type TStatus = InstanceType<typeof T.TStatus>;
type THandleIdentifier = InstanceType<typeof T.THandleIdentifier>;

/** A plain or backquoted Spark identifier (a doubled backquote is one). */
const IDENTIFIER = '(?:`(?:[^`]|``)+`|\\w+)';
/** `[catalog.][schema.]table`, each part an {@link IDENTIFIER}. */
const TABLE_REF = `${IDENTIFIER}(?:\\.${IDENTIFIER})*`;

/** The names of a dotted identifier, unquoted. */
function identifierParts(text: string): string[] {
  return [...text.matchAll(/`((?:[^`]|``)+)`|(\w+)/g)].map(
    match => match[1]?.replace(/``/g, '`') ?? match[2],
  );
}

/** The HTTP path the server answers on, shaped like a SQL warehouse's. */
const WAREHOUSE_PATH = '/sql/1.0/warehouses/meshwork-test';

/** How long ExecuteStatement waits for a statement before answering "running". */
const DIRECT_RESULTS_WAIT_MS = 20;

/** See DuckDbEngine: an interrupt is lost when it lands between statements. */
const INTERRUPT_REPEAT_MS = 20;

const BIGINT: SparkType = {
  typeId: T.TTypeId.BIGINT_TYPE,
  name: 'bigint',
  wire: 'i64',
};
const STRING: SparkType = {
  typeId: T.TTypeId.STRING_TYPE,
  name: 'string',
  wire: 'string',
};

export interface HiveServerOptions {
  /** The bearer token requests must carry; others get HTTP 401. */
  token: string;
  /** The warehouse's data; an empty in-memory database if absent. */
  duckdb?: DuckDBInstance;
  /**
   * The groups the workspace knows: granting to or revoking from another
   * fails as Unity Catalog fails it. Any name is known if absent.
   */
  principals?: readonly string[];
}

/** A `SELECT` privilege the server holds: on `schema.table`, lower case. */
export interface TablePrivilege {
  table: string;
  principal: string;
}

/** One FetchResults round trip, for tests that check paging. */
export interface FetchRecord {
  maxRows: number;
  rows: number;
  hasMoreRows: boolean;
  /** Whether the rows came with ExecuteStatement's direct results. */
  direct: boolean;
}

export interface HiveServer {
  host: string;
  port: number;
  path: string;
  duckdb: DuckDBInstance;
  /** Every page of rows sent, in order. */
  fetches: FetchRecord[];
  /** Statements received, in order, as the client sent them. */
  statements: string[];
  /** The `SELECT` privileges granted and not revoked, in the order granted. */
  privileges(): TablePrivilege[];
  /** Operations the client cancelled that were still running. */
  cancelled: number;
  /** Operations not closed yet. */
  openOperations(): number;
  close(): Promise<void>;
}

interface Session {
  id: THandleIdentifier;
  schema?: string;
  statementTimeoutSeconds?: number;
  operations: Set<Operation>;
}

interface ResultColumn {
  name: string;
  spark: SparkType;
}

/** A result the server keeps for the client to page through. */
interface ResultSource {
  columns: ResultColumn[];
  next(maxRows: number): Promise<DuckDBValue[][]>;
  exhausted(): boolean;
  close(): void;
}

interface Operation {
  id: THandleIdentifier;
  session: Session;
  state: number;
  error?: { message: string; sqlState: string };
  result?: ResultSource;
  connection?: DuckDBConnection;
  done: Promise<void>;
  stop(state: number): void;
}

/**
 * A HiveServer2 Thrift-over-HTTPS server in front of an in-memory DuckDB,
 * standing in for a Databricks SQL warehouse: the real `@databricks/sql`
 * driver connects to it unchanged and runs its session, statement, paging,
 * cancellation and error paths against real query results.
 *
 * It speaks what a warehouse speaks, closely enough for the engine's tests:
 * column-based result pages of at most the requested `maxRows`, errors as
 * `TStatus` with a Spark-style message and SQLSTATE, `num_affected_rows`
 * for writes, `DESCRIBE TABLE` and `DESCRIBE DETAIL` (from a log of the
 * writes it ran, as Delta keeps one). Spark SQL is translated as far as the
 * tests need: backquoted identifiers and double-quoted strings.
 */
export async function startHiveServer(
  options: HiveServerOptions,
): Promise<HiveServer> {
  const duckdb = options.duckdb ?? (await DuckDBInstance.create(':memory:'));
  const sessions = new Map<string, Session>();
  const operations = new Map<string, Operation>();
  const lastWrites = new Map<string, { createdAt: Date; lastModified: Date }>();
  const fetches: FetchRecord[] = [];
  const statements: string[] = [];
  /** `schema.table principal` → the privilege. */
  const privileges = new Map<string, TablePrivilege>();
  const state = { cancelled: 0 };

  const sessionOf = (handle: { sessionId: THandleIdentifier }) =>
    sessions.get(key(handle.sessionId));
  const operationOf = (handle: { operationId: THandleIdentifier }) =>
    operations.get(key(handle.operationId));

  async function fetchPage(
    operation: Operation,
    maxRows: number,
    direct: boolean,
  ) {
    const result = operation.result!;
    const rows = await result.next(maxRows);
    const hasMoreRows = !result.exhausted();
    fetches.push({ maxRows, rows: rows.length, hasMoreRows, direct });
    return new T.TFetchResultsResp({
      status: success(),
      hasMoreRows,
      results: new T.TRowSet({
        startRowOffset: new thrift.Int64(0),
        rows: [],
        columns: result.columns.map((column, i) =>
          toThriftColumn(
            column.spark,
            rows.map(row => row[i]),
          ),
        ),
      }),
    });
  }

  function metadata(operation: Operation) {
    return new T.TGetResultSetMetadataResp({
      status: success(),
      schema: new T.TTableSchema({
        columns: operation.result!.columns.map(
          (column, i): TColumnDesc =>
            new T.TColumnDesc({
              columnName: column.name,
              position: i + 1,
              typeDesc: new T.TTypeDesc({
                types: [
                  new T.TTypeEntry({
                    primitiveEntry: new T.TPrimitiveTypeEntry({
                      type: column.spark.typeId,
                      ...(column.spark.typeId === T.TTypeId.DECIMAL_TYPE && {
                        typeQualifiers: new T.TTypeQualifiers({
                          qualifiers: {
                            precision: new T.TTypeQualifierValue({
                              i32Value: column.spark.precision,
                            }),
                            scale: new T.TTypeQualifierValue({
                              i32Value: column.spark.scale,
                            }),
                          },
                        }),
                      }),
                    }),
                  }),
                ],
              }),
            }),
        ),
      }),
      resultFormat: T.TSparkRowSetType.COLUMN_BASED_SET,
      lz4Compressed: false,
    });
  }

  function operationStatus(operation: Operation) {
    return new T.TGetOperationStatusResp({
      status: success(),
      operationState: operation.state,
      hasResultSet: operation.result !== undefined,
      ...(operation.error && {
        errorMessage: operation.error.message,
        displayMessage: operation.error.message,
        sqlState: operation.error.sqlState,
      }),
    });
  }

  /** Runs one statement on a connection of its own, so a cancel stops only it. */
  function startOperation(
    session: Session,
    sql: string,
    timeoutSeconds: number,
  ) {
    const operation: Operation = {
      id: newHandle(),
      session,
      state: T.TOperationState.RUNNING_STATE,
      done: Promise.resolve(),
      stop: () => {},
    };
    let interrupting: ReturnType<typeof setInterval> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    operation.stop = stoppedState => {
      if (operation.state !== T.TOperationState.RUNNING_STATE) return;
      operation.state = stoppedState;
      const connection = operation.connection;
      if (connection) {
        connection.interrupt();
        interrupting ??= setInterval(
          () => connection.interrupt(),
          INTERRUPT_REPEAT_MS,
        );
      }
    };
    if (timeoutSeconds > 0) {
      timer = setTimeout(
        () => operation.stop(T.TOperationState.TIMEDOUT_STATE),
        timeoutSeconds * 1000,
      );
    }
    operation.done = (async () => {
      try {
        operation.connection = await duckdb.connect();
        if (session.schema) {
          await operation.connection.run(`USE ${session.schema}`);
        }
        const result = await execute(operation.connection, session, sql);
        if (operation.state === T.TOperationState.RUNNING_STATE) {
          operation.result = result;
          operation.state = T.TOperationState.FINISHED_STATE;
        } else {
          result?.close();
        }
      } catch (error) {
        if (operation.state === T.TOperationState.RUNNING_STATE) {
          operation.state = T.TOperationState.ERROR_STATE;
          operation.error = sparkError(error);
        } else if (operation.state === T.TOperationState.TIMEDOUT_STATE) {
          operation.error = {
            message: `[QUERY_EXECUTION_TIMEOUT_EXCEEDED] Query execution exceeded the timeout of ${timeoutSeconds} seconds.`,
            sqlState: '57KD0',
          };
        }
      } finally {
        clearInterval(interrupting);
        clearTimeout(timer);
      }
    })();
    operations.set(key(operation.id), operation);
    session.operations.add(operation);
    return operation;
  }

  /** Executes `sql` on DuckDB and returns its result, if it has one. */
  async function execute(
    connection: DuckDBConnection,
    session: Session,
    sql: string,
  ): Promise<ResultSource | undefined> {
    const describe =
      /^\s*DESCRIBE\s+(?:(DETAIL|TABLE|EXTENDED)\s+)?([\w.`"]+)\s*;?\s*$/i.exec(
        sql,
      );
    if (describe) {
      const table = await resolveTable(connection, session, describe[2]);
      return describe[1]?.toUpperCase() === 'DETAIL'
        ? describeDetail(connection, table)
        : describeTable(connection, table);
    }
    const privilege = new RegExp(
      `^\\s*(GRANT|REVOKE)\\s+SELECT\\s+ON\\s+TABLE\\s+(${TABLE_REF})\\s+(?:TO|FROM)\\s+(${IDENTIFIER})\\s*;?\\s*$`,
      'i',
    ).exec(sql);
    if (privilege) {
      const table = await resolveParts(
        connection,
        session,
        identifierParts(privilege[2]),
      );
      const [principal] = identifierParts(privilege[3]);
      if (options.principals && !options.principals.includes(principal)) {
        throw new Error(
          `[PRINCIPAL_DOES_NOT_EXIST] Could not find principal with name ${principal}.`,
        );
      }
      const held = {
        table: `${table.schema}.${table.name}`.toLowerCase(),
        principal,
      };
      const heldKey = `${held.table} ${principal}`;
      if (privilege[1].toUpperCase() === 'GRANT') {
        privileges.set(heldKey, held);
      } else {
        privileges.delete(heldKey);
      }
      return undefined;
    }
    const extracted = await connection.extractStatements(toDuckDbSql(sql));
    if (extracted.count !== 1) {
      throw new Error(
        `Parser Error: expected one statement per request, got ${extracted.count}`,
      );
    }
    const prepared = await extracted.prepare(0);
    if (
      prepared.statementType === StatementType.SELECT ||
      prepared.statementType === StatementType.EXPLAIN
    ) {
      return streamed(await prepared.stream());
    }
    const result = await prepared.run();
    const droppedView = new RegExp(
      `^\\s*DROP\\s+VIEW(?:\\s+IF\\s+EXISTS)?\\s+(${TABLE_REF})`,
      'i',
    ).exec(sql);
    if (droppedView) {
      // Dropping an object drops the privileges on it.
      const parts = identifierParts(droppedView[1]);
      const name = parts.pop()!;
      const schema = parts.pop() ?? session.schema ?? 'main';
      const dropped = `${schema}.${name}`.toLowerCase();
      for (const [heldKey, held] of privileges) {
        if (held.table === dropped) privileges.delete(heldKey);
      }
    }
    const written = writtenTable(sql, session);
    if (written) {
      const now = new Date();
      if (written.drop) lastWrites.delete(written.name);
      else {
        const previous = written.replace
          ? undefined
          : lastWrites.get(written.name);
        lastWrites.set(written.name, {
          createdAt: previous?.createdAt ?? now,
          lastModified: now,
        });
      }
    }
    let count: bigint | undefined;
    if (result.returnType === ResultReturnType.CHANGED_ROWS) {
      count = BigInt(result.rowsChanged);
    } else if (
      prepared.statementType === StatementType.CREATE &&
      result.columnCount === 1 &&
      result.columnName(0) === 'Count'
    ) {
      const [row] = await result.getRows();
      if (row) count = BigInt(String(row[0]));
    }
    if (count === undefined) return undefined;
    // Delta reports inserts as num_affected_rows and num_inserted_rows.
    const inserts =
      prepared.statementType === StatementType.INSERT ||
      prepared.statementType === StatementType.CREATE;
    return literal(
      [
        { name: 'num_affected_rows', spark: BIGINT },
        ...(inserts ? [{ name: 'num_inserted_rows', spark: BIGINT }] : []),
      ],
      [inserts ? [count, count] : [count]],
    );
  }

  async function describeTable(
    connection: DuckDBConnection,
    table: ResolvedTable,
  ): Promise<ResultSource> {
    const prepared = await connection.prepare(`SELECT * FROM ${quoted(table)}`);
    const comments = await connection.runAndReadAll(
      `SELECT column_name, comment FROM duckdb_columns()
       WHERE schema_name = $schema AND table_name = $name`,
      { schema: table.schema, name: table.name },
    );
    const commentOf = new Map(
      comments.getRows().map(([column, comment]) => [column, comment]),
    );
    const rows: DuckDBValue[][] = [];
    for (let i = 0; i < prepared.columnCount; i++) {
      const name = prepared.columnName(i);
      rows.push([
        name,
        sparkType(prepared.columnType(i)).name,
        commentOf.get(name) ?? null,
      ]);
    }
    return literal(
      [
        { name: 'col_name', spark: STRING },
        { name: 'data_type', spark: STRING },
        { name: 'comment', spark: STRING },
      ],
      rows,
    );
  }

  async function describeDetail(
    connection: DuckDBConnection,
    table: ResolvedTable,
  ): Promise<ResultSource> {
    const writes = lastWrites.get(`${table.schema}.${table.name}`);
    const result = await connection.run(
      `SELECT 'delta' AS format, $name AS name,
              CAST($createdAt AS TIMESTAMP) AS createdAt,
              CAST($lastModified AS TIMESTAMP) AS lastModified`,
      {
        name: `${table.schema}.${table.name}`,
        createdAt: writes ? sparkTimestamp(writes.createdAt) : null,
        lastModified: writes ? sparkTimestamp(writes.lastModified) : null,
      },
    );
    return streamed(result);
  }

  async function resolveTable(
    connection: DuckDBConnection,
    session: Session,
    text: string,
  ): Promise<ResolvedTable> {
    return resolveParts(
      connection,
      session,
      text.split('.').map(part => part.replace(/^[`"]|[`"]$/g, '')),
    );
  }

  async function resolveParts(
    connection: DuckDBConnection,
    session: Session,
    names: string[],
  ): Promise<ResolvedTable> {
    const parts = [...names];
    const name = parts.pop()!;
    const schema = parts.pop() ?? session.schema ?? 'main';
    const found = await connection.runAndReadAll(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE lower(table_schema) = lower($schema) AND lower(table_name) = lower($name)`,
      { schema, name },
    );
    const [row] = found.getRows();
    if (!row) {
      throw new Error(
        `Catalog Error: [TABLE_OR_VIEW_NOT_FOUND] The table or view \`${schema}\`.\`${name}\` cannot be found.`,
      );
    }
    return { schema: String(row[0]), name: String(row[1]) };
  }

  function writtenTable(sql: string, session: Session) {
    const code = sqlSegments(sql)
      .map(segment => (segment.kind === 'comment' ? ' ' : segment.text))
      .join('');
    const match =
      /^\s*(?:(CREATE\s+(?:OR\s+REPLACE\s+)?TABLE(?:\s+IF\s+NOT\s+EXISTS)?)|(DROP\s+TABLE(?:\s+IF\s+EXISTS)?)|INSERT\s+(?:INTO|OVERWRITE)(?:\s+TABLE)?|DELETE\s+FROM|UPDATE|MERGE\s+INTO)\s+([\w.`"]+)/i.exec(
        code,
      );
    if (!match) return undefined;
    const parts = match[3]
      .split('.')
      .map(part => part.replace(/^[`"]|[`"]$/g, '').toLowerCase());
    const name = parts.pop()!;
    const schema = parts.pop() ?? session.schema?.toLowerCase() ?? 'main';
    return {
      name: `${schema}.${name}`,
      replace: match[1] !== undefined,
      drop: match[2] !== undefined,
    };
  }

  const handler = {
    async OpenSession(req: InstanceType<typeof T.TOpenSessionReq>) {
      const session: Session = {
        id: newHandle(),
        schema: req.initialNamespace?.schemaName ?? undefined,
        operations: new Set(),
      };
      const timeout = Number(req.configuration?.STATEMENT_TIMEOUT ?? 0);
      if (timeout > 0) session.statementTimeoutSeconds = timeout;
      sessions.set(key(session.id), session);
      return new T.TOpenSessionResp({
        status: success(),
        serverProtocolVersion: T.TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V8,
        sessionHandle: new T.TSessionHandle({ sessionId: session.id }),
        canUseMultipleCatalogs: true,
      });
    },

    async CloseSession(req: InstanceType<typeof T.TCloseSessionReq>) {
      const session = sessionOf(req.sessionHandle);
      if (!session) return new T.TCloseSessionResp({ status: invalidHandle() });
      for (const operation of session.operations) {
        await closeOperation(operation);
      }
      sessions.delete(key(session.id));
      return new T.TCloseSessionResp({ status: success() });
    },

    async ExecuteStatement(req: InstanceType<typeof T.TExecuteStatementReq>) {
      const session = sessionOf(req.sessionHandle);
      if (!session) {
        return new T.TExecuteStatementResp({ status: invalidHandle() });
      }
      statements.push(req.statement);
      const timeout =
        Number(req.queryTimeout?.toNumber() ?? 0) ||
        (session.statementTimeoutSeconds ?? 0);
      const operation = startOperation(session, req.statement, timeout);
      if (req.runAsync) {
        await Promise.race([operation.done, delay(DIRECT_RESULTS_WAIT_MS)]);
      } else {
        await operation.done;
      }
      const finished = operation.state !== T.TOperationState.RUNNING_STATE;
      const directRows = req.getDirectResults?.maxRows?.toNumber();
      return new T.TExecuteStatementResp({
        status: success(),
        operationHandle: handleOf(operation),
        ...(finished &&
          directRows !== undefined && {
            directResults: new T.TSparkDirectResults({
              operationStatus: operationStatus(operation),
              ...(operation.result && {
                resultSetMetadata: metadata(operation),
                resultSet: await fetchPage(operation, directRows, true),
              }),
            }),
          }),
      });
    },

    async GetOperationStatus(
      req: InstanceType<typeof T.TGetOperationStatusReq>,
    ) {
      const operation = operationOf(req.operationHandle);
      if (!operation) {
        return new T.TGetOperationStatusResp({ status: invalidHandle() });
      }
      return operationStatus(operation);
    },

    async GetResultSetMetadata(
      req: InstanceType<typeof T.TGetResultSetMetadataReq>,
    ) {
      const operation = operationOf(req.operationHandle);
      if (!operation?.result) {
        return new T.TGetResultSetMetadataResp({ status: invalidHandle() });
      }
      return metadata(operation);
    },

    async FetchResults(req: InstanceType<typeof T.TFetchResultsReq>) {
      const operation = operationOf(req.operationHandle);
      if (!operation?.result) {
        return new T.TFetchResultsResp({ status: invalidHandle() });
      }
      if (req.fetchType === 1) {
        // Logs: a warehouse keeps none for the client.
        return new T.TFetchResultsResp({
          status: success(),
          hasMoreRows: false,
        });
      }
      try {
        return await fetchPage(operation, req.maxRows.toNumber(), false);
      } catch (error) {
        return new T.TFetchResultsResp({ status: failure(sparkError(error)) });
      }
    },

    async CancelOperation(req: InstanceType<typeof T.TCancelOperationReq>) {
      const operation = operationOf(req.operationHandle);
      if (!operation) {
        return new T.TCancelOperationResp({ status: invalidHandle() });
      }
      if (operation.state === T.TOperationState.RUNNING_STATE) {
        state.cancelled++;
      }
      operation.stop(T.TOperationState.CANCELED_STATE);
      return new T.TCancelOperationResp({ status: success() });
    },

    async CloseOperation(req: InstanceType<typeof T.TCloseOperationReq>) {
      const operation = operationOf(req.operationHandle);
      if (!operation) {
        return new T.TCloseOperationResp({ status: invalidHandle() });
      }
      await closeOperation(operation);
      return new T.TCloseOperationResp({ status: success() });
    },
  };

  async function closeOperation(operation: Operation) {
    operation.stop(T.TOperationState.CLOSED_STATE);
    await operation.done;
    operation.result?.close();
    operation.connection?.closeSync();
    operations.delete(key(operation.id));
    operation.session.operations.delete(operation);
  }

  const { key: tlsKey, cert } = selfSignedCertificate();
  const server = thrift.createWebServer({
    tls: { key: tlsKey, cert },
    services: {
      [WAREHOUSE_PATH]: {
        transport: thrift.TBufferedTransport,
        protocol: thrift.TBinaryProtocol,
        processor: TCLIService.Processor,
        handler,
      },
    },
  } as unknown as thrift.WebServerOptions<unknown, unknown>);

  // A warehouse checks the token before it reads a request.
  const [serveThrift] = server.listeners('request') as Array<
    (request: any, response: any) => void
  >;
  server.removeAllListeners('request');
  server.on('request', (request, response) => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      request.resume();
      response.writeHead(401, { 'Content-Type': 'text/plain' });
      response.end('Unauthorized: invalid access token');
      return;
    }
    serveThrift(request, response);
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: 'localhost',
    port,
    path: WAREHOUSE_PATH,
    duckdb,
    fetches,
    statements,
    privileges: () => [...privileges.values()],
    get cancelled() {
      return state.cancelled;
    },
    openOperations: () => operations.size,
    async close() {
      for (const operation of operations.values()) {
        await closeOperation(operation);
      }
      // The driver keeps connections alive; close() would wait for them.
      (server as https.Server).closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      if (!options.duckdb) duckdb.closeSync();
    },
  };
}

interface ResolvedTable {
  schema: string;
  name: string;
}

/** A type as a warehouse describes it: Thrift type id and Spark name. */
interface SparkType {
  typeId: number;
  name: string;
  precision?: number;
  scale?: number;
  /** How values travel in a column-based row set. */
  wire:
    | 'bool'
    | 'byte'
    | 'i16'
    | 'i32'
    | 'i64'
    | 'double'
    | 'string'
    | 'binary'
    | 'json';
}

function sparkType(type: DuckDBType): SparkType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { typeId: T.TTypeId.BOOLEAN_TYPE, name: 'boolean', wire: 'bool' };
    case DuckDBTypeId.TINYINT:
      return { typeId: T.TTypeId.TINYINT_TYPE, name: 'tinyint', wire: 'byte' };
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return { typeId: T.TTypeId.SMALLINT_TYPE, name: 'smallint', wire: 'i16' };
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return { typeId: T.TTypeId.INT_TYPE, name: 'int', wire: 'i32' };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return BIGINT;
    case DuckDBTypeId.UBIGINT:
      return decimal(20, 0);
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return decimal(38, 0);
    case DuckDBTypeId.FLOAT:
      return { typeId: T.TTypeId.FLOAT_TYPE, name: 'float', wire: 'double' };
    case DuckDBTypeId.DOUBLE:
      return { typeId: T.TTypeId.DOUBLE_TYPE, name: 'double', wire: 'double' };
    case DuckDBTypeId.DECIMAL:
      return decimal(type.width, type.scale);
    case DuckDBTypeId.DATE:
      return { typeId: T.TTypeId.DATE_TYPE, name: 'date', wire: 'string' };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return {
        typeId: T.TTypeId.TIMESTAMP_TYPE,
        name: 'timestamp',
        wire: 'string',
      };
    case DuckDBTypeId.BLOB:
      return { typeId: T.TTypeId.BINARY_TYPE, name: 'binary', wire: 'binary' };
    case DuckDBTypeId.SQLNULL:
      return { typeId: T.TTypeId.NULL_TYPE, name: 'void', wire: 'string' };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return {
        typeId: T.TTypeId.ARRAY_TYPE,
        name: `array<${sparkType(type.valueType).name}>`,
        wire: 'json',
      };
    case DuckDBTypeId.MAP:
      return {
        typeId: T.TTypeId.MAP_TYPE,
        name: `map<${sparkType(type.keyType).name},${
          sparkType(type.valueType).name
        }>`,
        wire: 'json',
      };
    case DuckDBTypeId.STRUCT:
      return {
        typeId: T.TTypeId.STRUCT_TYPE,
        name: `struct<${type.entryNames
          .map((name, i) => `${name}:${sparkType(type.entryTypes[i]).name}`)
          .join(',')}>`,
        wire: 'json',
      };
    default:
      return STRING;
  }
}

function decimal(precision: number, scale: number): SparkType {
  return {
    typeId: T.TTypeId.DECIMAL_TYPE,
    name: `decimal(${precision},${scale})`,
    precision,
    scale,
    wire: 'string',
  };
}

/** A column of a row set, with its null bitmap, as HiveServer2 sends it. */
function toThriftColumn(spark: SparkType, values: DuckDBValue[]): TColumn {
  const nulls = Buffer.alloc(Math.ceil(values.length / 8));
  values.forEach((value, i) => {
    if (value === null) nulls[i >> 3] |= 1 << (i & 7);
  });
  const present = <D>(convert: (value: DuckDBValue) => D, empty: D) =>
    values.map(value => (value === null ? empty : convert(value)));
  switch (spark.wire) {
    case 'bool':
      return new T.TColumn({
        boolVal: new T.TBoolColumn({ values: present(Boolean, false), nulls }),
      });
    case 'byte':
      return new T.TColumn({
        byteVal: new T.TByteColumn({ values: present(Number, 0), nulls }),
      });
    case 'i16':
      return new T.TColumn({
        i16Val: new T.TI16Column({ values: present(Number, 0), nulls }),
      });
    case 'i32':
      return new T.TColumn({
        i32Val: new T.TI32Column({ values: present(Number, 0), nulls }),
      });
    case 'i64':
      return new T.TColumn({
        i64Val: new T.TI64Column({
          values: present(toInt64, new thrift.Int64(0)),
          nulls,
        }),
      });
    case 'double':
      return new T.TColumn({
        doubleVal: new T.TDoubleColumn({ values: present(Number, 0), nulls }),
      });
    case 'binary':
      return new T.TColumn({
        binaryVal: new T.TBinaryColumn({
          values: present(
            value => Buffer.from((value as { bytes: Uint8Array }).bytes),
            Buffer.alloc(0),
          ),
          nulls,
        }),
      });
    case 'json':
      return new T.TColumn({
        stringVal: new T.TStringColumn({
          values: present(value => JSON.stringify(toJson(value)), ''),
          nulls,
        }),
      });
    default:
      return new T.TColumn({
        stringVal: new T.TStringColumn({
          values: present(sparkString, ''),
          nulls,
        }),
      });
  }
}

function toInt64(value: DuckDBValue) {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value as bigint | number));
  return new thrift.Int64(buffer);
}

/** A value as Spark prints it in a string column. */
function sparkString(value: DuckDBValue): string {
  if (value instanceof DuckDBTimestampTZValue) {
    return String(new DuckDBTimestampValue(value.micros));
  }
  return String(value);
}

/** Nested values as Spark's `to_json` writes them. */
function toJson(value: DuckDBValue): unknown {
  if (value === null) return null;
  if (value instanceof DuckDBListValue) return value.items.map(toJson);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(
      Object.entries(value.entries).map(([k, v]) => [k, toJson(v)]),
    );
  }
  if (value instanceof DuckDBMapValue) {
    return Object.fromEntries(
      value.entries.map(entry => [String(entry.key), toJson(entry.value)]),
    );
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** A DuckDB result read a chunk at a time, as the client pages. */
function streamed(result: DuckDBResult): ResultSource {
  const columns = result
    .columnNames()
    .map((name, i) => ({ name, spark: sparkType(result.columnTypes()[i]) }));
  let buffered: DuckDBValue[][] = [];
  let done = false;
  return {
    columns,
    async next(maxRows) {
      while (!done && buffered.length < maxRows) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) done = true;
        else buffered.push(...chunk.getRows());
      }
      const page = buffered.slice(0, maxRows);
      buffered = buffered.slice(maxRows);
      return page;
    },
    exhausted: () => done && buffered.length === 0,
    close: () => {
      done = true;
      buffered = [];
    },
  };
}

function literal(columns: ResultColumn[], rows: DuckDBValue[][]): ResultSource {
  let remaining = rows;
  return {
    columns,
    async next(maxRows) {
      const page = remaining.slice(0, maxRows);
      remaining = remaining.slice(maxRows);
      return page;
    },
    exhausted: () => remaining.length === 0,
    close: () => {
      remaining = [];
    },
  };
}

/**
 * Spark SQL as DuckDB reads it: backquoted identifiers become double-quoted
 * ones, and double-quoted strings single-quoted ones.
 */
function toDuckDbSql(sql: string): string {
  return sqlSegments(sql)
    .map(({ kind, text }) => {
      if (kind === 'identifier') {
        return `"${text.slice(1, -1).replace(/``/g, '`').replace(/"/g, '""')}"`;
      }
      if (kind === 'string' && text.startsWith('"')) {
        return `'${text
          .slice(1, -1)
          .replace(/\\"/g, '"')
          .replace(/'/g, "''")}'`;
      }
      return text;
    })
    .join('');
}

function quoted(table: ResolvedTable): string {
  return [table.schema, table.name]
    .map(part => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

/** A DuckDB failure as a warehouse reports it: an error class and SQLSTATE. */
function sparkError(error: unknown): { message: string; sqlState: string } {
  const message = (
    error instanceof Error ? error.message : String(error)
  ).replace(/^(?:Error: )?(?:Failed to extract statements: )?/, '');
  if (/^Parser Error: /.test(message)) {
    return {
      message: `[PARSE_SYNTAX_ERROR] ${message.replace(/^Parser Error: /, '')}`,
      sqlState: '42601',
    };
  }
  if (/^Catalog Error: /.test(message)) {
    const detail = message.replace(/^Catalog Error: /, '');
    return {
      message: detail.startsWith('[')
        ? detail
        : `[TABLE_OR_VIEW_NOT_FOUND] ${detail}`,
      sqlState: '42P01',
    };
  }
  if (/^Binder Error: /.test(message)) {
    return {
      message: `[UNRESOLVED_COLUMN] ${message.replace(/^Binder Error: /, '')}`,
      sqlState: '42703',
    };
  }
  if (/^INTERRUPT Error: /.test(message)) {
    return { message: 'Operation was cancelled.', sqlState: 'HY008' };
  }
  return { message, sqlState: 'XX000' };
}

/** `2026-06-30 09:15:00.123`, the form Spark casts to a TIMESTAMP in UTC. */
function sparkTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

function newHandle(): THandleIdentifier {
  return new T.THandleIdentifier({
    guid: Buffer.from(crypto.randomUUID().replace(/-/g, ''), 'hex'),
    secret: crypto.randomBytes(16),
  });
}

function handleOf(operation: Operation) {
  return new T.TOperationHandle({
    operationId: operation.id,
    operationType: T.TOperationType.EXECUTE_STATEMENT,
    hasResultSet:
      operation.state === T.TOperationState.RUNNING_STATE ||
      operation.result !== undefined,
  });
}

function key(handle: THandleIdentifier): string {
  return Buffer.from(handle.guid).toString('hex');
}

function success(): TStatus {
  return new T.TStatus({ statusCode: T.TStatusCode.SUCCESS_STATUS });
}

function failure(error: { message: string; sqlState: string }): TStatus {
  return new T.TStatus({
    statusCode: T.TStatusCode.ERROR_STATUS,
    errorMessage: error.message,
    displayMessage: error.message,
    sqlState: error.sqlState,
  });
}

function invalidHandle(): TStatus {
  return new T.TStatus({
    statusCode: T.TStatusCode.INVALID_HANDLE_STATUS,
    errorMessage: 'Invalid OperationHandle or SessionHandle',
  });
}

function delay(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
