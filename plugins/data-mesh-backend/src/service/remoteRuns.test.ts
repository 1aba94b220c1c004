/** @jest-environment node */
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import duckdbModule from '@meshwork/data-mesh-backend-module-duckdb';
import {
  dataMeshEnginesExtensionPoint,
  JobExecutor,
  RemoteJobRequest,
  RemoteJobResult,
} from '@meshwork/data-mesh-node';
import request from 'supertest';
import { Knex } from 'knex';
import { dataMeshPlugin } from '../plugin';
import {
  capturedNotifications,
  DAILY_SUMMARY_TASKS,
  helloWorldWorkspaces,
  PLATFORM_TEAM,
  SALES_TEAM,
} from './__testUtils__/helloWorldWorkspace';
import { dataProjectComponent } from './__testUtils__/demoRoles';
import { hasEnded, startRun, waitForRun } from './__testUtils__/runRequests';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const workspace = helloWorldWorkspaces('data-mesh-remote-');

/**
 * Stands in for Databricks: reports the run's id, then waits until the test
 * lets the run end, with `failTask` failing and its dependant skipped.
 */
class FakeExecutor implements JobExecutor {
  readonly id = 'fake-databricks';
  readonly requests: RemoteJobRequest[] = [];
  readonly billed = new Map<string, number>();
  readonly billingQueries: string[][] = [];
  failTask?: string;
  private release?: () => void;
  private gate = Promise.resolve();

  hold() {
    this.gate = new Promise(resolve => {
      this.release = resolve;
    });
  }

  finish() {
    this.release?.();
  }

  async runJob(req: RemoteJobRequest): Promise<RemoteJobResult> {
    this.requests.push(req);
    const externalRunId = String(700 + this.requests.length);
    const now = Date.now();
    const startedAt = new Date(now - 90 * 60_000);
    const endedAt = new Date(now - 30 * 60_000);
    req.onUpdate?.({
      externalRunId,
      tasks: DAILY_SUMMARY_TASKS.map(taskKey => ({ taskKey, startedAt })),
    });
    await this.gate;
    const tasks = DAILY_SUMMARY_TASKS.map(taskKey => {
      if (taskKey === this.failTask) {
        return {
          taskKey,
          status: 'failed' as const,
          startedAt,
          endedAt,
          error: '[TABLE_OR_VIEW_NOT_FOUND] bronze.orders cannot be found',
        };
      }
      if (this.failTask === 'customer_orders' && taskKey === 'compute_sales') {
        return { taskKey, status: 'skipped' as const };
      }
      return { taskKey, status: 'succeeded' as const, startedAt, endedAt };
    });
    return {
      externalRunId,
      status: this.failTask ? 'failed' : 'succeeded',
      tasks,
      message: this.failTask && `Task ${this.failTask} failed`,
    };
  }

  async fetchBilledUsage(ids: string[]) {
    this.billingQueries.push(ids);
    return ids.flatMap(id =>
      this.billed.has(id)
        ? [{ externalRunId: id, dbus: this.billed.get(id)! }]
        : [],
    );
  }
}

