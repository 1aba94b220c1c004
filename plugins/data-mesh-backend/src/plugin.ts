import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import * as polyglotSql from '@polyglot-sql/sdk';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  DATA_PROJECT_CHANGED_TOPIC,
  DataProjectChangedEvent,
  dataMeshEnginesExtensionPoint,
  dataProjectPermissionResourceRef,
  dataProjectPermissionRules,
  GithubProjectGit,
  dataProductPermissionResourceRef,
  dataProductPermissionRules,
  normalizeOwnerRef,
  StandardsLibraries,
} from '@meshwork/data-mesh-node';
import {
  DATA_MESH_PLUGIN_ID,
  dataProductBasicPermissions,
  dataProductPermissions,
  dataProjectPermissions,
  initSqlParser,
} from '@meshwork/data-mesh-common';
import { DatabaseFactsStore } from './database';
import { FreshnessMonitor } from './service/alerts/FreshnessMonitor';
import {
  BilledUsageReconciler,
  BILLING_TASK_ID,
} from './service/billing/BilledUsageReconciler';
import { RunAlerts } from './service/alerts/RunAlerts';
import {
  DEMO_HISTORY_TASK_ID,
  DemoRunHistory,
  readDemoHistoryDays,
} from './service/demo/DemoRunHistory';
import { BUDGET_TASK_ID, BudgetMonitor } from './service/budgets/BudgetMonitor';
import { readBudgetSettings } from './service/budgets/budgetSettings';
import { EngineRegistry } from './service/EngineRegistry';
import { DataProjectAuthorizer } from './service/permissions/DataProjectAuthorizer';
import { CatalogDataProjects } from './service/projects/CatalogDataProjects';
import { ProjectRepository } from './service/projects/ProjectRepository';
import {
  createPreviewRouter,
  PreviewAccessPolicy,
  readPreviewConfig,
} from './service/preview';
import { LoadedProjectCache } from './service/preview/LoadedProjectCache';
import { createSampleRouter } from './service/api/createSampleRouter';
import { DatasetSampleService } from './service/sample/DatasetSampleService';
import { DatasetReadsService } from './service/reads/DatasetReadsService';
import { SubscriptionGrants } from './service/subscriptions/SubscriptionGrants';
import { SubscriptionNotifier } from './service/subscriptions/SubscriptionNotifier';
import { createRouter } from './service/router';
import { CatalogCommitAuthors } from './service/editor/CatalogCommitAuthors';
import { createJobEditorRouter } from './service/editor/createJobEditorRouter';
import { createPipelineEditorRouter } from './service/editor/createPipelineEditorRouter';
import { JobEditorService } from './service/editor/JobEditorService';
import { PipelineDraftStore } from './service/editor/PipelineDraftStore';
import { createPipelineTestsRouter } from './service/tests/createPipelineTestsRouter';
import { pipelineTestRunner } from './service/tests/pipelineTestRunner';
import { PipelineTestResultStore } from './service/tests/PipelineTestResultStore';
import { PipelineTestService } from './service/tests/PipelineTestService';
import { PipelineEditorService } from './service/editor/PipelineEditorService';
import { ProductDirectory } from './service/subscriptions/ProductDirectory';
import { SubscriptionService } from './service/subscriptions/SubscriptionService';
import { SubscriptionChangePublisher } from './service/subscriptions/SubscriptionChangePublisher';
import { SubscriptionStore } from './service/subscriptions/SubscriptionStore';
import { SubscribedTeams } from './service/subscriptions/SubscribedTeams';
import {
  approversOf,
  readSubscriptionSettings,
} from './service/subscriptions/subscriptionSettings';
import {
  ABANDONED_RUNS_TASK_ID,
  AbandonedRunSweeper,
} from './service/runs/AbandonedRunSweeper';
import { JobRunner } from './service/runs/JobRunner';
import { readRunnerSettings } from './service/runs/runnerSettings';
import {
  JobScheduler,
  SCHEDULE_JOBS_TASK_ID,
} from './service/runs/scheduleJobs';
import { version } from '../package.json';

/**
 * The Meshwork data-mesh backend plugin.
 *
 * @public
 */
