/**
 * @jest-environment node
 */
import { formatSqlType } from '../../expression';
import type { PipelineFile, RuleFile } from '../../project';
import { edge, node } from '../__testUtils__/build';
import {
  LOWERED_CONTEXT,
  LOWERED_PIPELINES,
  ORDER_BAND,
} from '../codegen/__testUtils__/loweredPipelines';
import { propagateSchemas } from '../propagate';
import type { PropagationContext } from '../types';
import { lowerPipeline } from './lowerPipeline';
import {
  HELLO_WORLD,
  loadProject,
  VALID_FIXTURE,
} from './__testUtils__/projects';

/** `name: type` of the columns each Target writes. */
function targetSchemas(
  pipeline: PipelineFile,
  context: PropagationContext,
): Record<string, string[]> {
  const propagation = propagateSchemas(pipeline, context);
  expect(propagation.diagnostics).toEqual([]);
  return Object.fromEntries(
    pipeline.nodes
      .filter(n => n.type === 'Target')
      .map(n => [
        n.id,
        (propagation.inputs.get(n.id)?.in?.columns ?? []).map(
          c => `${c.name}: ${formatSqlType(c.type)}`,
        ),
      ]),
  );
}

const PRIMITIVE = new Set([
  'Source',
  'Target',
  'Filter',
  'Reformat',
  'Join',
  'Aggregate',
  'Window',
  'OrderBy',
  'Deduplicate',
  'Union',
  'Limit',
  'SQL',
  'Mask',
]);

/** Lowers, checking the result is primitive and writes what the original does. */
function expectLowered(pipeline: PipelineFile, context: PropagationContext) {
  const result = lowerPipeline(pipeline, context);
  expect(result.diagnostics).toEqual([]);
  expect(
    result.pipeline.nodes.filter(n => !PRIMITIVE.has(n.type)).map(n => n.id),
  ).toEqual([]);
  const before = targetSchemas(pipeline, context);
  expect(Object.keys(before).length).toBeGreaterThan(0);
  expect(targetSchemas(result.pipeline, context)).toEqual(before);
  return result;
}

const helloWorld = loadProject(HELLO_WORLD);
const validFixture = loadProject(VALID_FIXTURE, {
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
    columns: [
      ['order_id', 'bigint'],
      ['customer_id', 'bigint'],
      ['country_code', 'string'],
      ['email', 'string'],
      ['order_date', 'date'],
      ['amount_eur', 'decimal(18,2)'],
      ['size', 'string'],
      ['amount_with_vat', 'decimal(18,2)'],
      ['order_rank', 'int'],
    ].map(([name, type]) => ({ name, type })),
  },
  top_countries: {
    table: 'main.sales.top_countries',
    columns: [
      { name: 'country_code', type: 'string' },
      { name: 'revenue', type: 'decimal(18,2)' },
      { name: 'orders', type: 'bigint' },
    ],
  },
});

describe('lowerPipeline keeps what every Target writes', () => {
  it.each(Object.keys(helloWorld.pipelines))('Hello World %s', name => {
    const { pipeline } = expectLowered(
      helloWorld.pipelines[name],
      helloWorld.context,
    );
    expect(pipeline.nodes.every(n => PRIMITIVE.has(n.type))).toBe(true);
  });

  it('Hello World ComputeSales: EnrichSales inlined', () => {
    const { pipeline, origins } = expectLowered(
      helloWorld.pipelines.ComputeSales,
      helloWorld.context,
    );
    const inlined = pipeline.nodes.filter(n => n.id.startsWith('enrich__'));
    expect(inlined.map(n => [n.id, n.type, n.label])).toEqual([
      ['enrich__lines_with_orders', 'Join', 'EnrichSales › lines_with_orders'],
      ['enrich__amounts', 'Reformat', 'EnrichSales › amounts'],
    ]);
    expect(origins.get('enrich__amounts')).toBe('enrich');
    expect(
      pipeline.edges
        .filter(e => e.to.node === 'enrich__lines_with_orders')
        .map(e => `${e.from.node}.${e.from.port} → ${e.to.port}`),
    ).toEqual([
      'order_lines.out → in0',
      'orders.out → in1',
      'products.out → in2',
    ]);
  });

  it('Hello World CustomerAccounts: CommonSalesClassification as a Reformat', () => {
    const { pipeline } = expectLowered(
      helloWorld.pipelines.CustomerAccounts,
      helloWorld.context,
    );
    const segment = pipeline.nodes.find(n => n.id === 'segment')!;
    expect(segment).toMatchObject({ type: 'Reformat', label: 'Sales segment' });
    expect(segment.config).toEqual({
      passThrough: true,
      columns: [
        {
          name: 'segment',
          expression:
            "CASE WHEN sector IN ('Public Sector', 'Education') THEN 'Public' " +
            "WHEN business_size = 'Enterprise' AND geography IN ('North America', 'Europe') THEN 'Strategic' " +
            "WHEN business_size = 'Enterprise' OR (business_size = 'Large' AND sector = 'Financial Services') THEN 'Enterprise' " +
            "WHEN business_size = 'Large' OR (business_size = 'Medium' AND region IN ('US West', 'US East', 'Northern Europe', 'Western Europe', 'East Asia')) THEN 'Commercial' " +
            "ELSE 'SMB' END",
        },
      ],
    });
  });

  it.each(Object.keys(validFixture.pipelines))('fixture %s', name => {
    const { pipeline } = expectLowered(
      validFixture.pipelines[name],
      validFixture.context,
    );
    expect(pipeline.nodes.every(n => PRIMITIVE.has(n.type))).toBe(true);
  });

  it.each(Object.keys(LOWERED_PIPELINES))('test pipeline %s', name => {
    const { pipeline } = expectLowered(
      LOWERED_PIPELINES[name],
      LOWERED_CONTEXT,
    );
    expect(pipeline.nodes.every(n => PRIMITIVE.has(n.type))).toBe(true);
  });
});

