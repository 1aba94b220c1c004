import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  LoadedProject,
  loadProject,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import { readProjectFolder } from '@meshwork/data-mesh-node';
import { resolve } from 'node:path';

/** Where the backend reads a data project's files from. */
export interface DataProjectLocation {
  readonly name: string;
  /** Absolute path of the project folder (a local git work tree). */
  readonly path: string;
}

/**
 * The data projects the backend runs and previews, configured under
 * `dataMesh.projects.<name>.path` (relative to the backend's working
 * directory, like every path in app-config). Each read loads the files as
 * they are now, so a commit or a local edit shows up without a restart.
 */
export class ProjectRepository {
  static fromConfig(config: Config): ProjectRepository {
    const projects = config.getOptionalConfig('dataMesh.projects');
    const locations = (projects?.keys() ?? []).map(name => ({
      name,
      path: resolve(projects!.getString(`${name}.path`)),
    }));
    return new ProjectRepository(locations);
  }

  constructor(private readonly locations: readonly DataProjectLocation[]) {}

  /** The configured projects, by name. */
  list(): DataProjectLocation[] {
    return [...this.locations].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The project's files; NotFoundError for a project that is not configured. */
  async files(name: string): Promise<ProjectSourceFile[]> {
    const location = this.locations.find(l => l.name === name);
    if (!location) {
      const known = this.list()
        .map(l => l.name)
        .join(', ');
      throw new NotFoundError(
        `No data project named '${name}'; configured projects: ${
          known || 'none'
        }`,
      );
    }
    return readProjectFolder(location.path);
  }

  /** The project's files, parsed and cross-checked. */
  async load(name: string): Promise<LoadedProject> {
    return loadProject(await this.files(name));
  }
}
