/**
 * @jest-environment node
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'crypto';
import { compilePipeline } from '../compilePipeline';
import { generateSql } from './generate';
import {
  LOWERED_CONTEXT,
  LOWERED_PIPELINES,
} from './__testUtils__/loweredPipelines';
import { PIPELINES, propagate, TWO_TARGETS } from './__testUtils__/pipelines';

/**
 * Small hand-made tables with the schemas of the test datasets. Customer 4
 * has no orders, order 7 has no customer; nulls in amount and order_date.
 */
const TABLES = [
  `CREATE TABLE orders (order_id BIGINT, customer_id BIGINT,
     amount DECIMAL(10, 2), status VARCHAR, order_date DATE)`,
  `INSERT INTO orders VALUES
     (1, 1, 12.50, 'paid', DATE '2024-01-01'),
     (2, 1, 30.00, 'paid', DATE '2024-02-01'),
     (3, 2, 5.00, 'open', DATE '2024-01-15'),
     (4, 2, 40.00, 'paid', NULL),
     (5, 3, 8.00, 'paid', DATE '2024-03-01'),
     (6, 1, NULL, 'open', DATE '2024-02-01'),
     (7, 9, 20.00, 'paid', DATE '2023-12-31'),
     (8, 2, 15.00, 'paid', DATE '2024-01-20'),
     (9, 1, NULL, 'paid', DATE '2024-03-05')`,
  `CREATE TABLE customers (id BIGINT, name VARCHAR, email VARCHAR,
     country VARCHAR, signup_date DATE)`,
  `INSERT INTO customers VALUES
     (1, 'ann', 'ann@example.com', 'NL', DATE '2023-01-01'),
     (2, 'bob', NULL, 'DE', DATE '2023-02-01'),
     (3, 'cid', 'cid@example.com', 'NL', DATE '2023-03-01'),
     (4, 'dee', 'dee@example.com', 'FR', DATE '2023-04-01')`,
];

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const statement of TABLES) await connection.run(statement);
});

afterEach(() => {
  connection.closeSync();
  instance.closeSync();
});

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<
    string,
    unknown
  >[];
}

/** Runs the pipeline's generated DuckDB SQL; resolves to the rows of `result`. */
async function runPipeline(
  name: keyof typeof PIPELINES,
): Promise<Record<string, unknown>[]> {
  const pipeline = PIPELINES[name];
  const propagation = propagate(pipeline);
  expect(propagation.diagnostics).toEqual([]);
  const { sql, diagnostics } = generateSql(pipeline, propagation, {
    dialect: 'duckdb',
  });
  expect(diagnostics).toEqual([]);
  await connection.run(sql!);
  return rows('SELECT * FROM result ORDER BY ALL');
}

/** The rows of a hand-written query, in the same order. */
function expected(query: string): Promise<Record<string, unknown>[]> {
  return rows(`SELECT * FROM (${query}) ORDER BY ALL`);
}

