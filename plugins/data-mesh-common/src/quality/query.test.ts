/**
 * @jest-environment node
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import type { QualityRule } from '../project/schema/dataset';
import { evaluateQualityResult, QualityResultRow } from './evaluate';
import { qualityCheckQuery, QualityCheckQueryOptions } from './query';

/**
 * Seven orders with the usual problems: null emails, a duplicated order id
 * (and two rows without one), channels and amounts outside the contract,
 * malformed codes, and notes with quotes and backslashes in them.
 */
const TABLE = [
  'CREATE SCHEMA quality',
  `CREATE TABLE quality.orders (
     order_id BIGINT, "order" INTEGER, email VARCHAR, channel VARCHAR,
     amount DECIMAL(10, 2), note VARCHAR, code VARCHAR, paid BOOLEAN,
     order_ts TIMESTAMP, order_date DATE)`,
  `INSERT INTO quality.orders VALUES
     (1, 1, 'a@x.com', 'web', 10.00, 'C:\\temp', '123', true,
      TIMESTAMP '2024-05-01 09:30:00', DATE '2024-05-01'),
     (2, 1, NULL, 'store', -5.00, 'it''s', '12a', false,
      TIMESTAMP '2024-04-30 12:00:00', DATE '2024-04-30'),
     (2, 2, 'b@x.com', 'fax', 0.00, 'plain', '999', true, NULL, NULL),
     (3, NULL, NULL, 'mail', 250.00, NULL, NULL, NULL,
      TIMESTAMP '2024-04-29 00:00:00', DATE '2024-04-29'),
     (4, 1, 'c@x.com', NULL, NULL, 'C:\\temp', '0042', true, NULL, NULL),
     (NULL, 1, 'd@x.com', 'web', 20.00, 'it''s', 'x', false, NULL, NULL),
     (NULL, 1, 'e@x.com', 'fax', 30.00, 'plain', '7', true, NULL, NULL)`,
  'CREATE TABLE quality.empty AS SELECT * FROM quality.orders LIMIT 0',
];

const NOW = new Date('2024-05-02T12:00:00Z');
const ORDERS = 'quality.orders';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const statement of TABLE) await connection.run(statement);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

let polyglot: Promise<void> | undefined;
async function sparkParseError(sql: string): Promise<string | undefined> {
  polyglot ??= init();
  await polyglot;
  const result = parse(sql, Dialect.Spark);
  return result.success ? undefined : result.error ?? 'parse failed';
}

function sqlOf(
  rule: QualityRule,
  dialect: 'spark' | 'duckdb',
  options: QualityCheckQueryOptions = {},
  table = ORDERS,
): string {
  const query = qualityCheckQuery(rule, table, dialect, {
    now: NOW,
    ...options,
  });
  expect(query.problem).toBeUndefined();
  return query.sql!;
}

/** Runs the rule's DuckDB query; resolves to its single row. */
async function runCheck(
  rule: QualityRule,
  options: QualityCheckQueryOptions = {},
  table = ORDERS,
): Promise<QualityResultRow> {
  const result = await connection.runAndReadAll(
    sqlOf(rule, 'duckdb', options, table),
  );
  expect(result.columnNames()).toEqual([
    'checked_rows',
    'failing_rows',
    'observed',
  ]);
  expect(result.columnTypes().map(String)).toEqual([
    'BIGINT',
    'BIGINT',
    'VARCHAR',
  ]);
  const rows = result.getRowObjects();
  expect(rows).toHaveLength(1);
  return rows[0] as unknown as QualityResultRow;
}

async function check(
  rule: QualityRule,
  options: QualityCheckQueryOptions = {},
  table = ORDERS,
) {
  return evaluateQualityResult(rule, await runCheck(rule, options, table));
}

