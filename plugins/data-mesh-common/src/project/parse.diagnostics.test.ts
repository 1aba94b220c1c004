import { parseProjectFile } from './parse';
import { MINIMAL_PIPELINE, positionOf } from './__testUtils__/text';

const FILE = 'pipelines/orders.pipeline.yaml';

function parsePipeline(text: string) {
  return parseProjectFile('pipeline', FILE, text);
}

/** The only diagnostic of `text`, which must have exactly one. */
function onlyDiagnostic(text: string) {
  const { diagnostics, value } = parsePipeline(text);
  expect(diagnostics).toHaveLength(1);
  expect(value).toBeUndefined();
  return diagnostics[0];
}

describe('parseProjectFile diagnostics', () => {
  it('accepts the minimal pipeline without diagnostics', () => {
    const result = parsePipeline(MINIMAL_PIPELINE);
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.nodes.map(node => node.id)).toEqual([
      'src',
      'keep',
      'sink',
    ]);
  });

  it('reports malformed YAML at the offending character', () => {
    const text = MINIMAL_PIPELINE.replace(
      'position: { x: 200, y: 0 }',
      'position: { x: 200, y: 0',
    );
    const diagnostic = parsePipeline(text).diagnostics[0];
    expect(diagnostic).toMatchObject({
      file: FILE,
      code: 'yaml-syntax',
      severity: 'error',
      path: '',
    });
    expect(diagnostic.line).toBeGreaterThanOrEqual(
      positionOf(text, 'x: 200').line,
    );
    expect(parsePipeline(text).value).toBeUndefined();
  });

  it('reports a duplicate key as a YAML error on the second key', () => {
    const text = MINIMAL_PIPELINE.replace(
      'name: orders\n',
      'name: orders\nname: again\n',
    );
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, 'name: again'),
      code: 'yaml-syntax',
    });
  });

  it('reports a file that is not a mapping', () => {
    expect(onlyDiagnostic('- just\n- a list\n')).toMatchObject({
      line: 1,
      column: 1,
      path: '',
      code: 'invalid-value',
    });
  });

  it('reports a value of the wrong type at the value', () => {
    const text = MINIMAL_PIPELINE.replace(
      '{ x: 200, y: 0 }',
      '{ x: two hundred, y: 0 }',
    );
    expect(onlyDiagnostic(text)).toMatchObject({
      file: FILE,
      ...positionOf(text, 'two hundred'),
      path: 'nodes[1].position.x',
      message: 'expected a number, found a string',
      code: 'invalid-value',
    });
  });

  it('reports a missing required key at the mapping that lacks it', () => {
    const text = MINIMAL_PIPELINE.replace('      mode: overwrite\n', '');
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, 'dataset: clean_orders'),
      path: 'nodes[2].config',
      message: 'missing required key "mode"',
    });
  });

  it('rejects an unknown key at the key, suggesting the known one', () => {
    const text = MINIMAL_PIPELINE.replace(
      'condition: amount > 0',
      'conditon: amount > 0',
    );
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, 'conditon'),
      path: 'nodes[1].config.conditon',
      code: 'unknown-key',
    });
    expect(onlyDiagnostic(text).message).toMatch(
      /^unknown key "conditon" \(did you mean "condition"\?\)/,
    );
  });

  it('rejects an unknown gem type, suggesting the closest', () => {
    const text = MINIMAL_PIPELINE.replace('type: Filter', 'type: Filtr');
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, 'Filtr'),
      path: 'nodes[1].type',
      code: 'unknown-type',
    });
    expect(onlyDiagnostic(text).message).toContain('(did you mean "Filter"?)');
  });

  it('rejects an enum value with a suggestion', () => {
    const text = MINIMAL_PIPELINE.replace('mode: overwrite', 'mode: overwrit');
    const diagnostic = onlyDiagnostic(text);
    expect(diagnostic).toMatchObject({
      ...positionOf(text, 'overwrit'),
      path: 'nodes[2].config.mode',
    });
    expect(diagnostic.message).toContain('did you mean "overwrite"');
  });

  it('reports an expression syntax error at its position inside the YAML value', () => {
    const text = MINIMAL_PIPELINE.replace(
      'condition: amount > 0',
      'condition: amount > > 0',
    );
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, '> 0'),
      path: 'nodes[1].config.condition',
      code: 'invalid-expression',
    });
  });

  it('applies gem rules that span fields', () => {
    const text = MINIMAL_PIPELINE.replace(
      'dataset: orders\n',
      'dataset: orders\n      table: raw.orders\n',
    );
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, 'dataset: orders'),
      path: 'nodes[0].config',
      message: 'set exactly one of "dataset" or "table"',
    });
  });

  it('reports a duplicate node id at the second node', () => {
    const text = MINIMAL_PIPELINE.replace('id: sink', 'id: keep');
    const { diagnostics } = parsePipeline(text);
    expect(diagnostics.find(d => d.code === 'duplicate-id')).toMatchObject({
      ...positionOf(text, 'keep', { occurrence: 2 }),
      path: 'nodes[2].id',
    });
  });

  it('reports an edge to an unknown node with a suggestion', () => {
    const text = MINIMAL_PIPELINE.replace(
      'to: { node: sink, port: in }',
      'to: { node: snk, port: in }',
    );
    const diagnostics = parsePipeline(text).diagnostics.filter(
      d => d.severity === 'error',
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      ...positionOf(text, 'snk'),
      path: 'edges[1].to.node',
      code: 'unknown-reference',
      message: 'no node has id "snk" (did you mean "sink"?)',
    });
  });

  it('reports an edge from a port the gem does not have', () => {
    const text = MINIMAL_PIPELINE.replace(
      'from: { node: keep, port: out }',
      'from: { node: keep, port: in0 }',
    );
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, 'in0'),
      path: 'edges[1].from.port',
      code: 'invalid-port',
      message:
        'node "keep" (Filter) has no output port "in0"; its output ports are out',
    });
  });

  it('reports a second edge into the same input port', () => {
    const text = `${MINIMAL_PIPELINE}  - from: { node: src, port: out }\n    to: { node: sink, port: in }\n`;
    expect(onlyDiagnostic(text)).toMatchObject({
      ...positionOf(text, 'node: sink', { occurrence: 2, shift: -2 }),
      path: 'edges[2].to',
      code: 'invalid-port',
    });
  });

  it('warns about an input port without an edge, and still returns the value', () => {
    const text = MINIMAL_PIPELINE.replace(
      / {2}- from: \{ node: keep, port: out \}\n.*\n$/,
      '',
    );
    const { diagnostics, value } = parsePipeline(text);
    expect(value).toBeDefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'sink'),
        path: 'nodes[2].id',
        severity: 'warning',
        code: 'unconnected-port',
      }),
    ]);
  });

  it('reports a cycle at the edge that closes it', () => {
    const text = MINIMAL_PIPELINE.replace(
      'nodes:\n',
      'nodes:\n  - id: again\n    type: Filter\n    position: { x: 0, y: 0 }\n    config: { condition: "true" }\n',
    )
      .replace('to: { node: keep, port: in }', 'to: { node: again, port: in }')
      .concat(
        '  - from: { node: keep, port: out }\n    to: { node: keep, port: in }\n',
      );
    // keep → keep is a self loop; again has no input, so only the loop is a cycle.
    const diagnostic = parsePipeline(text).diagnostics.find(
      d => d.code === 'cycle',
    );
    expect(diagnostic).toMatchObject({
      ...positionOf(text, 'from: { node: keep, port: out }', { occurrence: 2 }),
      path: 'edges[2]',
      message:
        'this edge closes a cycle: keep → keep; a pipeline must be acyclic',
    });
  });

  it('reports a cycle through several nodes', () => {
    const text = `formatVersion: 1
name: orders
nodes:
  - { id: a, type: Filter, position: { x: 0, y: 0 }, config: { condition: x > 1 } }
  - { id: b, type: Filter, position: { x: 0, y: 0 }, config: { condition: x > 2 } }
  - { id: c, type: Filter, position: { x: 0, y: 0 }, config: { condition: x > 3 } }
edges:
  - { from: { node: a, port: out }, to: { node: b, port: in } }
  - { from: { node: b, port: out }, to: { node: c, port: in } }
  - { from: { node: c, port: out }, to: { node: a, port: in } }
`;
    expect(onlyDiagnostic(text)).toMatchObject({
      line: 10,
      column: 5,
      path: 'edges[2]',
      code: 'cycle',
      message:
        'this edge closes a cycle: a → b → c → a; a pipeline must be acyclic',
    });
  });

  it('warns when the name differs from the file name', () => {
    const { diagnostics, value } = parseProjectFile(
      'pipeline',
      'pipelines/other.pipeline.yaml',
      MINIMAL_PIPELINE,
    );
    expect(value).toBeDefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ...positionOf(MINIMAL_PIPELINE, 'orders'),
        path: 'name',
        code: 'name-mismatch',
        severity: 'warning',
      }),
    ]);
  });

  it('rejects a format version newer than this code', () => {
    const text = MINIMAL_PIPELINE.replace(
      'formatVersion: 1',
      'formatVersion: 7',
    );
    expect(onlyDiagnostic(text)).toMatchObject({
      line: 1,
      column: 16,
      path: 'formatVersion',
      code: 'unsupported-version',
    });
  });

  it('rejects files over the size limit without parsing them', () => {
    const { diagnostics } = parseProjectFile(
      'pipeline',
      FILE,
      MINIMAL_PIPELINE,
      { maxLength: 10 },
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 1, column: 1, code: 'invalid-value' }),
    ]);
  });

  it('lists several problems in file order', () => {
    const text = MINIMAL_PIPELINE.replace('name: orders', 'name: 42').replace(
      'amount > 0',
      'amount >',
    );
    expect(parsePipeline(text).diagnostics.map(d => [d.line, d.path])).toEqual([
      [2, 'name'],
      [positionOf(text, 'amount >').line, 'nodes[1].config.condition'],
    ]);
  });
});