describe('generated DuckDB SQL computes what a hand-written query does', () => {
  it('Filter and Reformat', async () => {
    const actual = await runPipeline('filter_reformat');
    expect(actual).toEqual(
      await expected(`
        SELECT order_id, customer_id, amount * 2 AS amount,
               order_date AS ordered_on,
               -- Spark's year() is an int; the target gets Spark's types
               CAST(year(order_date) AS INTEGER) AS order_year,
               'order-' || order_id AS label
        FROM orders
        WHERE status = 'paid' AND amount > 10`),
    );
    expect(actual.map(r => r.order_id)).toEqual(['1', '2', '4', '7', '8']);
  });

  it('inner Join', async () => {
    const actual = await runPipeline('join_inner');
    expect(actual).toEqual(
      await expected(`
        SELECT o.order_id, c.name AS customer, o.amount
        FROM orders o, customers c
        WHERE o.customer_id = c.id`),
    );
    expect(actual).toHaveLength(8);
  });

  it('left Join', async () => {
    const actual = await runPipeline('join_left');
    expect(actual).toEqual(
      await expected(`
        SELECT c.id, c.name, c.email, c.country, c.signup_date,
               p.order_id, p.customer_id, p.amount, p.status, p.order_date
        FROM customers c
        LEFT JOIN (SELECT * FROM orders WHERE status = 'paid') p
          ON p.customer_id = c.id`),
    );
    expect(actual.filter(r => r.order_id === null).map(r => r.name)).toEqual([
      'dee',
    ]);
  });

  it('anti Join', async () => {
    const actual = await runPipeline('join_anti');
    expect(actual).toEqual(
      await expected(`
        SELECT * FROM customers
        WHERE id NOT IN (SELECT customer_id FROM orders)`),
    );
    expect(actual.map(r => r.name)).toEqual(['dee']);
  });

  it('semi, full and right Joins', async () => {
    const actual = await runPipeline('join_semi_full');
    // Customers with a paid order, all orders full-joined to them, then
    // only the paid orders kept on the right (order 7 has no customer).
    expect(actual).toEqual(
      await expected(`
        SELECT CASE WHEN o.customer_id IN (1, 2, 3) THEN o.customer_id END AS id,
               o.order_id
        FROM orders o
        WHERE o.status = 'paid'`),
    );
  });

  it('Aggregate with having', async () => {
    const actual = await runPipeline('aggregate');
    expect(actual).toEqual(
      await expected(`
        SELECT 1::BIGINT AS customer_id, 42.50::DECIMAL(38, 2) AS amount,
               4::BIGINT AS orders, 30.00::DECIMAL(10, 2) AS largest`),
    );
  });

  it('Deduplicate keeping the last row of each key', async () => {
    const actual = await runPipeline('deduplicate');
    // By order_date then order_id, nulls first as in Spark: the latest order.
    expect(actual).toEqual(
      await expected('SELECT * FROM orders WHERE order_id IN (9, 8, 5, 7)'),
    );
  });

  it('Deduplicate keeping the first row, nulls first', async () => {
    const actual = await runPipeline('deduplicate_first');
    expect(actual).toEqual(
      await expected(
        'SELECT * FROM orders WHERE order_id IN (9, 6, 3, 4, 5, 7)',
      ),
    );
  });

  it('Union by name', async () => {
    const actual = await runPipeline('union');
    expect(actual).toEqual(
      await expected(`
        SELECT customer_id AS person, 'order' AS source FROM orders
        UNION ALL
        SELECT id, 'customer' FROM customers`),
    );
    expect(actual).toHaveLength(13);
  });

  it('Union by position', async () => {
    const actual = await runPipeline('union_by_position');
    expect(actual).toEqual(
      await expected(`
        SELECT order_id AS id, 'order' AS kind FROM orders
        UNION ALL
        SELECT id, 'customer' FROM customers`),
    );
  });

  it('Window', async () => {
    const actual = await runPipeline('window');
    expect(actual).toEqual(
      await expected(`
        SELECT order_id, customer_id, amount + 1 AS amount, status, order_date,
               CAST(row_number() OVER w AS INTEGER) AS n,
               lag(amount) OVER w AS previous_amount,
               sum(amount) OVER (PARTITION BY customer_id ORDER BY order_id)
                 AS running_total
        FROM orders
        WINDOW w AS (PARTITION BY customer_id
                     ORDER BY order_date ASC NULLS FIRST, order_id)`),
    );
    const bob = actual.filter(r => r.customer_id === '2');
    // Order 4 has no date: first in Spark's ascending order.
    expect(bob.map(r => [r.order_id, r.n])).toEqual([
      ['3', 2],
      ['4', 1],
      ['8', 3],
    ]);
  });

  it('OrderBy and Limit', async () => {
    const actual = await runPipeline('order_limit');
    expect(actual).toEqual(
      await expected('SELECT * FROM orders WHERE order_id IN (4, 2, 7)'),
    );
  });

  it('writes every Target: replace a table, append to another', async () => {
    await connection.run('CREATE SCHEMA silver');
    const before = await rows('SELECT * FROM orders ORDER BY ALL');
    const { sql } = generateSql(TWO_TARGETS, propagate(TWO_TARGETS), {
      dialect: 'duckdb',
    });
    await connection.run(sql!);
    expect(
      await rows('SELECT * FROM silver."order copy" ORDER BY ALL'),
    ).toEqual(before);
    expect(await rows('SELECT * FROM orders ORDER BY ALL')).toEqual(
      await rows(`
        SELECT * FROM silver."order copy"
        UNION ALL
        SELECT * FROM silver."order copy" WHERE status = 'open'
        ORDER BY ALL`),
    );
  });
});

/** Compiles (lowering first) and runs a pipeline's DuckDB SQL. */
async function runLowered(name: keyof typeof LOWERED_PIPELINES) {
  const { sql, diagnostics } = compilePipeline(
    LOWERED_PIPELINES[name],
    LOWERED_CONTEXT,
    { dialect: 'duckdb' },
  );
  expect(diagnostics).toEqual([]);
  await connection.run(sql!);
}

