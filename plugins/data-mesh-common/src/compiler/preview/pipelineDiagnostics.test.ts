import { parseProjectFile } from '../../project';
import { checkPipelineData } from './pipelineDiagnostics';

const filter = {
  id: 'keep',
  type: 'Filter',
  position: { x: 0, y: 0 },
  config: { condition: 'amount >\n  AND 1' },
};

/** A pipeline's data, as an editor would send it. */
function pipeline(extra: Record<string, unknown> = {}) {
  return { formatVersion: 1, name: 'P', nodes: [filter], edges: [], ...extra };
}

describe('checkPipelineData', () => {
  it('reports what parsing the same pipeline file reports, with paths and the position inside an expression', () => {
    const data = pipeline({ 'cost-center': 'sales' });
    const parsed = parseProjectFile(
      'pipeline',
      'P.pipeline.yaml',
      JSON.stringify(data, null, 2),
    );

    const { pipeline: checked, diagnostics } = checkPipelineData(data);

    expect(checked).toBeUndefined();
    expect(diagnostics.map(d => [d.severity, d.code, d.message])).toEqual(
      expect.arrayContaining(
        parsed.diagnostics.map(d => [d.severity, d.code, d.message]),
      ),
    );
    expect(diagnostics).toHaveLength(parsed.diagnostics.length);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'unknown-key',
        path: ['cost-center'],
        field: '["cost-center"]',
        target: 'key',
      }),
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'invalid-expression',
        path: ['nodes', 0, 'config', 'condition'],
        field: 'nodes[0].config.condition',
        expression: expect.objectContaining({ line: 2, column: 3 }),
      }),
    );
  });

  it('gives the pipeline with its warnings when there is no error', () => {
    const data = pipeline({
      nodes: [{ ...filter, config: { condition: 'amount > 1' } }],
    });

    const { pipeline: checked, diagnostics } = checkPipelineData(data);

    expect(checked).toMatchObject({ name: 'P', nodes: [{ id: 'keep' }] });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'unconnected-port',
        field: 'nodes[0].id',
      }),
    ]);
  });
});
