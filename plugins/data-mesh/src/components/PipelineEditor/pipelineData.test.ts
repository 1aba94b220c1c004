import fs from 'node:fs';
import path from 'node:path';
import { parseProjectFile } from '@meshwork/data-mesh-common';
import { findFormNode, readPipelineData, withNodeEdited } from './pipelineData';

const TEXT = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../../examples/hello-world/pipelines/ComputeSales.pipeline.yaml',
  ),
  'utf8',
);

describe('withNodeEdited', () => {
  it('changes one node and writes the file as Meshwork writes it', () => {
    const edited = withNodeEdited(TEXT, 'completed_lines', {
      label: 'Shipped orders',
      config: { condition: "order_status = 'shipped'" },
    })!;
    const before = TEXT.split('\n');
    const after = edited.split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual([
      '    label: Shipped orders',
      "      condition: order_status = 'shipped'",
    ]);
    expect(parseProjectFile('pipeline', 'p.yaml', edited).value).toBeDefined();
  });

  it('keeps editing a file a half-typed expression made invalid', () => {
    const half = withNodeEdited(TEXT, 'completed_lines', {
      config: { condition: 'order_status =' },
    })!;
    expect(parseProjectFile('pipeline', 'p.yaml', half).value).toBeUndefined();
    expect(half).not.toContain('label: Completed orders');
    const done = withNodeEdited(half, 'completed_lines', {
      label: 'Completed orders',
      config: { condition: "order_status = 'completed'" },
    });
    expect(done).toBe(TEXT);
  });

  it('finds nothing to edit in text that is not a pipeline', () => {
    expect(withNodeEdited('nodes: [', 'a', { config: {} })).toBeUndefined();
    expect(withNodeEdited(TEXT, 'nope', { config: {} })).toBeUndefined();
    expect(readPipelineData('- a list')).toBeUndefined();
    expect(findFormNode(readPipelineData(TEXT), 'daily')).toMatchObject({
      index: 6,
      node: { type: 'Aggregate' },
    });
  });
});
