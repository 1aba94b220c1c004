import {
  LoadedProject,
  loadProject,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import type { ProjectRepository } from '../projects/ProjectRepository';

/**
 * The last load of each project, reused while its source files are the
 * same. Previews come in bursts while someone edits a pipeline, and parsing
 * every file of the project each time would cost more than a small query.
 * The repository checks the files on disk on every call, so a commit or a
 * local edit shows up in the next preview.
 */
export class LoadedProjectCache {
  private readonly loads = new Map<
    string,
    { files: readonly ProjectSourceFile[]; loaded: LoadedProject }
  >();

  constructor(private readonly projects: ProjectRepository) {}

  /** The project as its files are now. */
  async load(name: string): Promise<LoadedProject> {
    const files = await this.projects.sources(name);
    const last = this.loads.get(name);
    // The repository hands back the same array while nothing changed.
    if (last?.files === files) return last.loaded;
    const loaded = loadProject(files);
    this.loads.set(name, { files, loaded });
    return loaded;
  }
}
