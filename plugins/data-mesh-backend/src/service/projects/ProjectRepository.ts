import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  LoadedProject,
  loadProject,
  parseProjectFile,
  projectFileKinds,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import { readProjectFolder } from '@meshwork/data-mesh-node';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

  /** The last read of each project's sources, with the signature it had. */
  private readonly sourceReads = new Map<
    string,
    { signature: string; files: readonly ProjectSourceFile[] }
  >();

  /** The owners read from each read of sources, by that read. */
  private readonly ownerReads = new WeakMap<
    readonly ProjectSourceFile[],
    readonly string[]
  >();

  constructor(private readonly locations: readonly DataProjectLocation[]) {}

  /** Whether a project of this name is configured. */
  has(name: string): boolean {
    return this.locations.some(l => l.name === name);
  }

  /**
   * Who owns the project, as `meshwork.yaml` says (`owner`); none when the
   * file is missing or does not parse, so that nobody owns a broken project
   * by accident. NotFoundError for a project that is not configured.
   */
  async owners(name: string): Promise<readonly string[]> {
    const sources = await this.sources(name);
    const known = this.ownerReads.get(sources);
    if (known) return known;
    const file = sources.find(f => f.path === projectFileKinds.project.glob);
    const owner = file
      ? parseProjectFile('project', file.path, file.text).value?.owner
      : undefined;
    const owners = owner ? [owner] : [];
    this.ownerReads.set(sources, owners);
    return owners;
  }

  /** The configured projects, by name. */
  list(): DataProjectLocation[] {
    return [...this.locations].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The project's files; NotFoundError for a project that is not configured. */
  async files(name: string): Promise<ProjectSourceFile[]> {
    return readProjectFolder(this.location(name).path);
  }

  /**
   * The files `loadProject` reads (no generated files), as they are now.
   * They are read again only when a stat of the folders and files shows a
   * change; while their contents are the same, the very array of the last
   * call comes back, so that callers can reuse whatever they derived from it.
   */
  async sources(name: string): Promise<readonly ProjectSourceFile[]> {
    const { path } = this.location(name);
    // Taken before reading: a write during the read changes it again.
    const signature = sourcesSignature(path);
    const last = this.sourceReads.get(name);
    if (last?.signature === signature) return last.files;
    const read = await readProjectFolder(path, { sourcesOnly: true });
    // A touch, or a hidden file coming and going, changes nothing read.
    const files = last && sameFiles(last.files, read) ? last.files : read;
    this.sourceReads.set(name, { signature, files });
    return files;
  }

  private location(name: string): DataProjectLocation {
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
    return location;
  }

  /** The project's files, parsed and cross-checked. */
  async load(name: string): Promise<LoadedProject> {
    return loadProject(await this.files(name));
  }
}

/** Where the project files of each kind are: `meshwork.yaml`, `pipelines`, … */
const SOURCE_LOCATIONS = Object.values(projectFileKinds).map(
  kind => kind.glob.split('/')[0],
);

/**
 * What changes when any source file of a project is written, added,
 * removed or renamed: the inode, size and times of each folder and file.
 * Modification times have nanosecond resolution on the file systems we run
 * on, and an editor's or git's write-and-rename changes the inode. Synchronous
 * on purpose: a few dozen stats take a fraction of a millisecond, far less
 * than as many round trips through the thread pool.
 */
function sourcesSignature(root: string): string {
  const parts: string[] = [];
  const visit = (path: string) => {
    const info = statSync(join(root, path), { throwIfNoEntry: false });
    if (!info) return;
    parts.push(
      `${path}\t${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`,
    );
    if (!info.isDirectory()) return;
    let names: string[];
    try {
      names = readdirSync(join(root, path));
    } catch {
      // Unreadable now: the read that follows reports it.
      names = [];
    }
    for (const name of names.sort()) {
      // Hidden files are not project files (see readProjectFolder).
      if (!name.startsWith('.')) visit(`${path}/${name}`);
    }
  };
  for (const location of SOURCE_LOCATIONS) visit(location);
  return parts.join('\n');
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
