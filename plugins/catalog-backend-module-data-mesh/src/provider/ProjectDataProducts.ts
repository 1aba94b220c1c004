import {
  compileProject,
  DataProductEntityV1alpha1,
  formatProjectCompilerDiagnostic,
  manifestToDataProductEntities,
} from '@meshwork/data-mesh-common';
import type { StandardsLibraries } from '@meshwork/data-mesh-node';
import { RegisteredDataProject } from './RegisteredDataProjects';

/** How many of a failing project's errors a message quotes. */
const QUOTED_ERRORS = 3;

/** A data project whose files do not compile: it has no products to emit. */
export class ProjectCompileError extends Error {
  constructor(project: RegisteredDataProject, errors: readonly string[]) {
    const more =
      errors.length > QUOTED_ERRORS
        ? `; and ${errors.length - QUOTED_ERRORS} more`
        : '';
    super(
      `Data project ${project.name} (${
        project.source.location
      }) does not compile: ${errors.slice(0, QUOTED_ERRORS).join('; ')}${more}`,
    );
    this.name = 'ProjectCompileError';
  }
}

/**
 * The DataProducts of each data project, read through its `ProjectSource`
 * and compiled. A project is compiled again only when its files (the
 * read's etag) or its Component changed, so a scheduled refresh of
 * unchanged projects costs their reads alone.
 */
export class ProjectDataProducts {
  private readonly compiled = new Map<
    string,
    { key: string; entities: DataProductEntityV1alpha1[] }
  >();

  /**
   * @param standards - the platform standards library, which projects pin
   *   by version in `meshwork.yaml`; without it, a project that pins one
   *   does not compile
   */
  constructor(
    private readonly standards?: Pick<StandardsLibraries, 'compileOptions'>,
  ) {}

  /**
   * The products of the project as its files are now. Throws a
   * {@link ProjectCompileError} when the project does not compile (its
   * manifest has errors), and whatever reading it threw.
   */
  async of(
    project: RegisteredDataProject,
  ): Promise<DataProductEntityV1alpha1[]> {
    const read = await project.source.read({ sourcesOnly: true });
    const key = [
      read.etag,
      project.entityRef,
      project.lifecycle,
      project.location.type,
      project.location.target,
    ].join('\n');
    const known = this.compiled.get(project.entityRef);
    if (known?.key === key) return known.entities;

    const { manifest, diagnostics } = compileProject(
      read.files,
      (await this.standards?.compileOptions(read.files)) ?? {},
    );
    const errors = diagnostics
      .filter(d => d.severity === 'error')
      .map(d => formatProjectCompilerDiagnostic(d));
    if (!manifest.project && errors.length === 0) {
      errors.push('meshwork.yaml: the project file is missing');
    }
    if (errors.length > 0) throw new ProjectCompileError(project, errors);

    const entities = manifestToDataProductEntities(manifest, {
      producedBy: project.entityRef,
      lifecycle: project.lifecycle,
      location: {
        type: project.location.type === 'dir' ? 'file' : 'url',
        target: project.location.target,
      },
    });
    this.compiled.set(project.entityRef, { key, entities });
    return entities;
  }

  /** Forgets projects no longer registered. */
  retain(entityRefs: ReadonlySet<string>): void {
    for (const ref of this.compiled.keys()) {
      if (!entityRefs.has(ref)) this.compiled.delete(ref);
    }
  }
}
