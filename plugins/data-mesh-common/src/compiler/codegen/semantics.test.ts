/**
 * @jest-environment node
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { generateSql } from './generate';
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
               order_date AS ordered_on, year(order_date) AS order_year,
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
               row_number() OVER w AS n,
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
      ['3', '2'],
      ['4', '1'],
      ['8', '3'],
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
