/** @jest-environment node */
import {
  QueryCancelledError,
  QueryError,
  QuerySyntaxError,
  QueryTimeoutError,
} from '@meshwork/data-mesh-node';
import { DatabricksSqlEngine } from './DatabricksSqlEngine';
import { HiveServer, startHiveServer } from './__testUtils__/hiveServer';

const TOKEN = 'dapi-test-0123456789abcdef';

/** Runs for many seconds unless it is stopped; valid Spark SQL and DuckDB. */
const LONG_QUERY =
  'SELECT count(*) AS n FROM range(1000000000) AS a, range(1000000) AS b WHERE a.range + b.range < 0';

const numbers = (n: number) => `SELECT range AS id FROM range(${n})`;

describe('DatabricksSqlEngine', () => {
  let server: HiveServer;
  let engine: DatabricksSqlEngine;

  const engineFor = (options: { token?: string; fetchRows?: number } = {}) =>
    new DatabricksSqlEngine({
      host: server.host,
      port: server.port,
      httpPath: server.path,
      token: options.token ?? TOKEN,
      fetchRows: options.fetchRows ?? 4,
    });

  beforeEach(async () => {
    server = await startHiveServer({ token: TOKEN });
    engine = engineFor();
  });

  afterEach(async () => {
    await engine.close();
    await server.close();
  });

  async function msUntilSettled(promise: Promise<unknown>, since: number) {
    await promise.catch(() => {});
    return Date.now() - since;
  }

  it('pages through results and reads no more than maxRows + 1 rows', async () => {
    const result = await engine.run(numbers(25), { maxRows: 10 });

    expect(result.columns).toEqual([{ name: 'id', type: 'bigint' }]);
    expect(result.rows.map(([id]) => Number(id))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(result.truncated).toBe(true);
    // Pages of at most fetchRows (4), the last one only as big as needed.
    expect(server.fetches.map(page => page.maxRows)).toEqual([4, 4, 3]);
    expect(server.fetches.reduce((sum, page) => sum + page.rows, 0)).toBe(11);
    expect(server.openOperations()).toBe(0);
  });

  it('reads a result to its end when it fits', async () => {
    const all = await engine.run(numbers(9), { maxRows: 25 });
    expect(all.rows).toHaveLength(9);
    expect(all.truncated).toBe(false);

    const none = await engine.run(numbers(9), { maxRows: 0 });
    expect(none).toMatchObject({ rows: [], truncated: true });
    expect(none.columns).toEqual([{ name: 'id', type: 'bigint' }]);
  });

  it('keeps the order of an ordered query', async () => {
    const result = await engine.run(
      `SELECT id FROM (${numbers(50)}) AS t ORDER BY id DESC`,
      { maxRows: 3 },
    );
    expect(result.rows).toEqual([['49'], ['48'], ['47']]);
  });

  it('names types as Spark does and returns values JSON keeps exactly', async () => {
    const result = await engine.run(
      `SELECT
         CAST(4503599627370497 AS BIGINT) AS big,
         CAST(42 AS INT) AS small,
         CAST(0.5 AS DOUBLE) AS ratio,
         CAST('12.50' AS DECIMAL(10,2)) AS amount,
         DATE '2024-02-29' AS day,
         TIMESTAMP '2024-01-02 03:04:05.123456' AS at,
         'Zoë O''Brien' AS name,
         true AS active,
         CAST(NULL AS INT) AS missing,
         CAST('NaN' AS DOUBLE) AS nan,
         \`weird name\`
       FROM (SELECT 1 AS \`weird name\`)`,
      { maxRows: 1 },
    );

    expect(result.columns).toEqual([
      { name: 'big', type: 'bigint' },
      { name: 'small', type: 'int' },
      { name: 'ratio', type: 'double' },
      { name: 'amount', type: 'decimal(10,2)' },
      { name: 'day', type: 'date' },
      { name: 'at', type: 'timestamp' },
      { name: 'name', type: 'string' },
      { name: 'active', type: 'boolean' },
      { name: 'missing', type: 'int' },
      { name: 'nan', type: 'double' },
      { name: 'weird name', type: 'int' },
    ]);
    expect(result.rows).toEqual([
      [
        '4503599627370497',
        42,
        0.5,
        '12.50',
        '2024-02-29',
        '2024-01-02T03:04:05.123456',
        "Zoë O'Brien",
        true,
        null,
        'NaN',
        1,
      ],
    ]);
  });

  it('reports SQL the warehouse rejects with its message', async () => {
    const running = engine.run('SELECT FROM WHERE', { maxRows: 1 });
    await expect(running).rejects.toThrow(QuerySyntaxError);
    await expect(running).rejects.toThrow(/PARSE_SYNTAX_ERROR.*syntax error/);

    const missing = engine.run('SELECT * FROM gold.no_such_table', {
      maxRows: 1,
    });
    await expect(missing).rejects.toThrow(QuerySyntaxError);
    await expect(missing).rejects.toThrow(/no_such_table/);
  });

  it('refuses statements that write, and scripts', async () => {
    await expect(engine.run('DROP TABLE x', { maxRows: 1 })).rejects.toThrow(
      /run only reads/,
    );
    await expect(
      engine.run('SELECT 1; SELECT 2', { maxRows: 1 }),
    ).rejects.toThrow(/expected one SQL statement, got 2/);
    expect(server.statements).toEqual([]);
  });

  it('stops a query at its timeout and names the timeout', async () => {
    const startedAt = Date.now();
    const running = engine.run(LONG_QUERY, { maxRows: 1, timeoutMs: 300 });

    await expect(running).rejects.toThrow(QueryTimeoutError);
    await expect(running).rejects.toThrow('300 ms');
    expect(Date.now() - startedAt).toBeLessThan(1500);
    expect(server.cancelled).toBe(1);
  });

  it('cancels the query in the warehouse within a second of the abort', async () => {
    const controller = new AbortController();
    const running = engine.run(LONG_QUERY, {
      maxRows: 1,
      signal: controller.signal,
    });
    await new Promise(resolve => setTimeout(resolve, 500));

    const abortedAt = Date.now();
    controller.abort();

    await expect(running).rejects.toThrow(QueryCancelledError);
    expect(await msUntilSettled(running, abortedAt)).toBeLessThan(1000);
    expect(server.cancelled).toBe(1);
    // The warehouse let go of the query, and the engine still works.
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(server.openOperations()).toBe(0);
    await expect(
      engine.run('SELECT 1 AS one', { maxRows: 1 }),
    ).resolves.toMatchObject({ rows: [[1]] });
  });

  it('does not start a query whose signal already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    await expect(
      engine.execute('CREATE TABLE never (id INT)', {
        signal: controller.signal,
      }),
    ).rejects.toThrow(QueryCancelledError);
    expect(server.statements).toEqual([]);
  });

  it('stops running calls when it closes', async () => {
    const running = engine.run(LONG_QUERY, { maxRows: 1 });
    await new Promise(resolve => setTimeout(resolve, 300));

    await engine.close();

    await expect(running).rejects.toThrow(/closing/);
    await expect(engine.run('SELECT 1', { maxRows: 1 })).rejects.toThrow(
      /closed/,
    );
  });

  it('keeps the token out of every error, even when the warehouse refuses it', async () => {
    const wrong = engineFor({ token: 'dapi-wrong-fedcba9876543210' });
    try {
      const refused = await wrong
        .run('SELECT 1', { maxRows: 1 })
        .catch(error => error);
      expect(refused).toBeInstanceOf(QueryError);
      expect(refused.message).toMatch(
        /refused the access token \(HTTP 401\).*dataMesh\.engines\.databricks\.token/,
      );
      expect(JSON.stringify(refused)).not.toContain('dapi-wrong');
      expect(String(refused.stack)).not.toContain('dapi-wrong');

      const status = await wrong.status();
      expect(status.state).toBe('unavailable');
      expect(status.message).not.toContain('dapi-wrong');
    } finally {
      await wrong.close();
    }

    // A statement that quotes the token gets its echo masked too.
    const echoed = await engine
      .run(`SELECT * FROM \`${TOKEN}\``, { maxRows: 1 })
      .catch(error => error);
    expect(echoed).toBeInstanceOf(QuerySyntaxError);
    expect(echoed.message).toContain('***');
    expect(echoed.message).not.toContain(TOKEN);
    expect(String(echoed.stack)).not.toContain(TOKEN);
  });

  it('executes scripts one statement at a time and counts changed rows', async () => {
    const result = await engine.execute(
      `CREATE SCHEMA IF NOT EXISTS gold;
       -- a comment; with a semicolon
       CREATE TABLE gold.script (id BIGINT, note STRING);
       INSERT INTO gold.script VALUES (1, 'a;b'), (2, "it's"), (3, 'x');
       /* block; comment */
       DELETE FROM gold.script WHERE id < 2;`,
    );

    expect(result.rowsAffected).toBe(4);
    expect(server.statements).toHaveLength(4);
    const rows = await engine.run(
      'SELECT id, note FROM gold.script ORDER BY id',
      { maxRows: 10 },
    );
    expect(rows.rows).toEqual([
      ['2', "it's"],
      ['3', 'x'],
    ]);
    const ddl = await engine.execute('DROP TABLE gold.script');
    expect(ddl.rowsAffected).toBeUndefined();
  });

  it('stops a script at the failing statement, keeping what ran', async () => {
    await expect(
      engine.execute(
        `CREATE TABLE kept (id INT); INSERT INTO nowhere VALUES (1); CREATE TABLE never (id INT)`,
      ),
    ).rejects.toThrow(/nowhere/);

    await expect(engine.describeTable('kept')).resolves.toEqual({
      columns: [{ name: 'id', type: 'int' }],
    });
    await expect(engine.describeTable('never')).resolves.toBeUndefined();
  });

  it('writes targets, and reads their columns and freshness back', async () => {
    await engine.execute('CREATE SCHEMA IF NOT EXISTS gold');
    const before = Date.now();

    const written = await engine.writeTarget({
      table: 'gold.numbers',
      sql: `SELECT id, CAST(id * 1.5 AS DECIMAL(10,2)) AS amount FROM (${numbers(
        7,
      )})`,
      mode: 'overwrite',
    });
    expect(written.rowsWritten).toBe(7);
    expect(written.writtenAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(written.writtenAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(server.statements).toContain(
      `CREATE OR REPLACE TABLE gold.numbers AS\nSELECT id, CAST(id * 1.5 AS DECIMAL(10,2)) AS amount FROM (${numbers(
        7,
      )})`,
    );

    await expect(engine.tableFreshness('gold.numbers')).resolves.toEqual({
      lastModified: written.writtenAt,
    });
    await expect(engine.describeTable('gold.numbers')).resolves.toEqual({
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'amount', type: 'decimal(10,2)' },
      ],
    });

    await new Promise(resolve => setTimeout(resolve, 5));
    const appended = await engine.writeTarget({
      table: 'gold.numbers',
      sql: `SELECT CAST(1 AS DECIMAL(10,2)) AS amount, CAST(99 AS BIGINT) AS id`,
      mode: 'append',
    });
    expect(appended.rowsWritten).toBe(1);
    expect(appended.writtenAt.getTime()).toBeGreaterThan(
      written.writtenAt.getTime(),
    );
    expect(server.statements).toContain(
      'INSERT INTO gold.numbers BY NAME\nSELECT CAST(1 AS DECIMAL(10,2)) AS amount, CAST(99 AS BIGINT) AS id',
    );
    const count = await engine.run(
      'SELECT count(*) AS n, max(id) AS top FROM gold.numbers',
      { maxRows: 1 },
    );
    expect(count.rows).toEqual([['8', '99']]);
    await expect(engine.tableFreshness('gold.numbers')).resolves.toEqual({
      lastModified: appended.writtenAt,
    });
  });

  it('creates the table on the first append and quotes names Spark-style', async () => {
    await engine.execute('CREATE SCHEMA IF NOT EXISTS gold');

    const written = await engine.writeTarget({
      table: 'gold.order',
      sql: numbers(4),
      mode: 'append',
    });

    expect(written.rowsWritten).toBe(4);
    expect(server.statements).toContain(
      `CREATE OR REPLACE TABLE gold.\`order\` AS\n${numbers(4)}`,
    );
  });

  it('rejects a target written from something other than a query', async () => {
    await expect(
      engine.writeTarget({
        table: 'gold.numbers',
        sql: 'DROP TABLE gold.numbers',
        mode: 'overwrite',
      }),
    ).rejects.toThrow(/written from one query, not a DROP statement/);
  });

  it('stops a long write when aborted, leaving no table', async () => {
    const controller = new AbortController();
    const writing = engine.writeTarget(
      { table: 'too_big', sql: LONG_QUERY, mode: 'overwrite' },
      { signal: controller.signal },
    );
    await new Promise(resolve => setTimeout(resolve, 400));
    const abortedAt = Date.now();
    controller.abort();

    await expect(writing).rejects.toThrow(QueryCancelledError);
    expect(await msUntilSettled(writing, abortedAt)).toBeLessThan(1000);
    await expect(engine.describeTable('too_big')).resolves.toBeUndefined();
  });

  it('knows nothing of tables that do not exist', async () => {
    await expect(engine.describeTable('gold.nowhere')).resolves.toBeUndefined();
    await expect(
      engine.tableFreshness('gold.nowhere'),
    ).resolves.toBeUndefined();
  });

  it('reports column comments', async () => {
    await engine.execute(
      `CREATE TABLE customers (id BIGINT, email STRING);
       COMMENT ON COLUMN customers.email IS 'PII: contact address'`,
    );

    await expect(engine.describeTable('customers')).resolves.toEqual({
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'email', type: 'string', comment: 'PII: contact address' },
      ],
    });
  });

  it('runs calls concurrently, each in its own session', async () => {
    const results = await Promise.all(
      [3, 5, 8, 13].map(n => engine.run(numbers(n), { maxRows: 100 })),
    );

    expect(results.map(result => result.rows.length)).toEqual([3, 5, 8, 13]);
  });

  it('reports its status with the number of tables', async () => {
    await engine.execute('CREATE TABLE a (id INT); CREATE TABLE b (id INT)');

    await expect(engine.status()).resolves.toEqual({
      state: 'ready',
      message: `localhost:${server.port}${server.path}`,
      tableCount: 2,
    });
  });
});

describe('DatabricksSqlEngine without a reachable warehouse', () => {
  it('reports itself unavailable without the token', async () => {
    const server = await startHiveServer({ token: TOKEN });
    const { port, path } = server;
    await server.close();
    const engine = new DatabricksSqlEngine({
      host: 'localhost',
      port,
      httpPath: path,
      token: TOKEN,
    });
    try {
      const status = await engine.status();
      expect(status.state).toBe('unavailable');
      expect(status.message).toContain(`localhost:${port}`);
      expect(status.message).not.toContain(TOKEN);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
