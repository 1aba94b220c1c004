import { InputError } from '@backstage/errors';
import {
  CheckedPipelineCache,
  parsePreviewRequest,
} from './parsePreviewRequest';

const pipeline = (name: string) => ({
  formatVersion: 1,
  name,
  nodes: [
    {
      id: 'orders',
      type: 'Source',
      position: { x: 0, y: 0 },
      config: { dataset: 'bronze_orders' },
    },
  ],
  edges: [],
});

const body = (p: unknown, nodeId = 'orders') => ({
  project: 'hello-world',
  pipeline: p,
  nodeId,
});

describe('parsePreviewRequest with a CheckedPipelineCache', () => {
  it('checks a pipeline once, and a changed pipeline again', () => {
    const cache = new CheckedPipelineCache();
    const first = parsePreviewRequest(body(pipeline('A')), cache);
    const again = parsePreviewRequest(body(pipeline('A'), 'other'), cache);
    expect(again.pipeline).toBe(first.pipeline);
    expect(again.nodeId).toBe('other');
    const changed = parsePreviewRequest(body(pipeline('B')), cache);
    expect(changed.pipeline).not.toBe(first.pipeline);
    expect(changed.pipeline.name).toBe('B');
    // Without a cache every request is checked afresh.
    expect(parsePreviewRequest(body(pipeline('A'))).pipeline).not.toBe(
      first.pipeline,
    );
  });

  it('still rejects an invalid pipeline, every time', () => {
    const cache = new CheckedPipelineCache();
    const invalid = { ...pipeline('A'), nodes: [{ id: 'x', type: 'Nope' }] };
    for (let i = 0; i < 2; i++) {
      expect(() => parsePreviewRequest(body(invalid), cache)).toThrow(
        InputError,
      );
    }
  });

  it('forgets the least recently used pipelines beyond its size', () => {
    const size = JSON.stringify(pipeline('A')).length;
    const cache = new CheckedPipelineCache(size * 2);
    const a = parsePreviewRequest(body(pipeline('A')), cache).pipeline;
    const b = parsePreviewRequest(body(pipeline('B')), cache).pipeline;
    // A is used again, so B is the one to go when C comes.
    expect(parsePreviewRequest(body(pipeline('A')), cache).pipeline).toBe(a);
    parsePreviewRequest(body(pipeline('C')), cache);
    expect(parsePreviewRequest(body(pipeline('A')), cache).pipeline).toBe(a);
    expect(parsePreviewRequest(body(pipeline('B')), cache).pipeline).not.toBe(
      b,
    );
  });
});