describe('inlining subgraphs', () => {
  const { pipeline, origins } = expectLowered(
    LOWERED_PIPELINES.subgraph,
    LOWERED_CONTEXT,
  );
  const edges = pipeline.edges.map(
    e => `${e.from.node}.${e.from.port} → ${e.to.node}.${e.to.port}`,
  );

  it('inlines nested subgraphs with composed ids and labels, in place', () => {
    expect(pipeline.nodes.map(n => [n.id, n.label])).toEqual([
      ['orders', undefined],
      ['customers', undefined],
      ['enrich__paid__paid', 'enrich_orders › paid_only › paid'],
      ['enrich__joined', 'enrich_orders › joined'],
      ['enrich__labelled', 'enrich_orders › labelled'],
      ['write', undefined],
      ['big', undefined],
      ['per_country', undefined],
      ['write_totals', undefined],
    ]);
    expect(Object.fromEntries(origins)).toEqual({
      enrich__paid__paid: 'enrich',
      enrich__joined: 'enrich',
      enrich__labelled: 'enrich',
    });
  });

  it("wires the subgraph's inputs and its output, read twice", () => {
    expect(edges.sort()).toEqual(
      [
        'orders.out → enrich__paid__paid.in',
        'enrich__paid__paid.out → enrich__joined.in0',
        'customers.out → enrich__joined.in1',
        'enrich__joined.out → enrich__labelled.in',
        'enrich__labelled.out → write.in',
        'enrich__labelled.out → big.in',
        'big.out → per_country.in',
        'per_country.out → write_totals.in',
      ].sort(),
    );
  });

  it('requalifies expressions that named the node their input came from', () => {
    const config = (id: string) =>
      pipeline.nodes.find(n => n.id === id)!.config;
    expect(config('big')).toEqual({
      condition: 'enrich__labelled.amount > 10',
    });
    expect(config('enrich__labelled')).toMatchObject({
      columns: [
        {
          name: 'label',
          expression:
            "concat(enrich__joined.name, '-', enrich__joined.order_id)",
        },
      ],
    });
    // Untouched when no qualifier names the old node.
    expect(config('enrich__paid__paid')).toEqual({
      condition: "status = 'paid'",
    });
  });

  it('wires an output fed straight from an input', () => {
    const context: PropagationContext = {
      ...LOWERED_CONTEXT,
      subgraphs: {
        identity: {
          formatVersion: 1,
          name: 'identity',
          inputs: [{ name: 'a', schema: [] }],
          outputs: [{ name: 'b', schema: [] }],
          nodes: [],
          edges: [edge('$input', '$output', 'b', 'a')],
        },
      },
    };
    const result = expectLowered(
      {
        formatVersion: 1,
        name: 'through',
        nodes: [
          node('orders', 'Source', { dataset: 'orders' }),
          node('same', 'Subgraph', { subgraph: 'identity' }),
          node('write', 'Target', { table: 'result', mode: 'overwrite' }),
        ],
        edges: [edge('orders', 'same', 'a'), edge('same', 'write', 'in', 'b')],
      },
      context,
    );
    expect(result.pipeline.edges).toEqual([edge('orders', 'write')]);
  });

  it('reports an unknown subgraph and an id the pipeline already has', () => {
    const clashing: PipelineFile = {
      ...LOWERED_PIPELINES.subgraph,
      nodes: [
        ...LOWERED_PIPELINES.subgraph.nodes,
        node('enrich__joined', 'Limit', { count: 1 }),
        node('nowhere', 'Subgraph', { subgraph: 'missing' }),
      ],
    };
    const result = lowerPipeline(clashing, LOWERED_CONTEXT);
    expect(result.diagnostics.map(d => [d.code, d.nodeId, d.path])).toEqual([
      ['not-supported', 'enrich', ['nodes', 2, 'config', 'subgraph']],
      ['unknown-subgraph', 'nowhere', ['nodes', 8, 'config', 'subgraph']],
    ]);
    expect(result.diagnostics[0].message).toContain('"enrich__joined"');
  });

  it('stops a subgraph that uses itself', () => {
    const loop: PropagationContext = {
      ...LOWERED_CONTEXT,
      subgraphs: {
        loop: {
          formatVersion: 1,
          name: 'loop',
          inputs: [{ name: 'a', schema: [] }],
          outputs: [{ name: 'b', schema: [] }],
          nodes: [node('again', 'Subgraph', { subgraph: 'loop' })],
          edges: [
            edge('$input', 'again', 'a', 'a'),
            edge('again', '$output', 'b', 'b'),
          ],
        },
      },
    };
    const result = lowerPipeline(
      {
        formatVersion: 1,
        name: 'looping',
        nodes: [node('start', 'Subgraph', { subgraph: 'loop' })],
        edges: [],
      },
      loop,
    );
    expect(result.diagnostics.map(d => [d.code, d.nodeId])).toEqual([
      ['cycle', 'start'],
    ]);
  });
});

