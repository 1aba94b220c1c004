/**
 * @jest-environment node
 */
import fc from 'fast-check';
import type { PipelineEdge, PipelineNode } from '../project';
import { propagateSchemas } from './propagate';
import { datasets, node } from './__testUtils__/build';

const columnName = fc.constantFrom(
  'id',
  'order_id',
  'customer_id',
  'amount',
  'status',
  'name',
  'nope',
  'order_date',
);
const expression = fc.oneof(
  columnName,
  fc.constantFrom(
    'amount > 10',
    "status = 'paid'",
    'sum(amount)',
    'count(*)',
    'row_number()',
    'lag(amount)',
    'a.id = b.id',
    'in0.id',
    'upper(name) || 1',
    'CASE WHEN amount > 1 THEN 1 END',
    '(',
    'amount +',
    'x.y.z',
  ),
  fc.string({ maxLength: 12 }),
);
const sort = fc.record({
  expression,
  direction: fc.constantFrom<'asc' | 'desc' | undefined>(
    'asc',
    'desc',
    undefined,
  ),
});
const derived = fc.record({ name: columnName, expression });
const alias = fc.constantFrom('a', 'b', 'c');
const joinType = fc.constantFrom(
  'inner',
  'left',
  'right',
  'full',
  'semi',
  'anti',
) as fc.Arbitrary<'inner'>;

/** A config of each gem type, valid in shape but not necessarily in meaning. */
const gem: fc.Arbitrary<[PipelineNode['type'], any]> = fc.oneof(
  fc.tuple(
    fc.constant('Source' as const),
    fc.oneof(
      fc.record({ dataset: fc.constantFrom('orders', 'customers', 'missing') }),
      fc.record({ table: fc.constantFrom('bronze.orders', 'x.y') }),
    ),
  ),
  fc.tuple(
    fc.constant('Target' as const),
    fc.record({
      dataset: fc.constantFrom('orders', 'nope'),
      mode: fc.constant('merge'),
      mergeKeys: fc.array(columnName, { minLength: 1, maxLength: 2 }),
    }),
  ),
  fc.tuple(
    fc.constant('Filter' as const),
    fc.record({ condition: expression }),
  ),
  fc.tuple(
    fc.constant('Reformat' as const),
    fc.record({
      columns: fc.array(derived, { maxLength: 3 }),
      passThrough: fc.boolean(),
      drop: fc.array(columnName, { maxLength: 2 }),
      rename: fc.array(fc.record({ from: columnName, to: columnName }), {
        maxLength: 2,
      }),
    }),
  ),
  fc.tuple(
    fc.constant('Join' as const),
    fc
      .tuple(
        alias,
        fc.array(fc.record({ alias, type: joinType, condition: expression }), {
          minLength: 1,
          maxLength: 2,
        }),
        fc.option(fc.array(derived, { maxLength: 3 }), { nil: undefined }),
      )
      .map(([first, rest, columns]) => ({
        inputs: [{ alias: first }, ...rest],
        ...(columns && { columns }),
      })),
  ),
  fc.tuple(
    fc.constant('Aggregate' as const),
    fc.record({
      groupBy: fc.array(expression, { maxLength: 2 }),
      aggregates: fc.array(derived, { minLength: 1, maxLength: 2 }),
      having: fc.option(expression, { nil: undefined }),
    }),
  ),
  fc.tuple(
    fc.constant('Window' as const),
    fc.record({
      partitionBy: fc.array(expression, { maxLength: 2 }),
      orderBy: fc.array(sort, { maxLength: 2 }),
      columns: fc.array(derived, { minLength: 1, maxLength: 2 }),
    }),
  ),
  fc.tuple(
    fc.constant('OrderBy' as const),
    fc.record({ orderBy: fc.array(sort, { minLength: 1, maxLength: 2 }) }),
  ),
  fc.tuple(
    fc.constant('Deduplicate' as const),
    fc.record({
      keys: fc.array(expression, { minLength: 1, maxLength: 2 }),
      keep: fc.constantFrom('first', 'last'),
    }),
  ),
  fc.tuple(
    fc.constant('Union' as const),
    fc.record({
      mode: fc.constantFrom('byName', 'byPosition'),
      inputs: fc.integer({ min: 2, max: 3 }),
    }),
  ),
  fc.tuple(fc.constant('Limit' as const), fc.record({ count: fc.nat(10) })),
  fc.tuple(
    fc.constant('SQL' as const),
    fc.record({
      inputs: fc.constant(['t']),
      sql: fc.constant('SELECT 1'),
      schema: fc.constant([{ name: 'x', type: 'int' }]),
    }),
  ),
  fc.tuple(
    fc.constant('Mask' as const),
    fc.record({
      column: columnName,
      method: fc.constantFrom('hash', 'redact', 'anonymize', 'encrypt'),
    }),
  ),
  fc.tuple(
    fc.constant('BusinessRule' as const),
    fc.record({
      rule: fc.constantFrom('size', 'nope'),
      outputColumn: columnName,
      bindings: fc.dictionary(fc.constantFrom('value', 'other'), expression, {
        maxKeys: 2,
      }),
    }),
  ),
  fc.tuple(
    fc.constant('Subgraph' as const),
    fc.record({ subgraph: fc.constantFrom('pass', 'nope') }),
  ),
);