const CASES: { rule: QualityRule; expected: object }[] = [
  {
    rule: { check: 'not_null', column: 'email' },
    expected: {
      status: 'fail',
      checkedRows: 7,
      failingRows: 2,
      observed: undefined,
      message: '2 of 7 rows have a null email',
    },
  },
  {
    rule: { check: 'not_null', column: 'order' },
    expected: { failingRows: 1, message: '1 of 7 rows have a null order' },
  },
  {
    rule: { check: 'not_null', column: 'channel' },
    expected: { failingRows: 1 },
  },
  {
    rule: { check: 'not_null', column: 'paid' },
    expected: { failingRows: 1 },
  },
  {
    rule: { check: 'unique', columns: ['order_id'] },
    expected: {
      status: 'fail',
      failingRows: 2,
      observed: '2',
      message: 'order_id is duplicated in 2 of 7 rows (e.g. 2)',
    },
  },
  {
    rule: { check: 'unique', columns: ['order_id', 'channel'] },
    expected: {
      status: 'pass',
      failingRows: 0,
      observed: undefined,
      message: '(order_id, channel) is unique across 7 rows',
    },
  },
  {
    rule: { check: 'unique', columns: ['order', 'paid'] },
    expected: {
      failingRows: 5,
      observed: '(1, false), (1, true)',
      message:
        '(order, paid) is duplicated in 5 of 7 rows (e.g. (1, false), (1, true))',
    },
  },
  {
    rule: {
      check: 'accepted_values',
      column: 'channel',
      values: ['web', 'store', 'partner'],
    },
    expected: {
      status: 'fail',
      failingRows: 3,
      observed: 'fax, mail',
      message:
        'channel is not one of web, store, partner in 3 of 7 rows (e.g. fax, mail)',
    },
  },
  {
    rule: {
      check: 'accepted_values',
      column: 'note',
      values: ['C:\\temp', "it's", null],
    },
    expected: {
      failingRows: 2,
      observed: 'plain',
      message: "note is not one of C:\\temp, it's in 2 of 7 rows (e.g. plain)",
    },
  },
  {
    rule: { check: 'accepted_values', column: 'order_id', values: [1, 2, 3] },
    expected: { failingRows: 1, observed: '4' },
  },
  {
    rule: { check: 'accepted_values', column: 'paid', values: [true] },
    expected: { failingRows: 2, observed: 'false' },
  },
  {
    rule: { check: 'range', column: 'amount', min: 0, max: 100 },
    expected: {
      status: 'fail',
      failingRows: 2,
      observed: '-5.00 .. 250.00',
      message:
        'amount is outside 0 to 100 in 2 of 7 rows; values range from -5.00 to 250.00',
    },
  },
  {
    rule: { check: 'range', column: 'amount', min: -5 },
    expected: {
      status: 'pass',
      failingRows: 0,
      message:
        'every amount is at least -5 or null; values range from -5.00 to 250.00',
    },
  },
  {
    rule: { check: 'range', column: 'amount', max: 29.99 },
    expected: {
      failingRows: 2,
      message:
        'amount is above the maximum 29.99 in 2 of 7 rows; values range from -5.00 to 250.00',
    },
  },
  {
    rule: { check: 'regex', column: 'code', pattern: '^\\d+$' },
    expected: {
      status: 'fail',
      failingRows: 2,
      observed: '12a, x',
      message: 'code does not match ^\\d+$ in 2 of 7 rows (e.g. 12a, x)',
    },
  },
  {
    rule: { check: 'regex', column: 'note', pattern: "^(C:\\\\temp|it's)$" },
    expected: { failingRows: 2, observed: 'plain' },
  },
  {
    rule: { check: 'row_count', min: 1 },
    expected: {
      status: 'pass',
      checkedRows: 7,
      failingRows: 0,
      observed: '7',
      message: 'row count 7 is at least 1',
    },
  },
  {
    rule: { check: 'row_count', min: 10, max: 20 },
    expected: {
      status: 'fail',
      failingRows: 1,
      message: 'row count 7 is below the minimum 10',
    },
  },
  {
    rule: { check: 'row_count', max: 5 },
    expected: {
      status: 'fail',
      failingRows: 1,
      message: 'row count 7 is above the maximum 5',
    },
  },
  {
    rule: {
      check: 'custom_sql',
      description: 'Amounts stay between 0 and 100.',
      sql: 'SELECT * FROM orders WHERE amount < 0 OR amount > 100 -- bounds;\n',
    },
    expected: {
      status: 'fail',
      checkedRows: 7,
      failingRows: 2,
      observed: undefined,
      message: '2 rows break "Amounts stay between 0 and 100."',
    },
  },
  {
    rule: {
      check: 'custom_sql',
      description: 'Paid orders have an email.',
      sql: `SELECT order_id FROM quality.orders WHERE paid AND email IS NULL;`,
    },
    expected: {
      status: 'pass',
      failingRows: 0,
      message: 'no rows break "Paid orders have an email."',
    },
  },
  {
    rule: { check: 'freshness', column: 'order_ts', maxAgeHours: 24 },
    expected: {
      status: 'fail',
      failingRows: 1,
      observed: '26.5',
      message: 'newest order_ts is 26.5 h old; the contract allows 24 h',
    },
  },
  {
    rule: { check: 'freshness', column: 'order_ts', maxAgeHours: 26.5 },
    expected: { status: 'pass', failingRows: 0, observed: '26.5' },
  },
  {
    rule: { check: 'freshness', column: 'order_date', maxAgeHours: 24 },
    expected: {
      status: 'fail',
      observed: '36.0',
      message: 'newest order_date is 36 h old; the contract allows 24 h',
    },
  },
];

