/**
 * @jest-environment node
 */
import { loadProject, ProjectSourceFile } from '@meshwork/data-mesh-common';
import { runPipelineTests } from './runPipelineTests';

const DATASET = (
  name: string,
  columns: Record<string, string>,
) => `formatVersion: 1
name: ${name}
table: shop.${name}
layer: bronze
visibility: internal
owner: group:default/shop
contract:
  columns:
${Object.entries(columns)
  .map(([column, type]) => `    - name: ${column}\n      type: ${type}\n`)
  .join('')}`;

const PROJECT: ProjectSourceFile[] = [
  {
    path: 'meshwork.yaml',
    text: `formatVersion: 1
name: shop
owner: group:default/shop
domain: sales
engine:
  defaultDialect: spark
  targets:
    dev: { warehouse: dev, catalog: dev, schema: shop }
    prod: { warehouse: prod, catalog: main, schema: shop }
`,
  },
  {
    path: 'datasets/raw_orders.dataset.yaml',
    text: DATASET('raw_orders', {
      order_id: 'bigint',
      amount: 'decimal(10,2)',
      status: 'string',
      ordered_at: 'timestamp',
      day: 'date',
      ratio: 'double',
    }),
  },
  {
    path: 'datasets/clean_orders.dataset.yaml',
    text: DATASET('clean_orders', {
      order_id: 'bigint',
      amount_cents: 'decimal(14,2)',
      status: 'string',
    }),
  },
  {
    path: 'pipelines/CleanOrders.pipeline.yaml',
    text: `formatVersion: 1
name: CleanOrders
nodes:
  - id: orders
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: raw_orders
  - id: valid
    type: Filter
    position: { x: 200, y: 0 }
    config:
      condition: amount > 0
  - id: cents
    type: Reformat
    position: { x: 400, y: 0 }
    config:
      columns:
        - name: order_id
          expression: order_id
        - name: amount_cents
          expression: amount * 100
        - name: status
          expression: lower(status)
  - id: out
    type: Target
    position: { x: 600, y: 0 }
    config:
      dataset: clean_orders
      mode: overwrite
edges:
  - from: { node: orders, port: out }
    to: { node: valid, port: in }
  - from: { node: valid, port: out }
    to: { node: cents, port: in }
  - from: { node: cents, port: out }
    to: { node: out, port: in }
`,
  },
];

const GIVEN = `    given:
      raw_orders:
        - { order_id: 1, amount: 10.5, status: OPEN, ordered_at: "2026-01-02 03:04:05", day: "2026-01-02", ratio: 0.1 }
        - { order_id: 2, amount: 0, status: OPEN }
        - { order_id: 3, amount: 2.25, status: Shipped }
`;

