/**
 * @jest-environment node
 */
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import { DuckDBInstance } from '@duckdb/node-api';
import type { PipelineFile, SubgraphFile } from '../project';
import { chain, datasets, node } from './__testUtils__/build';
import { compilePipeline } from './compilePipeline';
import { compilePreview } from './preview';
import { checkParameterValue } from './parameters';
import { generatePySpark } from './pyspark';
import { checkPipeline } from './checkPipeline';
import { formatExpression, parseExpression, SqlTypes } from '../expression';
import type { PropagationContext } from './types';

const context: PropagationContext = {
  datasets: {
    ...datasets,
    recent_orders: {
      table: 'recent_orders',
      columns: datasets.orders.columns,
    },
  },
};

const tables = (dataset: string) => context.datasets[dataset].table;

/** Orders up to an as-of date: the example of the docs. */
function asOfPipeline(
  condition = 'order_date <= :as_of_date',
  parameters: PipelineFile['parameters'] = [
    { name: 'as_of_date', type: 'date', default: '2024-01-06' },
  ],
): PipelineFile {
  return {
    formatVersion: 1,
    name: 'recent',
    parameters,
    ...chain(
      node('orders', 'Source', { dataset: 'orders' }),
      node('upto', 'Filter', { condition }),
      node('out', 'Target', { dataset: 'recent_orders', mode: 'overwrite' }),
    ),
  };
}

const ORDERS = `CREATE TABLE bronze.orders AS SELECT * FROM (VALUES
  (1::BIGINT, 10::BIGINT, 5.00::DECIMAL(10,2), 'paid', DATE '2024-01-05'),
  (2::BIGINT, 10::BIGINT, 7.50::DECIMAL(10,2), 'paid', DATE '2024-01-06'),
  (3::BIGINT, 11::BIGINT, 2.50::DECIMAL(10,2), 'open', DATE '2024-01-07')
) AS t(order_id, customer_id, amount, status, order_date)`;