describe('subgraph diagnostics', () => {
  const SUBGRAPH = `formatVersion: 1
name: enrich
inputs:
  - name: sales
    schema: [{ name: amount, type: "decimal(10,2)" }]
outputs:
  - name: enriched
    schema: [{ name: amount, type: int }]
nodes:
  - id: vat
    type: Reformat
    position: { x: 0, y: 0 }
    config: { columns: [], passThrough: true }
edges:
  - from: { node: $input, port: sales }
    to: { node: vat, port: in }
  - from: { node: vat, port: out }
    to: { node: $output, port: enriched }
`;

  it('accepts edges from the subgraph inputs and to its outputs', () => {
    expect(
      parseProjectFile('subgraph', 'subgraphs/enrich.subgraph.yaml', SUBGRAPH)
        .diagnostics,
    ).toEqual([]);
  });

  it('reports an edge from an input the subgraph does not declare', () => {
    const text = SUBGRAPH.replace('port: sales', 'port: sale');
    const { diagnostics } = parseProjectFile(
      'subgraph',
      'subgraphs/enrich.subgraph.yaml',
      text,
    );
    expect(diagnostics.filter(d => d.severity === 'error')).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'sale }'),
        path: 'edges[0].from.port',
        code: 'invalid-port',
        message:
          'the subgraph has no input "sale" (did you mean "sales"?); it has sales',
      }),
    ]);
  });

  it('reports an invalid column type inside the type name', () => {
    const text = SUBGRAPH.replace('type: int', 'type: integr');
    const { diagnostics } = parseProjectFile(
      'subgraph',
      'subgraphs/enrich.subgraph.yaml',
      text,
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'integr'),
        path: 'outputs[0].schema[0].type',
      }),
    ]);
  });
});

