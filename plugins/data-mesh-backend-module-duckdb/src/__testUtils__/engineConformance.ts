/* eslint-disable jest/no-export -- shared tests that each engine module's test files call */
import {
  QueryCancelledError,
  QueryError,
  QuerySyntaxError,
  QueryTimeoutError,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';

/** What the shared engine tests need to know about one engine. */
export interface EngineConformanceSetup {
  /**
   * Opens the engine on a warehouse the tests may write to; it is closed
   * after each test.
   */
  open(): Promise<WarehouseEngine>;
  /** A query with one `bigint` column `id` holding 0 .. n-1. */
  numbers(n: number): string;
  /** A query that runs for many seconds unless it is stopped. */
  longQuery: string;
}

/**
 * The behaviour every {@link WarehouseEngine} promises, written once so that
 * each engine module runs the same tests against its engine. The SQL outside
 * `setup` is valid in both DuckDB and Spark SQL.
 */
export function describeEngineConformance(
  name: string,
  setup: EngineConformanceSetup,
) {
  describe(`${name} (WarehouseEngine conformance)`, () => {
    let engine: WarehouseEngine;

    beforeEach(async () => {
      engine = await setup.open();
    });

    afterEach(async () => {
      await engine.close?.();
    });

    /** How long `promise` takes to reject after `abort()` is called. */
    async function msUntilRejected(
      promise: Promise<unknown>,
      abortedAt: number,
    ) {
      await promise.catch(() => {});
      return Date.now() - abortedAt;
    }

    it('returns rows up to maxRows and says whether there were more', async () => {
      const sql = setup.numbers(25);

      const first = await engine.run(sql, { maxRows: 10 });
      expect(first.columns).toEqual([{ name: 'id', type: 'bigint' }]);
      expect(first.rows.map(([id]) => Number(id))).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
      expect(first.truncated).toBe(true);
      expect(first.elapsedMs).toBeGreaterThanOrEqual(0);

      const all = await engine.run(sql, { maxRows: 25 });
      expect(all.rows).toHaveLength(25);
      expect(all.truncated).toBe(false);

      const none = await engine.run(sql, { maxRows: 0 });
      expect(none).toMatchObject({ rows: [], truncated: true });
      expect(none.columns).toEqual([{ name: 'id', type: 'bigint' }]);
    });

    it('keeps the order of an ordered query', async () => {
      const result = await engine.run(
        `SELECT id FROM (${setup.numbers(50)}) AS t ORDER BY id DESC`,
        { maxRows: 3 },
      );
      expect(result.rows).toEqual([['49'], ['48'], ['47']]);
    });

    it('names types as Spark does and returns values JSON keeps exactly', async () => {
      const result = await engine.run(
        `SELECT
           CAST(9007199254740993 AS BIGINT) AS big,
           CAST(42 AS INT) AS small,
           CAST(0.5 AS DOUBLE) AS ratio,
           CAST('12.50' AS DECIMAL(10,2)) AS amount,
           CAST('-0.001' AS DECIMAL(38,3)) AS tiny,
           DATE '2024-02-29' AS day,
           TIMESTAMP '2024-01-02 03:04:05.123456' AS at,
           'Zoë O''Brien' AS name,
           true AS active,
           CAST(NULL AS INT) AS missing`,
        { maxRows: 1 },
      );

      expect(result.columns).toEqual([
        { name: 'big', type: 'bigint' },
        { name: 'small', type: 'int' },
        { name: 'ratio', type: 'double' },
        { name: 'amount', type: 'decimal(10,2)' },
        { name: 'tiny', type: 'decimal(38,3)' },
        { name: 'day', type: 'date' },
        { name: 'at', type: 'timestamp' },
        { name: 'name', type: 'string' },
        { name: 'active', type: 'boolean' },
        { name: 'missing', type: 'int' },
      ]);
      const [row] = result.rows;
      expect(row.slice(0, 6)).toEqual([
        '9007199254740993',
        42,
        0.5,
        '12.50',
        '-0.001',
        '2024-02-29',
      ]);
      // Spark's timestamp is zoned, so an engine may mark it as UTC.
      expect(row[6]).toMatch(/^2024-01-02T03:04:05\.123456Z?$/);
      expect(row.slice(7)).toEqual(["Zoë O'Brien", true, null]);
      expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
    });

    it('reports SQL the engine rejects with its message', async () => {
      const running = engine.run('SELECT FROM WHERE', { maxRows: 1 });
      await expect(running).rejects.toThrow(QuerySyntaxError);
      await expect(running).rejects.toThrow(/syntax|parse/i);

      const missing = engine.run('SELECT * FROM conformance.no_such_table', {
        maxRows: 1,
      });
      await expect(missing).rejects.toThrow(QuerySyntaxError);
      await expect(missing).rejects.toThrow(/no_such_table/);
    });

    it('stops a query at its timeout and names the timeout', async () => {
      const startedAt = Date.now();
      const running = engine.run(setup.longQuery, {
        maxRows: 1,
        timeoutMs: 200,
      });

      await expect(running).rejects.toThrow(QueryTimeoutError);
      await expect(running).rejects.toThrow('200 ms');
      expect(Date.now() - startedAt).toBeLessThan(1200);
    });

    it('stops a running query within a second of the abort', async () => {
      const controller = new AbortController();
      const running = engine.run(setup.longQuery, {
        maxRows: 1,
        signal: controller.signal,
      });
      await new Promise(resolve => setTimeout(resolve, 300));

      const abortedAt = Date.now();
      controller.abort();

      await expect(running).rejects.toThrow(QueryCancelledError);
      expect(await msUntilRejected(running, abortedAt)).toBeLessThan(1000);
      // The engine is still usable afterwards.
      await expect(
        engine.run('SELECT 1 AS one', { maxRows: 1 }),
      ).resolves.toMatchObject({ rows: [[1]] });
    });

    it('does not start a query whose signal already aborted', async () => {
      const controller = new AbortController();
      controller.abort();

      await expect(
        engine.execute('CREATE TABLE conformance_never (id INT)', {
          signal: controller.signal,
        }),
      ).rejects.toThrow(QueryCancelledError);
      await expect(
        engine.describeTable('conformance_never'),
      ).resolves.toBeUndefined();
    });

    it('stops a long write when aborted', async () => {
      await engine.execute('CREATE SCHEMA IF NOT EXISTS conformance');
      const controller = new AbortController();
      const writing = engine.writeTarget(
        {
          table: 'conformance.too_big',
          sql: setup.longQuery,
          mode: 'overwrite',
        },
        { signal: controller.signal },
      );
      await new Promise(resolve => setTimeout(resolve, 300));
      const abortedAt = Date.now();
      controller.abort();

      await expect(writing).rejects.toThrow(QueryCancelledError);
      expect(await msUntilRejected(writing, abortedAt)).toBeLessThan(1000);
      await expect(
        engine.describeTable('conformance.too_big'),
      ).resolves.toBeUndefined();
    });

    it('writes a target and records rows written and when', async () => {
      await engine.execute('CREATE SCHEMA IF NOT EXISTS conformance');
      const before = Date.now();

      const written = await engine.writeTarget({
        table: 'conformance.numbers',
        sql: setup.numbers(7),
        mode: 'overwrite',
      });
      expect(written.rowsWritten).toBe(7);
      expect(written.writtenAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(written.writtenAt.getTime()).toBeLessThanOrEqual(Date.now());

      const freshness = await engine.tableFreshness('conformance.numbers');
      expect(freshness?.lastModified?.getTime()).toBe(
        written.writtenAt.getTime(),
      );
      await expect(
        engine.describeTable('conformance.numbers'),
      ).resolves.toEqual({ columns: [{ name: 'id', type: 'bigint' }] });

      const appended = await engine.writeTarget({
        table: 'conformance.numbers',
        sql: setup.numbers(3),
        mode: 'append',
      });
      expect(appended.rowsWritten).toBe(3);
      const count = await engine.run(
        'SELECT count(*) AS n FROM conformance.numbers',
        { maxRows: 1 },
      );
      expect(count.rows).toEqual([['10']]);
      const later = await engine.tableFreshness('conformance.numbers');
      expect(later?.lastModified?.getTime()).toBe(appended.writtenAt.getTime());

      const replaced = await engine.writeTarget({
        table: 'conformance.numbers',
        sql: setup.numbers(2),
        mode: 'overwrite',
      });
      expect(replaced.rowsWritten).toBe(2);
    });

    it('creates the table on the first append', async () => {
      await engine.execute('CREATE SCHEMA IF NOT EXISTS conformance');

      const written = await engine.writeTarget({
        table: 'conformance.appended',
        sql: setup.numbers(4),
        mode: 'append',
      });

      expect(written.rowsWritten).toBe(4);
    });

    it('rejects a target written from something other than a query', async () => {
      await expect(
        engine.writeTarget({
          table: 'conformance.numbers',
          sql: 'DROP TABLE conformance.numbers',
          mode: 'overwrite',
        }),
      ).rejects.toThrow(QueryError);
    });

    it('knows nothing of tables that do not exist', async () => {
      await expect(
        engine.describeTable('conformance.nowhere'),
      ).resolves.toBeUndefined();
      await expect(
        engine.tableFreshness('conformance.nowhere'),
      ).resolves.toBeUndefined();
    });

    it('has no freshness for a table it did not write', async () => {
      await engine.execute(
        `CREATE SCHEMA IF NOT EXISTS conformance;
         CREATE TABLE conformance.by_hand (id INT)`,
      );

      await expect(
        engine.tableFreshness('conformance.by_hand'),
      ).resolves.toEqual({});
    });

    it('counts the rows a script changes', async () => {
      const result = await engine.execute(
        `CREATE SCHEMA IF NOT EXISTS conformance;
         CREATE TABLE conformance.script (id BIGINT);
         INSERT INTO conformance.script ${setup.numbers(5)};
         DELETE FROM conformance.script WHERE id < 2`,
      );

      expect(result.rowsAffected).toBe(7);
      const ddl = await engine.execute('DROP TABLE conformance.script');
      expect(ddl.rowsAffected).toBeUndefined();
    });

    it('runs queries concurrently', async () => {
      const results = await Promise.all(
        [3, 5, 8, 13].map(n => engine.run(setup.numbers(n), { maxRows: 100 })),
      );

      expect(results.map(result => result.rows.length)).toEqual([3, 5, 8, 13]);
    });
  });
}
