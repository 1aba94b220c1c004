/**
 * @jest-environment node
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { PipelineFile } from '../../project';
import { compileProject } from '../../projectCompiler';
import { helloWorldFiles } from '../../projectCompiler/__testUtils__/projects';
import { compilePipeline } from '../compilePipeline';
import { columnLineage } from '../lineage';
import { compilePreview } from '../preview';
import { propagateSchemas } from '../propagate';
import { edge, node } from '../__testUtils__/build';
import {
  CONTEXT,
  positionOf,
  sqlGemPipeline,
} from './__testUtils__/sqlGemPipeline';

const CUSTOMERS = [
  { name: 'id', type: 'bigint' },
  { name: 'name', type: 'string' },
  { name: 'email', type: 'string' },
  { name: 'country', type: 'string' },
  { name: 'signup_date', type: 'date' },
];

describe('a SQL gem on DuckDB runs the query as checked', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    for (const statement of [
      'CREATE SCHEMA bronze',
      `CREATE TABLE bronze.customers (id BIGINT, name VARCHAR, email VARCHAR,
         country VARCHAR, signup_date DATE)`,
      `INSERT INTO bronze.customers VALUES
         (1, 'ann', 'ann@example.com', 'NL', DATE '2023-01-01'),
         (2, 'bob', 'bob@example.com', 'DE', DATE '2023-02-01')`,
      `CREATE TABLE bronze.orders (order_id BIGINT, customer_id BIGINT,
         amount DECIMAL(10, 2), status VARCHAR, order_date DATE)`,
      `INSERT INTO bronze.orders VALUES
         (1, 1, 10.00, 'paid', DATE '2024-01-01'),
         (2, 1, 5.00, 'open', DATE '2024-01-02'),
         (3, 2, 7.50, 'paid', DATE '2024-01-03')`,
    ]) {
      await connection.run(statement);
    }
  });

  afterEach(() => {
    connection.closeSync();
    instance.closeSync();
  });

  async function run(
    sql: string,
    schema: ReadonlyArray<{ name: string; type: string }>,
  ): Promise<Record<string, unknown>[]> {
    const compiled = compilePipeline(sqlGemPipeline(sql, schema), CONTEXT, {
      dialect: 'duckdb',
      tables: dataset => `bronze.${dataset}`,
    });
    expect(compiled.diagnostics).toEqual([]);
    await connection.run(compiled.sql!);
    return (
      await connection.runAndReadAll('SELECT * FROM result ORDER BY ALL')
    ).getRowObjectsJson() as Record<string, unknown>[];
  }

  it('joins two inputs in a CTE and aggregates', async () => {
    expect(
      await run(
        "WITH paid AS (SELECT * FROM orders_in WHERE status = 'paid') SELECT c.name, sum(p.amount) AS total FROM customers_in c JOIN paid p ON p.customer_id = c.id GROUP BY c.name",
        [
          { name: 'name', type: 'string' },
          { name: 'total', type: 'decimal(20,2)' },
        ],
      ),
    ).toEqual([
      { name: 'ann', total: '10.00' },
      { name: 'bob', total: '7.50' },
    ]);
  });

  it('keeps a CTE named like an input apart from the input', async () => {
    expect(
      await run(
        "WITH customers_in AS (SELECT * FROM customers_in WHERE country = 'NL') SELECT name FROM customers_in",
        [{ name: 'name', type: 'string' }],
      ),
    ).toEqual([{ name: 'ann' }]);
  });

  it('unions, windows and recursive CTEs', async () => {
    expect(
      await run(
        'SELECT id AS k, row_number() OVER (ORDER BY id DESC) AS rn FROM customers_in UNION ALL SELECT order_id, 0 FROM orders_in',
        [
          { name: 'k', type: 'bigint' },
          { name: 'rn', type: 'bigint' },
        ],
      ),
    ).toHaveLength(5);
    expect(
      await run(
        'WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n',
        [{ name: 'i', type: 'int' }],
      ),
    ).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
  });

  it('reads a string as a string where DuckDB would have read the text as SQL', async () => {
    // Pasted as written, DuckDB (no backslash escapes) would end the string
    // at \' and read bronze.customers; the generated code quotes it for DuckDB.
    expect(
      await run(
        "SELECT 'a\\' FROM bronze.customers --' AS c FROM customers_in",
        [{ name: 'c', type: 'string' }],
      ),
    ).toEqual([
      { c: "a' FROM bronze.customers --" },
      { c: "a' FROM bronze.customers --" },
    ]);
  });
});

describe('the lineage of a SQL gem, and the preview personal data that follows it', () => {
  const classifications = (dataset: string) =>
    dataset === 'customers' ? { email: 'pii' } : undefined;

  function piiOf(
    sql: string,
    schema: ReadonlyArray<{ name: string; type: string }>,
    pipeline: PipelineFile = sqlGemPipeline(sql, schema),
  ): string[] {
    const preview = compilePreview(pipeline, CONTEXT, 'q', {
      dialect: 'duckdb',
      classifications,
    });
    expect(preview.diagnostics).toEqual([]);
    return preview.piiColumns.map(p => p.column);
  }

  it.each([
    ['a column read as is', 'SELECT email AS c FROM customers_in'],
    ['a function of it', 'SELECT upper(email) AS c FROM customers_in'],
    [
      'a concatenation with it',
      "SELECT concat(name, ' <', email, '>') AS c FROM customers_in",
    ],
    [
      'an alias through a CTE',
      'WITH a AS (SELECT email AS e FROM customers_in) SELECT e AS c FROM a',
    ],
    [
      'a join',
      'SELECT c.email AS c FROM orders_in o JOIN customers_in c ON o.customer_id = c.id',
    ],
    [
      'a union with another input',
      'SELECT status AS c FROM orders_in UNION ALL SELECT email FROM customers_in',
    ],
  ])('traces the email column through %s', (_, sql) => {
    const pipeline = sqlGemPipeline(sql);
    const propagation = propagateSchemas(pipeline, CONTEXT);
    expect(propagation.diagnostics).toEqual([]);
    const lineage = columnLineage(propagation, 'q', 'c');
    expect(lineage?.opaque).toBeUndefined();
    expect(lineage?.inputs).toContainEqual({
      node: 'customers',
      port: 'out',
      column: 'email',
    });
    expect(piiOf(sql, [{ name: 'c', type: 'string' }])).toEqual(['c']);
  });

  it('traces every column of a star over an input', () => {
    expect(piiOf('SELECT * FROM customers_in', CUSTOMERS)).toEqual(['email']);
    const propagation = propagateSchemas(
      sqlGemPipeline('SELECT * FROM customers_in', CUSTOMERS),
      CONTEXT,
    );
    expect(columnLineage(propagation, 'q', 'name')).toMatchObject({
      formula: 'name',
      inputs: [{ node: 'customers', port: 'out', column: 'name' }],
    });
  });

  it('does not count a column computed from other columns, even if email is filtered or joined on', () => {
    const sql = [
      'SELECT c.id, upper(c.name) AS shout, count(o.order_id) AS orders',
      'FROM customers_in c JOIN orders_in o ON o.customer_id = c.id',
      "WHERE c.email LIKE '%@example.com'",
      'GROUP BY c.id, c.name',
    ].join('\n');
    const schema = [
      { name: 'id', type: 'bigint' },
      { name: 'shout', type: 'string' },
      { name: 'orders', type: 'bigint' },
    ];
    expect(piiOf(sql, schema)).toEqual([]);
    const propagation = propagateSchemas(sqlGemPipeline(sql, schema), CONTEXT);
    expect(columnLineage(propagation, 'q', 'shout')).toMatchObject({
      formula: 'UPPER(c.name)',
      inputs: [{ node: 'customers', port: 'out', column: 'name' }],
    });
  });

  it('falls back to every input column where it cannot match the output', () => {
    // The query leaves its column unnamed: no output column is `x`.
    expect(
      piiOf('SELECT count(*) FROM customers_in', [
        { name: 'x', type: 'bigint' },
      ]),
    ).toEqual(['x']);
    const propagation = propagateSchemas(
      sqlGemPipeline('SELECT count(*) FROM customers_in', [
        { name: 'x', type: 'bigint' },
      ]),
      CONTEXT,
    );
    const x = columnLineage(propagation, 'q', 'x');
    expect(x?.opaque).toBe(true);
    expect(x?.inputs).toHaveLength(10);
  });

  it('does not count email hashed by a Mask before the gem', () => {
    const masked: PipelineFile = {
      formatVersion: 1,
      name: 'masked',
      nodes: [
        node('customers', 'Source', { dataset: 'customers' }),
        node('hash', 'Mask', { column: 'email', method: 'hash' }),
        node('q', 'SQL', {
          inputs: ['hashed'],
          sql: 'SELECT email AS c, name FROM hashed',
          schema: [
            { name: 'c', type: 'string' },
            { name: 'name', type: 'string' },
          ],
        }),
      ],
      edges: [edge('customers', 'hash'), edge('hash', 'q', 'in0')],
    };
    expect(piiOf('', [], masked)).toEqual([]);
  });
});

describe('meshwork validate positions', () => {
  it('reports a SQL gem problem at its line and column in the YAML, block scalar or not', () => {
    const sqlInBlock = [
      '      sql: |',
      '        SELECT id,',
      '          email AS c',
      '        FROM bronze.customers',
    ].join('\n');
    const sqlInline = '      sql: SELECT email AS c FROM bronze.customers';
    for (const sql of [sqlInBlock, sqlInline]) {
      const text = [
        'formatVersion: 1',
        'name: Leak',
        'nodes:',
        '  - id: customers',
        '    type: Source',
        '    position: { x: 0, y: 0 }',
        '    config:',
        '      dataset: bronze_customers',
        '  - id: leak',
        '    type: SQL',
        '    position: { x: 200, y: 0 }',
        '    config:',
        '      inputs: [customers_in]',
        sql,
        '      schema:',
        '        - name: c',
        '          type: string',
        'edges:',
        '  - from: { node: customers, port: out }',
        '    to: { node: leak, port: in0 }',
        '',
      ].join('\n');
      const compiled = compileProject([
        ...helloWorldFiles(),
        { path: 'pipelines/Leak.pipeline.yaml', text },
      ]);
      const errors = compiled.diagnostics.filter(d => d.severity === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          file: 'pipelines/Leak.pipeline.yaml',
          ...positionOf(text, 'bronze.customers'),
          path: 'nodes[1].config.sql',
          code: 'sql-not-allowed',
          message:
            'node "leak": SQL gem may read only its inputs (customers_in); `bronze.customers` is not one of them',
        }),
      ]);
      expect(compiled.files.some(f => f.path.includes('Leak'))).toBe(false);
    }
  });
});
