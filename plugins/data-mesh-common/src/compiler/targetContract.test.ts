/**
 * @jest-environment node
 */
import { checkPipeline } from './checkPipeline';
import { generateSql } from './codegen';
import { generatePySpark } from './pyspark';
import type { PropagationContext } from './types';
import {
  columnsOf,
  datasets,
  edge,
  node,
  problems,
} from './__testUtils__/build';

/**
 * The Target checks the columns it writes against its dataset's contract
 * (issue 10, item 2): names, types and, by visibility, extra columns; and
 * every back end casts each column to its contract type.
 */
function pipelineWriting(
  contract: ReadonlyArray<{ name: string; type: string }>,
  options: {
    visibility?: 'internal' | 'published';
    mode?: 'overwrite' | 'append' | 'merge';
    reformat?: Array<{ name: string; expression: string }>;
  } = {},
) {
  const context: PropagationContext = {
    datasets: {
      ...datasets,
      out: {
        table: 'gold.out',
        columns: contract,
        ...(options.visibility && { visibility: options.visibility }),
      },
    },
  };
  const pipeline = {
    name: 'p',
    nodes: [
      node('orders', 'Source', { dataset: 'orders' }),
      node('shape', 'Reformat', {
        columns: options.reformat ?? [
          { name: 'order_id', expression: 'order_id' },
          { name: 'amount', expression: 'amount' },
        ],
      }),
      node('t', 'Target', {
        dataset: 'out',
        mode: options.mode ?? 'overwrite',
        ...(options.mode === 'merge' && { mergeKeys: ['order_id'] }),
      }),
    ],
    edges: [edge('orders', 'shape'), edge('shape', 't')],
  };
  const checked = checkPipeline(pipeline as never, context);
  return { checked, pipeline, context };
}

const messages = (
  result: ReturnType<typeof pipelineWriting>['checked'],
  severity: 'error' | 'warning',
) =>
  result.diagnostics
    .filter(d => d.severity === severity)
    .map(d => `${d.code} at ${d.path.join('.')}: ${d.message}`);

