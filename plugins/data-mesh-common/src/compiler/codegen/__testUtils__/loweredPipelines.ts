import type {
  PipelineEdge,
  PipelineFile,
  PipelineNode,
  RuleFile,
  SubgraphFile,
} from '../../../project';
import { datasets, edge, node } from '../../__testUtils__/build';
import type { PropagationContext } from '../../types';

function pipeline(
  name: string,
  nodes: PipelineNode[],
  edges: PipelineEdge[],
): PipelineFile {
  return { formatVersion: 1, name, nodes, edges };
}

const orders = node('orders', 'Source', { dataset: 'orders' });
const customers = node('customers', 'Source', { dataset: 'customers' });
const write = node('write', 'Target', { table: 'result', mode: 'overwrite' });

/** Sizes an order; several ordered cases, a default, and bindings that need parentheses. */
export const ORDER_BAND: RuleFile = {
  formatVersion: 1,
  name: 'order_band',
  inputs: [
    { name: 'amount', type: 'decimal(10,2)' },
    { name: 'status', type: 'string' },
  ],
  outputType: 'string',
  cases: [
    { when: "status <> 'paid'", then: 'unpaid' },
    { when: 'amount * 2 >= 60', then: 'large' },
    { when: 'amount >= 10 AND amount < 30', then: 'medium' },
  ],
  default: 'small',
};

/** Keeps the paid rows. */
export const PAID_ONLY: SubgraphFile = {
  formatVersion: 1,
  name: 'paid_only',
  inputs: [{ name: 'rows', schema: [{ name: 'status', type: 'string' }] }],
  outputs: [{ name: 'paid', schema: [{ name: 'status', type: 'string' }] }],
  nodes: [node('paid', 'Filter', { condition: "status = 'paid'" })],
  edges: [
    edge('$input', 'paid', 'in', 'rows'),
    edge('paid', '$output', 'paid'),
  ],
};

/**
 * Paid orders with their customer's name and country: uses paid_only (a
 * nested subgraph), and reads its Join's output by the Join's node id.
 */
export const ENRICH_ORDERS: SubgraphFile = {
  formatVersion: 1,
  name: 'enrich_orders',
  inputs: [
    {
      name: 'orders',
      schema: [
        { name: 'customer_id', type: 'bigint' },
        { name: 'status', type: 'string' },
      ],
    },
    { name: 'customers', schema: [{ name: 'id', type: 'bigint' }] },
  ],
  outputs: [
    {
      name: 'enriched',
      schema: [
        { name: 'order_id', type: 'bigint' },
        { name: 'label', type: 'string' },
      ],
    },
  ],
  nodes: [
    node('paid', 'Subgraph', { subgraph: 'paid_only' }),
    node('joined', 'Join', {
      inputs: [
        { alias: 'o' },
        { alias: 'c', type: 'inner', condition: 'o.customer_id = c.id' },
      ],
      columns: [
        { name: 'order_id', expression: 'o.order_id' },
        { name: 'amount', expression: 'o.amount' },
        { name: 'name', expression: 'c.name' },
        { name: 'country', expression: 'c.country' },
      ],
    }),
    node('labelled', 'Reformat', {
      passThrough: true,
      columns: [
        {
          name: 'label',
          expression: "concat(joined.name, '-', joined.order_id)",
        },
      ],
    }),
  ],
  edges: [
    edge('$input', 'paid', 'rows', 'orders'),
    edge('paid', 'joined', 'in0', 'paid'),
    edge('$input', 'joined', 'in1', 'customers'),
    edge('joined', 'labelled'),
    edge('labelled', '$output', 'enriched'),
  ],
};

export const LOWERED_CONTEXT: PropagationContext = {
  datasets,
  rules: { order_band: ORDER_BAND },
  subgraphs: { paid_only: PAID_ONLY, enrich_orders: ENRICH_ORDERS },
};

