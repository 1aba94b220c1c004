import { migrateProjectData, ProjectFileMigration } from './migrations';
import { parseProjectFile } from './parse';
import { MINIMAL_PIPELINE, positionOf } from './__testUtils__/text';

/** The minimal pipeline as the v0 editor prototype wrote it. */
const V0_PIPELINE = MINIMAL_PIPELINE.replace(
  'formatVersion: 1',
  'formatVersion: 0',
)
  .replace(/ {4}type: /g, '    gem: ')
  .replace('edges:', 'links:');

describe('format migrations', () => {
  it('loads a v0 pipeline as the v1 pipeline it migrates to, with an info diagnostic', () => {
    const migrated = parseProjectFile(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      V0_PIPELINE,
    );
    const current = parseProjectFile(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      MINIMAL_PIPELINE,
    );
    expect(migrated.value).toEqual(current.value);
    expect(Object.keys(migrated.value!)).toEqual([
      'formatVersion',
      'name',
      'nodes',
      'edges',
    ]);
    expect(migrated.diagnostics).toEqual([
      expect.objectContaining({
        line: 1,
        column: 16,
        path: 'formatVersion',
        severity: 'info',
        code: 'migrated',
        message: expect.stringContaining('migrated from format version 0 to 1'),
      }),
    ]);
  });

  it('points diagnostics in a migrated file at the keys the author wrote', () => {
    const text = V0_PIPELINE.replace(
      'to: { node: sink, port: in }',
      'to: { node: snk, port: in }',
    ).replace('gem: Filter', 'gem: Filtr');
    const errors = parseProjectFile(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      text,
    ).diagnostics.filter(d => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'Filtr'),
        path: 'nodes[1].type',
      }),
    ]);

    const badLink = V0_PIPELINE.replace(
      'to: { node: sink, port: in }',
      'to: { node: snk, port: in }',
    );
    const linkErrors = parseProjectFile(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      badLink,
    ).diagnostics.filter(d => d.severity === 'error');
    expect(linkErrors).toEqual([
      expect.objectContaining({
        ...positionOf(badLink, 'snk'),
        path: 'edges[1].to.node',
      }),
    ]);
  });

  it('leaves data it does not recognise for validation to report', () => {
    const text =
      'formatVersion: 0\nname: orders\nnodes: [1, "two"]\nlinks: 5\n';
    const { diagnostics } = parseProjectFile(
      'pipeline',
      'pipelines/orders.pipeline.yaml',
      text,
    );
    expect(diagnostics.map(d => [d.line, d.path, d.severity])).toEqual([
      [1, 'formatVersion', 'info'],
      [3, 'nodes[0]', 'error'],
      [3, 'nodes[1]', 'error'],
      [4, 'edges', 'error'],
    ]);
  });

  it('reports a version older than the oldest migration', () => {
    const text = MINIMAL_PIPELINE.replace(
      'formatVersion: 1',
      'formatVersion: -1',
    );
    expect(
      parseProjectFile('pipeline', 'pipelines/orders.pipeline.yaml', text)
        .diagnostics,
    ).toEqual([
      expect.objectContaining({
        line: 1,
        path: 'formatVersion',
        code: 'unsupported-version',
        message:
          'formatVersion -1 is not supported; the oldest supported pipeline version is 0',
      }),
    ]);
  });

  it('chains migrations one version at a time', () => {
    const calls: number[] = [];
    const step = (from: number): ProjectFileMigration => ({
      from,
      description: `step ${from}`,
      migrate: data => {
        calls.push(from);
        return { ...data, steps: [...((data.steps as number[]) ?? []), from] };
      },
    });
    const outcome = migrateProjectData('job', { formatVersion: -1 }, [
      step(-1),
      step(0),
    ]);
    expect(calls).toEqual([-1, 0]);
    expect(outcome.data).toEqual({ formatVersion: 1, steps: [-1, 0] });
    expect(outcome.applied.map(m => m.from)).toEqual([-1, 0]);
  });

  it('leaves current data and data without a version unchanged', () => {
    const data = { formatVersion: 1, name: 'x' };
    expect(migrateProjectData('pipeline', data)).toEqual({ data, applied: [] });
    expect(migrateProjectData('pipeline', { name: 'x' })).toEqual({
      data: { name: 'x' },
      applied: [],
    });
  });
});
