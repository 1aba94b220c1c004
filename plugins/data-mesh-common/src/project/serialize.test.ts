import { ProjectFileKind } from './fileKinds';
import { parseProjectFile } from './parse';
import { serializeProjectFile } from './serialize';
import type { PipelineFile } from './schema/pipeline';
import { validFixture, validFixtures } from './__testUtils__/fixtures';
import { MINIMAL_PIPELINE } from './__testUtils__/text';

function load<K extends ProjectFileKind>(
  kind: K,
  fileName: string,
  text: string,
) {
  const result = parseProjectFile(kind, fileName, text);
  expect(result.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
  return result.value!;
}

/** The 1-based numbers of the lines that differ between two texts of equal line count. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [index + 1]));
}

describe('serializeProjectFile', () => {
  it.each(validFixtures().map(f => [f.fileName, f] as const))(
    'round-trips %s: parse(serialize(x)) equals x and serializing again is stable',
    (_, fixture) => {
      const value = load(fixture.kind, fixture.fileName, fixture.text);
      const text = serializeProjectFile(fixture.kind, value);
      const reparsed = load(fixture.kind, fixture.fileName, text);
      expect(reparsed).toEqual(value);
      expect(serializeProjectFile(fixture.kind, reparsed)).toBe(text);
    },
  );

  it('writes the minimal pipeline exactly as it is written by hand', () => {
    const value = load(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      MINIMAL_PIPELINE,
    );
    expect(serializeProjectFile('pipeline', value)).toBe(MINIMAL_PIPELINE);
  });

  it('writes keys in the canonical order whatever order they came in', () => {
    const scrambled = `edges: []
nodes:
  - config: { condition: a > 1 }
    position: { y: 2, x: 1 }
    type: Filter
    id: keep
name: orders
formatVersion: 1
`;
    const value = parseProjectFile(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      scrambled,
    ).value!;
    expect(serializeProjectFile('pipeline', value)).toBe(`formatVersion: 1
name: orders
nodes:
  - id: keep
    type: Filter
    position: { x: 1, y: 2 }
    config:
      condition: a > 1
edges: []
`);
  });

  it('changes only the line of the field that changed', () => {
    const fixture = validFixture('pipelines/all_gems.pipeline.yaml');
    const value = load('pipeline', fixture.fileName, fixture.text);
    const before = serializeProjectFile('pipeline', value);
    const edited: PipelineFile = structuredClone(value);
    const filter = edited.nodes.find(node => node.id === 'recent')!;
    if (filter.type !== 'Filter') throw new Error('fixture changed');
    filter.config.condition = "order_date >= DATE '2025-01-01'";
    const after = serializeProjectFile('pipeline', edited);
    const lines = changedLines(before, after);
    expect(lines).toHaveLength(1);
    expect(after.split('\n')[lines[0] - 1]).toBe(
      "      condition: order_date >= DATE '2025-01-01'",
    );
  });

  it('changes only the position line of a moved node', () => {
    const value = load(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      MINIMAL_PIPELINE,
    );
    const before = serializeProjectFile('pipeline', value);
    const edited = structuredClone(value);
    edited.nodes[1].position = { x: 250, y: 40 };
    const after = serializeProjectFile('pipeline', edited);
    const lines = changedLines(before, after);
    expect(lines).toHaveLength(1);
    expect(after.split('\n')[lines[0] - 1]).toBe(
      '    position: { x: 250, y: 40 }',
    );
  });

  it('keeps long expressions on one line and SQL as a literal block', () => {
    const fixture = validFixture('pipelines/all_gems.pipeline.yaml');
    const value = structuredClone(
      load('pipeline', fixture.fileName, fixture.text),
    );
    const filter = value.nodes.find(node => node.id === 'recent')!;
    if (filter.type !== 'Filter') throw new Error('fixture changed');
    const long = Array.from({ length: 40 }, (_, i) => `amount <> ${i}`).join(
      ' AND ',
    );
    filter.config.condition = long;
    const text = serializeProjectFile('pipeline', value);
    expect(text).toContain(`      condition: ${long}\n`);
    expect(text).toContain(
      '      sql: |\n        SELECT country_code, revenue, orders\n        FROM totals\n',
    );
  });

  it('writes no anchors or aliases for shared objects', () => {
    const value = load(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      MINIMAL_PIPELINE,
    );
    const shared = { x: 5, y: 5 };
    const edited = {
      ...value,
      nodes: value.nodes.map(node => ({ ...node, position: shared })),
    } as PipelineFile;
    const text = serializeProjectFile('pipeline', edited);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(load('pipeline', 'pipelines/orders.pipeline.yaml', text)).toEqual(
      edited,
    );
  });

  it('quotes strings that YAML would otherwise read as other types', () => {
    const text = serializeProjectFile('project', {
      formatVersion: 1,
      name: 'p',
      owner: 'team',
      domain: 'true',
      standardsVersion: '1.10',
      engine: { defaultDialect: 'duckdb', targets: {} },
    });
    const value = load('project', 'meshwork.yaml', text);
    expect(value.domain).toBe('true');
    expect(value.standardsVersion).toBe('1.10');
  });
});