describe('quality checks on DuckDB', () => {
  it.each(CASES.map(c => [JSON.stringify(c.rule), c] as const))(
    '%s',
    async (_, { rule, expected }) => {
      expect(await check(rule, { datasetName: 'orders' })).toMatchObject(
        expected,
      );
    },
  );

  it('ignores nulls in accepted values, range and regex, as dbt does', async () => {
    // Row 4 has a null note, code and amount; row 5 a null channel.
    const failing = await Promise.all(
      [
        { check: 'accepted_values', column: 'channel', values: ['none'] },
        { check: 'range', column: 'amount', min: 1000 },
        { check: 'regex', column: 'code', pattern: '^none$' },
      ].map(async rule => (await check(rule as QualityRule)).failingRows),
    );
    expect(failing).toEqual([6, 6, 6]);
  });

  it('checks an empty table', async () => {
    const empty = 'quality.empty';
    expect(
      await check({ check: 'not_null', column: 'email' }, {}, empty),
    ).toEqual({
      status: 'pass',
      checkedRows: 0,
      failingRows: 0,
      observed: undefined,
      message: 'no rows to check',
    });
    expect(await check({ check: 'row_count', min: 1 }, {}, empty)).toEqual({
      status: 'fail',
      checkedRows: 0,
      failingRows: 1,
      observed: '0',
      message: 'row count 0 is below the minimum 1',
    });
    expect(
      await check(
        { check: 'freshness', column: 'order_ts', maxAgeHours: 24 },
        {},
        empty,
      ),
    ).toMatchObject({
      status: 'fail',
      failingRows: 1,
      message: 'order_ts has no values; the contract allows 24 h',
    });
    expect(
      await check({ check: 'unique', columns: ['order_id'] }, {}, empty),
    ).toMatchObject({ status: 'pass', checkedRows: 0, failingRows: 0 });
  });

  it('leaves out example values when asked to', async () => {
    const rules: QualityRule[] = [
      { check: 'regex', column: 'email', pattern: '^a' },
      { check: 'range', column: 'amount', min: 0 },
      { check: 'accepted_values', column: 'email', values: ['a@x.com'] },
      { check: 'unique', columns: ['order_id'] },
    ];
    for (const rule of rules) {
      const outcome = await check(rule, { examples: false });
      expect(outcome.failingRows).toBeGreaterThan(0);
      expect(outcome.observed).toBeUndefined();
      expect(outcome.message).not.toContain('e.g.');
      expect(sqlOf(rule, 'spark', { examples: false })).not.toContain(
        'example',
      );
    }
  });

  it('reads the custom query without the dataset name as written', async () => {
    const rule: QualityRule = {
      check: 'custom_sql',
      description: 'No negative amounts.',
      sql: 'SELECT * FROM quality.orders WHERE amount < 0',
    };
    expect((await check(rule)).failingRows).toBe(1);
    expect(sqlOf(rule, 'duckdb')).not.toContain('WITH');
  });

  it('reports a custom query the engine rejects as an engine error', async () => {
    const rule: QualityRule = {
      check: 'custom_sql',
      description: 'Broken.',
      sql: 'SELECT * FROM no_such_table',
    };
    await expect(runCheck(rule)).rejects.toThrow(/no_such_table/);
  });
});

