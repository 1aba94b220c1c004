import type {
  CompiledPreview,
  LoadedProject,
  PipelineFile,
} from '@meshwork/data-mesh-common';
import { CompiledPreviewCache } from './CompiledPreviewCache';

describe('CompiledPreviewCache', () => {
  const project = {} as LoadedProject;
  const pipeline = {} as PipelineFile;
  const key = { dialect: 'duckdb', nodeId: 'orders', limit: 101 };

  it('compiles a node of a pipeline once per project', () => {
    const cache = new CompiledPreviewCache();
    let compilations = 0;
    const compile = () => {
      compilations++;
      return { sql: `-- ${compilations}`, diagnostics: [], piiColumns: [] };
    };
    const first: CompiledPreview = cache.get(project, pipeline, key, compile);
    expect(cache.get(project, pipeline, key, compile)).toBe(first);
    expect(compilations).toBe(1);

    // An edited project or pipeline, another node, port or limit: compiled anew.
    cache.get({} as LoadedProject, pipeline, key, compile);
    cache.get(project, {} as PipelineFile, key, compile);
    cache.get(project, pipeline, { ...key, nodeId: 'daily' }, compile);
    cache.get(project, pipeline, { ...key, port: 'out' }, compile);
    cache.get(project, pipeline, { ...key, limit: 11 }, compile);
    cache.get(project, pipeline, { ...key, dialect: 'spark' }, compile);
    expect(compilations).toBe(7);
    expect(cache.get(project, pipeline, key, compile)).toBe(first);
  });
});
