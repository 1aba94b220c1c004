import { formatCompilerDiagnostic, hasErrors } from './diagnostics';
import { propagateSchemas } from './propagate';
import {
  afterOrders,
  chain,
  columnsOf,
  datasets,
  edge,
  node,
} from './__testUtils__/build';

describe('propagation diagnostics', () => {
  it('reports an unknown column with its position in the expression and a suggestion', () => {
    const result = afterOrders(
      node('f', 'Filter', { condition: "status = 'x' AND\n  ammount > 10" }),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'invalid-expression',
        nodeId: 'f',
        path: ['nodes', 1, 'config', 'condition'],
        expression: expect.objectContaining({
          line: 2,
          column: 3,
          code: 'unknown-column',
          suggestions: ['amount'],
        }),
      }),
    ]);
    expect(result.diagnostics[0].message).toContain('did you mean `amount`?');
    expect(formatCompilerDiagnostic(result.diagnostics[0])).toMatch(
      /^error: nodes\[1\]\.config\.condition 2:3: unknown column `ammount`/,
    );
    // The Filter still passes its schema on, so later gems are checked too.
    expect(columnsOf(result, 'f')).toHaveLength(5);
  });

  it('rejects a non-boolean Filter condition', () => {
    const result = afterOrders(
      node('f', 'Filter', { condition: 'amount + 1' }),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'not-boolean',
        path: ['nodes', 1, 'config', 'condition'],
        message:
          'a Filter condition must be boolean, but `amount + 1` is decimal(11,2)',
      }),
    ]);
    expect(hasErrors(result.diagnostics)).toBe(true);
  });

  it('rejects a column that is neither grouped nor aggregated, at its position', () => {
    const result = afterOrders(
      node('a', 'Aggregate', {
        groupBy: ['customer_id'],
        aggregates: [{ name: 'x', expression: 'sum(amount) + order_id' }],
      }),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'not-grouped',
        path: ['nodes', 1, 'config', 'aggregates', 0, 'expression'],
        expression: expect.objectContaining({ line: 1, column: 15 }),
      }),
    ]);
  });

  it('rejects aggregates in a Filter and type errors in a Reformat', () => {
    const result = afterOrders(
      node('f', 'Filter', { condition: 'sum(amount) > 1' }),
      node('r', 'Reformat', {
        columns: [{ name: 'bad', expression: "upper(1) || amount - 'x'" }],
      }),
    );
    expect(
      result.diagnostics.map(d => [d.nodeId, d.code, d.expression?.code]),
    ).toEqual([
      ['f', 'invalid-expression', 'aggregate'],
      ['r', 'invalid-expression', 'type'],
    ]);
    // The failed column is still there, untyped, so the rest can be checked.
    expect(columnsOf(result, 'r')).toEqual(['bad: unknown']);
  });

  it('reports unknown config columns with a suggestion', () => {
    const result = afterOrders(
      node('r', 'Reformat', {
        columns: [],
        passThrough: true,
        drop: ['stauts'],
      }),
      node('m', 'Mask', { column: 'amout', method: 'hash' }),
      node('t', 'Target', {
        table: 'x.y',
        mode: 'merge',
        mergeKeys: ['orderid'],
      }),
    );
    expect(result.diagnostics.map(d => [d.path.join('.'), d.message])).toEqual([
      [
        'nodes.1.config.drop.0',
        'the input has no column "stauts" (did you mean "status"?)',
      ],
      [
        'nodes.2.config.column',
        'the input has no column "amout" (did you mean "amount"?)',
      ],
      [
        'nodes.3.config.mergeKeys.0',
        'the input has no column "orderid" (did you mean "order_id"?)',
      ],
    ]);
  });

  it('reports an unknown dataset and does not cascade to the nodes after it', () => {
    const result = propagateSchemas(
      chain(
        node('o', 'Source', { dataset: 'order' }),
        node('f', 'Filter', { condition: 'nope' }),
      ),
      { datasets },
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'unknown-dataset',
        path: ['nodes', 0, 'config', 'dataset'],
        message: 'no dataset "order" in the project (did you mean "orders"?)',
      }),
    ]);
    expect(result.ports.has('f')).toBe(false);
  });

  it('reports missing and extra input edges', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('o', 'Source', { dataset: 'orders' }),
          node('j', 'Join', {
            inputs: [
              { alias: 'a' },
              {
                alias: 'b',
                type: 'inner',
                condition: 'a.order_id = b.order_id',
              },
            ],
          }),
          node('f', 'Filter', { condition: 'true' }),
        ],
        edges: [
          edge('o', 'j', 'in0'),
          edge('o', 'f', 'in'),
          edge('o', 'f', 'in'),
          edge('o', 'f', 'in2'),
          edge('x', 'f'),
        ],
      },
      { datasets },
    );
    expect(result.diagnostics.map(d => [d.code, d.path.join('.')])).toEqual([
      ['extra-input', 'edges.2.to'],
      ['extra-input', 'edges.3.to.port'],
      ['unknown-node', 'edges.4.from.node'],
      ['missing-input', 'nodes.1.id'],
    ]);
  });

  it('reports column clashes of a Join without output columns', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('a', 'Source', { dataset: 'orders' }),
          node('b', 'Source', { dataset: 'orders' }),
          node('j', 'Join', {
            inputs: [
              { alias: 'a' },
              {
                alias: 'b',
                type: 'left',
                condition: 'a.order_id = b.order_id',
              },
            ],
          }),
        ],
        edges: [edge('a', 'j', 'in0'), edge('b', 'j', 'in1')],
      },
      { datasets },
    );
    expect(result.diagnostics).toHaveLength(5);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'column-clash',
      path: ['nodes', 2, 'config'],
    });
    expect(columnsOf(result, 'j')).toHaveLength(5);
  });

  it('reports a Join condition over an alias not yet joined', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('a', 'Source', { dataset: 'orders' }),
          node('b', 'Source', { dataset: 'customers' }),
          node('j', 'Join', {
            inputs: [
              { alias: 'o' },
              { alias: 'c', type: 'inner', condition: 'o.customer_id = x.id' },
            ],
            columns: [{ name: 'id', expression: 'o.order_id' }],
          }),
        ],
        edges: [edge('a', 'j', 'in0'), edge('b', 'j', 'in1')],
      },
      { datasets },
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        path: ['nodes', 2, 'config', 'inputs', 1, 'condition'],
        expression: expect.objectContaining({
          code: 'unknown-input',
          column: 17,
        }),
      }),
    ]);
  });

  it('reports Union inputs that do not line up', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('a', 'Source', { dataset: 'orders' }),
          node('b', 'Source', { dataset: 'customers' }),
          node('u', 'Union', { mode: 'byPosition', inputs: 2 }),
          node('v', 'Union', { mode: 'byName', inputs: 2 }),
        ],
        edges: [
          edge('a', 'u', 'in0'),
          edge('b', 'u', 'in1'),
          edge('a', 'v', 'in0'),
          edge('b', 'v', 'in1'),
        ],
      },
      { datasets },
    );
    expect(result.diagnostics.map(d => [d.nodeId, d.code])).toEqual([
      ['u', 'schema-mismatch'], // decimal(10,2) vs string
      ['u', 'schema-mismatch'], // date vs string
      ['v', 'schema-mismatch'],
    ]);
  });

  it('reports a cycle instead of looping', () => {
    const result = propagateSchemas(
      {
        nodes: [
          node('a', 'Filter', { condition: 'true' }),
          node('b', 'Filter', { condition: 'true' }),
        ],
        edges: [edge('a', 'b'), edge('b', 'a')],
      },
      { datasets },
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'cycle' }),
    ]);
  });

  it('reports unknown rules, bad bindings and unknown subgraphs', () => {
    const rule = {
      formatVersion: 1 as const,
      name: 'size',
      inputs: [{ name: 'value', type: 'int' }],
      outputType: 'string',
      cases: [{ when: 'value > 1', then: 'big' }],
      default: null,
    };
    const result = propagateSchemas(
      chain(
        node('o', 'Source', { dataset: 'orders' }),
        node('r', 'BusinessRule', {
          rule: 'sise',
          outputColumn: 's',
          bindings: {},
        }),
        node('q', 'BusinessRule', {
          rule: 'size',
          outputColumn: 't',
          bindings: { valu: 'status' },
        }),
        node('p', 'BusinessRule', {
          rule: 'size',
          outputColumn: 'u',
          bindings: { value: 'status' },
        }),
      ),
      { datasets, rules: { size: rule } },
    );
    expect(
      result.diagnostics.map(d => [
        d.nodeId,
        d.code,
        d.path.slice(3).join('.'),
      ]),
    ).toEqual([
      ['r', 'unknown-rule', 'rule'],
      ['q', 'invalid-binding', 'bindings.valu'],
      ['q', 'invalid-binding', 'bindings'],
      ['p', 'invalid-binding', 'bindings.value'],
    ]);
    const sub = propagateSchemas(
      { nodes: [node('s', 'Subgraph', { subgraph: 'nope' })], edges: [] },
      { datasets },
    );
    expect(sub.diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-subgraph' }),
    ]);
  });

  it('reports a bad Window key once, without also blaming the window function', () => {
    const result = afterOrders(
      node('w', 'Window', {
        partitionBy: ['custmer_id'],
        columns: [{ name: 'n', expression: 'row_number()' }],
      }),
    );
    expect(result.diagnostics.map(d => d.path.slice(3).join('.'))).toEqual([
      'partitionBy.0',
    ]);
    expect(columnsOf(result, 'w')).toContain('n: unknown');
  });

  it('reports problems inside a subgraph on the Subgraph node, saying where', () => {
    const subgraph = {
      formatVersion: 1 as const,
      name: 'sg',
      inputs: [
        { name: 'main', schema: [{ name: 'discount', type: 'double' }] },
      ],
      outputs: [{ name: 'out', schema: [{ name: 'net', type: 'double' }] }],
      nodes: [node('f', 'Filter', { condition: 'amont > 0' })],
      edges: [edge('$input', 'f', 'in', 'main'), edge('f', '$output', 'out')],
    };
    const result = propagateSchemas(
      {
        nodes: [
          node('o', 'Source', { dataset: 'orders' }),
          node('s', 'Subgraph', { subgraph: 'sg' }),
        ],
        edges: [edge('o', 's', 'main')],
      },
      { datasets, subgraphs: { sg: subgraph } },
    );
    expect(
      result.diagnostics.map(d => [d.nodeId, d.path.join('.'), d.message]),
    ).toEqual([
      [
        's',
        'nodes.1.config.subgraph',
        'subgraph "sg" needs column `discount` on input "main", which the edge does not provide',
      ],
      [
        's',
        'nodes.1.config.subgraph',
        'in subgraph "sg" (node "f", nodes[0].config.condition 1:1): unknown column `amont`; did you mean `amount`?',
      ],
      [
        's',
        'nodes.1.config.subgraph',
        'subgraph "sg" declares `net` on output "out", but its graph does not produce it',
      ],
    ]);
  });
});
