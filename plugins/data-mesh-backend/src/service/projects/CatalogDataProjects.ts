import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DataProjectSources,
  ProjectSourceOptions,
  dataProjectsOfComponents,
} from '@meshwork/data-mesh-node';
import { positiveNumber } from '../runs/runnerSettings';
import { DataProject, DataProjectDirectory } from './ProjectRepository';

/** The `spec.type` of a data project's catalog Component. */
export const DATA_PROJECT_COMPONENT_TYPE = 'data-project';

const DEFAULT_REFRESH_SECONDS = 60;
/**
 * A name the catalog did not know may be asked for again at once (a
 * portal page naming a project registered a moment ago); it is looked up
 * again at most this often, so that requests for names that do not exist
 * cannot turn into a stream of catalog queries.
 */
const MISS_REFRESH_MS = 5_000;

/**
 * How long a project read from a repository is reused before the SCM is
 * asked whether it changed: a burst of previews costs one request.
 */
const DEFAULT_RECHECK_SECONDS = 10;

/**
 * The data projects registered in the catalog: Components of `spec.type:
 * data-project`, named by `metadata.name`, whose
 * `meshwork.io/project-repo` annotation says where their files are. The
 * list is kept for `dataMesh.projects.refreshSeconds` and fetched again
 * after that, or sooner when a name is asked for that it does not hold.
 */
export class CatalogDataProjects implements DataProjectDirectory {
  static fromConfig(
    config: Config,
    options: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      logger: LoggerService;
      /** The repository of a project's URL, where the editors commit. */
      repositoryAt?: ProjectSourceOptions['repositoryAt'];
    },
  ): CatalogDataProjects {
    const projects = config.getOptionalConfig('dataMesh.projects');
    for (const key of projects?.keys() ?? []) {
      if (key !== 'refreshSeconds' && key !== 'recheckSeconds') {
        options.logger.warn(
          `dataMesh.projects.${key} is not read: data projects come from the catalog, as Components of spec.type ${DATA_PROJECT_COMPONENT_TYPE} with the annotation meshwork.io/project-repo`,
        );
      }
    }
    const refreshSeconds = positiveNumber(
      config,
      'dataMesh.projects.refreshSeconds',
      DEFAULT_REFRESH_SECONDS,
    );
    const recheckSeconds =
      config.getOptionalNumber('dataMesh.projects.recheckSeconds') ??
      DEFAULT_RECHECK_SECONDS;
    if (!(recheckSeconds >= 0)) {
      throw new Error(
        `dataMesh.projects.recheckSeconds must be a number of seconds, 0 or more, got ${recheckSeconds}`,
      );
    }
    return new CatalogDataProjects({
      ...options,
      refreshMs: refreshSeconds * 1000,
      recheckMs: recheckSeconds * 1000,
    });
  }

  private known?: {
    readonly projects: ReadonlyMap<string, DataProject>;
    readonly fetchedAt: number;
  };
  private fetching?: Promise<ReadonlyMap<string, DataProject>>;
  /** The warnings about skipped Components that the last fetch logged. */
  private warned: ReadonlySet<string> = new Set();
  /** Sources by name and location: each keeps its last read across fetches. */
  private readonly sources: DataProjectSources;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      logger: LoggerService;
      repositoryAt?: ProjectSourceOptions['repositoryAt'];
      refreshMs: number;
      /** How long a repository's last read is reused without asking. */
      recheckMs?: number;
    },
  ) {
    this.sources = new DataProjectSources({
      urlReader: options.urlReader,
      recheckAfterMs: options.recheckMs,
      repositoryAt: options.repositoryAt,
    });
  }

  async list(): Promise<readonly DataProject[]> {
    const known = this.known;
    const fresh =
      known && Date.now() - known.fetchedAt < this.options.refreshMs;
    const projects = fresh ? known.projects : await this.fetch();
    return [...projects.values()];
  }

  async find(name: string): Promise<DataProject | undefined> {
    const listed = (await this.list()).find(p => p.name === name);
    if (listed) return listed;
    if (this.known && Date.now() - this.known.fetchedAt < MISS_REFRESH_MS) {
      return undefined;
    }
    return (await this.fetch()).get(name);
  }

  /** Fetches the list from the catalog; callers arriving meanwhile share it. */
  private fetch(): Promise<ReadonlyMap<string, DataProject>> {
    this.fetching ??= this.fetchFromCatalog().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async fetchFromCatalog(): Promise<ReadonlyMap<string, DataProject>> {
    const { catalog, auth, logger } = this.options;
    let entities;
    try {
      ({ items: entities } = await catalog.getEntities(
        {
          filter: {
            kind: 'Component',
            'spec.type': DATA_PROJECT_COMPONENT_TYPE,
          },
          fields: ['kind', 'metadata', 'spec.type'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      ));
    } catch (error) {
      if (!this.known) throw error;
      // The catalog being away for a moment must not make every project
      // unknown: keep the last list until the next try.
      logger.warn(
        `Data projects not refreshed from the catalog, keeping the last list: ${error}`,
      );
      this.known = { ...this.known, fetchedAt: Date.now() };
      return this.known.projects;
    }

    const projects = new Map<string, DataProject>();
    const warnings = new Set<string>();
    const found = dataProjectsOfComponents(entities, this.options.integrations);
    for (const message of found.skipped) {
      warnings.add(message);
      // Once, not on every refresh while the Component stays as it is.
      if (!this.warned.has(message)) logger.warn(message);
    }
    for (const { name, entityRef, location } of found.projects) {
      projects.set(name, {
        name,
        entityRef,
        source: this.sources.sourceOf(name, location),
      });
    }
    this.warned = warnings;
    this.known = { projects, fetchedAt: Date.now() };
    return projects;
  }
}
