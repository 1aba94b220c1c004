import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  CatalogService,
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  ANNOTATION_DATA_PROJECT,
  DataProductEntityV1alpha1,
} from '@meshwork/data-mesh-common';
import {
  DATA_PROJECT_CHANGED_TOPIC,
  DataProjectChangedEvent,
  StandardsLibraries,
  SUBSCRIPTION_CHANGED_TOPIC,
} from '@meshwork/data-mesh-node';
import {
  RegisteredDataProject,
  RegisteredDataProjects,
} from './RegisteredDataProjects';
import { readDataProductEntityProviderConfig } from './DataProductEntityProviderConfig';
import { ProjectDataProducts } from './ProjectDataProducts';
import {
  ConsumersByProduct,
  DataProductConsumers,
} from './DataProductConsumers';

/** What one project contributed to the catalog at the last refresh. */
interface ProjectProducts {
  readonly project: RegisteredDataProject;
  readonly entities: readonly DataProductEntityV1alpha1[];
}

/**
 * Publishes one `DataProduct` entity per dataset of every data project
 * registered in the catalog (Components of `spec.type: data-project` with
 * the `meshwork.io/project-repo` annotation): it reads each project through
 * its `ProjectSource`, compiles it, and builds the entities with
 * `manifestToDataProductEntities`. Internal datasets are published too;
 * who may see them is the permission policy's business.
 *
 * Like Backstage's `GithubEntityProvider`, it refreshes on a schedule
 * (`catalog.providers.dataMesh.schedule`, every minute by default) with a
 * full mutation, and at once for one project on an event of
 * `DATA_PROJECT_CHANGED_TOPIC` (which the data-mesh backend publishes after
 * a commit) or a call of {@link DataProductEntityProvider.refreshProject}.
 *
 * A project that cannot be read or does not compile is logged and keeps
 * the products of its last good read (none if it never had one); the
 * other projects' products are unaffected.
 *
 * With `discovery`, each product carries its consuming teams
 * (`spec.consumers`, from which the processor makes `subscribedBy` and
 * `subscribesTo` relations): the data-mesh backend's approved
 * subscriptions, read at every refresh and at once on an event of
 * `SUBSCRIPTION_CHANGED_TOPIC`. When they cannot be read, a warning is
 * logged and the products keep the consumers of the last good read (none
 * before one): subscriptions never hold back the products themselves.
 *
 * @public
 */
