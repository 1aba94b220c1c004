import {
  parseProjectFile,
  PipelineFile,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  addGem,
  connect,
  copyNodes,
  GEM_STARTERS,
  insertOnEdge,
  moveNode,
  pasteNodes,
  portsOf,
  remove,
} from './pipelineEdits';

const FILE = 'pipelines/ComputeSales.pipeline.yaml';
const TEXT = fs.readFileSync(
  path.resolve(__dirname, '../../../../../examples/hello-world', FILE),
  'utf8',
);

function computeSales(): PipelineFile {
  return parseProjectFile('pipeline', FILE, TEXT).value!;
}

/** The pipeline as the editor writes it, parsed again: errors fail the test. */
function roundTrip(pipeline: PipelineFile) {
  const text = serializeProjectFile('pipeline', pipeline);
  const parsed = parseProjectFile('pipeline', FILE, text);
  expect(parsed.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  return { text, value: parsed.value! };
}

const edgeIndex = (p: PipelineFile, from: string, to: string) =>
  p.edges.findIndex(e => e.from.node === from && e.to.node === to);

describe('pipeline edits', () => {
  it.each(GEM_STARTERS.map(s => [s.type]))(
    'adds a %s gem whose file parses',
    type => {
      const { pipeline, id } = addGem(computeSales(), type);
      const { value } = roundTrip(pipeline);
      expect(value.nodes.find(n => n.id === id)?.type).toBe(type);
    },
  );

  it('puts a Filter between two gems, and the diff is that gem and its edges', () => {
    const before = computeSales();
    const index = edgeIndex(before, 'daily', 'running_total');
    const { pipeline, id } = insertOnEdge(before, index, 'Filter');

    expect(id).toBe('filter_1');
    const { text, value } = roundTrip(pipeline);
    expect(value.edges).toEqual(
      expect.arrayContaining([
        { from: { node: 'daily', port: 'out' }, to: { node: id, port: 'in' } },
        {
          from: { node: id, port: 'out' },
          to: { node: 'running_total', port: 'in' },
        },
      ]),
    );
    expect(edgeIndex(value, 'daily', 'running_total')).toBe(-1);
    const added = text.split('\n').filter(l => !TEXT.split('\n').includes(l));
    expect(added.join('\n')).toContain('- id: filter_1');
    expect(added.length).toBeLessThan(12);
  });

  it('connects an output to an input, replacing what fed it', () => {
    const before = computeSales();
    const after = connect(
      before,
      { node: 'orders', port: 'out' },
      { node: 'completed_lines', port: 'in' },
    );
    const into = after.edges.filter(e => e.to.node === 'completed_lines');
    expect(into).toEqual([
      {
        from: { node: 'orders', port: 'out' },
        to: { node: 'completed_lines', port: 'in' },
      },
    ]);
    expect(after.edges).toHaveLength(before.edges.length);
  });

  it('deletes gems with their edges', () => {
    const after = remove(computeSales(), { nodes: ['completed_lines'] });
    expect(after.nodes.map(n => n.id)).not.toContain('completed_lines');
    expect(
      after.edges.some(
        e =>
          e.from.node === 'completed_lines' || e.to.node === 'completed_lines',
      ),
    ).toBe(false);
    roundTrip(after);
  });

  it('copies and pastes gems with the edges between them under new ids', () => {
    const before = computeSales();
    const clipboard = copyNodes(before, ['daily', 'running_total']);
    const { pipeline, ids } = pasteNodes(before, clipboard);

    expect(ids).toEqual(['aggregate_1', 'window_1']);
    expect(pipeline.edges).toContainEqual({
      from: { node: 'aggregate_1', port: 'out' },
      to: { node: 'window_1', port: 'in' },
    });
    const daily = before.nodes.find(n => n.id === 'daily')!;
    expect(pipeline.nodes.find(n => n.id === 'aggregate_1')?.position).toEqual({
      x: daily.position!.x + 40,
      y: daily.position!.y + 40,
    });
    roundTrip(pipeline);
  });

  it('moves a gem to whole pixels', () => {
    const after = moveNode(computeSales(), 'orders', { x: 10.4, y: 20.6 });
    expect(after.nodes[0].position).toEqual({ x: 10, y: 21 });
  });

  it("tells a subgraph's ports from its edges", () => {
    const pipeline = computeSales();
    const enrich = pipeline.nodes.find(n => n.id === 'enrich')!;
    expect(portsOf(pipeline, enrich)).toEqual({
      inputs: ['orders', 'order_lines', 'products'],
      outputs: ['enriched_lines'],
    });
  });
});