export const dataMeshPlugin = createBackendPlugin({
  pluginId: DATA_MESH_PLUGIN_ID,
  register(env) {
    const engines = new EngineRegistry();
    env.registerExtensionPoint(dataMeshEnginesExtensionPoint, {
      addEngine: engine => engines.add(engine),
      addJobExecutor: executor => engines.addExecutor(executor),
    });

    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        userInfo,
        logger,
        config,
        database,
        scheduler,
        lifecycle,
        auth,
        urlReader,
        catalog,
        notifications,
        events,
      }) {
        // Compiling (previews, job runs) checks SQL gems with a parser
        // that loads asynchronously; until it has, SQL gems are refused.
        // Node resolves the parser's CommonJS build: no dynamic import().
        await initSqlParser(async () => polyglotSql);
        const settings = readRunnerSettings(config);
        const budgetSettings = readBudgetSettings(config);
        const integrations = ScmIntegrations.fromConfig(config);
        const projects = new ProjectRepository(
          CatalogDataProjects.fromConfig(config, {
            catalog,
            auth,
            urlReader,
            integrations,
            logger,
            // Projects on GitHub are committed to through its API; on other
            // hosts the editors answer 501.
            repositoryAt: url =>
              GithubProjectGit.fromUrl(url, { integrations }),
          }),
          { standards: StandardsLibraries.fromConfig(config, logger) },
        );
        const facts = await DatabaseFactsStore.create({ database });

        permissionsRegistry.addResourceType({
          resourceRef: dataProjectPermissionResourceRef,
          permissions: dataProjectPermissions,
          rules: dataProjectPermissionRules,
          getResources: names =>
            Promise.all(
              names.map(async name =>
                (await projects.has(name))
                  ? {
                      name,
                      owners: (await projects.owners(name)).map(
                        normalizeOwnerRef,
                      ),
                    }
                  : undefined,
              ),
            ),
        });
        // Who approves access to a product is this backend's config
        // (`dataMesh.subscriptions`); the policy's rule compares claims.
        const subscriptionSettings = readSubscriptionSettings(config);
        const products = new ProductDirectory({ catalog, auth });
        permissionsRegistry.addResourceType({
          resourceRef: dataProductPermissionResourceRef,
          permissions: dataProductPermissions,
          rules: dataProductPermissionRules,
          getResources: refs =>
            Promise.all(
              refs.map(async ref => {
                const product = await products.get(ref);
                return (
                  product && {
                    ref: product.ref,
                    owners: product.owners,
                    approvers: approversOf(
                      product.owners,
                      subscriptionSettings,
                    ),
                  }
                );
              }),
            ),
        });
        permissionsRegistry.addPermissions(dataProductBasicPermissions);
        const subscriptionStore = await SubscriptionStore.create({ database });
        const subscriptionChanges = new SubscriptionChangePublisher({
          events,
          logger,
        });
        const subscriptions = new SubscriptionService({
          onChange: subscription => subscriptionChanges.changed(subscription),
          store: subscriptionStore,
          products,
          permissions,
          userInfo,
          // Granted in the warehouse the datasets' tables are written to.
          grants: new SubscriptionGrants({
            engines,
            engineId: settings.engine,
            projects: new LoadedProjectCache(projects),
          }),
          notifier: new SubscriptionNotifier({ notifications, logger }),
          settings: subscriptionSettings,
          logger,
          expiryWarningDays: subscriptionSettings.expiryWarningDays,
        });
        await scheduler.scheduleTask({
          id: 'data-mesh:subscription-expiry',
          frequency: { minutes: 15 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          scope: 'global',
          // Expiries, their grants' removal (and retries of removals that
          // failed), and warnings of expiries coming up; each expiry is
          // told to onChange.
          fn: () => subscriptions.checkExpiries(new Date()),
        });
        const authorizer = new DataProjectAuthorizer({
          httpAuth,
          permissions,
          projects,
        });

        const alerts = new RunAlerts({
          facts,
          notifications,
          logger,
          platformTeam: settings.platformTeam,
        });

        // Nothing executes the runs this instance left queued or running
        // before a restart, nor those of instances that stopped meanwhile;
        // without this they would show as running forever. Runs of live
        // replicas keep their heartbeat fresh and are left alone.
        const abandonedRuns = new AbandonedRunSweeper({
          facts,
          alerts,
          logger,
          settings,
        });
        await abandonedRuns.failInterruptedRuns();
        await scheduler.scheduleTask({
          id: ABANDONED_RUNS_TASK_ID,
          frequency: { milliseconds: settings.heartbeatTimeoutMs / 2 },
          timeout: { minutes: 1 },
          initialDelay: { milliseconds: settings.heartbeatTimeoutMs },
          scope: 'global',
          fn: async () => {
            await abandonedRuns.sweep();
          },
        });

        // Budgets are checked as each run's cost is recorded, and on a
        // schedule for billed usage replacing estimates later.
        const budgetMonitor =
          budgetSettings.budgets.length > 0
            ? new BudgetMonitor({
                facts,
                projects,
                notifications,
                logger,
                budgets: budgetSettings.budgets,
                platformTeam: settings.platformTeam,
              })
            : undefined;
        const runner = new JobRunner({
          projects,
          facts,
          engines,
          alerts,
          logger,
          settings,
          ...(budgetMonitor && {
            afterRun: () => budgetMonitor.check(new Date()),
          }),
        });
        lifecycle.addShutdownHook(() => runner.stop());

        if (settings.enabled) {
          const jobs = new JobScheduler({
            projects,
            runner,
            scheduler,
            logger,
            settings,
          });
          // Each replica schedules the jobs of the projects the catalog
          // holds, then of those registered later. Not at once: the
          // catalog answers once the backend is up and has read its
          // locations.
          await scheduler.scheduleTask({
            id: SCHEDULE_JOBS_TASK_ID,
            frequency: { minutes: 1 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 10 },
            scope: 'local',
            fn: async () => {
              await jobs.scheduleNewProjects();
            },
          });
        }
        const freshness = new FreshnessMonitor({
          projects,
          facts,
          alerts,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'data-mesh:freshness-sla',
          frequency: { minutes: settings.freshnessCheckMinutes },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          scope: 'global',
          fn: () => freshness.check(new Date()),
        });

        if (budgetMonitor) {
          await scheduler.scheduleTask({
            id: BUDGET_TASK_ID,
            frequency: { minutes: budgetSettings.checkMinutes },
            timeout: { minutes: 5 },
            initialDelay: { minutes: 1 },
            scope: 'global',
            fn: () => budgetMonitor.check(new Date()),
          });
        }

        // A demo portal starts with a synthetic past of its jobs, written
        // once the catalog lists the projects, into an empty store only.
        const demoHistoryDays = readDemoHistoryDays(config);
        if (demoHistoryDays !== undefined) {
          const history = new DemoRunHistory({
            projects,
            facts,
            logger,
            days: demoHistoryDays,
            engine: settings.executor ?? settings.engine,
            dbuPerHour: settings.dbuPerHour,
          });
          await scheduler.scheduleTask({
            id: DEMO_HISTORY_TASK_ID,
            frequency: { seconds: 15 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 5 },
            scope: 'global',
            fn: async () => {
              await history.writeIfEmpty();
            },
          });
        }

        if (settings.executor !== undefined) {
          const billing = new BilledUsageReconciler({
            facts,
            engines,
            projects,
            logger,
            executor: settings.executor,
          });
          await scheduler.scheduleTask({
            id: BILLING_TASK_ID,
            frequency: { minutes: settings.billingCheckMinutes },
            timeout: { minutes: 10 },
            initialDelay: { minutes: 5 },
            scope: 'global',
            fn: async () => {
              await billing.check(new Date());
            },
          });
        }

        // Approved subscriptions with applied grants let their teams see
        // the granted columns, in previews and samples.
        const previewAccess = new PreviewAccessPolicy({
          subscriptions: subscriptionStore,
        });
        const previewConfig = readPreviewConfig(config);
        const reads = new DatasetReadsService({ facts, projects, logger });
        const commitAuthors = new CatalogCommitAuthors({ catalog, auth });
        const announceCommit = async (project: string) =>
          events.publish({
            topic: DATA_PROJECT_CHANGED_TOPIC,
            eventPayload: { project } satisfies DataProjectChangedEvent,
          });
        httpRouter.use(
          await createRouter({
            engines,
            version,
            facts,
            projects,
            runner,
            authorizer,
            logger,
            monitoring: {
              budgets: budgetSettings.budgets,
              userInfo,
              platformTeam: settings.platformTeam,
            },
            httpAuth,
            subscriptions,
            subscribedTeams: new SubscribedTeams(subscriptionStore),
            preview: await createPreviewRouter({
              engines,
              projects,
              facts,
              config,
              logger,
              authorizer,
              userInfo,
              access: previewAccess,
            }),
            reads,
            editor: createPipelineEditorRouter({
              authorizer,
              editor: new PipelineEditorService({
                projects,
                drafts: await PipelineDraftStore.create({ database }),
                logger,
                onCommit: announceCommit,
              }),
              authorOf: ref => commitAuthors.authorOf(ref),
            }),
            jobEditor: createJobEditorRouter({
              authorizer,
              editor: new JobEditorService({
                projects,
                logger,
                onCommit: announceCommit,
              }),
              authorOf: ref => commitAuthors.authorOf(ref),
            }),
            tests: createPipelineTestsRouter({
              authorizer,
              tests: new PipelineTestService({
                projects,
                store: await PipelineTestResultStore.create({ database }),
                runner: pipelineTestRunner,
              }),
            }),
            sample: createSampleRouter({
              authorizer,
              userInfo,
              samples: new DatasetSampleService({
                engines,
                engineId: previewConfig.engine,
                projects: new LoadedProjectCache(projects),
                access: previewAccess,
                timeoutMs: previewConfig.timeoutMs,
                reads,
              }),
            }),
          }),
        );

        // Readiness probes and the portal's status card read it before sign-in.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