describe('generated DuckDB SQL of lowered and newer gems', () => {
  it('BusinessRule: the first case that holds, else the default', async () => {
    await runLowered('business_rule');
    const actual = await rows('SELECT * FROM result ORDER BY ALL');
    expect(actual).toEqual(
      await expected(`
        SELECT *, CASE
            WHEN lower(status) <> 'paid' THEN 'unpaid'
            WHEN amount + 5 >= 30 THEN 'large'
            WHEN amount + 5 >= 10 THEN 'medium'
            ELSE 'small'
          END AS band
        FROM orders`),
    );
    expect(actual.map(r => [r.order_id, r.band])).toEqual([
      ['1', 'medium'],
      ['2', 'large'],
      ['3', 'unpaid'],
      ['4', 'large'],
      ['5', 'medium'],
      ['6', 'unpaid'],
      ['7', 'medium'],
      ['8', 'medium'],
      // A null amount holds no case.
      ['9', 'small'],
    ]);
  });

  it('Subgraph: nested subgraphs inlined, one output read twice', async () => {
    await runLowered('subgraph');
    const enriched = await rows('SELECT * FROM result ORDER BY ALL');
    expect(enriched).toEqual(
      await expected(`
        SELECT o.order_id, o.amount, c.name, c.country,
               c.name || '-' || o.order_id AS label
        FROM orders o JOIN customers c ON o.customer_id = c.id
        WHERE o.status = 'paid'`),
    );
    expect(enriched.map(r => r.label)).toEqual([
      'ann-1',
      'ann-2',
      'bob-4',
      'cid-5',
      'bob-8',
      'ann-9',
    ]);
    expect(await rows('SELECT * FROM result_totals ORDER BY ALL')).toEqual([
      { country: 'DE', revenue: '55.00' },
      { country: 'NL', revenue: '42.50' },
    ]);
  });

  it('SQL gem: the query over its named inputs, declared columns in order', async () => {
    await runLowered('sql_gem');
    const actual = await rows('SELECT * FROM result ORDER BY ALL');
    expect(actual).toEqual(
      await expected(`
        SELECT c.country, sum(o.amount) AS revenue, count(*) AS orders
        FROM orders o, customers c
        WHERE o.customer_id = c.id
        GROUP BY c.country`),
    );
    expect(Object.keys(actual[0])).toEqual(['country', 'revenue', 'orders']);
    expect(actual.map(r => [r.country, r.orders])).toEqual([
      ['DE', '3'],
      ['NL', '5'],
    ]);
  });

  it('SQL gem with its own WITH and a final semicolon', async () => {
    await runLowered('sql_gem_with');
    expect(await rows('SELECT * FROM result ORDER BY ALL')).toEqual([
      { customer_id: '1', paid_orders: '3' },
      { customer_id: '2', paid_orders: '2' },
      { customer_id: '3', paid_orders: '1' },
      { customer_id: '9', paid_orders: '1' },
    ]);
  });

  it('Mask: every default method keeps the column in place', async () => {
    await runLowered('mask');
    const actual = await rows('SELECT * FROM result ORDER BY signup_date');
    const sha256 = (text: string) =>
      createHash('sha256').update(text).digest('hex');
    expect(actual).toEqual([
      {
        id: `sha256:${sha256('1')}`,
        name: '[REDACTED]',
        email: sha256('ann@example.com'),
        country: 'N****',
        signup_date: '2023-01-01',
      },
      {
        id: `sha256:${sha256('2')}`,
        name: '[REDACTED]',
        email: null,
        country: 'D****',
        signup_date: '2023-02-01',
      },
      {
        id: `sha256:${sha256('3')}`,
        name: '[REDACTED]',
        email: sha256('cid@example.com'),
        country: 'N****',
        signup_date: '2023-03-01',
      },
      {
        id: `sha256:${sha256('4')}`,
        name: '[REDACTED]',
        email: sha256('dee@example.com'),
        country: 'F****',
        signup_date: '2023-04-01',
      },
    ]);
  });

  it("Mask with the node's own template", async () => {
    await runLowered('mask_template');
    const actual = await rows('SELECT * FROM result ORDER BY ALL');
    expect(actual).toEqual(
      await expected(`
        SELECT order_id, customer_id, amount,
               translate(status, 'aeiou', '*****') AS status,
               order_date
        FROM orders`),
    );
    expect(actual[0].status).toBe('p**d');
  });

  it('merge: updates matching rows, null keys included, and inserts the rest', async () => {
    await connection.run(`CREATE TABLE result AS
      SELECT * FROM orders WHERE order_id IN (1, 4, 5)`);
    // Stale values on rows 1 and 4 (whose key has a null date); row 10 is
    // only in the target and row 5 has another date, so it is another key.
    await connection.run(`UPDATE result SET amount = 0, status = 'stale'
      WHERE order_id IN (1, 4)`);
    await connection.run(
      "UPDATE result SET order_date = DATE '2020-01-01' WHERE order_id = 5",
    );
    await connection.run(`INSERT INTO result VALUES
      (10, 3, 1.00, 'open', DATE '2024-05-01')`);
    await runLowered('merge');
    const actual = await rows('SELECT * FROM result ORDER BY ALL');
    expect(actual).toEqual(
      await expected(`
        SELECT * FROM orders
        UNION ALL SELECT 5, 3, 8.00, 'paid', DATE '2020-01-01'
        UNION ALL SELECT 10, 3, 1.00, 'open', DATE '2024-05-01'`),
    );
    expect(actual.filter(r => r.order_id === '4')).toEqual([
      {
        order_id: '4',
        customer_id: '2',
        amount: '40.00',
        status: 'paid',
        order_date: null,
      },
    ]);
  });
});
