import type {
  PipelineEdge,
  PipelineFile,
  PipelineNode,
  PropagationContext,
} from '@meshwork/data-mesh-common';

/**
 * A large pipeline for the compiler benchmark, shaped like real ones rather
 * than one long chain: order lines joined to orders and products, then
 * stages of derived columns, filters, lookups, running totals and
 * deduplication, ending in a daily aggregate written to a gold table.
 */
export interface SyntheticPipeline {
  readonly pipeline: PipelineFile;
  readonly context: PropagationContext;
}

const DATASETS: PropagationContext['datasets'] = {
  orders: {
    table: 'bronze.orders',
    columns: [
      { name: 'order_id', type: 'bigint' },
      { name: 'customer_id', type: 'bigint' },
      { name: 'order_date', type: 'date' },
      { name: 'order_status', type: 'string' },
      { name: 'currency', type: 'string' },
    ],
  },
  order_lines: {
    table: 'bronze.order_lines',
    columns: [
      { name: 'order_line_id', type: 'bigint' },
      { name: 'order_id', type: 'bigint' },
      { name: 'product_id', type: 'bigint' },
      { name: 'quantity', type: 'int' },
      { name: 'line_amount', type: 'decimal(12,2)' },
    ],
  },
  products: {
    table: 'bronze.products',
    columns: [
      { name: 'product_id', type: 'bigint' },
      { name: 'category', type: 'string' },
      { name: 'unit_price', type: 'decimal(10,2)' },
    ],
  },
  daily_output: {
    table: 'gold.synthetic_daily',
    columns: [
      { name: 'order_date', type: 'date' },
      { name: 'currency', type: 'string' },
      { name: 'line_count', type: 'bigint' },
      { name: 'revenue', type: 'decimal(22,2)' },
      { name: 'score', type: 'double' },
    ],
  },
};

/** The gems of one stage, reading the previous stage's last gem. */
type Stage = (stage: number, previous: string) => PipelineNode[];

function gem(
  id: string,
  type: PipelineNode['type'],
  config: unknown,
): PipelineNode {
  return {
    id,
    type,
    position: { x: 0, y: 0 },
    config,
  } as PipelineNode;
}

const stageGems: Stage = stage => [
  gem(`score_${stage}`, 'Reformat', {
    columns: [
      {
        name: 'score',
        expression: `round(coalesce(score, 0) * 0.9 + line_amount / (quantity + ${stage}), 4)`,
      },
      {
        name: `band_${stage}`,
        expression: `CASE WHEN line_amount > ${
          stage * 10
        } THEN 'high' WHEN line_amount > ${stage} THEN 'mid' ELSE 'low' END`,
      },
    ],
    passThrough: true,
  }),
  gem(`keep_${stage}`, 'Filter', {
    condition: `band_${stage} <> 'none' AND quantity >= 0 AND order_date >= DATE '2020-01-01'`,
  }),
  gem(`tidy_${stage}`, 'Reformat', {
    columns: [
      {
        name: 'category',
        expression: `upper(trim(category))`,
      },
    ],
    passThrough: true,
    drop: [`band_${stage}`],
  }),
  gem(`running_${stage}`, 'Window', {
    partitionBy: ['currency'],
    orderBy: [{ expression: 'order_date' }, { expression: 'order_line_id' }],
    columns: [{ name: 'running_amount', expression: 'sum(line_amount)' }],
  }),
  gem(`dedupe_${stage}`, 'Deduplicate', {
    keys: ['order_line_id'],
    keep: 'first',
    orderBy: [{ expression: 'score', direction: 'desc' }],
  }),
];

/**
 * A valid pipeline of `gemCount` gems or slightly more (a whole number of
 * stages plus the fixed head and tail).
 */
export function syntheticPipeline(gemCount = 500): SyntheticPipeline {
  const nodes: PipelineNode[] = [];
  const edges: PipelineEdge[] = [];
  const connect = (from: string, to: string, port = 'in') =>
    edges.push({ from: { node: from, port: 'out' }, to: { node: to, port } });

  for (const dataset of ['orders', 'order_lines', 'products']) {
    nodes.push(gem(dataset, 'Source', { dataset }));
  }
  nodes.push(
    gem('lines', 'Join', {
      inputs: [
        { alias: 'l' },
        { alias: 'o', type: 'inner', condition: 'l.order_id = o.order_id' },
        {
          alias: 'p',
          type: 'left',
          condition: 'l.product_id = p.product_id',
        },
      ],
      columns: [
        { name: 'order_line_id', expression: 'l.order_line_id' },
        { name: 'order_date', expression: 'o.order_date' },
        { name: 'currency', expression: 'o.currency' },
        { name: 'category', expression: 'p.category' },
        { name: 'quantity', expression: 'l.quantity' },
        { name: 'line_amount', expression: 'l.line_amount' },
        { name: 'score', expression: 'CAST(NULL AS DOUBLE)' },
      ],
    }),
  );
  connect('order_lines', 'lines', 'in0');
  connect('orders', 'lines', 'in1');
  connect('products', 'lines', 'in2');

  const tail = 4;
  const perStage = stageGems(0, '').length;
  const stages = Math.max(
    1,
    Math.ceil((gemCount - nodes.length - tail) / perStage),
  );
  let previous = 'lines';
  for (let stage = 1; stage <= stages; stage++) {
    for (const node of stageGems(stage, previous)) {
      nodes.push(node);
      connect(previous, node.id);
      previous = node.id;
    }
  }

  nodes.push(
    gem('daily', 'Aggregate', {
      groupBy: ['order_date', 'currency'],
      aggregates: [
        { name: 'line_count', expression: 'count(*)' },
        { name: 'revenue', expression: 'sum(line_amount)' },
        { name: 'score', expression: 'avg(score)' },
      ],
    }),
    gem('by_day', 'OrderBy', {
      orderBy: [{ expression: 'order_date' }, { expression: 'currency' }],
    }),
    gem('first_days', 'Limit', { count: 1000 }),
    gem('daily_out', 'Target', { dataset: 'daily_output', mode: 'overwrite' }),
  );
  for (const [from, to] of [
    [previous, 'daily'],
    ['daily', 'by_day'],
    ['by_day', 'first_days'],
    ['first_days', 'daily_out'],
  ]) {
    connect(from, to);
  }

  return {
    pipeline: {
      formatVersion: 1,
      name: `synthetic_${nodes.length}`,
      description: `A generated pipeline of ${nodes.length} gems for the compiler benchmark.`,
      nodes,
      edges,
    } as PipelineFile,
    context: { datasets: DATASETS },
  };
}
