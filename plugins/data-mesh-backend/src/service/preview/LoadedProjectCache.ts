import {
  datasetManifest,
  DatasetManifest,
  LoadedProject,
  loadProject,
  ManifestDatasetDeclaration,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import type { ProjectRepository } from '../projects/ProjectRepository';

/**
 * A project as its source files are now: loaded, for checking and
 * compiling pipelines against, and what its manifest says about its
 * datasets (tables, contracts, owners), built from the same files.
 */
export interface PreviewProject {
  readonly loaded: LoadedProject;
  readonly manifest: DatasetManifest;
  /** The manifest's dataset of that name. */
  dataset(name: string): ManifestDatasetDeclaration | undefined;
}

/**
 * The last load of each project, reused while its source files are the
 * same. Previews come in bursts while someone edits a pipeline, and parsing
 * every file of the project each time would cost more than a small query.
 * The repository checks the files on disk on every call, so a commit or a
 * local edit shows up in the next preview.
 *
 * The manifest is built from the sources rather than read from the
 * committed `generated/manifest.json`, which is stale until someone runs
 * `meshwork compile` after an edit.
 */
export class LoadedProjectCache {
  private readonly loads = new Map<
    string,
    { files: readonly ProjectSourceFile[]; project: PreviewProject }
  >();

  constructor(private readonly projects: ProjectRepository) {}

  /** The project as its files are now. */
  async load(name: string): Promise<PreviewProject> {
    const files = await this.projects.sources(name);
    const last = this.loads.get(name);
    // The repository hands back the same array while nothing changed.
    if (last?.files === files) return last.project;
    const project = previewProject(
      loadProject(files, await this.projects.compileOptions(files)),
    );
    this.loads.set(name, { files, project });
    return project;
  }
}

function previewProject(loaded: LoadedProject): PreviewProject {
  const manifest = datasetManifest(loaded);
  const byName = new Map(manifest.datasets.map(d => [d.name, d]));
  return { loaded, manifest, dataset: name => byName.get(name) };
}