describe('Target against its dataset contract', () => {
  it('refuses a contract type the column cannot be cast to (decimal → date)', () => {
    const { checked } = pipelineWriting([
      { name: 'order_id', type: 'bigint' },
      { name: 'amount', type: 'date' },
    ]);
    expect(messages(checked, 'error')).toEqual([
      'contract-mismatch at nodes.2.config.dataset: column `amount` is decimal(10,2) but the contract of dataset "out" says date, and a decimal(10,2) cannot be cast to date; change the contract or convert the column before the Target',
    ]);
    expect(checked.lowered).toBeUndefined();
  });

  it('catches a wrong type on an append target when validating, not when running', () => {
    const { checked } = pipelineWriting(
      [
        { name: 'order_id', type: 'date' },
        { name: 'amount', type: 'decimal(10,2)' },
      ],
      { mode: 'append' },
    );
    expect(messages(checked, 'error')).toEqual([
      expect.stringMatching(
        /^contract-mismatch at nodes\.2\.config\.dataset: column `order_id` is bigint but the contract of dataset "out" says date/,
      ),
    ]);
  });

  it('warns about lossy casts and writes them', () => {
    const { checked } = pipelineWriting(
      [
        { name: 'order_id', type: 'int' },
        { name: 'amount', type: 'decimal(8,2)' },
        { name: 'total', type: 'decimal(12,2)' },
        { name: 'day', type: 'date' },
      ],
      {
        reformat: [
          { name: 'order_id', expression: 'order_id' },
          { name: 'amount', expression: 'amount' },
          { name: 'total', expression: 'CAST(amount AS double)' },
          { name: 'day', expression: 'CAST(order_date AS timestamp)' },
        ],
      },
    );
    expect(messages(checked, 'error')).toEqual([]);
    expect(messages(checked, 'warning')).toEqual(
      [
        ['order_id', 'bigint', 'int'],
        ['amount', 'decimal(10,2)', 'decimal(8,2)'],
        ['total', 'double', 'decimal(12,2)'],
        ['day', 'timestamp', 'date'],
      ].map(
        ([column, from, to]) =>
          `contract-mismatch at nodes.2.config.dataset: column \`${column}\` is ${from} but the contract of dataset "out" says ${to}; it is cast when written, which may lose data (digits, precision or a part of the value, or fail for values that do not convert)`,
      ),
    );
    expect(columnsOf(checked.propagation, 't', 'in')).toEqual([
      'order_id: bigint',
      'amount: decimal(10,2)',
      'total: double',
      'day: timestamp',
    ]);
    expect(
      checked.propagation.written
        .get('t')!
        .columns.map(c => `${c.name}: ${c.type.kind}`),
    ).toEqual([
      'order_id: int',
      'amount: decimal',
      'total: decimal',
      'day: date',
    ]);
  });

  it('accepts widening casts silently', () => {
    const { checked } = pipelineWriting([
      { name: 'order_id', type: 'decimal(20,0)' },
      { name: 'amount', type: 'decimal(12,2)' },
    ]);
    expect(checked.diagnostics).toEqual([]);
  });

  it('refuses a column a published contract does not list', () => {
    const { checked } = pipelineWriting(
      [{ name: 'order_id', type: 'bigint' }],
      {
        visibility: 'published',
      },
    );
    expect(messages(checked, 'error')).toEqual([
      'contract-mismatch at nodes.2.config.dataset: the input has `amount`, which the contract of published dataset "out" does not list; add them to the contract or drop them before the Target',
    ]);
  });

  it('warns about a column an internal contract does not list, and leaves it out', () => {
    const { checked } = pipelineWriting(
      [{ name: 'order_id', type: 'bigint' }],
      {
        visibility: 'internal',
      },
    );
    expect(messages(checked, 'error')).toEqual([]);
    expect(messages(checked, 'warning')).toEqual([
      'contract-mismatch at nodes.2.config.dataset: the input has `amount`, which the contract of internal dataset "out" does not list, so they are not written',
    ]);
    expect(problems(checked.propagation)).toHaveLength(1);
    expect(
      checked.propagation.written.get('t')!.columns.map(c => c.name),
    ).toEqual(['order_id']);
    expect(checked.propagation.lineage.get('t')!.in.map(c => c.column)).toEqual(
      ['order_id'],
    );
  });

  it('still reports a contract column the input lacks', () => {
    const { checked } = pipelineWriting([
      { name: 'order_id', type: 'bigint' },
      { name: 'amount', type: 'decimal(10,2)' },
      { name: 'note', type: 'string' },
    ]);
    expect(messages(checked, 'error')).toEqual([
      'contract-mismatch at nodes.2.config.dataset: dataset "out" declares `note`, which the input does not have',
    ]);
  });
});

describe('every back end casts each column to its contract type', () => {
  const { checked } = pipelineWriting(
    [
      { name: 'amount', type: 'decimal(12,2)' },
      { name: 'ORDER_ID', type: 'int' },
    ],
    { visibility: 'internal', mode: 'append' },
  );
  const lowered = checked.lowered!;
  const propagation = checked.loweredPropagation!;

  it('in Spark SQL, in contract order and spelling', () => {
    const { sql } = generateSql(lowered, propagation, { dialect: 'spark' });
    expect(sql).toContain(
      ['INSERT INTO out (', '  amount,', '  ORDER_ID', ')'].join('\n'),
    );
    expect(sql).toContain(
      [
        'SELECT',
        '  CAST(amount AS DECIMAL(12, 2)) AS amount,',
        '  CAST(order_id AS INT) AS ORDER_ID',
        'FROM shape;',
      ].join('\n'),
    );
  });

  it("in DuckDB SQL, with DuckDB's type names", () => {
    const { sql } = generateSql(lowered, propagation, { dialect: 'duckdb' });
    expect(sql).toContain('CAST(amount AS DECIMAL(12, 2)) AS amount,');
    expect(sql).toContain('CAST(order_id AS INTEGER) AS ORDER_ID');
  });

  it('in PySpark', () => {
    const { code } = generatePySpark(lowered, propagation);
    expect(code).toContain(
      'F.col("amount").cast("decimal(12,2)").alias("amount")',
    );
    expect(code).toContain('F.col("order_id").cast("int").alias("ORDER_ID")');
    expect(code).toContain('.writeTo("out")');
    expect(code).toContain('.append()');
  });
});
