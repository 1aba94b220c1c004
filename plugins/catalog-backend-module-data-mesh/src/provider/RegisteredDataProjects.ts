import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_DATA_PROJECT,
  DATA_PROJECT_COMPONENT_TYPE,
} from '@meshwork/data-mesh-common';
import {
  DataProjectLocation,
  DataProjectSources,
  dataProjectsOfComponents,
  ProjectSource,
} from '@meshwork/data-mesh-node';

/** A data project registered in the catalog, ready to be read. */
export interface RegisteredDataProject {
  /** Its name: the Component's `metadata.name`. */
  readonly name: string;
  /** The Component's entity ref. */
  readonly entityRef: string;
  /** The Component's `spec.lifecycle`, which its products share. */
  readonly lifecycle: string;
  readonly location: DataProjectLocation;
  readonly source: ProjectSource;
}

/**
 * The data projects registered in the catalog: Components of `spec.type:
 * data-project` whose `meshwork.io/project-repo` annotation says where
 * their files are, found as the data-mesh backend finds them
 * (`dataProjectsOfComponents`). A Component that registers none is
 * skipped with one warning for as long as it stays so. Each project keeps its `ProjectSource` across listings, so a
 * read of unchanged files stays cheap.
 */
export class RegisteredDataProjects {
  private readonly sources: DataProjectSources;
  private warned: ReadonlySet<string> = new Set();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      logger: LoggerService;
      recheckAfterMs?: number;
    },
  ) {
    this.sources = new DataProjectSources(options);
  }

  /** The data projects now, sorted by entity ref. */
  async list(): Promise<RegisteredDataProject[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Component', 'spec.type': DATA_PROJECT_COMPONENT_TYPE },
        fields: ['kind', 'metadata', 'spec.type', 'spec.lifecycle'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );

    const found = dataProjectsOfComponents(items, this.options.integrations);
    const warnings = new Set(found.skipped);
    for (const message of warnings) {
      // Once, not on every refresh while the Component stays as it is.
      if (!this.warned.has(message)) this.options.logger.warn(message);
    }
    this.warned = warnings;
    return found.projects.map(({ name, entityRef, entity, location }) => ({
      name,
      entityRef,
      lifecycle: lifecycleOf(entity),
      location,
      source: this.sources.sourceOf(entityRef, location),
    }));
  }

  /**
   * Refs of the DataProducts the catalog holds for a data project (by
   * their `meshwork.io/project` annotation).
   */
  async productRefs(project: string): Promise<string[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'DataProduct',
          [`metadata.annotations.${ANNOTATION_DATA_PROJECT}`]: project,
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.map(entity => stringifyEntityRef(entity));
  }
}

function lifecycleOf(entity: Entity): string {
  const lifecycle = entity.spec?.lifecycle;
  return typeof lifecycle === 'string' && lifecycle ? lifecycle : 'production';
}
