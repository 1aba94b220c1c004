import type {
  CompiledPreview,
  LoadedProject,
  PipelineFile,
} from '@meshwork/data-mesh-common';

/**
 * Compiled previews, by the very project and pipeline objects they were
 * compiled from (the loaded project and the checked pipeline are reused
 * while unchanged) and what else the compilation read. Clicking through
 * the nodes of a pipeline and back compiles each node once; a node near
 * the end of a long pipeline takes milliseconds to compile. Entries go
 * with the project or pipeline they belong to.
 */
export class CompiledPreviewCache {
  private readonly byProject = new WeakMap<
    LoadedProject,
    WeakMap<PipelineFile, Map<string, CompiledPreview>>
  >();

  get(
    project: LoadedProject,
    pipeline: PipelineFile,
    key: CompiledPreviewKey,
    compile: () => CompiledPreview,
  ): CompiledPreview {
    let byPipeline = this.byProject.get(project);
    if (!byPipeline) {
      byPipeline = new WeakMap();
      this.byProject.set(project, byPipeline);
    }
    let compiled = byPipeline.get(pipeline);
    if (!compiled) {
      compiled = new Map();
      byPipeline.set(pipeline, compiled);
    }
    const id = JSON.stringify([
      key.dialect,
      key.nodeId,
      key.port,
      key.limit,
      key.parameters,
    ]);
    let preview = compiled.get(id);
    if (!preview) {
      preview = compile();
      compiled.set(id, preview);
    }
    return preview;
  }
}

/** What a preview's compilation reads besides the project and the pipeline. */
export interface CompiledPreviewKey {
  readonly dialect: string;
  readonly nodeId: string;
  readonly port?: string;
  readonly limit: number;
  readonly parameters?: Readonly<Record<string, string>>;
}
