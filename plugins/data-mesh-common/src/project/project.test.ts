import { gemDefinitions } from './gems';
import { nodePorts } from './checks/graph';
import { formatDataPath, formatProjectDiagnostic } from './diagnostics';
import { projectFileKindOf } from './fileKinds';
import { parseProjectFile } from './parse';
import type { PipelineFile } from './schema/pipeline';
import { validFixture, validFixtures } from './__testUtils__/fixtures';

describe('the valid fixture project', () => {
  it.each(validFixtures().map(f => [f.fileName, f] as const))(
    '%s loads without diagnostics',
    (_, fixture) => {
      const result = parseProjectFile(
        fixture.kind,
        fixture.fileName,
        fixture.text,
      );
      expect(result.diagnostics).toEqual([]);
      expect(result.value).toBeDefined();
    },
  );

  it('covers every file kind and every gem type', () => {
    expect(new Set(validFixtures().map(f => f.kind))).toEqual(
      new Set([
        'project',
        'pipeline',
        'subgraph',
        'rule',
        'dataset',
        'job',
        'test',
      ]),
    );
    const fixture = validFixture('pipelines/all_gems.pipeline.yaml');
    const pipeline = parseProjectFile(
      'pipeline',
      fixture.fileName,
      fixture.text,
    ).value as PipelineFile;
    expect(new Set(pipeline.nodes.map(node => node.type))).toEqual(
      new Set(Object.keys(gemDefinitions)),
    );
  });
});

describe('nodePorts', () => {
  it('gives each gem its declared ports', () => {
    const fixture = validFixture('pipelines/all_gems.pipeline.yaml');
    const pipeline = parseProjectFile(
      'pipeline',
      fixture.fileName,
      fixture.text,
    ).value!;
    const ports = Object.fromEntries(
      pipeline.nodes.map(node => [node.type, nodePorts(node)]),
    );
    expect(ports.Source).toEqual({ inputs: [], outputs: ['out'] });
    expect(ports.Target).toEqual({ inputs: ['in'], outputs: [] });
    expect(ports.Filter).toEqual({ inputs: ['in'], outputs: ['out'] });
    expect(ports.Join).toEqual({ inputs: ['in0', 'in1'], outputs: ['out'] });
    expect(ports.Union).toEqual({ inputs: ['in0', 'in1'], outputs: ['out'] });
    expect(ports.SQL).toEqual({ inputs: ['in0'], outputs: ['out'] });
    expect(ports.Subgraph).toEqual({ inputs: undefined, outputs: undefined });
  });
});

describe('gem config rules', () => {
  const parseNode = (type: string, config: string) =>
    parseProjectFile(
      'pipeline',
      'pipelines/p.pipeline.yaml',
      `formatVersion: 1\nname: p\nnodes:\n  - id: n\n    type: ${type}\n    position: { x: 0, y: 0 }\n    config: ${config}\nedges: []\n`,
    ).diagnostics.filter(d => d.severity === 'error');

  it.each([
    [
      'Join',
      '{ inputs: [{ alias: a }, { alias: b, condition: a.id = b.id }] }',
      'nodes[0].config.inputs[1]',
      'missing required key "type"',
    ],
    [
      'Join',
      '{ inputs: [{ alias: a, type: left, condition: x }, { alias: b, type: left, condition: x }] }',
      'nodes[0].config.inputs[0]',
      'the first input takes no "type" or "condition"; later inputs join onto it',
    ],
    [
      'Join',
      '{ inputs: [{ alias: a }] }',
      'nodes[0].config.inputs',
      'needs at least 2 items, found 1',
    ],
    [
      'Target',
      '{ table: t, mode: merge }',
      'nodes[0].config',
      'mode merge needs "mergeKeys"',
    ],
    [
      'Target',
      '{ table: t, mode: append, mergeKeys: [id] }',
      'nodes[0].config.mergeKeys',
      '"mergeKeys" only applies to mode merge, not append',
    ],
    [
      'Union',
      '{ mode: byName, inputs: 1 }',
      'nodes[0].config.inputs',
      'must be at least 2',
    ],
    [
      'Reformat',
      '{ columns: [{ name: a, expression: x }, { name: a, expression: y }] }',
      'nodes[0].config.columns[1].name',
      'column "a" is defined twice',
    ],
    [
      'SQL',
      '{ inputs: [a, a], sql: select 1, schema: [{ name: x, type: int }] }',
      'nodes[0].config.inputs[1]',
      'input "a" is named twice',
    ],
    [
      'Limit',
      '{ count: 1.5 }',
      'nodes[0].config.count',
      'expected an integer, found 1.5',
    ],
    [
      'Mask',
      '{ column: email, method: scramble }',
      'nodes[0].config.method',
      'expected one of "hash", "redact", "anonymize", "encrypt", found "scramble"',
    ],
  ])('%s rejects %s', (type, config, path, message) => {
    expect(parseNode(type, config)).toEqual([
      expect.objectContaining({ path, message }),
    ]);
  });
});

describe('helpers', () => {
  it('recognises project files by path', () => {
    expect(projectFileKindOf('meshwork.yaml')).toBe('project');
    expect(projectFileKindOf('./pipelines/a.pipeline.yaml')).toBe('pipeline');
    expect(projectFileKindOf('datasets\\a.dataset.yaml')).toBe('dataset');
    expect(projectFileKindOf('pipelines/a.job.yaml')).toBeUndefined();
    expect(projectFileKindOf('generated/sql/a.sql')).toBeUndefined();
  });

  it('formats paths and diagnostics for terminals', () => {
    expect(formatDataPath(['nodes', 3, 'config', 'condition'])).toBe(
      'nodes[3].config.condition',
    );
    expect(formatDataPath(['tags', 'cost-center'])).toBe('tags["cost-center"]');
    expect(
      formatProjectDiagnostic({
        file: 'jobs/a.job.yaml',
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 9,
        path: 'tasks[0]',
        message: 'boom',
        severity: 'error',
        code: 'invalid-value',
      }),
    ).toBe('jobs/a.job.yaml:3:7: error: boom (tasks[0])');
  });
});
