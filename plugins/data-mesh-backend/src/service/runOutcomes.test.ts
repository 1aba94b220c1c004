/** @jest-environment node */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DuckDbEngine } from '@meshwork/data-mesh-backend-module-duckdb';
import { dataMeshEnginesExtensionPoint } from '@meshwork/data-mesh-node';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseFactsStore } from '../database';
import { dataMeshPlugin } from '../plugin';
import {
  capturedNotifications,
  DAILY_SUMMARY_TASKS,
  helloWorldWorkspaces,
  PLATFORM_TEAM,
  SALES_TEAM,
} from './__testUtils__/helloWorldWorkspace';
import {
  GatedEngine,
  WarehouseBackedRemoteExecutor,
} from './__testUtils__/runExecutors';
import { dataProjectComponent } from './__testUtils__/demoRoles';
import { runToEnd, startRun, waitForRun } from './__testUtils__/runRequests';
import { INTERRUPTED_RUN_ERROR } from './runs/AbandonedRunSweeper';

/*
 * What a run records and whom it alerts must not depend on what executed
 * it: every case runs once with the warehouse executor in the backend and
 * once with a remote executor.
 */

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const workspace = helloWorldWorkspaces('data-mesh-outcomes-');

type Workspace = ReturnType<typeof workspace>;

interface ExecutorCase {
  name: string;
  /** `dataMesh.runner.executor`. */
  executor?: string;
  /** What runs record as what executed them. */
  engine: string;
  externalRunId?: string;
}

const executors: ExecutorCase[] = [
  { name: 'the warehouse executor', engine: 'duckdb' },
  {
    name: 'a remote executor',
    executor: 'fake-databricks',
    engine: 'fake-databricks',
    externalRunId: '701',
  },
];

