/**
 * @jest-environment node
 */
import { propagateSchemas } from './propagate';
import {
  afterOrders,
  chain,
  columnsOf,
  datasets,
  edge,
  node,
  problems,
} from './__testUtils__/build';

const ORDERS = [
  'order_id: bigint',
  'customer_id: bigint',
  'amount: decimal(10,2)',
  'status: string',
  'order_date: date',
];

describe('schema propagation per gem', () => {
  it('gives a Source the columns of its dataset, found by name or by table', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('a', 'Source', { dataset: 'orders' }),
          node('b', 'Source', { table: 'main.bronze.orders' }),
        ],
        edges: [],
      },
      { datasets },
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'a')).toEqual(ORDERS);
    expect(columnsOf(result, 'b')).toEqual(ORDERS);
  });

  it('passes the schema through Filter, OrderBy, Deduplicate and Limit', () => {
    const result = afterOrders(
      node('f', 'Filter', {
        condition: "status <> 'cancelled' AND amount > 10",
      }),
      node('s', 'OrderBy', {
        orderBy: [{ expression: 'order_date', direction: 'desc' }],
      }),
      node('d', 'Deduplicate', {
        keys: ['customer_id'],
        keep: 'first',
        orderBy: [{ expression: 'order_date' }],
      }),
      node('l', 'Limit', { count: 5 }),
    );
    expect(problems(result)).toEqual([]);
    for (const id of ['f', 's', 'd', 'l'])
      expect(columnsOf(result, id)).toEqual(ORDERS);
  });

  it('derives, renames, drops and passes through columns in a Reformat', () => {
    const result = afterOrders(
      node('r', 'Reformat', {
        columns: [
          { name: 'amount', expression: 'amount * 2' },
          { name: 'year', expression: 'year(order_date)' },
        ],
        passThrough: true,
        drop: ['status'],
        rename: [{ from: 'customer_id', to: 'client_id' }],
      }),
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'r')).toEqual([
      'order_id: bigint',
      'client_id: bigint',
      'amount: decimal(12,2)',
      'order_date: date',
      'year: int',
    ]);
  });

  it('keeps only derived and renamed columns in a Reformat without passThrough', () => {
    const result = afterOrders(
      node('r', 'Reformat', {
        columns: [{ name: 'upper_status', expression: 'upper(status)' }],
        rename: [{ from: 'order_id', to: 'id' }],
      }),
    );
    expect(columnsOf(result, 'r')).toEqual([
      'id: bigint',
      'upper_status: string',
    ]);
  });

  it('joins inputs under their aliases and keeps only the left columns for semi and anti joins', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('o', 'Source', { dataset: 'orders' }),
          node('c', 'Source', { dataset: 'customers' }),
          node('j', 'Join', {
            inputs: [
              { alias: 'c' },
              { alias: 'o', type: 'semi', condition: 'c.id = o.customer_id' },
            ],
          }),
        ],
        edges: [edge('c', 'j', 'in0'), edge('o', 'j', 'in1')],
      },
      { datasets },
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'j')).toEqual([
      'id: bigint',
      'name: string',
      'email: string',
      'country: string',
      'signup_date: date',
    ]);
  });

  it('selects Join output columns by expression', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('o', 'Source', { dataset: 'orders' }),
          node('c', 'Source', { dataset: 'customers' }),
          node('j', 'Join', {
            inputs: [
              { alias: 'o' },
              { alias: 'c', type: 'left', condition: 'o.customer_id = c.id' },
            ],
            columns: [
              { name: 'order_id', expression: 'o.order_id' },
              {
                name: 'customer',
                expression: "concat(c.name, ' <', c.email, '>')",
              },
            ],
          }),
        ],
        edges: [edge('o', 'j', 'in0'), edge('c', 'j', 'in1')],
      },
      { datasets },
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'j')).toEqual([
      'order_id: bigint',
      'customer: string',
    ]);
  });

  it('groups and aggregates, with the group keys first', () => {
    const result = afterOrders(
      node('a', 'Aggregate', {
        groupBy: ['customer_id'],
        aggregates: [
          { name: 'total', expression: 'sum(amount)' },
          { name: 'orders', expression: 'count(*)' },
          { name: 'first_order', expression: 'min(order_date)' },
        ],
        having: 'count(*) > 1',
      }),
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'a')).toEqual([
      'customer_id: bigint',
      'total: decimal(20,2)',
      'orders: bigint',
      'first_order: date',
    ]);
  });

  it('adds Window columns over the gem partition and order', () => {
    const result = afterOrders(
      node('w', 'Window', {
        partitionBy: ['customer_id'],
        orderBy: [
          { expression: 'order_date', direction: 'desc', nulls: 'last' },
        ],
        columns: [
          { name: 'rank', expression: 'row_number()' },
          { name: 'previous', expression: 'lag(amount)' },
        ],
      }),
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'w')).toEqual([
      ...ORDERS,
      'rank: int',
      'previous: decimal(10,2)',
    ]);
    const rank = result.lineage.get('w')!.out.find(c => c.column === 'rank')!;
    expect(rank.formula).toBe(
      'row_number() OVER (PARTITION BY customer_id ORDER BY order_date DESC NULLS LAST)',
    );
  });

  it('unions by name, widening types', () => {
    const context = {
      datasets: {
        a: {
          table: 'a',
          columns: [
            { name: 'x', type: 'int' },
            { name: 'y', type: 'string' },
          ],
        },
        b: {
          table: 'b',
          columns: [
            { name: 'y', type: 'string' },
            { name: 'x', type: 'double' },
          ],
        },
      },
    };
    const result = propagateSchemas(
      {
        nodes: [
          node('a', 'Source', { dataset: 'a' }),
          node('b', 'Source', { dataset: 'b' }),
          node('u', 'Union', { mode: 'byName', inputs: 2 }),
        ],
        edges: [edge('a', 'u', 'in0'), edge('b', 'u', 'in1')],
      },
      context,
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'u')).toEqual(['x: double', 'y: string']);
  });

  it('unions by position, naming columns after the first input', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('a', 'Source', { dataset: 'orders' }),
          node('b', 'Source', { dataset: 'orders' }),
          node('u', 'Union', { mode: 'byPosition', inputs: 2 }),
        ],
        edges: [edge('a', 'u', 'in0'), edge('b', 'u', 'in1')],
      },
      { datasets },
    );
    expect(columnsOf(result, 'u')).toEqual(ORDERS);
    expect(result.lineage.get('u')!.out[0].sources.map(s => s.column)).toEqual([
      'order_id',
    ]);
  });

  it('takes the declared schema of a SQL gem and traces its columns through the query', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('o', 'Source', { dataset: 'orders' }),
          node('q', 'SQL', {
            inputs: ['orders'],
            sql: [
              'SELECT customer_id, count(*) AS n, sum(amount) AS total',
              'FROM orders',
              "WHERE status = 'paid'",
              'GROUP BY customer_id',
            ].join('\n'),
            schema: [
              { name: 'customer_id', type: 'bigint' },
              { name: 'n', type: 'bigint' },
              { name: 'total', type: 'decimal(20,2)' },
            ],
          }),
        ],
        edges: [edge('o', 'q', 'in0')],
      },
      { datasets },
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'q')).toEqual([
      'customer_id: bigint',
      'n: bigint',
      'total: decimal(20,2)',
    ]);
    const [customer, n, total] = result.lineage.get('q')!.out;
    const read = (column: string) => ({ node: 'o', port: 'out', column });
    expect(customer).toMatchObject({
      formula: 'customer_id',
      inputs: [read('customer_id')],
    });
    // `status` is only filtered on: it is not where any column comes from.
    expect(n).toMatchObject({ formula: 'COUNT(*)', inputs: [] });
    expect(total).toMatchObject({
      formula: 'SUM(amount)',
      inputs: [read('amount')],
    });
    for (const column of [customer, n, total]) {
      expect(column.opaque).toBeUndefined();
    }
  });

  it('falls back to every input column, opaque, for a SQL gem column it cannot trace', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('o', 'Source', { dataset: 'orders' }),
          node('q', 'SQL', {
            inputs: ['orders'],
            // The query leaves the column unnamed, so the declared `n`
            // matches no output column of the analysis.
            sql: 'SELECT count(*) FROM orders',
            schema: [{ name: 'n', type: 'bigint' }],
          }),
        ],
        edges: [edge('o', 'q', 'in0')],
      },
      { datasets },
    );
    expect(problems(result)).toEqual([]);
    const n = result.lineage.get('q')!.out[0];
    expect(n.opaque).toBe(true);
    expect(n.sources).toHaveLength(5);
  });

  it('turns a hashed Mask column into a string and keeps a redacted one', () => {
    const hashed = afterOrders(
      node('m', 'Mask', { column: 'customer_id', method: 'hash' }),
    );
    expect(columnsOf(hashed, 'm')[1]).toBe('customer_id: string');
    const redacted = afterOrders(
      node('m', 'Mask', { column: 'amount', method: 'redact' }),
    );
    expect(columnsOf(redacted, 'm')).toEqual(ORDERS);
  });

  it('records what a Target writes on its input port', () => {
    const result = afterOrders(
      node('t', 'Target', {
        dataset: 'orders',
        mode: 'merge',
        mergeKeys: ['order_id'],
      }),
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 't', 'in')).toEqual(ORDERS);
    expect(result.ports.has('t')).toBe(false);
    expect(result.lineage.get('t')!.in).toHaveLength(5);
  });

  it('adds the BusinessRule output column with the rule output type', () => {
    const result = propagateSchemas(
      chain(
        node('o', 'Source', { dataset: 'orders' }),
        node('r', 'BusinessRule', {
          rule: 'size',
          outputColumn: 'size',
          bindings: { value: 'amount * 2' },
        }),
      ),
      {
        datasets,
        rules: {
          size: {
            formatVersion: 1,
            name: 'size',
            inputs: [{ name: 'value', type: 'decimal(18,2)' }],
            outputType: 'string',
            cases: [{ when: 'value >= 100', then: 'large' }],
            default: 'small',
          },
        },
      },
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 'r')).toEqual([...ORDERS, 'size: string']);
    expect(result.lineage.get('r')!.out[5].formula).toBe(
      "CASE WHEN (amount * 2) >= 100 THEN 'large' ELSE 'small' END",
    );
  });

  it('propagates through a Subgraph graph, keeping passed-through columns', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('o', 'Source', { dataset: 'orders' }),
          node('s', 'Subgraph', { subgraph: 'vat' }),
        ],
        edges: [edge('o', 's', 'sales')],
      },
      {
        datasets,
        subgraphs: {
          vat: {
            formatVersion: 1,
            name: 'vat',
            inputs: [
              {
                name: 'sales',
                schema: [{ name: 'amount', type: 'decimal(10,2)' }],
              },
            ],
            outputs: [
              {
                name: 'enriched',
                schema: [{ name: 'gross', type: 'decimal(18,2)' }],
              },
            ],
            nodes: [
              node('add', 'Reformat', {
                columns: [{ name: 'gross', expression: 'amount * 1.2' }],
                passThrough: true,
              }),
            ],
            edges: [
              edge('$input', 'add', 'in', 'sales'),
              edge('add', '$output', 'enriched'),
            ],
          },
        },
      },
    );
    expect(problems(result)).toEqual([]);
    expect(columnsOf(result, 's', 'enriched')).toEqual([
      ...ORDERS,
      'gross: decimal(13,3)',
    ]);
    const gross = result.lineage.get('s')!.enriched[5];
    expect(gross.formula).toBe('amount * 1.2');
    expect(gross.inputs).toEqual([
      { node: 'o', port: 'out', column: 'amount' },
    ]);
    expect(gross.sources).toEqual([
      { dataset: 'orders', table: 'bronze.orders', column: 'amount' },
    ]);
  });
});
