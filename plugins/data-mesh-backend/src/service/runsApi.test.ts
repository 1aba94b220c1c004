/** @jest-environment node */
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import duckdbModule from '@meshwork/data-mesh-backend-module-duckdb';
import request from 'supertest';
import { Knex } from 'knex';
import { DatabaseFactsStore } from '../database';
import { dataMeshPlugin } from '../plugin';
import {
  capturedNotifications,
  helloWorldWorkspaces,
  PLATFORM_TEAM,
  SALES_TEAM,
} from './__testUtils__/helloWorldWorkspace';
import { dataProjectComponent } from './__testUtils__/demoRoles';
import { runToEnd } from './__testUtils__/runRequests';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const workspace = helloWorldWorkspaces('data-mesh-runs-');

describe.each(databases.eachSupportedId())('data-mesh runs API on %p', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
  });

  async function start(options: {
    project: string;
    warehouse: string;
    engine?: string;
  }) {
    const notifications = capturedNotifications();
    // The plugin's own scheduler, to list and trigger its tasks.
    let scheduler: SchedulerService | undefined;
    const schedulerProbe = createBackendModule({
      pluginId: 'data-mesh',
      moduleId: 'scheduler-probe',
      register(reg) {
        reg.registerInit({
          deps: { pluginScheduler: coreServices.scheduler },
          async init({ pluginScheduler }) {
            scheduler = pluginScheduler;
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        dataMeshPlugin,
        duckdbModule,
        notifications.factory,
        schedulerProbe,
        catalogServiceMock.factory({
          entities: [dataProjectComponent('hello-world', options.project)],
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            dataMesh: {
              engines: { duckdb: { path: options.warehouse } },
              runner: { dbuPerHour: 2, engine: options.engine },
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

  it('answers 401 without credentials on every endpoint', async () => {
    const { server, backend } = await start(workspace());
    const none = mockCredentials.none.header();
    const calls = [
      request(server).post(
        '/api/data-mesh/projects/hello-world/jobs/DailySummary/runs',
      ),
      request(server).get('/api/data-mesh/runs'),
      request(server).get('/api/data-mesh/runs/some-id'),
      request(server).get('/api/data-mesh/quality?dataset=DailySummary'),
      request(server).get('/api/data-mesh/cost?groupBy=project'),
      request(server).get('/api/data-mesh/freshness'),
    ];
    for (const call of calls) {
      const res = await call.set('Authorization', none);
      expect(res.status).toBe(401);
    }
    const health = await request(server)
      .get('/api/data-mesh/health')
      .set('Authorization', none);
    expect(health.status).toBe(200);
    await backend.stop();
  });

  it('answers 400 naming the field of bad input', async () => {
    const { server, backend } = await start(workspace());
    // The contract's validator answers before the handlers, with its own
    // wording: `request/<where>/<field> …`.
    const cases: Array<[request.Test, RegExp]> = [
      [
        request(server).get('/api/data-mesh/runs?limit=501'),
        /^request\/query\/limit must be <= 500/,
      ],
      [
        request(server).get('/api/data-mesh/runs?status=done'),
        /request\/query\/status must be equal to one of the allowed values/,
      ],
      [
        request(server).get('/api/data-mesh/runs?projekt=x'),
        /Unknown query parameter 'projekt'/,
      ],
      [
        request(server).get('/api/data-mesh/quality'),
        /request\/query must have required property 'dataset'/,
      ],
      [
        request(server).get(
          '/api/data-mesh/quality?dataset=DailySummary&limit=zero',
        ),
        /request\/query\/limit must be integer/,
      ],
      [
        request(server).get('/api/data-mesh/cost?groupBy=week'),
        /request\/query\/groupBy must be equal to one of the allowed values/,
      ],
      [
        request(server).get('/api/data-mesh/cost?groupBy=month&from=2026-13'),
        /request\/query\/from must match format "year-month"/,
      ],
      [
        request(server).get('/api/data-mesh/freshness?limit=0'),
        /request\/query\/limit must be >= 1/,
      ],
      [
        request(server)
          .post('/api/data-mesh/projects/hello-world/jobs/DailySummary/runs')
          .send({ dryRun: true }),
        /request\/body must NOT have additional properties/,
      ],
      [
        request(server)
          .post('/api/data-mesh/projects/hello-world/jobs/DailySummary/runs')
          .send({ parameters: { as_of: '2026-01-01' } }),
        /job "DailySummary" has no parameter "as_of"; its parameters: as_of_date/,
      ],
      [
        request(server)
          .post('/api/data-mesh/projects/hello-world/jobs/DailySummary/runs')
          .send({ parameters: { as_of_date: 'yesterday' } }),
        /parameter "as_of_date" of pipeline "account_length_days" \(from job parameter "as_of_date"\): "yesterday" is not a date/,
      ],
      [
        request(server)
          .post('/api/data-mesh/projects/hello-world/jobs/DailySummary/runs')
          .send({ parameters: { as_of_date: 20260101 } }),
        /request\/body\/parameters\/as_of_date must be string/,
      ],
    ];
    for (const [call, message] of cases) {
      const res = await call;
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
    }
    const malformed = await request(server)
      .post('/api/data-mesh/projects/hello-world/jobs/DailySummary/runs')
      .set('Content-Type', 'application/json')
      .send('{"unterminated');
    expect(malformed.status).toBe(400);
    await backend.stop();
  });

  it('runs DailySummary and records runs, quality, cost and freshness', async () => {
    const { server, backend, notifications } = await start(workspace());

    const run = await runToEnd(server);

    expect(run).toMatchObject({
      project: 'hello-world',
      job: 'DailySummary',
      status: 'succeeded',
      trigger: 'manual',
      engine: 'duckdb',
      requestedBy: 'user:default/mock',
    });
    expect(run.tasks.map((t: { taskKey: string }) => t.taskKey).sort()).toEqual(
      [
        'account_lengths',
        'compute_sales',
        'customer_accounts',
        'customer_orders',
      ],
    );
    for (const task of run.tasks) {
      expect(task.status).toBe('succeeded');
      expect(task.rowsWritten).toBeGreaterThan(0);
    }
    expect(
      run.tasks.find((t: { taskKey: string }) => t.taskKey === 'compute_sales')
        .datasets,
    ).toEqual(['DailySummary', 'TotalSales', 'silver_sales_lines']);
    expect(run.costs).toHaveLength(4);
    expect(run.costs[0]).toMatchObject({ estimated: true, source: 'estimate' });

    const runs = await request(server).get(
      '/api/data-mesh/runs?project=hello-world&dataset=DailySummary&limit=1',
    );
    expect(runs.status).toBe(200);
    expect(runs.body).toMatchObject({ totalCount: 1, items: [{ id: run.id }] });

    const quality = await request(server).get(
      '/api/data-mesh/quality?project=hello-world&dataset=DailySummary',
    );
    expect(quality.status).toBe(200);
    expect(quality.body.totalCount).toBe(6);
    expect(quality.body.items.map((r: { status: string }) => r.status)).toEqual(
      Array(6).fill('pass'),
    );
    expect(quality.body.items[0]).toMatchObject({
      jobRunId: run.id,
      dataset: 'DailySummary',
    });
    const firstPage = await request(server).get(
      '/api/data-mesh/quality?dataset=DailySummary&limit=4',
    );
    const secondPage = await request(server).get(
      `/api/data-mesh/quality?dataset=DailySummary&limit=4&cursor=${firstPage.body.nextCursor}`,
    );
    expect(secondPage.body.items).toHaveLength(2);
    expect(secondPage.body.nextCursor).toBeUndefined();

    const byTeam = await request(server).get(
      '/api/data-mesh/cost?groupBy=team',
    );
    expect(byTeam.status).toBe(200);
    expect(byTeam.body.items).toEqual([
      {
        team: SALES_TEAM,
        dbus: expect.any(Number),
        runCount: 1,
        estimated: true,
      },
    ]);
    const byPipeline = await request(server).get(
      '/api/data-mesh/cost?groupBy=pipeline&project=hello-world&limit=3',
    );
    expect(byPipeline.body.totalCount).toBe(4);
    expect(byPipeline.body.items).toHaveLength(3);
    const rest = await request(server).get(
      `/api/data-mesh/cost?groupBy=pipeline&project=hello-world&limit=3&cursor=${byPipeline.body.nextCursor}`,
    );
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeUndefined();
    expect(
      [...byPipeline.body.items, ...rest.body.items]
        .map((r: { pipeline: string }) => r.pipeline)
        .sort(),
    ).toEqual([
      'ComputeSales',
      'CustomerAccounts',
      'Join-customers-redo',
      'account_length_days',
    ]);

    const freshness = await request(server).get(
      '/api/data-mesh/freshness?project=hello-world&limit=500',
    );
    expect(freshness.status).toBe(200);
    const daily = freshness.body.items.find(
      (f: { dataset: string }) => f.dataset === 'DailySummary',
    );
    expect(daily).toMatchObject({
      table: 'gold.daily_summary',
      slaHours: 26,
      status: 'fresh',
      lastJobRunId: run.id,
      rowsWritten: expect.any(Number),
    });
    const bronze = freshness.body.items.find(
      (f: { dataset: string }) => f.dataset === 'bronze_orders',
    );
    expect(bronze).toMatchObject({ status: 'unknown' });
    expect(bronze.lastWrittenAt).toBeUndefined();

    expect(notifications.sent).toEqual([]);
    await backend.stop();
  });

  it('refuses a second run of a job while it runs, and unknown jobs', async () => {
    const { server, backend } = await start(workspace());
    const url = '/api/data-mesh/projects/hello-world/jobs/Job-Test/runs';

    const [first, second] = await Promise.all([
      request(server).post(url).send({}),
      request(server).post(url).send({}),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);

    const unknownJob = await request(server)
      .post('/api/data-mesh/projects/hello-world/jobs/Nightly/runs')
      .send({});
    expect(unknownJob.status).toBe(404);
    expect(unknownJob.body.error.message).toMatch(/no job "Nightly"/);
    const unknownProject = await request(server)
      .post('/api/data-mesh/projects/nope/jobs/DailySummary/runs')
      .send({});
    expect(unknownProject.status).toBe(404);
    const unknownRun = await request(server).get('/api/data-mesh/runs/nope');
    expect(unknownRun.status).toBe(404);
    await backend.stop();
  });

  it('fails a run on an engine that is not installed', async () => {
    const { server, backend, notifications } = await start({
      ...workspace(),
      engine: 'databricks',
    });

    const run = await runToEnd(server);

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/no warehouse engine 'databricks' is installed/);
    expect(run.tasks.map((t: { status: string }) => t.status).sort()).toEqual([
      'failed',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(notifications.to(PLATFORM_TEAM)).toHaveLength(1);
    await backend.stop();
  });

  it('fails, on its schedule, a run whose replica stopped heart-beating', async () => {
    const facts = await DatabaseFactsStore.create({
      database: { getClient: async () => knex },
    });
    const elsewhere = await facts.createJobRun({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'schedule',
      engine: 'duckdb',
      status: 'running',
      queuedAt: new Date(),
      instanceId: 'replica-b',
    });
    const { backend, scheduler, notifications } = await start(workspace());
    // Started while replica B was alive: its run is left alone.
    expect((await facts.getJobRun(elsewhere.id))?.status).toBe('running');

    await scheduler.triggerTask('data-mesh:abandoned-runs');
    expect((await facts.getJobRun(elsewhere.id))?.status).toBe('running');

    // Replica B stops: its heartbeat gets older than two minutes.
    await knex('job_runs')
      .where({ id: elsewhere.id })
      .update({ heartbeat_at: new Date(Date.now() - 121_000) });
    await scheduler.triggerTask('data-mesh:abandoned-runs');

    expect(await facts.getJobRun(elsewhere.id)).toMatchObject({
      status: 'failed',
      error:
        'the backend instance running it stopped: no heartbeat for over 120 s',
    });
    expect(notifications.to(PLATFORM_TEAM)).toHaveLength(1);
    await backend.stop();
  });

  it('schedules unpaused jobs and alerts once on a missed freshness SLA', async () => {
    const { backend, scheduler, notifications } = await start(workspace());

    const tasks = async () =>
      (await scheduler.getScheduledTasks()).map(t => t.id).sort();
    expect(await tasks()).toEqual([
      'data-mesh:abandoned-runs',
      'data-mesh:freshness-sla',
      'data-mesh:schedule-jobs',
      'data-mesh:subscription-expiry',
    ]);
    // The jobs of the projects in the catalog, once it answers.
    await scheduler.triggerTask('data-mesh:schedule-jobs');
    await scheduler.triggerTask('data-mesh:schedule-jobs');
    expect(await tasks()).toEqual([
      'data-mesh:abandoned-runs',
      'data-mesh:freshness-sla',
      'data-mesh:job:hello-world:DailySummary',
      'data-mesh:schedule-jobs',
      'data-mesh:subscription-expiry',
    ]);

    const facts = await DatabaseFactsStore.create({
      database: { getClient: async () => knex },
    });
    await facts.recordFreshness({
      project: 'hello-world',
      dataset: 'DailySummary',
      tableName: 'gold.daily_summary',
      writtenAt: new Date(Date.now() - 48 * 3_600_000),
    });
    await scheduler.triggerTask('data-mesh:freshness-sla');
    await scheduler.triggerTask('data-mesh:freshness-sla');

    expect(notifications.sent).toHaveLength(1);
    expect(notifications.to(SALES_TEAM)[0].payload).toMatchObject({
      title: 'DailySummary missed its freshness SLA',
      topic: 'data-mesh:freshness-missed',
    });
    await backend.stop();
  });
});