describe('quality checks in Spark SQL', () => {
  it.each(CASES.map(c => [JSON.stringify(c.rule), c.rule] as const))(
    '%s parses as Spark SQL',
    async (_, rule) => {
      expect(
        await sparkParseError(sqlOf(rule, 'spark', { datasetName: 'orders' })),
      ).toBeUndefined();
    },
  );

  it('escapes backslashes and quotes in values and patterns the Spark way', () => {
    expect(
      sqlOf(
        {
          check: 'accepted_values',
          column: 'note',
          values: ['C:\\temp', "it's"],
        },
        'spark',
      ),
    ).toContain("note NOT IN ('C:\\\\temp', 'it\\'s')");
    expect(
      sqlOf({ check: 'regex', column: 'code', pattern: '^\\d+$' }, 'spark'),
    ).toContain("code NOT RLIKE '^\\\\d+$'");
    expect(
      sqlOf({ check: 'regex', column: 'code', pattern: '^\\d+$' }, 'duckdb'),
    ).toContain("NOT regexp_matches(code, '^\\d+$')");
  });

  it('quotes names that need it in each dialect', () => {
    const rule: QualityRule = { check: 'unique', columns: ['order', 'email'] };
    expect(sqlOf(rule, 'spark')).toContain('GROUP BY `order`, email');
    expect(sqlOf(rule, 'duckdb')).toContain('GROUP BY "order", email');
    expect(
      sqlOf(
        { check: 'custom_sql', description: 'x', sql: 'SELECT 1' },
        'spark',
        { datasetName: 'Join-customers-redo' },
      ),
    ).toContain('WITH `Join-customers-redo` AS (');
  });

  it('measures freshness against the given time, in UTC', () => {
    const rule: QualityRule = {
      check: 'freshness',
      column: 'order_ts',
      maxAgeHours: 24,
    };
    expect(sqlOf(rule, 'spark')).toContain(
      "unix_timestamp(TIMESTAMP '2024-05-02 12:00:00Z') - unix_timestamp(max(order_ts))",
    );
    expect(sqlOf(rule, 'duckdb')).toContain(
      "epoch(TIMESTAMP '2024-05-02 12:00:00') - epoch(max(order_ts))",
    );
  });
});

describe('rules that cannot be checked', () => {
  it.each<[string, QualityRule, string]>([
    [
      'a range without bounds',
      { check: 'range', column: 'amount' },
      'range needs a min, a max or both',
    ],
    [
      'a row count with min above max',
      { check: 'row_count', min: 5, max: 1 },
      'row_count has a min (5) above its max (1)',
    ],
    [
      'accepted values that are all null',
      { check: 'accepted_values', column: 'channel', values: [null] },
      'accepted_values on channel lists no values besides null',
    ],
    [
      'an empty custom query',
      { check: 'custom_sql', description: 'x', sql: ' ; ' },
      'custom_sql has no query',
    ],
    [
      'a negative age',
      { check: 'freshness', column: 'order_ts', maxAgeHours: -1 },
      'freshness needs a maxAgeHours of 0 or more',
    ],
    [
      'an unknown check',
      { check: 'histogram', column: 'x' } as unknown as QualityRule,
      "unknown quality check 'histogram'",
    ],
  ])('reports %s', (_, rule, problem) => {
    for (const dialect of ['spark', 'duckdb'] as const) {
      expect(qualityCheckQuery(rule, ORDERS, dialect)).toEqual({ problem });
    }
  });

  it('reports an empty table name', () => {
    expect(
      qualityCheckQuery({ check: 'row_count', min: 1 }, ' ', 'duckdb'),
    ).toEqual({ problem: 'the table name is empty' });
  });
});
