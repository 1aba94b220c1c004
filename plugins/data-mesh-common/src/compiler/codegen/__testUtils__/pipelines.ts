import type { PipelineFile, PipelineNode } from '../../../project';
import { datasets, edge, node } from '../../__testUtils__/build';
import { propagateSchemas } from '../../propagate';
import type { SchemaPropagation } from '../../types';

export { datasets };

export type TestPipeline = Pick<PipelineFile, 'name' | 'nodes' | 'edges'>;

const orders = node('orders', 'Source', { dataset: 'orders' });
const customers = node('customers', 'Source', { dataset: 'customers' });

function target(id = 'write', table = 'result'): PipelineNode {
  return node(id, 'Target', { table, mode: 'overwrite' });
}

/** A straight chain from orders into a Target writing table `result`. */
function fromOrders(name: string, ...gems: PipelineNode[]): TestPipeline {
  const nodes = [orders, ...gems, target()];
  return {
    name,
    nodes,
    edges: nodes.slice(1).map((n, i) => edge(nodes[i].id, n.id)),
  };
}

/** The pipelines of the golden and semantic tests, by name. */
export const PIPELINES: Record<string, TestPipeline> = {
  filter_reformat: fromOrders(
    'filter_reformat',
    node('paid', 'Filter', {
      condition: "status = 'paid' AND amount > 10",
    }),
    node('shaped', 'Reformat', {
      passThrough: true,
      drop: ['status'],
      rename: [{ from: 'order_date', to: 'ordered_on' }],
      columns: [
        { name: 'amount', expression: 'amount * 2' },
        { name: 'order_year', expression: 'year(order_date)' },
        { name: 'label', expression: "concat('order-', order_id)" },
      ],
    }),
  ),
  join_inner: {
    name: 'join_inner',
    nodes: [
      orders,
      customers,
      node('joined', 'Join', {
        inputs: [
          { alias: 'o' },
          { alias: 'c', type: 'inner', condition: 'o.customer_id = c.id' },
        ],
        columns: [
          { name: 'order_id', expression: 'o.order_id' },
          { name: 'customer', expression: 'c.name' },
          { name: 'amount', expression: 'o.amount' },
        ],
      }),
      target(),
    ],
    edges: [
      edge('orders', 'joined', 'in0'),
      edge('customers', 'joined', 'in1'),
      edge('joined', 'write'),
    ],
  },
  join_left: {
    name: 'join_left',
    nodes: [
      customers,
      orders,
      node('joined', 'Join', {
        inputs: [
          { alias: 'customers' },
          {
            alias: 'o',
            type: 'left',
            condition: "o.customer_id = customers.id AND o.status = 'paid'",
          },
        ],
      }),
      target(),
    ],
    edges: [
      edge('customers', 'joined', 'in0'),
      edge('orders', 'joined', 'in1'),
      edge('joined', 'write'),
    ],
  },
  join_anti: {
    name: 'join_anti',
    nodes: [
      customers,
      orders,
      node('without_orders', 'Join', {
        inputs: [
          { alias: 'c' },
          { alias: 'o', type: 'anti', condition: 'o.customer_id = c.id' },
        ],
      }),
      target(),
    ],
    edges: [
      edge('customers', 'without_orders', 'in0'),
      edge('orders', 'without_orders', 'in1'),
      edge('without_orders', 'write'),
    ],
  },
  join_semi_full: {
    name: 'join_semi_full',
    nodes: [
      customers,
      orders,
      node('paid', 'Filter', { condition: "status = 'paid'" }),
      node('joined', 'Join', {
        inputs: [
          { alias: 'c' },
          { alias: 'p', type: 'semi', condition: 'p.customer_id = c.id' },
          {
            alias: 'o',
            type: 'full',
            condition: 'o.customer_id = c.id',
          },
          {
            alias: 'r',
            type: 'right',
            condition: 'r.order_id = o.order_id',
          },
        ],
        columns: [
          { name: 'id', expression: 'c.id' },
          { name: 'order_id', expression: 'r.order_id' },
        ],
      }),
      target(),
    ],
    edges: [
      edge('customers', 'joined', 'in0'),
      edge('orders', 'paid'),
      edge('paid', 'joined', 'in1'),
      edge('orders', 'joined', 'in2'),
      edge('paid', 'joined', 'in3'),
      edge('joined', 'write'),
    ],
  },
  aggregate: fromOrders(
    'aggregate',
    node('totals', 'Aggregate', {
      groupBy: ['customer_id', 'year(order_date)'],
      aggregates: [
        { name: 'amount', expression: 'sum(amount)' },
        { name: 'orders', expression: 'count(*)' },
        { name: 'largest', expression: 'max(amount)' },
      ],
      having: 'sum(amount) > 20 AND count(*) >= 2',
    }),
  ),
  deduplicate: fromOrders(
    'deduplicate',
    node('latest', 'Deduplicate', {
      keys: ['customer_id'],
      keep: 'last',
      orderBy: [{ expression: 'order_date' }, { expression: 'order_id' }],
    }),
  ),
  deduplicate_first: fromOrders(
    'deduplicate_first',
    node('largest', 'Deduplicate', {
      keys: ['customer_id', 'status'],
      keep: 'first',
      orderBy: [
        { expression: 'amount', direction: 'desc', nulls: 'first' },
        { expression: 'order_id', direction: 'asc' },
      ],
    }),
  ),
  union: {
    name: 'union',
    nodes: [
      orders,
      customers,
      node('order_people', 'Reformat', {
        columns: [
          { name: 'person', expression: 'customer_id' },
          { name: 'source', expression: "'order'" },
        ],
      }),
      node('customer_people', 'Reformat', {
        columns: [
          { name: 'source', expression: "'customer'" },
          { name: 'PERSON', expression: 'id' },
        ],
      }),
      node('people', 'Union', { mode: 'byName', inputs: 2 }),
      target(),
    ],
    edges: [
      edge('orders', 'order_people'),
      edge('customers', 'customer_people'),
      edge('order_people', 'people', 'in0'),
      edge('customer_people', 'people', 'in1'),
      edge('people', 'write'),
    ],
  },
  union_by_position: {
    name: 'union_by_position',
    nodes: [
      orders,
      customers,
      node('order_ids', 'Reformat', {
        columns: [
          { name: 'id', expression: 'order_id' },
          { name: 'kind', expression: "'order'" },
        ],
      }),
      node('customer_ids', 'Reformat', {
        columns: [
          { name: 'customer', expression: 'id' },
          { name: 'what', expression: "'customer'" },
        ],
      }),
      node('ids', 'Union', { mode: 'byPosition', inputs: 2 }),
      target(),
    ],
    edges: [
      edge('orders', 'order_ids'),
      edge('customers', 'customer_ids'),
      edge('order_ids', 'ids', 'in0'),
      edge('customer_ids', 'ids', 'in1'),
      edge('ids', 'write'),
    ],
  },
  window: fromOrders(
    'window',
    node('ranked', 'Window', {
      partitionBy: ['customer_id'],
      orderBy: [{ expression: 'order_date' }, { expression: 'order_id' }],
      columns: [
        { name: 'n', expression: 'row_number()' },
        { name: 'previous_amount', expression: 'lag(amount)' },
        {
          name: 'running_total',
          expression:
            'sum(amount) OVER (PARTITION BY customer_id ORDER BY order_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
        },
        { name: 'amount', expression: 'amount + 1' },
      ],
    }),
  ),
  order_limit: fromOrders(
    'order_limit',
    node('sorted', 'OrderBy', {
      orderBy: [
        { expression: 'amount', direction: 'desc' },
        { expression: 'order_date', nulls: 'last' },
      ],
    }),
    node('top', 'Limit', { count: 3 }),
  ),
};

/** A two-target pipeline appending to a dataset and replacing a table. */
export const TWO_TARGETS: TestPipeline = {
  name: 'two_targets',
  nodes: [
    orders,
    node('open', 'Filter', { condition: "status = 'open'" }),
    node('append_open', 'Target', { dataset: 'orders', mode: 'append' }),
    target('copy', 'silver.order copy'),
  ],
  edges: [
    edge('orders', 'open'),
    edge('open', 'append_open'),
    edge('orders', 'copy'),
  ],
};

export function propagate(pipeline: TestPipeline): SchemaPropagation {
  return propagateSchemas(pipeline, { datasets });
}