describe('lowering business rules', () => {
  function ruleNode(rule: RuleFile, bindings: Record<string, string>) {
    const pipeline: PipelineFile = {
      formatVersion: 1,
      name: 'ruled',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('ruled', 'BusinessRule', {
          rule: rule.name,
          outputColumn: 'status',
          bindings,
        }),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [edge('orders', 'ruled'), edge('ruled', 'write')],
    };
    const context = { ...LOWERED_CONTEXT, rules: { [rule.name]: rule } };
    return expectLowered(pipeline, context).pipeline.nodes[1];
  }

  it('writes the cases in order with the bindings substituted, parenthesized as needed', () => {
    expect(
      ruleNode(ORDER_BAND, { amount: 'amount + 5', status: 'lower(status)' })
        .config,
    ).toEqual({
      passThrough: true,
      // The rule's column replaces the input column of that name, last.
      drop: ['status'],
      columns: [
        {
          name: 'status',
          expression:
            "CASE WHEN lower(status) != 'paid' THEN 'unpaid' WHEN (amount + 5) * 2 >= 60 THEN 'large' WHEN amount + 5 >= 10 AND amount + 5 < 30 THEN 'medium' ELSE 'small' END",
        },
      ],
    });
  });

  it("casts to the rule's types where the values differ in kind", () => {
    const rule: RuleFile = {
      formatVersion: 1,
      name: 'late',
      inputs: [{ name: 'year', type: 'bigint' }],
      outputType: 'bigint',
      cases: [{ when: 'year * 10000000000 > 20240000000000', then: 1 }],
      default: null,
    };
    expect(ruleNode(rule, { year: 'year(order_date)' }).config).toMatchObject({
      columns: [
        {
          expression:
            'CAST(CASE WHEN CAST(year(order_date) AS BIGINT) * 10000000000 > 20240000000000 THEN 1 ELSE NULL END AS BIGINT)',
        },
      ],
    });
  });

  it('accepts rule inputs qualified by the rule name', () => {
    const rule: RuleFile = {
      ...ORDER_BAND,
      cases: [{ when: 'order_band.amount > 10', then: 'big' }],
    };
    expect(
      ruleNode(rule, { amount: 'orders.amount', status: 'status' }).config,
    ).toMatchObject({
      columns: [
        {
          expression:
            "CASE WHEN orders.amount > 10 THEN 'big' ELSE 'small' END",
        },
      ],
    });
  });

  it('reports a rule the context does not have', () => {
    const result = lowerPipeline(LOWERED_PIPELINES.business_rule, {
      ...LOWERED_CONTEXT,
      rules: {},
    });
    expect(result.diagnostics.map(d => [d.code, d.path])).toEqual([
      ['unknown-rule', ['nodes', 1, 'config', 'rule']],
    ]);
    expect(result.pipeline.nodes[1].type).toBe('BusinessRule');
  });
});
