import {
  InputError,
  NotFoundError,
  NotImplementedError,
} from '@backstage/errors';
import {
  compileProject,
  LoadedProject,
  loadProject,
  parseProjectFile,
  projectFileKinds,
  ProjectManifest,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import {
  GitRefError,
  LocalFolderProjectSource,
  ProjectSource,
  StandardsCompileOptions,
  StandardsLibraries,
  StandardsVersion,
} from '@meshwork/data-mesh-node';

/** A data project the backend runs and previews. */
export interface DataProject {
  /** The name of its catalog Component. */
  readonly name: string;
  /** The Component's entity ref, when the project comes from the catalog. */
  readonly entityRef?: string;
  /** Where its files are read from. */
  readonly source: ProjectSource;
}

/** Where the backend learns which data projects there are. */
export interface DataProjectDirectory {
  /** The data projects known now. */
  list(): Promise<readonly DataProject[]>;
  /**
   * The data project of this name. A directory that may learn of new
   * projects looks again for a name it does not know yet.
   */
  find(name: string): Promise<DataProject | undefined>;
}

/** How {@link ProjectRepository} compiles its projects. */
export interface ProjectRepositoryOptions {
  /** The standards library projects pin; without it, none is loaded. */
  readonly standards?: Pick<
    StandardsLibraries,
    'compileOptions' | 'versionFiles'
  >;
}

/**
 * The data projects the backend runs and previews (from the catalog, see
 * `CatalogDataProjects`) and their files. Each read sees the files as they
 * are now, so a commit or a local edit shows up without a restart.
 */
export class ProjectRepository {
  /** Projects in local folders, by name: for tests and benches without a catalog. */
  static forFolders(
    folders: Record<string, string>,
    options: ProjectRepositoryOptions = {},
  ): ProjectRepository {
    const projects = Object.entries(folders).map(([name, folder]) => ({
      name,
      source: new LocalFolderProjectSource(folder),
    }));
    return new ProjectRepository(
      {
        list: async () => projects,
        find: async name => projects.find(p => p.name === name),
      },
      options,
    );
  }

  /** The owners read from each read of sources, by that read. */
  private readonly ownerReads = new WeakMap<
    readonly ProjectSourceFile[],
    readonly string[]
  >();

  /** The manifest compiled from each read of sources, by that read. */
  private readonly manifestReads = new WeakMap<
    readonly ProjectSourceFile[],
    ProjectManifest
  >();

  constructor(
    private readonly directory: DataProjectDirectory,
    private readonly options: ProjectRepositoryOptions = {},
  ) {}

  /**
   * What `loadProject`, `compileProject` and `analyzeProjectLineage` take
   * with a project's files (read now or at any commit): the standards
   * library their `meshwork.yaml` pins.
   */
  async compileOptions(
    files: readonly ProjectSourceFile[],
  ): Promise<StandardsCompileOptions> {
    return (await this.options.standards?.compileOptions(files)) ?? {};
  }

  /** The files of the standards version the project's files pin, for the browser. */
  async standardsFiles(
    files: readonly ProjectSourceFile[],
  ): Promise<Pick<StandardsVersion, 'version' | 'files'> | undefined> {
    return this.options.standards?.versionFiles(files);
  }

  /** Whether there is a data project of this name. */
  async has(name: string): Promise<boolean> {
    return (await this.directory.find(name)) !== undefined;
  }

  /**
   * Who owns the project, as `meshwork.yaml` says (`owner`); none when the
   * file is missing or does not parse, so that nobody owns a broken project
   * by accident. NotFoundError for a project that does not exist.
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

  /** The data projects, by name. */
  async list(): Promise<DataProject[]> {
    return [...(await this.directory.list())].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  /** The project's files; NotFoundError for a project that does not exist. */
  async files(name: string): Promise<readonly ProjectSourceFile[]> {
    const { source } = await this.project(name);
    return (await source.read()).files;
  }

  /**
   * The files `loadProject` reads (no generated files), as they are now.
   * While their contents are the same, the very array of the last call
   * comes back, so that callers can reuse whatever they derived from it.
   */
  async sources(name: string): Promise<readonly ProjectSourceFile[]> {
    const { source } = await this.project(name);
    return (await source.read({ sourcesOnly: true })).files;
  }

  /**
   * The project's compiled manifest, as its files are now. `sources`
   * returns the very same array while the files are unchanged, so a
   * project is compiled once per change, not once per request.
   */
  async manifest(name: string): Promise<ProjectManifest> {
    const sources = await this.sources(name);
    let manifest = this.manifestReads.get(sources);
    if (!manifest) {
      manifest = compileProject(
        sources,
        await this.compileOptions(sources),
      ).manifest;
      this.manifestReads.set(sources, manifest);
    }
    return manifest;
  }

  /**
   * Where the project's files are read from, for reading them other than
   * as they are now (at a git ref); NotFoundError for a project that does
   * not exist.
   */
  async source(name: string): Promise<ProjectSource> {
    return (await this.project(name)).source;
  }

  /**
   * The files `loadProject` reads, as they were at a git ref of the
   * project's repository: NotImplementedError for a project read without
   * its history, an InputError naming `field` for a ref that names no commit.
   */
  async sourcesAtRef(
    name: string,
    ref: string,
    field: string,
  ): Promise<readonly ProjectSourceFile[]> {
    const source = await this.source(name);
    if (!source.readAtRef) {
      throw new NotImplementedError(
        `The data project '${name}' is read from ${source.location} without its git history, so it cannot be read at a git ref`,
      );
    }
    try {
      return await source.readAtRef(ref, { sourcesOnly: true });
    } catch (error) {
      if (error instanceof GitRefError) {
        throw new InputError(`${field}: ${error.message}`);
      }
      throw error;
    }
  }

  /** The project's files, parsed and cross-checked. */
  async load(name: string): Promise<LoadedProject> {
    const files = await this.files(name);
    return loadProject(files, await this.compileOptions(files));
  }

  private async project(name: string): Promise<DataProject> {
    const project = await this.directory.find(name);
    if (!project) {
      const known = (await this.list()).map(p => p.name).join(', ');
      throw new NotFoundError(
        `No data project named '${name}'; known data projects: ${
          known || 'none'
        }`,
      );
    }
    return project;
  }
}