describe.each(databases.eachSupportedId())('remote job runs on %p', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
  });

  async function start(options: {
    project: string;
    warehouse: string;
    engine?: string;
    executor?: FakeExecutor;
    /** `dataMesh.runner.executor` when no executor is registered. */
    executorId?: string;
  }) {
    const notifications = capturedNotifications();
    let scheduler: SchedulerService | undefined;
    const probe = createBackendModule({
      pluginId: 'data-mesh',
      moduleId: 'remote-test',
      register(reg) {
        reg.registerInit({
          deps: {
            pluginScheduler: coreServices.scheduler,
            engines: dataMeshEnginesExtensionPoint,
          },
          async init({ pluginScheduler, engines }) {
            scheduler = pluginScheduler;
            if (options.executor) engines.addJobExecutor(options.executor);
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        dataMeshPlugin,
        duckdbModule,
        notifications.factory,
        probe,
        catalogServiceMock.factory({
          entities: [dataProjectComponent('hello-world', options.project)],
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            dataMesh: {
              engines: { duckdb: { path: options.warehouse } },
              runner: {
                dbuPerHour: 2,
                engine: options.engine,
                executor: options.executor?.id ?? options.executorId,
              },
            },
          },
        }),
      ],
    });
    return {
      server: backend.server,
      backend,
      notifications,
      scheduler: scheduler!,
    };
  }

  it('runs the job remotely, recording its tasks, freshness and quality', async () => {
    const ws = workspace();
    // A local run first fills the warehouse that the remote run's quality
    // checks read, as a real remote run would have.
    const local = await start(ws);
    const localRunId = await startRun(local.server);
    expect((await waitForRun(local.server, localRunId, hasEnded)).status).toBe(
      'succeeded',
    );
    await local.backend.stop();

    const executor = new FakeExecutor();
    executor.hold();
    const { server, backend, notifications, scheduler } = await start({
      ...ws,
      executor,
    });
    const runId = await startRun(server);

    // The run id is stored first, then each task is marked running.
    const running = await waitForRun(
      server,
      runId,
      run =>
        !!run.externalRunId &&
        run.tasks.length === 4 &&
        run.tasks.every((t: any) => t.status === 'running'),
    ).finally(() => executor.finish());
    expect(running).toMatchObject({ status: 'running', externalRunId: '701' });
    const run = await waitForRun(server, runId, hasEnded);

    expect(run).toMatchObject({
      status: 'succeeded',
      engine: 'fake-databricks',
      externalRunId: '701',
    });
    const [sent] = executor.requests;
    expect(sent).toMatchObject({ project: 'hello-world', job: 'DailySummary' });
    const paths = sent.files.map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'databricks.yml',
        'resources/daily_summary.job.yml',
        'generated/sql/ComputeSales.sql',
      ]),
    );
    for (const task of run.tasks) {
      expect(task).toMatchObject({ status: 'succeeded' });
      expect(
        new Date(task.endedAt).getTime() - new Date(task.startedAt).getTime(),
      ).toBe(60 * 60_000);
    }
    // An hour per task at 2 DBU an hour, estimated until billed.
    expect(run.costs).toHaveLength(4);
    for (const cost of run.costs) {
      expect(cost).toMatchObject({ estimated: true, dbus: 2 });
    }

    const quality = await request(server).get(
      `/api/data-mesh/quality?project=hello-world&dataset=DailySummary`,
    );
    const ofRun = quality.body.items.filter((r: any) => r.jobRunId === runId);
    expect(ofRun.map((r: any) => r.status)).toEqual(Array(6).fill('pass'));
    expect(notifications.sent).toEqual([]);

    expect((await scheduler.getScheduledTasks()).map(t => t.id)).toContain(
      'data-mesh:billing',
    );
    await backend.stop();
  });

  it('alerts the platform team once of a failed remote run, then bills it', async () => {
    const executor = new FakeExecutor();
    executor.failTask = 'customer_orders';
    const { server, backend, notifications, scheduler } = await start({
      ...workspace(),
      engine: 'no-such-engine',
      executor,
    });

    const run = await waitForRun(server, await startRun(server), hasEnded);

    expect(run.status).toBe('failed');
    expect(run.error).toBe(
      'task customer_orders (pipeline Join-customers-redo): [TABLE_OR_VIEW_NOT_FOUND] bronze.orders cannot be found',
    );
    expect(
      Object.fromEntries(run.tasks.map((t: any) => [t.taskKey, t.status])),
    ).toEqual({
      customer_orders: 'failed',
      customer_accounts: 'succeeded',
      account_lengths: 'succeeded',
      compute_sales: 'skipped',
    });
    const freshness = await request(server).get(
      '/api/data-mesh/freshness?project=hello-world',
    );
    const written = (dataset: string) =>
      freshness.body.items.find((f: any) => f.dataset === dataset);
    const accounts = run.tasks.find(
      (t: any) => t.taskKey === 'customer_accounts',
    );
    // Written when the remote task ended; nothing of the failed task.
    expect(written('silver_customer_accounts')).toMatchObject({
      lastWrittenAt: accounts.endedAt,
    });
    expect(written('silver_customer_orders')?.lastWrittenAt).toBeUndefined();
    expect(notifications.sent).toHaveLength(1);
    expect(notifications.to(PLATFORM_TEAM)[0].payload).toMatchObject({
      title: 'Job DailySummary of hello-world failed',
    });
    // Skipped tasks held no compute: three estimates.
    expect(run.costs).toHaveLength(3);

    // The bill is not visible yet: the estimates stay.
    await scheduler.triggerTask('data-mesh:billing');
    expect(executor.billingQueries).toEqual([['701']]);
    const cost = () =>
      request(server).get(
        '/api/data-mesh/cost?groupBy=team&project=hello-world',
      );
    expect((await cost()).body.items).toEqual([
      { team: SALES_TEAM, dbus: 6, runCount: 1, estimated: true },
    ]);

    executor.billed.set('701', 4.25);
    await scheduler.triggerTask('data-mesh:billing');
    expect((await cost()).body.items).toEqual([
      { team: SALES_TEAM, dbus: 4.25, runCount: 1, estimated: false },
    ]);
    const billed = await request(server).get(`/api/data-mesh/runs/${run.id}`);
    expect(billed.body.costs).toEqual([
      expect.objectContaining({
        dbus: 4.25,
        estimated: false,
        source: 'system.billing.usage',
        team: SALES_TEAM,
      }),
    ]);

    // Billed runs are not asked about again.
    await scheduler.triggerTask('data-mesh:billing');
    expect(executor.billingQueries).toHaveLength(2);
    expect(notifications.sent).toHaveLength(1);
    await backend.stop();
  });

  it('fails the run when the configured executor is not installed', async () => {
    const { server, backend, notifications, scheduler } = await start({
      ...workspace(),
      executorId: 'databricks',
    });
    const run = await waitForRun(server, await startRun(server), hasEnded);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(
      /no job executor 'databricks' is installed \(dataMesh.runner.executor\)/,
    );
    expect(notifications.to(PLATFORM_TEAM)).toHaveLength(1);
    // Nothing to ask for bills: the task runs and finds nothing.
    await scheduler.triggerTask('data-mesh:billing');
    await backend.stop();
  });
});
