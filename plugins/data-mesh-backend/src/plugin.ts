import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { dataMeshEnginesExtensionPoint } from '@meshwork/data-mesh-node';
import { DATA_MESH_PLUGIN_ID } from '@meshwork/data-mesh-common';
import { DatabaseFactsStore } from './database';
import { FreshnessMonitor } from './service/alerts/FreshnessMonitor';
import {
  BilledUsageReconciler,
  BILLING_TASK_ID,
} from './service/billing/BilledUsageReconciler';
import { RunAlerts } from './service/alerts/RunAlerts';
import { EngineRegistry } from './service/EngineRegistry';
import { ProjectRepository } from './service/projects/ProjectRepository';
import { createPreviewRouter } from './service/preview';
import { createRouter } from './service/router';
import { JobRunner } from './service/runs/JobRunner';
import { readRunnerSettings } from './service/runs/runnerSettings';
import { scheduleJobs } from './service/runs/scheduleJobs';
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
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        notifications: notificationService,
      },
      async init({
        httpRouter,
        httpAuth,
        userInfo,
        logger,
        config,
        database,
        scheduler,
        lifecycle,
        notifications,
      }) {
        const settings = readRunnerSettings(config);
        const projects = ProjectRepository.fromConfig(config);
        const facts = await DatabaseFactsStore.create({ database });

        // Nothing executes runs left queued or running by a previous
        // process; without this they would show as running forever.
        const interrupted = await facts.markInterruptedRuns(new Date());
        if (interrupted > 0) {
          logger.warn(
            `Marked ${interrupted} job run(s) interrupted by a backend restart as failed`,
          );
        }

        const alerts = new RunAlerts({
          facts,
          notifications,
          logger,
          platformTeam: settings.platformTeam,
        });
        const runner = new JobRunner({
          projects,
          facts,
          engines,
          alerts,
          logger,
          settings,
        });
        lifecycle.addShutdownHook(() => runner.stop());

        if (settings.enabled) {
          const scheduled = await scheduleJobs({
            projects,
            runner,
            scheduler,
            logger,
            settings,
          });
          logger.info(`Scheduled ${scheduled.length} job(s)`);
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

        httpRouter.use(
          await createRouter({
            engines,
            version,
            facts,
            projects,
            runner,
            httpAuth,
          }),
        );
        httpRouter.use(
          await createPreviewRouter({
            engines,
            projects,
            facts,
            config,
            logger,
            httpAuth,
            userInfo,
          }),
        );

        // Readiness probes and the portal's status card read it before sign-in.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