/** Runs a test file of CleanOrders whose tests are `tests` (YAML, indented). */
async function run(tests: string, { checked = true } = {}) {
  const loaded = loadProject([
    ...PROJECT,
    {
      path: 'tests/CleanOrders.test.yaml',
      text: `formatVersion: 1\nname: CleanOrders\npipeline: CleanOrders\ntests:\n${tests}`,
    },
  ]);
  if (checked) {
    expect(loaded.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  }
  return runPipelineTests(loaded);
}

describe('runPipelineTests', () => {
  it('compares rows as a multiset by default, and in order when asked', async () => {
    const rows = `    expect:
      rows:
        - { order_id: 3, amount_cents: 225, status: shipped }
        - { order_id: 1, amount_cents: 1050, status: open }
`;
    const [unordered, ordered] = await run(
      `  - name: any order\n${GIVEN}${rows}  - name: in order\n${GIVEN}${rows.replace(
        '    expect:\n',
        '    expect:\n      ordered: true\n',
      )}`,
    );
    expect(unordered).toMatchObject({
      file: 'tests/CleanOrders.test.yaml',
      subjectKind: 'pipeline',
      subject: 'CleanOrders',
      name: 'any order',
      status: 'passed',
    });
    expect(unordered.durationMs).toBeGreaterThanOrEqual(0);
    expect(ordered.status).toBe('failed');
    expect(ordered.diff).toBe(
      [
        'expected 2 rows in order, got 2 rows',
        'row 1 differs in order_id, amount_cents, status:',
        '  - { order_id: 3, amount_cents: 225, status: "shipped" }',
        '  + { order_id: 1, amount_cents: 1050, status: "open" }',
        'row 2 differs in order_id, amount_cents, status:',
        '  - { order_id: 1, amount_cents: 1050, status: "open" }',
        '  + { order_id: 3, amount_cents: 225, status: "shipped" }',
      ].join('\n'),
    );
  });

  it('lists the expected rows not found and the rows not expected', async () => {
    const [result] = await run(`  - name: wrong status
${GIVEN}    expect:
      rows:
        - { order_id: 1, amount_cents: 1050, status: OPEN }
        - { order_id: 3, amount_cents: 225, status: shipped }
        - { order_id: 4, amount_cents: 1, status: lost }
`);
    expect(result.status).toBe('failed');
    expect(result.diff).toBe(
      [
        'expected 2 rows not found:',
        '  - { order_id: 1, amount_cents: 1050, status: "OPEN" }',
        '  - { order_id: 4, amount_cents: 1, status: "lost" }',
        'unexpected 1 row:',
        '  + { order_id: 1, amount_cents: 1050, status: "open" }',
      ].join('\n'),
    );
  });

  it('compares numbers within the tolerance, and exactly without one', async () => {
    const expectation = (tolerance: string) => `    expect:
      node: cents
${tolerance}      rows:
        - { order_id: 1, amount_cents: 1050.004 }
        - { order_id: 3, amount_cents: "225.00" }
`;
    const [within, exact] = await run(
      `  - name: within\n${GIVEN}${expectation(
        '      tolerance: 0.005\n',
      )}  - name: exact\n${GIVEN}${expectation('')}`,
    );
    expect(within.status).toBe('passed');
    expect(exact.status).toBe('failed');
    expect(exact.diff).toContain('- { order_id: 1, amount_cents: 1050.004 }');
  });

  it('compares only the columns asked for, and reads values naturally', async () => {
    const [subset, values] = await run(`  - name: ids only
${GIVEN}    expect:
      columns: [order_id]
      rows:
        - { order_id: 1 }
        - { order_id: 3 }
  - name: dates, timestamps, doubles and nulls
${GIVEN}    expect:
      node: orders
      columns: [order_id, ordered_at, day, ratio]
      rows:
        - { order_id: 1, ordered_at: "2026-01-02 03:04:05", day: "2026-01-02", ratio: 0.1 }
        - { order_id: 2, ordered_at: null, day: null, ratio: null }
        - { order_id: 3, ordered_at: null, day: null, ratio: null }
`);
    expect(subset.status).toBe('passed');
    expect(values.status).toBe('passed');
  });

  it('reports what keeps a test from running as an error, never a throw', async () => {
    const results = await run(
      `  - name: unknown column
${GIVEN}    expect:
      rows:
        - { order_id: 1, amount: 10.5 }
  - name: unknown node
    expect:
      node: nowhere
      rows: []
  - name: a value of the wrong type
    given:
      raw_orders:
        - { order_id: 1, amount: lots }
    expect:
      rows: []
  - name: rows where none are expected
    given:
      raw_orders:
        - { order_id: 1, amount: 1, status: "x" }
    expect:
      rows: []
`,
      // The unknown node is a diagnostic of the project too; the runner
      // must not rely on the caller having stopped there.
      { checked: false },
    );
    expect(results.map(r => [r.status, r.message])).toEqual([
      [
        'error',
        'the output has no column "amount"; its columns: order_id, amount_cents, status',
      ],
      [
        'error',
        'does not compile: pipeline "CleanOrders" has no node "nowhere"',
      ],
      ['error', expect.stringMatching(/^given "raw_orders": Conversion Error/)],
      ['failed', undefined],
    ]);
  });

  it('inserts hostile strings as values, never as SQL', async () => {
    const hostile = `'); DROP TABLE x; --`;
    const results = await run(`  - name: hostile
    given:
      raw_orders:
        - { order_id: 1, amount: 1, status: ${JSON.stringify(hostile)} }
        - { order_id: 2, amount: 2, status: "it's \\"quoted\\" \\\\ $1" }
    expect:
      node: orders
      columns: [order_id, status]
      rows:
        - { order_id: 1, status: ${JSON.stringify(hostile)} }
        - { order_id: 2, status: "it's \\"quoted\\" \\\\ $1" }
  - name: the next test still runs
${GIVEN}    expect:
      columns: [order_id]
      rows: [{ order_id: 1 }, { order_id: 3 }]
`);
    expect(results.map(r => [r.status, r.diff ?? r.message])).toEqual([
      ['passed', undefined],
      ['passed', undefined],
    ]);
  });

  it('runs only the tests of the subject asked for', async () => {
    const loaded = loadProject([
      ...PROJECT,
      {
        path: 'tests/CleanOrders.test.yaml',
        text: `formatVersion: 1\nname: CleanOrders\npipeline: CleanOrders\ntests:\n  - name: empty\n    expect:\n      rows: []\n`,
      },
    ]);
    await expect(
      runPipelineTests(loaded, { subject: 'Other' }),
    ).resolves.toEqual([]);
    await expect(
      runPipelineTests(loaded, { subject: 'CleanOrders' }),
    ).resolves.toEqual([expect.objectContaining({ status: 'passed' })]);
  });
});
