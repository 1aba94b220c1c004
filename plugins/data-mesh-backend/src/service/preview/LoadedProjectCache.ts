import {
  LoadedProject,
  loadProject,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import type { ProjectRepository } from '../projects/ProjectRepository';

/**
 * The last load of each project, reused while its files read the same.
 * Previews come in bursts while someone edits a pipeline, and parsing
 * every file of the project each time would cost more than a small query.
 * The files are still read each time, so a commit shows up at once.
 */
export class LoadedProjectCache {
  private readonly loads = new Map<
    string,
    { files: readonly ProjectSourceFile[]; loaded: LoadedProject }
  >();

  constructor(private readonly projects: ProjectRepository) {}

  async load(name: string): Promise<LoadedProject> {
    const files = await this.projects.files(name);
    const last = this.loads.get(name);
    if (last && sameFiles(last.files, files)) return last.loaded;
    const loaded = loadProject(files);
    this.loads.set(name, { files, loaded });
    return loaded;
  }
}

function sameFiles(
  a: readonly ProjectSourceFile[],
  b: readonly ProjectSourceFile[],
): boolean {
  return (
    a.length === b.length &&
    a.every((file, i) => file.path === b[i].path && file.text === b[i].text)
  );
}
