import { chain, datasets, node } from './__testUtils__/build';
import { checkPipeline, runBackEnd } from './checkPipeline';
import { HELLO_WORLD, loadProject } from './lower/__testUtils__/projects';

const helloWorld = loadProject(HELLO_WORLD);

/** `orders → Filter(condition)`, checked. */
function checkFilter(condition: string) {
  const pipeline = {
    name: 'p',
    formatVersion: 1 as const,
    ...chain(
      node('orders', 'Source', { dataset: 'orders' }),
      node('big', 'Filter', { condition }),
    ),
  };
  return checkPipeline(pipeline, { datasets });
}

describe('checkPipeline', () => {
  it('lowers nothing and propagates once when the pipeline has only primitive gems', () => {
    const checked = checkFilter('amount > 10');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.lowered?.nodes).toEqual(checked.pipeline.nodes);
    expect(checked.loweredPropagation).toBe(checked.propagation);
  });

  it('does not lower a pipeline with errors, so no back end runs', () => {
    const checked = checkFilter('no_such_column > 10');
    expect(checked.lowered).toBeUndefined();
    const generate = jest.fn();
    expect(runBackEnd(checked, generate)).toEqual({
      diagnostics: checked.diagnostics,
    });
    expect(generate).not.toHaveBeenCalled();
    expect(checked.diagnostics).toEqual([
      expect.objectContaining({ nodeId: 'big', code: 'invalid-expression' }),
    ]);
  });

  it('reports a back end problem on an inlined gem once, on the Subgraph node it came from', () => {
    const written = helloWorld.pipelines.ComputeSales;
    const checked = checkPipeline(written, helloWorld.context);
    const subgraph = written.nodes.findIndex(n => n.type === 'Subgraph');
    const inlined = checked.lowered!.nodes.filter(n => n.id.includes('__'));
    expect(inlined.length).toBeGreaterThan(1);
    const problem = (nodeId: string) => ({
      severity: 'error' as const,
      code: 'not-supported' as const,
      nodeId,
      path: ['nodes', 0, 'config', 'columns', 0],
      message: 'cannot be written',
    });
    const { diagnostics } = runBackEnd(checked, () => ({
      diagnostics: [problem(inlined[0].id), problem(inlined[0].id)],
    }));
    const [, inner] = inlined[0].id.split('__');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'not-supported',
        nodeId: written.nodes[subgraph].id,
        path: ['nodes', subgraph],
        message: expect.stringMatching(
          new RegExp(
            `^in node "${inner}" of subgraph "\\w+": cannot be written$`,
          ),
        ),
      },
    ]);
  });
});