export class DataProductEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** By project entity ref: what each project contributed last. */
  private published = new Map<string, ProjectProducts>();
  /** Refreshes run one at a time, in the order they were asked for. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * The provider as `catalog.providers.dataMesh` configures it, reading
   * the data projects through the catalog with the module's own
   * credentials.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      events?: EventsService;
      /** Finds the data-mesh backend, to read the products' consumers. */
      discovery?: DiscoveryService;
      /** Runs the scheduled refresh; else one is made from `scheduler`. */
      schedule?: SchedulerServiceTaskRunner;
      scheduler?: SchedulerService;
    },
  ): DataProductEntityProvider {
    if (!options.schedule && !options.scheduler) {
      throw new Error('Either schedule or scheduler must be provided.');
    }
    const providerConfig = readDataProductEntityProviderConfig(config);
    const taskRunner =
      options.schedule ??
      options.scheduler!.createScheduledTaskRunner(providerConfig.schedule);
    const projects = new RegisteredDataProjects({
      catalog: options.catalog,
      auth: options.auth,
      urlReader: options.urlReader,
      integrations: ScmIntegrations.fromConfig(config),
      logger: options.logger,
      recheckAfterMs: providerConfig.recheckAfterMs,
    });
    const consumers =
      options.discovery &&
      new DataProductConsumers({
        discovery: options.discovery,
        auth: options.auth,
      });
    return new DataProductEntityProvider(
      projects,
      options.logger,
      taskRunner,
      options.events,
      consumers,
      StandardsLibraries.fromConfig(config, options.logger),
    );
  }

  private readonly logger: LoggerService;
  private readonly products: ProjectDataProducts;
  /** The consumers of the last good read of the subscriptions. */
  private lastConsumers: ConsumersByProduct = new Map();

  private constructor(
    private readonly projects: RegisteredDataProjects,
    logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
    private readonly events?: EventsService,
    private readonly consumers?: DataProductConsumers,
    standards?: StandardsLibraries,
  ) {
    this.logger = logger.child({ target: this.getProviderName() });
    this.products = new ProjectDataProducts(standards);
  }

  /** {@inheritdoc @backstage/plugin-catalog-node#EntityProvider.getProviderName} */
  getProviderName(): string {
    return 'DataProductEntityProvider';
  }

  /** {@inheritdoc @backstage/plugin-catalog-node#EntityProvider.connect} */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.events?.subscribe({
      id: this.getProviderName(),
      topics: [DATA_PROJECT_CHANGED_TOPIC, SUBSCRIPTION_CHANGED_TOPIC],
      onEvent: params => this.onEvent(params),
    });
    const id = `${this.getProviderName()}:refresh`;
    await this.taskRunner.run({
      id,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.logger.error(`${id} failed: ${error}`);
        }
      },
    });
  }

  /**
   * Reads every registered data project and replaces all DataProducts of
   * this provider in the catalog (a full mutation).
   */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      const connection = this.connected();
      const projects = await this.projects.list();
      const published = new Map<string, ProjectProducts>();
      const failed: string[] = [];
      for (const project of projects) {
        const entities = await this.read(project);
        if (entities) {
          published.set(project.entityRef, { project, entities });
        } else {
          failed.push(project.name);
          const last = this.published.get(project.entityRef);
          if (last) published.set(project.entityRef, { ...last, project });
        }
      }
      this.products.retain(new Set(published.keys()));

      const entities = this.deduplicate([...published.values()]);
      const consumers = await this.readConsumers();
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => this.deferred(entity, consumers)),
      });
      this.published = published;
      this.logger.info(
        `Published ${entities.length} DataProducts of ${
          projects.length
        } data projects${
          failed.length
            ? `; ${failed.join(
                ', ',
              )} kept their last products, see the errors above`
            : ''
        }`,
      );
    });
  }

  /**
   * Reads one data project again at once and updates its DataProducts
   * (a delta mutation), e.g. after a commit to it. A project that is not
   * registered (any more) loses its products. Resolves when the catalog has
   * taken the change; throws when the project cannot be read or compiled,
   * leaving its products as they were.
   */
  refreshProject(name: string): Promise<void> {
    return this.enqueue(async () => {
      const connection = this.connected();
      const project = (await this.projects.list()).find(p => p.name === name);
      const before = [...this.published.values()].find(
        p => p.project.name === name,
      );
      let entities: readonly DataProductEntityV1alpha1[] = [];
      if (project) {
        entities = await this.products.of(project);
      }
      const others = [...this.published.values()].filter(
        p => p.project.name !== name,
      );
      const kept = this.deduplicate(
        project ? [...others, { project, entities }] : others,
      ).filter(e => e.metadata.annotations?.[ANNOTATION_DATA_PROJECT] === name);
      const keptRefs = new Set(kept.map(e => stringifyEntityRef(e)));
      const removed = [
        ...(before?.entities ?? []).map(e => stringifyEntityRef(e)),
        ...(await this.publishedInCatalog(name)),
      ].filter(ref => !keptRefs.has(ref));

      const consumers = await this.readConsumers();
      await connection.applyMutation({
        type: 'delta',
        added: kept.map(entity => this.deferred(entity, consumers)),
        removed: [...new Set(removed)].map(entityRef => ({
          entityRef,
          locationKey: this.getProviderName(),
        })),
      });
      if (before) this.published.delete(before.project.entityRef);
      if (project) this.published.set(project.entityRef, { project, entities });
      this.logger.info(
        `Data project ${name}: published ${kept.length} DataProducts, removed ${
          new Set(removed).size
        }`,
      );
    });
  }

  /**
   * Both topics name the project to read again: its files changed, or a
   * subscription to one of its products did (the product's consumers are
   * read with it).
   */
  private async onEvent(params: EventParams): Promise<void> {
    const { topic } = params;
    if (
      topic !== DATA_PROJECT_CHANGED_TOPIC &&
      topic !== SUBSCRIPTION_CHANGED_TOPIC
    ) {
      return;
    }
    const project = (params.eventPayload as Partial<DataProjectChangedEvent>)
      ?.project;
    if (typeof project !== 'string' || !project) {
      this.logger.warn(`Ignored an event on ${topic} without a project name`);
      return;
    }
    try {
      await this.refreshProject(project);
    } catch (error) {
      this.logger.error(
        `Data project ${project} not refreshed after ${
          topic === SUBSCRIPTION_CHANGED_TOPIC
            ? 'a change of a subscription to it'
            : 'its change'
        }: ${error}`,
      );
    }
  }

  /**
   * The consuming teams of every product now, or of the last good read
   * when the data-mesh backend cannot tell.
   */
  private async readConsumers(): Promise<ConsumersByProduct> {
    if (!this.consumers) return this.lastConsumers;
    try {
      this.lastConsumers = await this.consumers.read();
    } catch (error) {
      this.logger.warn(
        `DataProducts published with the consumers last read, since the data-mesh subscriptions could not be read: ${
          (error as Error).message ?? error
        }`,
      );
    }
    return this.lastConsumers;
  }

  /** The project's products, or undefined after logging why there are none. */
  private async read(
    project: RegisteredDataProject,
  ): Promise<readonly DataProductEntityV1alpha1[] | undefined> {
    try {
      return await this.products.of(project);
    } catch (error) {
      this.logger.error(
        `Data project ${project.entityRef} skipped: ${
          (error as Error).message ?? error
        }`,
      );
      return undefined;
    }
  }

  /**
   * The products of every project, each name once: two projects with a
   * dataset of the same name would make the same entity, so the first
   * project in entity ref order keeps it and the clash is logged.
   */
  private deduplicate(
    contributions: readonly ProjectProducts[],
  ): DataProductEntityV1alpha1[] {
    const sorted = [...contributions].sort((a, b) =>
      a.project.entityRef.localeCompare(b.project.entityRef),
    );
    const owners = new Map<string, string>();
    const entities: DataProductEntityV1alpha1[] = [];
    for (const { project, entities: products } of sorted) {
      for (const entity of products) {
        const ref = stringifyEntityRef(entity);
        const owner = owners.get(ref);
        if (owner) {
          this.logger.warn(
            `DataProduct ${ref} of data project ${project.name} skipped: data project ${owner} has a dataset of the same name`,
          );
          continue;
        }
        owners.set(ref, project.name);
        entities.push(entity);
      }
    }
    return entities;
  }

  /**
   * The DataProducts the catalog holds for the project: after a restart,
   * or on another replica, this instance may not know what was published.
   */
  private async publishedInCatalog(project: string): Promise<string[]> {
    return this.projects.productRefs(project);
  }

  private deferred(
    entity: DataProductEntityV1alpha1,
    consumers: ConsumersByProduct,
  ): DeferredEntity {
    const teams = consumers.get(
      stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    );
    return {
      entity: teams?.length
        ? { ...entity, spec: { ...entity.spec, consumers: teams } }
        : entity,
      locationKey: this.getProviderName(),
    };
  }

  private connected(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    return this.connection;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