describe.each(databases.eachSupportedId())('job runs on %p', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
  });

  describe.each(executors)('with $name', executorCase => {
    /** A backend whose warehouse statements the test can hold. */
    async function start(ws: Workspace, runner: Record<string, unknown> = {}) {
      const notifications = capturedNotifications();
      let engine: GatedEngine | undefined;
      const warehouse = createBackendModule({
        pluginId: 'data-mesh',
        moduleId: 'gated-warehouse',
        register(reg) {
          reg.registerInit({
            deps: {
              engines: dataMeshEnginesExtensionPoint,
              lifecycle: coreServices.lifecycle,
            },
            async init({ engines, lifecycle }) {
              engine = new GatedEngine(await DuckDbEngine.open(ws.warehouse));
              engines.addEngine(engine);
              engines.addJobExecutor(
                new WarehouseBackedRemoteExecutor(engine, ws.project),
              );
              lifecycle.addShutdownHook(() => engine!.close());
            },
          });
        },
      });
      const backend = await startTestBackend({
        features: [
          dataMeshPlugin,
          warehouse,
          notifications.factory,
          catalogServiceMock.factory({
            entities: [dataProjectComponent('hello-world', ws.project)],
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              dataMesh: {
                runner: {
                  dbuPerHour: 2,
                  executor: executorCase.executor,
                  ...runner,
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
        engine: engine!,
      };
    }

    type Server = Awaited<ReturnType<typeof start>>['server'];

    function expectExecutedBy(run: any) {
      expect(run.engine).toBe(executorCase.engine);
      expect(run.externalRunId).toBe(executorCase.externalRunId);
    }

    const statuses = (run: any) =>
      Object.fromEntries(run.tasks.map((t: any) => [t.taskKey, t.status]));

    async function qualityOf(server: Server, runId: string) {
      const res = await request(server).get(
        '/api/data-mesh/quality?project=hello-world&dataset=DailySummary',
      );
      return res.body.items.filter((r: any) => r.jobRunId === runId);
    }

    it('succeeds, recording every task, the rows, freshness, quality and cost', async () => {
      const { server, backend, notifications } = await start(workspace());

      const run = await runToEnd(server);

      expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual' });
      expectExecutedBy(run);
      expect(statuses(run)).toEqual(
        Object.fromEntries(DAILY_SUMMARY_TASKS.map(t => [t, 'succeeded'])),
      );
      for (const task of run.tasks) {
        expect(task.rowsWritten).toBeGreaterThan(0);
        expect(new Date(task.endedAt).getTime()).toBeGreaterThanOrEqual(
          new Date(task.startedAt).getTime(),
        );
      }
      const computeSales = run.tasks.find(
        (t: any) => t.taskKey === 'compute_sales',
      );
      const quality = await qualityOf(server, run.id);
      expect(quality.map((r: any) => r.status)).toEqual(Array(6).fill('pass'));
      for (const result of quality) {
        expect(result.taskRunId).toBe(computeSales.id);
      }
      const freshness = await request(server).get(
        '/api/data-mesh/freshness?project=hello-world',
      );
      expect(
        freshness.body.items.find((f: any) => f.dataset === 'DailySummary'),
      ).toMatchObject({
        status: 'fresh',
        lastJobRunId: run.id,
        lastWrittenAt: computeSales.endedAt,
        rowsWritten: expect.any(Number),
      });
      expect(run.costs).toHaveLength(4);
      for (const cost of run.costs) {
        expect(cost).toMatchObject({ estimated: true, source: 'estimate' });
      }
      expect(notifications.sent).toEqual([]);
      await backend.stop();
    });

    it('fails on a task that fails, skips the rest and alerts the platform team once', async () => {
      const ws = workspace();
      ws.edit('datasets/bronze_orders.dataset.yaml', text =>
        text.replace(/^table: .*$/m, 'table: bronze.no_such_orders'),
      );
      const { server, backend, notifications } = await start(ws);

      const run = await runToEnd(server);
      const again = await runToEnd(server);

      expect(run.status).toBe('failed');
      expectExecutedBy(run);
      expect(again.status).toBe('failed');
      expect(run.error).toMatch(
        /^task customer_orders \(pipeline Join-customers-redo\): .*no_such_orders/,
      );
      expect(statuses(run)).toEqual({
        customer_orders: 'failed',
        customer_accounts: 'skipped',
        account_lengths: 'skipped',
        compute_sales: 'skipped',
      });
      // The failed task held the warehouse; the skipped ones did not.
      expect(run.costs).toHaveLength(1);
      expect(await qualityOf(server, run.id)).toEqual([]);
      expect(notifications.sent).toHaveLength(1);
      expect(notifications.to(PLATFORM_TEAM)[0].payload).toMatchObject({
        title: 'Job DailySummary of hello-world failed',
        topic: 'data-mesh:run-failed',
      });
      await backend.stop();
    });

    it('keeps a run whose quality rule fails successful and alerts the owning team once', async () => {
      const ws = workspace();
      ws.edit('datasets/DailySummary.dataset.yaml', text =>
        text.replace(
          '  sla:\n',
          '    - check: row_count\n      max: 1\n  sla:\n',
        ),
      );
      const { server, backend, notifications } = await start(ws);

      const first = await runToEnd(server);
      const second = await runToEnd(server);

      for (const run of [first, second]) {
        expect(run.status).toBe('succeeded');
        expect(run.error).toBeUndefined();
        expect(Object.values(statuses(run))).toEqual(
          Array(4).fill('succeeded'),
        );
        const failing = (await qualityOf(server, run.id)).filter(
          (r: any) => r.status !== 'pass',
        );
        expect(failing).toEqual([
          expect.objectContaining({
            ruleKey: 'row_count',
            status: 'fail',
            taskRunId: run.tasks.find((t: any) => t.taskKey === 'compute_sales')
              .id,
            message: expect.stringMatching(/above the maximum 1/),
          }),
        ]);
      }
      const freshness = await request(server).get(
        '/api/data-mesh/freshness?project=hello-world',
      );
      expect(
        freshness.body.items.find((f: any) => f.dataset === 'DailySummary'),
      ).toMatchObject({ lastJobRunId: second.id });
      expect(notifications.sent).toHaveLength(1);
      expect(notifications.to(SALES_TEAM)[0].payload).toMatchObject({
        title: 'DailySummary: "row_count(max 1)" fails',
        topic: 'data-mesh:quality-breach',
      });
      await backend.stop();
    });

    it('cancels a run still going when the backend shuts down', async () => {
      const { server, backend, notifications, engine } = await start(
        workspace(),
      );
      engine.hold();
      const runId = await startRun(server);
      await engine.waiting;
      await waitForRun(server, runId, run =>
        run.tasks.some((t: any) => t.status === 'running'),
      );

      await backend.stop();

      const facts = await DatabaseFactsStore.create({
        database: { getClient: async () => knex },
      });
      const run = await facts.getJobRun(runId);
      expect(run).toMatchObject({
        status: 'cancelled',
        error: expect.stringMatching(/was cancelled/),
      });
      expectExecutedBy(run);
      expect(
        Object.fromEntries(run!.tasks.map(t => [t.taskKey, t.status])),
      ).toEqual({
        customer_orders: 'cancelled',
        customer_accounts: 'skipped',
        account_lengths: 'skipped',
        compute_sales: 'skipped',
      });
      expect(notifications.sent).toEqual([]);
    });

    it('fails the runs a restart interrupted, not those of a live replica, and runs the job again', async () => {
      const facts = await DatabaseFactsStore.create({
        database: { getClient: async () => knex },
      });
      const minutesAgo = (minutes: number) =>
        new Date(Date.now() - minutes * 60_000);
      const running = (job: string, instanceId: string, heartbeat: Date) =>
        facts.createJobRun({
          project: 'hello-world',
          job,
          trigger: 'schedule',
          engine: 'duckdb',
          status: 'running',
          queuedAt: minutesAgo(10),
          startedAt: minutesAgo(10),
          instanceId,
          heartbeatAt: heartbeat,
        });
      // Of a replica that stopped ten minutes ago.
      const orphan = await running(
        'DailySummary',
        'replica-gone',
        minutesAgo(10),
      );
      const orphanTask = await facts.createTaskRun({
        jobRunId: orphan.id,
        taskKey: 'customer_orders',
        pipeline: 'Join-customers-redo',
        status: 'running',
      });
      // Of this very instance, before it restarted.
      const own = await running('Job-Test', 'replica-a', new Date());
      // Of a replica that is still running it.
      const live = await running('Job-Test', 'replica-b', new Date());

      const { server, backend, notifications } = await start(workspace(), {
        instanceId: 'replica-a',
      });

      for (const interrupted of [orphan, own]) {
        expect(await facts.getJobRun(interrupted.id)).toMatchObject({
          status: 'failed',
          error: INTERRUPTED_RUN_ERROR,
        });
      }
      expect((await facts.getJobRun(orphan.id))?.tasks).toEqual([
        expect.objectContaining({
          id: orphanTask.id,
          status: 'failed',
          error: INTERRUPTED_RUN_ERROR,
        }),
      ]);
      expect(await facts.getJobRun(live.id)).toMatchObject({
        status: 'running',
        instanceId: 'replica-b',
      });
      expect(
        notifications
          .to(PLATFORM_TEAM)
          .map(n => n.payload.title)
          .sort(),
      ).toEqual([
        'Job DailySummary of hello-world failed',
        'Job Job-Test of hello-world failed',
      ]);

      // The job is free to run again; this instance's runs say it is theirs.
      const run = await runToEnd(server);
      expect(run).toMatchObject({ status: 'succeeded' });
      // The instance is the runner's bookkeeping, not part of the API.
      expect(run).not.toHaveProperty('instanceId');
      expect(await facts.getJobRun(run.id)).toMatchObject({
        instanceId: 'replica-a',
      });
      expectExecutedBy(run);
      await backend.stop();
    });
  });
});
