import {
  PipelineEdge,
  PipelineFile,
  PipelineNode,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';

/**
 * A pipeline of exactly `gemCount` gems that compiles in the Hello World
 * project, for the editor benchmark: Hello World's order lines joined to
 * their orders and products, then a chain of stages (derived columns, a
 * filter, tidying, a running total, deduplication), then a daily aggregate
 * written to a table outside the project, so that it writes none of the
 * project's datasets. Gems sit on a grid, row by row, the way a large
 * pipeline drawn by hand spreads over the canvas.
 *
 * Shaped like the compiler benchmark's synthetic pipeline
 * (plugins/data-mesh-node/src/bench/syntheticPipeline.ts), which reads
 * datasets of its own rather than the project's.
 */
export interface LargePipeline {
  readonly name: string;
  /** The file in the canonical form the editor writes. */
  readonly text: string;
  readonly gemCount: number;
  readonly edgeCount: number;
  /** A line of the file (without indentation) whose expression the benchmark edits. */
  readonly editableLine: string;
  /** A gem in the middle of the chain, for deleting on the canvas. */
  readonly middleGem: string;
}

const COLUMNS_PER_ROW = 10;

function gem(id: string, type: PipelineNode['type'], config: unknown) {
  return { id, type, position: { x: 0, y: 0 }, config } as PipelineNode;
}

/** The gems of stage `n` of the chain, in order. */
function stage(n: number): PipelineNode[] {
  return [
    gem(`score_${n}`, 'Reformat', {
      columns: [
        {
          name: 'score',
          expression: `round(coalesce(score, 0) * 0.9 + line_amount / (quantity + ${n}), 4)`,
        },
        {
          name: `band_${n}`,
          expression: `CASE WHEN line_amount > ${
            n * 10
          } THEN 'high' WHEN line_amount > ${n} THEN 'mid' ELSE 'low' END`,
        },
      ],
      passThrough: true,
    }),
    gem(`keep_${n}`, 'Filter', {
      condition: `band_${n} <> 'none' AND quantity >= 0 AND order_date >= DATE '2020-01-01'`,
    }),
    gem(`tidy_${n}`, 'Reformat', {
      columns: [{ name: 'category', expression: 'upper(trim(category))' }],
      passThrough: true,
      drop: [`band_${n}`],
    }),
    gem(`running_${n}`, 'Window', {
      partitionBy: ['currency'],
      orderBy: [{ expression: 'order_date' }, { expression: 'order_line_id' }],
      columns: [{ name: 'running_amount', expression: 'sum(line_amount)' }],
    }),
    gem(`dedupe_${n}`, 'Deduplicate', {
      keys: ['order_line_id'],
      keep: 'first',
      orderBy: [{ expression: 'score', direction: 'desc' }],
    }),
  ];
}

export function largePipeline(
  gemCount: number,
  name = `EditorBench${gemCount}`,
): LargePipeline {
  const head: PipelineNode[] = [
    gem('order_lines', 'Source', { dataset: 'bronze_order_lines' }),
    gem('orders', 'Source', { dataset: 'bronze_orders' }),
    gem('products', 'Source', { dataset: 'bronze_products' }),
    gem('lines', 'Join', {
      inputs: [
        { alias: 'l' },
        { alias: 'o', type: 'inner', condition: 'l.order_id = o.order_id' },
        { alias: 'p', type: 'left', condition: 'l.product_id = p.product_id' },
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
  ];
  const tail: PipelineNode[] = [
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
    gem('daily_out', 'Target', {
      table: 'bench.editor_daily',
      mode: 'overwrite',
    }),
  ];
  const chainLength = gemCount - head.length - tail.length;
  if (chainLength < stage(1).length) {
    throw new Error(`a pipeline of ${gemCount} gems is too small to generate`);
  }
  // Whole stages, then the first gems of one more: a stage cut short leaves
  // a band column, which the daily aggregate does not read.
  const chain: PipelineNode[] = [];
  for (let n = 1; chain.length < chainLength; n++) {
    chain.push(...stage(n).slice(0, chainLength - chain.length));
  }

  const edges: PipelineEdge[] = [];
  const connect = (from: string, to: string, port = 'in') =>
    edges.push({ from: { node: from, port: 'out' }, to: { node: to, port } });
  connect('order_lines', 'lines', 'in0');
  connect('orders', 'lines', 'in1');
  connect('products', 'lines', 'in2');
  let previous = 'lines';
  for (const node of [...chain, ...tail]) {
    connect(previous, node.id);
    previous = node.id;
  }

  const nodes = [...head, ...chain, ...tail].map((node, index) => ({
    ...node,
    position: {
      x: (index % COLUMNS_PER_ROW) * 240,
      y: Math.floor(index / COLUMNS_PER_ROW) * 120,
    },
  }));
  const pipeline = {
    formatVersion: 1,
    name,
    description: `A generated pipeline of ${nodes.length} gems for the editor benchmark (yarn bench:editor).`,
    nodes,
    edges,
  } as PipelineFile;
  const keep = chain.find(n => n.id === 'keep_1')!;
  return {
    name,
    text: serializeProjectFile('pipeline', pipeline),
    gemCount: nodes.length,
    edgeCount: edges.length,
    editableLine: `condition: ${
      (keep.config as { condition: string }).condition
    }`,
    middleGem: chain[Math.floor(chain.length / 2)].id,
  };
}