/** The pipelines of the golden and semantic tests of lowered and newer gems. */
export const LOWERED_PIPELINES: Record<string, PipelineFile> = {
  business_rule: pipeline(
    'business_rule',
    [
      orders,
      node('band', 'BusinessRule', {
        rule: 'order_band',
        outputColumn: 'band',
        bindings: { amount: 'amount + 5', status: 'lower(status)' },
      }),
      write,
    ],
    [edge('orders', 'band'), edge('band', 'write')],
  ),
  // enrich's output feeds two gems; `big` reads it as `enrich.amount`.
  subgraph: pipeline(
    'subgraph',
    [
      orders,
      customers,
      node('enrich', 'Subgraph', { subgraph: 'enrich_orders' }),
      write,
      node('big', 'Filter', { condition: 'enrich.amount > 10' }),
      node('per_country', 'Aggregate', {
        groupBy: ['country'],
        aggregates: [{ name: 'revenue', expression: 'sum(amount)' }],
      }),
      node('write_totals', 'Target', {
        table: 'result_totals',
        mode: 'overwrite',
      }),
    ],
    [
      edge('orders', 'enrich', 'orders'),
      edge('customers', 'enrich', 'customers'),
      edge('enrich', 'write', 'in', 'enriched'),
      edge('enrich', 'big', 'in', 'enriched'),
      edge('big', 'per_country'),
      edge('per_country', 'write_totals'),
    ],
  ),
  sql_gem: pipeline(
    'sql_gem',
    [
      orders,
      customers,
      node('by_country', 'SQL', {
        inputs: ['o', 'customers'],
        sql: [
          'SELECT c.country, count(*) AS orders, sum(o.amount) AS revenue',
          'FROM o',
          'JOIN customers AS c ON o.customer_id = c.id',
          'GROUP BY c.country',
        ].join('\n'),
        schema: [
          { name: 'country', type: 'string' },
          { name: 'revenue', type: 'decimal(20,2)' },
          { name: 'orders', type: 'bigint' },
        ],
      }),
      write,
    ],
    [
      edge('orders', 'by_country', 'in0'),
      edge('customers', 'by_country', 'in1'),
      edge('by_country', 'write'),
    ],
  ),
  sql_gem_with: pipeline(
    'sql_gem_with',
    [
      orders,
      node('paid_counts', 'SQL', {
        inputs: ['orders_in'],
        sql: [
          '-- Paid orders per customer',
          "WITH paid AS (SELECT * FROM orders_in WHERE status = 'paid')",
          'SELECT customer_id, count(*) AS paid_orders',
          'FROM paid',
          'GROUP BY customer_id;',
          '',
        ].join('\n'),
        schema: [
          { name: 'customer_id', type: 'bigint' },
          { name: 'paid_orders', type: 'bigint' },
        ],
      }),
      write,
    ],
    [edge('orders', 'paid_counts', 'in0'), edge('paid_counts', 'write')],
  ),
  mask: pipeline(
    'mask',
    [
      customers,
      node('hashed', 'Mask', { column: 'email', method: 'hash' }),
      node('redacted', 'Mask', { column: 'name', method: 'redact' }),
      node('anonymized', 'Mask', { column: 'country', method: 'anonymize' }),
      node('encrypted', 'Mask', { column: 'id', method: 'encrypt' }),
      write,
    ],
    [
      edge('customers', 'hashed'),
      edge('hashed', 'redacted'),
      edge('redacted', 'anonymized'),
      edge('anonymized', 'encrypted'),
      edge('encrypted', 'write'),
    ],
  ),
  mask_template: pipeline(
    'mask_template',
    [
      orders,
      // DuckDB's regexp_replace replaces the first match unless told 'g'.
      node('vowels', 'Mask', {
        column: 'status',
        method: 'redact',
        template: {
          spark: "regexp_replace({{column}}, '[aeiou]', '*')",
          duckdb: "regexp_replace({{column}}, '[aeiou]', '*', 'g')",
        },
      }),
      write,
    ],
    [edge('orders', 'vowels'), edge('vowels', 'write')],
  ),
  merge: pipeline(
    'merge',
    [
      orders,
      node('upsert', 'Target', {
        table: 'result',
        mode: 'merge',
        mergeKeys: ['order_id', 'order_date'],
      }),
    ],
    [edge('orders', 'upsert')],
  ),
};