/** Random graphs: ids n0…, edges between random nodes and ports, cycles and dangling ends included. */
const pipeline = fc.array(gem, { minLength: 1, maxLength: 8 }).chain(gems => {
  const ids = gems.map((_, i) => `n${i}`);
  const port = fc.constantFrom('in', 'in0', 'in1', 'in2', 'out', 'main', 'x');
  const end = fc.record({ node: fc.constantFrom(...ids, 'ghost'), port });
  // Mostly forward edges, so that schemas actually flow; some arbitrary ones.
  const forward = fc
    .tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 1), port)
    .map(
      ([a, b, p]): PipelineEdge => ({
        from: { node: ids[Math.min(a, b)], port: 'out' },
        to: { node: ids[Math.max(a, b)], port: p },
      }),
    );
  return fc.record({
    nodes: fc.constant(
      gems.map(([type, config], i) => node(ids[i], type, config)),
    ),
    edges: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: forward },
        { weight: 1, arbitrary: fc.record({ from: end, to: end }) },
      ),
      { maxLength: 12 },
    ),
  });
});

const context = {
  datasets,
  rules: {
    size: {
      formatVersion: 1 as const,
      name: 'size',
      inputs: [{ name: 'value', type: 'decimal(18,2)' }],
      outputType: 'string',
      cases: [{ when: 'value > 1', then: 'big' }],
      default: 'small',
    },
  },
  subgraphs: {
    pass: {
      formatVersion: 1 as const,
      name: 'pass',
      inputs: [
        { name: 'main', schema: [{ name: 'amount', type: 'decimal(10,2)' }] },
      ],
      outputs: [
        { name: 'out', schema: [{ name: 'amount', type: 'decimal(10,2)' }] },
      ],
      nodes: [node('f', 'Filter', { condition: 'amount > 0' })],
      edges: [
        {
          from: { node: '$input', port: 'main' },
          to: { node: 'f', port: 'in' },
        },
        {
          from: { node: 'f', port: 'out' },
          to: { node: '$output', port: 'out' },
        },
      ],
    },
  },
};

describe('schema propagation on random pipelines', () => {
  it('never throws and reports every problem as a located diagnostic', () => {
    fc.assert(
      fc.property(pipeline, graph => {
        const result = propagateSchemas(graph, context);
        for (const d of result.diagnostics) {
          expect(d.code).not.toBe('internal-error');
          expect(Array.isArray(d.path)).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.expression?.line ?? 1).toBeGreaterThanOrEqual(1);
          expect(d.expression?.column ?? 1).toBeGreaterThanOrEqual(1);
        }
        // Every recorded output column has lineage, in schema order.
        for (const [id, ports] of result.ports) {
          for (const [port, schema] of Object.entries(ports)) {
            expect(result.lineage.get(id)?.[port]?.map(c => c.column)).toEqual(
              schema.columns.map(c => c.name),
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
