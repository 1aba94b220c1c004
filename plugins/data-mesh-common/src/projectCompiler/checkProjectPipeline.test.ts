import { compileProject, checkProjectPipeline } from './compileProject';
import { loadProject } from './loadProject';
import {
  brokenProjectCorpus,
  helloWorldSources,
} from './__testUtils__/brokenProjects';

/**
 * The editor checks the pipeline being edited with checkProjectPipeline on
 * every change, and the server refuses a save with compileProject: the
 * editor must show what the save would refuse.
 */
describe('checkProjectPipeline', () => {
  it('propagates the schemas of a valid pipeline, without problems', () => {
    const loaded = loadProject(helloWorldSources());
    const checked = checkProjectPipeline(loaded, 'ComputeSales');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.problems).toEqual([]);
    const arriving = checked.propagation?.inputs.get('completed_lines');
    expect(arriving?.in.columns.map(c => c.name)).toContain('order_status');
  });

  it('reports every error compileProject reports for the pipeline file', () => {
    let compared = 0;
    for (const project of brokenProjectCorpus()) {
      const compiled = compileProject(project.files);
      for (const [name, file] of compiled.project.pipelines) {
        const checked = checkProjectPipeline(compiled.project, name);
        const errors = (list: typeof checked.diagnostics) =>
          list
            .filter(d => d.file === file.path && d.severity === 'error')
            .map(d => `${d.line}:${d.column} ${d.message}`);
        // Code generation finds a few problems of its own; the check finds
        // every problem it has in common with the compiler, at the same place.
        const fromCheck = new Set(errors(checked.diagnostics));
        const fromCompile = errors(compiled.diagnostics);
        expect(fromCompile.filter(e => !fromCheck.has(e))).toEqual([]);
        compared += fromCompile.length;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('has no propagation for a pipeline its references break', () => {
    const files = helloWorldSources().map(f =>
      f.path === 'pipelines/ComputeSales.pipeline.yaml'
        ? { ...f, text: f.text.replace('dataset: bronze_orders', 'dataset: nope') }
        : f,
    );
    const checked = checkProjectPipeline(loadProject(files), 'ComputeSales');
    expect(checked.propagation).toBeUndefined();
    expect(checked.diagnostics.map(d => d.message).join('\n')).toMatch(/nope/);
  });
});