/** Runs DuckDB SQL over the three orders above; the ids written. */
async function runOnDuckDb(sql: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run('CREATE SCHEMA bronze');
    await connection.run(ORDERS);
    await connection.run(sql);
    const reader = await connection.runAndReadAll(
      'SELECT order_id FROM recent_orders ORDER BY order_id',
    );
    return reader.getRows().map(row => Number(row[0]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('pipeline parameters', () => {
  beforeAll(() => init());

  it('types a marker from its declaration', () => {
    const checked = checkPipeline(asOfPipeline(), context);
    expect(checked.diagnostics).toEqual([]);
    const wrong = checkPipeline(
      asOfPipeline('order_date <= :as_of_date + 1 AND :as_of_date'),
      context,
    );
    expect(wrong.diagnostics.map(d => d.message).join('\n')).toMatch(
      /boolean|BOOLEAN/,
    );
  });

  it('reports an unknown parameter with its position and suggestions', () => {
    const checked = checkPipeline(
      asOfPipeline('order_date <= :as_of_dat'),
      context,
    );
    expect(checked.diagnostics).toMatchObject([
      {
        code: 'invalid-expression',
        path: ['nodes', 1, 'config', 'condition'],
        message: 'unknown parameter `:as_of_dat`; did you mean `:as_of_date`?',
        expression: { line: 1, column: 15 },
      },
    ]);
  });

  it('never takes a column for a parameter, nor a parameter for a column', () => {
    const checked = checkPipeline(
      asOfPipeline('order_date <= as_of_date'),
      context,
    );
    expect(checked.diagnostics[0].message).toMatch(
      /unknown column `as_of_date`/,
    );
    const shadowed = checkPipeline(
      asOfPipeline('order_date <= :order_date', [
        { name: 'order_date', type: 'date', default: '2024-01-06' },
      ]),
      context,
    );
    expect(shadowed.diagnostics).toEqual([]);
  });

  it('checks declarations: types, defaults and repeated names', () => {
    const checked = checkPipeline(
      asOfPipeline('order_date <= :as_of_date', [
        { name: 'as_of_date', type: 'date', default: '2024-02-30' },
        { name: 'AS_OF_DATE', type: 'date' },
        { name: 'ids', type: 'array<int>' },
        { name: 'catalog', type: 'string' },
      ]),
      context,
    );
    expect(checked.diagnostics.map(d => [d.path, d.message])).toEqual([
      [
        ['parameters', 0, 'default'],
        'default of parameter "as_of_date": "2024-02-30" is not a date (YYYY-MM-DD)',
      ],
      [['parameters', 1, 'name'], 'parameter "AS_OF_DATE" is declared twice'],
      [
        ['parameters', 2, 'type'],
        'parameter "ids" cannot be of type array<int>; parameters are string, int, bigint, double, decimal(p,s), boolean, date or timestamp',
      ],
      [
        ['parameters', 3, 'name'],
        'parameter "catalog" is reserved: generated Spark SQL reads the target\'s catalog and schema as :catalog and :schema',
      ],
    ]);
  });

  it('writes a typed marker in Spark SQL, which the Spark parser reads', () => {
    const { sql, diagnostics } = compilePipeline(asOfPipeline(), context, {
      dialect: 'spark',
    });
    expect(diagnostics).toEqual([]);
    expect(sql).toContain('WHERE order_date <= CAST(:as_of_date AS DATE)');
    expect(parse(sql!, Dialect.Spark).error ?? undefined).toBeUndefined();
  });

  it('runs on DuckDB with the default, or with the value given', async () => {
    const byDefault = compilePipeline(asOfPipeline(), context, {
      dialect: 'duckdb',
      tables,
    });
    expect(byDefault.diagnostics).toEqual([]);
    expect(byDefault.sql).toContain("CAST('2024-01-06' AS DATE)");
    expect(await runOnDuckDb(byDefault.sql!)).toEqual([1, 2]);

    const given = compilePipeline(asOfPipeline(), context, {
      dialect: 'duckdb',
      tables,
      parameters: { as_of_date: '2024-01-07' },
    });
    expect(await runOnDuckDb(given.sql!)).toEqual([1, 2, 3]);
  });

  it('refuses values that do not fit, unknown names and missing values', () => {
    const bad = compilePipeline(asOfPipeline(), context, {
      dialect: 'duckdb',
      parameters: { as_of_date: "2024-01-06' OR 1=1 --", as_of: '2024-01-01' },
    });
    expect(bad.sql).toBeUndefined();
    expect(bad.diagnostics.map(d => [d.code, d.path, d.message])).toEqual([
      [
        'invalid-parameter',
        ['parameters'],
        'a value is given for parameter "as_of", which the pipeline does not declare; its parameters: as_of_date',
      ],
      [
        'invalid-parameter',
        ['parameters', 0],
        'value of parameter "as_of_date": "2024-01-06\' OR 1=1 --" is not a date (YYYY-MM-DD)',
      ],
    ]);
    const missing = compilePipeline(
      asOfPipeline('order_date <= :as_of_date', [
        { name: 'as_of_date', type: 'date' },
      ]),
      context,
      { dialect: 'duckdb' },
    );
    expect(missing.diagnostics.map(d => d.message)).toEqual([
      'parameter "as_of_date" has no default and no value was given',
    ]);
    // Spark leaves the value to the job, which validation checks.
    expect(
      compilePipeline(
        asOfPipeline('order_date <= :as_of_date', [
          { name: 'as_of_date', type: 'date' },
        ]),
        context,
        { dialect: 'spark' },
      ).diagnostics,
    ).toEqual([]);
  });

  it('reads the value from the arguments in PySpark, as a Spark literal', () => {
    const checked = checkPipeline(
      asOfPipeline('order_date <= :as_of_date AND status <> :skip', [
        { name: 'as_of_date', type: 'date', default: '2024-01-06' },
        { name: 'skip', type: 'string', default: "it's" },
      ]),
      context,
    );
    const { code, diagnostics } = generatePySpark(
      checked.lowered!,
      checked.loweredPropagation!,
    );
    expect(diagnostics).toEqual([]);
    expect(code).toContain(
      'F.expr(\n            "order_date <= CAST(" + PARAMETERS["as_of_date"] + " AS DATE) AND status != " + PARAMETERS["skip"]',
    );
    expect(code).toContain(
      'parser.add_argument("--as_of_date", default="2024-01-06")',
    );
    expect(code).toContain('parser.add_argument("--skip", default="it\'s")');
    expect(code).toContain(
      '    PARAMETERS["as_of_date"] = sql_string(vars(args)["as_of_date"])',
    );
    if (process.env.PRINT_PYSPARK) process.stdout.write(code!);
  });
});

describe('previews with parameters', () => {
  it('bind the defaults, or the values of the request, as literals', () => {
    const preview = (parameters?: Record<string, string>) =>
      compilePreview(asOfPipeline(), context, 'upto', {
        dialect: 'spark',
        ...(parameters && { parameters }),
      });
    expect(preview().sql).toContain(
      "WHERE order_date <= CAST('2024-01-06' AS DATE)",
    );
    expect(preview({ as_of_date: '2024-01-07' }).sql).toContain(
      "WHERE order_date <= CAST('2024-01-07' AS DATE)",
    );
    expect(preview({ as_of_date: 'soon' }).diagnostics).toMatchObject([
      {
        code: 'invalid-parameter',
        path: ['parameters', 0],
        message:
          'value of parameter "as_of_date": "soon" is not a date (YYYY-MM-DD)',
      },
    ]);
  });
});

describe('subgraph parameters', () => {
  const subgraph: SubgraphFile = {
    formatVersion: 1,
    name: 'upto',
    inputs: [
      {
        name: 'orders',
        schema: [{ name: 'order_date', type: 'date' }],
      },
    ],
    outputs: [{ name: 'kept', schema: [{ name: 'order_date', type: 'date' }] }],
    parameters: [
      { name: 'cutoff', type: 'date' },
      { name: 'min_amount', type: 'decimal(10,2)', default: 0 },
    ],
    nodes: [
      node('keep', 'Filter', {
        condition: 'order_date <= :cutoff AND amount >= :min_amount',
      }),
    ],
    edges: [
      {
        from: { node: '$input', port: 'orders' },
        to: { node: 'keep', port: 'in' },
      },
      {
        from: { node: 'keep', port: 'out' },
        to: { node: '$output', port: 'kept' },
      },
    ],
  };
  const withSubgraph = { ...context, subgraphs: { upto: subgraph } };

  function calling(parameters: Record<string, string | number>): PipelineFile {
    return {
      formatVersion: 1,
      name: 'recent',
      parameters: [{ name: 'as_of_date', type: 'date', default: '2024-01-06' }],
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('upto', 'Subgraph', { subgraph: 'upto', parameters }),
        node('out', 'Target', { dataset: 'recent_orders', mode: 'overwrite' }),
      ],
      edges: [
        {
          from: { node: 'orders', port: 'out' },
          to: { node: 'upto', port: 'orders' },
        },
        {
          from: { node: 'upto', port: 'kept' },
          to: { node: 'out', port: 'in' },
        },
      ],
    };
  }

  it('passes the pipeline parameter and a literal into the subgraph', async () => {
    const pipeline = calling({ cutoff: ':as_of_date', min_amount: '6' });
    const spark = compilePipeline(pipeline, withSubgraph, { dialect: 'spark' });
    expect(spark.diagnostics).toEqual([]);
    expect(spark.sql).toContain(
      "order_date <= CAST(:as_of_date AS DATE) AND amount >= CAST('6' AS DECIMAL(10, 2))",
    );
    const duckdb = compilePipeline(pipeline, withSubgraph, {
      dialect: 'duckdb',
      tables,
      parameters: { as_of_date: '2024-01-07' },
    });
    expect(duckdb.diagnostics).toEqual([]);
    expect(await runOnDuckDb(duckdb.sql!)).toEqual([2]);
  });

  it('reports values the subgraph cannot take on the Subgraph node', () => {
    const checked = checkPipeline(
      calling({ cutof: '2024-01-01', min_amount: 'lots' }),
      withSubgraph,
    );
    expect(checked.diagnostics.map(d => [d.path, d.message])).toEqual([
      [
        ['nodes', 1, 'config', 'parameters', 'cutof'],
        'subgraph "upto" has no parameter "cutof"; its parameters: cutoff, min_amount',
      ],
      [
        ['nodes', 1, 'config', 'parameters', 'min_amount'],
        'parameter "min_amount" of subgraph "upto": "lots" is not a number (decimal(10,2))',
      ],
      [
        ['nodes', 1, 'config', 'parameters'],
        'subgraph "upto" needs a value for parameter "cutoff", which has no default',
      ],
    ]);
  });
});

describe('parameter markers', () => {
  it('parse as :name and format back, leaving :: casts alone', () => {
    expect(formatExpression(parseExpression('d <= :as_of_date'))).toBe(
      'd <= :as_of_date',
    );
    expect(formatExpression(parseExpression('x::int + :n'))).toBe(
      'CAST(x AS INT) + :n',
    );
  });

  it.each([
    [
      ': as_of_date',
      '1:3: write a parameter as :name, with no space or quotes after the colon',
    ],
    [
      ':`as_of_date`',
      '1:2: write a parameter as :name, with no space or quotes after the colon',
    ],
    ['a :', "1:3: expected end of expression but found ':'"],
  ])('refuse %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(message);
  });

  it('are constants of the run: no grouping needed, no lineage', () => {
    const pipeline: PipelineFile = {
      formatVersion: 1,
      name: 'big_customers',
      parameters: [{ name: 'min_total', type: 'decimal(10,2)', default: 100 }],
      ...chain(
        node('orders', 'Source', { dataset: 'orders' }),
        node('totals', 'Aggregate', {
          groupBy: ['customer_id'],
          aggregates: [
            { name: 'total', expression: 'sum(amount)' },
            { name: 'threshold', expression: ':min_total' },
          ],
          having: 'sum(amount) >= :min_total',
        }),
      ),
    };
    const checked = checkPipeline(pipeline, context);
    expect(checked.diagnostics).toEqual([]);
    const threshold = checked.propagation.lineage
      .get('totals')
      ?.out.find(c => c.column === 'threshold');
    expect(threshold).toMatchObject({ formula: ':min_total', inputs: [] });
  });
});

describe('checkParameterValue', () => {
  it.each([
    [SqlTypes.int, 42, '42'],
    [SqlTypes.int, '2147483648', undefined],
    [SqlTypes.bigint, '-9223372036854775808', '-9223372036854775808'],
    [SqlTypes.decimal(5, 2), '001.50', '1.5'],
    [SqlTypes.decimal(5, 2), '1.505', undefined],
    [SqlTypes.decimal(5, 2), '1000', undefined],
    [SqlTypes.double, '1e3', '1e3'],
    [SqlTypes.double, 'NaN', undefined],
    [SqlTypes.boolean, 'TRUE', 'true'],
    [SqlTypes.boolean, 'yes', undefined],
    [SqlTypes.date, '2024-02-29', '2024-02-29'],
    [SqlTypes.date, '2023-02-29', undefined],
    [SqlTypes.timestamp, '2024-01-01T10:30', '2024-01-01 10:30'],
    [SqlTypes.timestamp, '2024-01-01 24:00:00', undefined],
    [SqlTypes.string, "O'Brien", "O'Brien"],
  ])('%j %j → %j', (type, value, text) => {
    const checked = checkParameterValue(value, type);
    expect('text' in checked ? checked.text : undefined).toBe(text);
  });
});
