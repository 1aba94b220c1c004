/**
 * @jest-environment node
 */
import { DuckDBInstance } from '@duckdb/node-api';
import {
  columnsOf,
  datasets,
  edge,
  node,
  problems,
} from '../__testUtils__/build';
import { generateSql } from '../codegen/generate';
import { generatePySpark } from '../pyspark/generate';
import { propagateSchemas } from '../propagate';

/**
 * Issue 10, item 4: in a Window gem the gem's partitionBy and orderBy are
 * written into every bare window or aggregate call, wherever it sits in a
 * column's expression, and an OVER clause belongs to the call it follows.
 */
const pipeline = {
  name: 'nested_windows',
  nodes: [
    node('src', 'Source', { dataset: 'orders' }),
    node('w', 'Window', {
      partitionBy: ['customer_id'],
      orderBy: [{ expression: 'order_id' }],
      columns: [
        { name: 'change', expression: 'amount - lag(amount, 1, 0)' },
        {
          name: 'days_since_previous',
          expression:
            'datediff(order_date, lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_id))',
        },
        { name: 'gap', expression: 'datediff(order_date, lag(order_date))' },
        { name: 'status_upper', expression: 'upper(status)' },
        { name: 'share', expression: 'amount / sum(amount)' },
      ],
    }),
    node('write', 'Target', { table: 'result', mode: 'overwrite' }),
  ],
  edges: [edge('src', 'w'), edge('w', 'write')],
};

describe('Window gem: bare calls inside column expressions', () => {
  const result = propagateSchemas(pipeline, { datasets });

  it('accepts lag inside arithmetic and inside a scalar call, and scalar columns', () => {
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'w').slice(-5)).toEqual([
      // lag's default is converted to the value's type, as in Spark.
      'change: decimal(11,2)',
      'days_since_previous: int',
      'gap: int',
      'status_upper: string',
      'share: decimal(33,23)',
    ]);
    const change = result.lineage
      .get('w')!
      .out.find(c => c.column === 'change')!;
    expect(change.formula).toBe(
      'amount - lag(amount, 1, 0) OVER (PARTITION BY customer_id ORDER BY order_id)',
    );
  });

  it('writes the OVER clause into the nested calls in Spark SQL and PySpark', () => {
    const { sql } = generateSql(pipeline, result, { dialect: 'spark' });
    expect(sql).toContain(
      'amount - lag(amount, 1, 0) OVER (PARTITION BY customer_id ORDER BY order_id) AS change',
    );
    expect(sql).toContain(
      'datediff(order_date, lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_id)) AS gap',
    );
    expect(sql).toContain('upper(status) AS status_upper');
    const python = generatePySpark(pipeline, result).code;
    expect(python).toContain(
      'amount - lag(amount, 1, 0) OVER (PARTITION BY customer_id ORDER BY order_id)',
    );
  });

  it('computes on DuckDB what Spark computes', async () => {
    const { sql } = generateSql(pipeline, result, { dialect: 'duckdb' });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(`CREATE TABLE orders AS SELECT * FROM (VALUES
        (1::BIGINT, 1::BIGINT, 10.00::DECIMAL(10, 2), 'paid', DATE '2024-01-01'),
        (2, 1, 25.00, 'open', DATE '2024-01-11'),
        (3, 2, 5.00, 'paid', DATE '2024-02-01'))
        AS t(order_id, customer_id, amount, status, order_date)`);
      await connection.run(sql!);
      const rows = (
        await connection.runAndReadAll(
          'SELECT order_id, change, days_since_previous, gap, status_upper, share FROM result ORDER BY order_id',
        )
      ).getRowObjectsJson();
      // Spark: lag's default 0 for each partition's first row; datediff
      // of a NULL lag is NULL; sum over the running frame of ORDER BY.
      expect(rows).toEqual([
        {
          order_id: '1',
          change: '10.00',
          days_since_previous: null,
          gap: null,
          status_upper: 'PAID',
          share: `1.${'0'.repeat(23)}`,
        },
        {
          order_id: '2',
          change: '15.00',
          days_since_previous: 10,
          gap: 10,
          status_upper: 'OPEN',
          share: expect.stringMatching(/^0\.714285714/),
        },
        {
          order_id: '3',
          change: '5.00',
          days_since_previous: null,
          gap: null,
          status_upper: 'PAID',
          share: `1.${'0'.repeat(23)}`,
        },
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