describe('job diagnostics', () => {
  const JOB = `formatVersion: 1
name: daily
tasks:
  - key: ingest
    pipeline: ingest
  - key: report
    pipeline: report
    dependsOn: [ingest]
`;
  const parseJob = (text: string) =>
    parseProjectFile('job', 'jobs/daily.job.yaml', text).diagnostics;

  it('accepts tasks that depend on earlier ones', () => {
    expect(parseJob(JOB)).toEqual([]);
  });

  it('reports a dependency on an unknown task with a suggestion', () => {
    const text = JOB.replace('[ingest]', '[ingets]');
    expect(parseJob(text)).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'ingets'),
        path: 'tasks[1].dependsOn[0]',
        code: 'unknown-reference',
        message: 'no task has key "ingets" (did you mean "ingest"?)',
      }),
    ]);
  });

  it('reports tasks that depend on each other', () => {
    const text = JOB.replace(
      'pipeline: ingest\n',
      'pipeline: ingest\n    dependsOn: [report]\n',
    );
    expect(parseJob(text)).toEqual([
      expect.objectContaining({
        ...positionOf(text, '[ingest]'),
        path: 'tasks[1].dependsOn',
        code: 'cycle',
        message: 'task dependencies form a cycle: ingest → report → ingest',
      }),
    ]);
  });

  it('reports a duplicate task key', () => {
    const text = JOB.replace('key: report', 'key: ingest').replace(
      '[ingest]',
      '[]',
    );
    expect(parseJob(text)).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'ingest', { occurrence: 3 }),
        path: 'tasks[1].key',
        code: 'duplicate-id',
      }),
    ]);
  });

  it('reports a cron expression that is not Quartz', () => {
    const text = `${JOB}schedule:\n  cron: 0 6 * * *\n  timezone: UTC\n`;
    expect(parseJob(text)).toEqual([
      expect.objectContaining({
        ...positionOf(text, '0 6'),
        path: 'schedule.cron',
        code: 'invalid-value',
      }),
    ]);
  });
});
