/**
 * @jest-environment node
 */
import {
  parseProjectFile,
  PipelineFile,
  RuleFile,
  SubgraphFile,
} from '../project';
import { validFixture } from '../project/__testUtils__/fixtures';
import { columnLineage } from './lineage';
import { propagateSchemas } from './propagate';
import {
  columnsOf,
  datasets,
  edge,
  node,
  problems,
} from './__testUtils__/build';

/** `dataset.column` of each source of a column, sorted. */
function sourcesOf(
  lineage:
    | { sources: readonly { dataset: string; column: string }[] }
    | undefined,
) {
  return (lineage?.sources ?? []).map(s => `${s.dataset}.${s.column}`).sort();
}

describe('column-level lineage', () => {
  // customers + orders → Join → Filter → Reformat → Aggregate → Target
  const pipeline = {
    nodes: [
      node('customers', 'Source', { dataset: 'customers' }),
      node('orders', 'Source', { dataset: 'orders' }),
      node('joined', 'Join', {
        inputs: [
          { alias: 'o' },
          { alias: 'c', type: 'inner', condition: 'o.customer_id = c.id' },
        ],
        columns: [
          { name: 'customer_id', expression: 'c.id' },
          { name: 'customer_name', expression: 'c.name' },
          { name: 'country', expression: 'upper(c.country)' },
          { name: 'amount', expression: 'o.amount' },
          { name: 'status', expression: 'o.status' },
          { name: 'order_date', expression: 'o.order_date' },
          { name: 'signup_date', expression: 'c.signup_date' },
        ],
      }),
      node('paid', 'Filter', { condition: "status = 'paid'" }),
      node('shaped', 'Reformat', {
        columns: [
          { name: 'amount_eur', expression: 'amount * 0.92' },
          {
            name: 'days_to_order',
            expression: 'datediff(order_date, signup_date)',
          },
        ],
        passThrough: true,
        drop: ['status', 'amount'],
      }),
      node('totals', 'Aggregate', {
        groupBy: ['customer_id', 'customer_name', 'country'],
        aggregates: [
          { name: 'revenue', expression: 'sum(amount_eur)' },
          { name: 'orders', expression: 'count(*)' },
          { name: 'avg_days_to_order', expression: 'avg(days_to_order)' },
          { name: 'last_order', expression: 'max(order_date)' },
        ],
      }),
      node('out', 'Target', { dataset: 'customer_totals', mode: 'overwrite' }),
    ],
    edges: [
      edge('orders', 'joined', 'in0'),
      edge('customers', 'joined', 'in1'),
      edge('joined', 'paid'),
      edge('paid', 'shaped'),
      edge('shaped', 'totals'),
      edge('totals', 'out'),
    ],
  };
  const result = propagateSchemas(pipeline, {
    datasets: {
      ...datasets,
      customer_totals: {
        table: 'gold.customer_totals',
        columns: [
          { name: 'customer_id', type: 'bigint' },
          { name: 'customer_name', type: 'string' },
          { name: 'country', type: 'string' },
          { name: 'revenue', type: 'decimal(28,4)' },
          { name: 'orders', type: 'bigint' },
          { name: 'avg_days_to_order', type: 'double' },
          { name: 'last_order', type: 'date' },
        ],
      },
    },
  });

  it('types every port of the multi-step pipeline without problems', () => {
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'out', 'in')).toEqual([
      'customer_id: bigint',
      'customer_name: string',
      'country: string',
      'revenue: decimal(23,4)',
      'orders: bigint',
      'avg_days_to_order: double',
      'last_order: date',
    ]);
  });

  it.each([
    ['customer_id', 'customer_id', ['customers.id']],
    ['customer_name', 'customer_name', ['customers.name']],
    ['country', 'country', ['customers.country']],
    ['revenue', 'sum(amount_eur)', ['orders.amount']],
    ['orders', 'count(*)', []],
    [
      'avg_days_to_order',
      'avg(days_to_order)',
      ['customers.signup_date', 'orders.order_date'],
    ],
    ['last_order', 'max(order_date)', ['orders.order_date']],
  ])(
    'traces the aggregate column %s to its source columns',
    (column, formula, sources) => {
      const lineage = columnLineage(result, 'totals', column);
      expect(lineage?.formula).toBe(formula);
      expect(sourcesOf(lineage)).toEqual(sources);
      // What the Target writes has the same lineage.
      expect(sourcesOf(columnLineage(result, 'out', column, 'in'))).toEqual(
        sources,
      );
    },
  );

  it('keeps each step formula local to its node, one step back', () => {
    expect(columnLineage(result, 'joined', 'country')).toEqual({
      column: 'country',
      formula: 'upper(c.country)',
      inputs: [{ node: 'customers', port: 'out', column: 'country' }],
      sources: [
        { dataset: 'customers', table: 'bronze.customers', column: 'country' },
      ],
    });
    expect(columnLineage(result, 'shaped', 'days_to_order')).toMatchObject({
      formula: 'datediff(order_date, signup_date)',
      inputs: [
        { node: 'paid', port: 'out', column: 'order_date' },
        { node: 'paid', port: 'out', column: 'signup_date' },
      ],
    });
    expect(columnLineage(result, 'shaped', 'amount_eur')?.formula).toBe(
      'amount * 0.92',
    );
  });

  it('types and traces the all-gems fixture, through its rule and subgraph', () => {
    const load = <T>(
      kind: 'pipeline' | 'rule' | 'subgraph',
      file: string,
    ): T => {
      const fixture = validFixture(file);
      return parseProjectFile(kind, fixture.fileName, fixture.text).value as T;
    };
    const pipelineFile = load<PipelineFile>(
      'pipeline',
      'pipelines/all_gems.pipeline.yaml',
    );
    const rule = load<RuleFile>('rule', 'rules/order_size.rule.yaml');
    const subgraph = load<SubgraphFile>(
      'subgraph',
      'subgraphs/enrich_sales.subgraph.yaml',
    );
    const archiveColumns = [
      ['order_id', 'bigint'],
      ['customer_id', 'bigint'],
      ['country_code', 'string'],
      ['email', 'string'],
      ['order_date', 'date'],
      ['amount_eur', 'decimal(18,2)'],
      ['size', 'string'],
      ['amount_with_vat', 'decimal(18,2)'],
      ['order_rank', 'int'],
    ].map(([name, type]) => ({ name, type }));
    const all = propagateSchemas(pipelineFile, {
      datasets: {
        orders: {
          table: 'bronze.orders',
          columns: [
            { name: 'id', type: 'bigint' },
            { name: 'customer_id', type: 'bigint' },
            { name: 'amount', type: 'decimal(10,2)' },
            { name: 'status', type: 'string' },
            { name: 'order_date', type: 'date' },
          ],
        },
        bronze_customers: {
          table: 'samples.bronze.customers',
          columns: [
            { name: 'id', type: 'bigint' },
            { name: 'country', type: 'string' },
            { name: 'email', type: 'string' },
          ],
        },
        orders_archive: {
          table: 'silver.orders_archive',
          columns: archiveColumns,
        },
        top_countries: {
          table: 'main.sales.top_countries',
          columns: [
            { name: 'country_code', type: 'string' },
            { name: 'revenue', type: 'decimal(18,2)' },
            { name: 'orders', type: 'bigint' },
          ],
        },
      },
      rules: { order_size: rule },
      subgraphs: { enrich_sales: subgraph },
    });
    expect(problems(all)).toEqual([]);
    expect(sourcesOf(columnLineage(all, 'segmented', 'size'))).toEqual([
      'orders.amount',
    ]);
    expect(columnLineage(all, 'segmented', 'size')?.formula).toBe(
      "CASE WHEN amount_eur >= 1000 THEN 'large' WHEN amount_eur >= 100 THEN 'medium' ELSE 'small' END",
    );
    expect(
      columnLineage(all, 'enriched', 'amount_with_vat', 'enriched'),
    ).toMatchObject({
      formula: 'amount_eur * 1.2',
      inputs: [{ node: 'segmented', port: 'out', column: 'amount_eur' }],
    });
    expect(
      sourcesOf(columnLineage(all, 'enriched', 'amount_with_vat', 'enriched')),
    ).toEqual(['orders.amount']);
    expect(sourcesOf(columnLineage(all, 'masked', 'email'))).toEqual([
      'bronze_customers.email',
    ]);
    expect(sourcesOf(columnLineage(all, 'totals', 'country_code'))).toEqual([
      'bronze_customers.country',
      'orders_archive.country_code',
    ]);
    expect(sourcesOf(columnLineage(all, 'totals', 'revenue'))).toEqual([
      'orders.amount',
      'orders_archive.amount_eur',
    ]);
  });

  it('traces a Union column to every branch, not only the first', () => {
    // orders and a renamed copy of it (`x_amount`), unioned by position:
    // the column takes in0's name but derives from both inputs.
    const renamed = {
      table: 'bronze.orders_eu',
      columns: datasets.orders.columns.map(c => ({
        ...c,
        name: `x_${c.name}`,
      })),
    };
    const union = propagateSchemas(
      {
        nodes: [
          node('orders', 'Source', { dataset: 'orders' }),
          node('eu', 'Source', { dataset: 'orders_eu' }),
          node('doubled', 'Reformat', {
            columns: [{ name: 'x_amount', expression: 'x_amount * 2' }],
            passThrough: true,
          }),
          node('both', 'Union', { mode: 'byPosition', inputs: 2 }),
        ],
        edges: [
          edge('orders', 'both', 'in0'),
          edge('eu', 'doubled'),
          edge('doubled', 'both', 'in1'),
        ],
      },
      { datasets: { ...datasets, orders_eu: renamed } },
    );
    expect(problems(union)).toEqual([]);
    expect(columnLineage(union, 'both', 'amount')).toMatchObject({
      formula: 'in0.amount UNION ALL in1.x_amount',
      inputs: [
        { node: 'orders', port: 'out', column: 'amount' },
        { node: 'doubled', port: 'out', column: 'x_amount' },
      ],
    });
    expect(sourcesOf(columnLineage(union, 'both', 'amount'))).toEqual([
      'orders.amount',
      'orders_eu.x_amount',
    ]);
  });
});
