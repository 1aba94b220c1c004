import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  formatProjectCompilerDiagnostic,
  loadStandardsLibrary,
  LoadProjectOptions,
  parseProjectFile,
  projectFileKinds,
  ProjectSourceFile,
  StandardsLibrary,
} from '@meshwork/data-mesh-common';
import {
  defaultStandardsRoot,
  listStandardsVersions,
  readStandardsFiles,
} from './readStandardsLibrary';
import { resolve } from 'node:path';

/**
 * What `loadProject`, `compileProject` and `analyzeProjectLineage` take for
 * the standards library.
 *
 * @public
 */
export type StandardsCompileOptions = Pick<
  LoadProjectOptions,
  'standards' | 'knownStandardsVersions'
>;

/**
 * One version of the standards library: its files (for the browser) and
 * the library loaded from them.
 *
 * @public
 */
export interface StandardsVersion {
  readonly version: string;
  readonly files: readonly ProjectSourceFile[];
  /** Absent when the version's files have errors (logged once). */
  readonly library?: StandardsLibrary;
}

/**
 * The platform standards library (`dataMesh.standards.root`, by default
 * the repository's `templates/standards`), one folder per version, for
 * compiling projects against the version their `meshwork.yaml` pins.
 *
 * A version is read and loaded once: versions are immutable, a change is a
 * new version. The list of versions is read again only when a project pins
 * one it lacks, so a version added while the backend runs is found.
 *
 * @public
 */
export class StandardsLibraries {
  /**
   * The library at `dataMesh.standards.root` (relative to the working
   * directory), else the repository's `templates/standards`.
   */
  static fromConfig(
    config: RootConfigService,
    logger: LoggerService,
  ): StandardsLibraries {
    const configured = config.getOptionalString('dataMesh.standards.root');
    const root =
      configured !== undefined ? resolve(configured) : defaultStandardsRoot();
    if (root === undefined) {
      logger.warn(
        'No standards library: set dataMesh.standards.root; projects that pin a standards version will not compile',
      );
    }
    return new StandardsLibraries({ root, logger });
  }

  private versionList?: Promise<readonly string[]>;
  private readonly loaded = new Map<string, Promise<StandardsVersion>>();

  constructor(
    private readonly options: {
      /** The folder holding one folder per version; none: no library. */
      readonly root: string | undefined;
      readonly logger?: LoggerService;
    },
  ) {}

  /** The compile options for a project's files: the library of the version they pin. */
  async compileOptions(
    files: readonly ProjectSourceFile[],
  ): Promise<StandardsCompileOptions> {
    const { known, pinned } = await this.pinnedVersion(files);
    if (known === undefined) return {};
    return {
      knownStandardsVersions: known,
      ...(pinned?.library && { standards: pinned.library }),
    };
  }

  /**
   * The files of the version the project pins, for compiling in the
   * browser; undefined when it pins none or one that does not exist.
   */
  async versionFiles(
    files: readonly ProjectSourceFile[],
  ): Promise<Pick<StandardsVersion, 'version' | 'files'> | undefined> {
    const { pinned } = await this.pinnedVersion(files);
    return pinned && { version: pinned.version, files: pinned.files };
  }

  /**
   * The versions there are (none when the root cannot be read) and the one
   * the files pin, if it is one of them; nothing without a root or a pin.
   */
  private async pinnedVersion(files: readonly ProjectSourceFile[]): Promise<{
    known?: readonly string[];
    pinned?: StandardsVersion;
  }> {
    const { root } = this.options;
    const version = pinnedStandardsVersion(files);
    if (root === undefined || version === undefined) return {};
    let known = await this.versions(root);
    if (!known.includes(version)) {
      this.versionList = undefined;
      known = await this.versions(root);
    }
    if (!known.includes(version)) return { known };
    return { known, pinned: await this.version(root, version) };
  }

  private async versions(root: string): Promise<readonly string[]> {
    if (!this.versionList) {
      const listing = listStandardsVersions(root);
      this.versionList = listing;
      listing.catch(() => {
        if (this.versionList === listing) this.versionList = undefined;
      });
    }
    try {
      return await this.versionList;
    } catch (error) {
      this.options.logger?.warn(
        `Cannot read the standards library: ${(error as Error).message}`,
      );
      return [];
    }
  }

  private version(root: string, version: string): Promise<StandardsVersion> {
    let loading = this.loaded.get(version);
    if (!loading) {
      loading = readStandardsFiles(root, version).then(files => {
        const { library, diagnostics } = loadStandardsLibrary(version, files);
        if (!library) {
          this.options.logger?.error(
            `Standards ${version} in ${root} have errors; projects pinning it do not compile: ${diagnostics
              .filter(d => d.severity === 'error')
              .slice(0, 5)
              .map(d => formatProjectCompilerDiagnostic(d))
              .join('; ')}`,
          );
        }
        return { version, files, ...(library && { library }) };
      });
      // A failed read (a disk error) is tried again next time.
      loading.catch(() => this.loaded.delete(version));
      this.loaded.set(version, loading);
    }
    return loading;
  }
}

/** The `standardsVersion` of the files' `meshwork.yaml`, if it parses and has one. */
function pinnedStandardsVersion(
  files: readonly ProjectSourceFile[],
): string | undefined {
  const project = files.find(f => f.path === projectFileKinds.project.glob);
  return project
    ? parseProjectFile('project', project.path, project.text).value
        ?.standardsVersion
    : undefined;
}
