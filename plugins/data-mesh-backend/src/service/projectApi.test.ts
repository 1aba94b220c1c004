/** @jest-environment node */
import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import {
  DAILY_SUMMARY_TASKS,
  helloWorldWorkspaces,
} from './__testUtils__/helloWorldWorkspace';
import { hasEnded } from './__testUtils__/runRequests';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const workspace = helloWorldWorkspaces('data-mesh-project-');

describe('GET /projects/:project', () => {
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const ws = workspace();
    backend = await startDemoBackend({
      knex,
      dataMesh: { engines: { duckdb: { path: ws.warehouse } } },
      catalog: [dataProjectComponent('hello-world', ws.project)],
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const get = (url: string, user: string | null) =>
    request(backend.server)
      .get(url)
      .set('Authorization', authorizationOf(user));

  it('describes the pipelines, jobs and datasets, with no runs yet', async () => {
    const res = await get('/api/data-mesh/projects/hello-world', ROLES.owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'hello-world',
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      canRun: true,
      canEdit: true,
    });

    const daily = res.body.jobs.find((j: any) => j.name === 'DailySummary');
    expect(daily.schedule).toEqual({
      cron: '0 0 6 * * ?',
      timezone: 'Europe/Amsterdam',
      paused: false,
    });
    expect(daily.tasks.map((t: any) => t.key)).toEqual(DAILY_SUMMARY_TASKS);
    expect(daily.tasks[2]).toEqual({
      key: 'account_lengths',
      pipeline: 'account_length_days',
      dependsOn: ['customer_accounts'],
      parameters: { as_of_date: '{{job.parameters.as_of_date}}' },
    });
    expect(daily.parameters).toEqual([
      expect.objectContaining({ name: 'as_of_date', default: '2026-06-30' }),
    ]);
    expect(daily.alerts).toEqual({
      onFailure: ['data-platform@example.com'],
      onQualityBreach: ['sales-analytics@example.com'],
    });
    expect(daily.lastRun).toBeUndefined();

    const lengths = res.body.pipelines.find(
      (p: any) => p.name === 'account_length_days',
    );
    expect(lengths.jobs).toEqual(['DailySummary', 'Job-Test']);
    expect(lengths.writes.length).toBeGreaterThan(0);
    expect(lengths.lastTaskRun).toBeUndefined();

    const sales = res.body.pipelines.find(
      (p: any) => p.name === 'ComputeSales',
    );
    expect(sales.writes).toEqual(expect.arrayContaining(['TotalSales']));
    expect(sales.reads.length).toBeGreaterThan(0);

    const totalSales = res.body.datasets.find(
      (d: any) => d.name === 'TotalSales',
    );
    expect(totalSales).toMatchObject({
      layer: expect.stringMatching(/^(bronze|silver|gold)$/),
      visibility: expect.stringMatching(/^(internal|published)$/),
      entityRef: 'dataproduct:default/total-sales',
    });
  });

  it("carries each job's last run and each pipeline's last task run", async () => {
    const started = await request(backend.server)
      .post('/api/data-mesh/projects/hello-world/jobs/DailySummary/runs')
      .set('Authorization', authorizationOf(ROLES.owner))
      .send({});
    expect(started.status).toBe(202);
    const runId = started.body.id;
    const deadline = Date.now() + 150_000;
    let run: any;
    for (;;) {
      run = (await get(`/api/data-mesh/runs/${runId}`, ROLES.owner)).body;
      if (hasEnded(run)) break;
      if (Date.now() > deadline) throw new Error('the run did not end');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(run.status).toBe('succeeded');

    const res = await get('/api/data-mesh/projects/hello-world', ROLES.owner);
    const daily = res.body.jobs.find((j: any) => j.name === 'DailySummary');
    expect(daily.lastRun).toMatchObject({
      id: runId,
      status: 'succeeded',
      trigger: 'manual',
      requestedBy: ROLES.owner,
    });
    const testJob = res.body.jobs.find((j: any) => j.name === 'Job-Test');
    expect(testJob.lastRun).toBeUndefined();

    const sales = res.body.pipelines.find(
      (p: any) => p.name === 'ComputeSales',
    );
    const task = run.tasks.find((t: any) => t.pipeline === 'ComputeSales');
    expect(sales.lastTaskRun).toEqual(task);
    expect(sales.lastTaskRun).toMatchObject({
      jobRunId: runId,
      taskKey: 'compute_sales',
      status: 'succeeded',
      rowsWritten: expect.any(Number),
    });
    // Every pipeline DailySummary runs now has a last task run.
    const ranByDaily = res.body.pipelines.filter((p: any) =>
      p.jobs.includes('DailySummary'),
    );
    expect(ranByDaily).toHaveLength(4);
    expect(ranByDaily.map((p: any) => p.lastTaskRun?.jobRunId)).toEqual(
      ranByDaily.map(() => runId),
    );
  });

  it('answers who may read, and says who may run', async () => {
    const consumer = await get(
      '/api/data-mesh/projects/hello-world',
      ROLES.consumer,
    );
    expect(consumer.status).toBe(200);
    expect(consumer.body.canRun).toBe(false);
    expect(consumer.body.canEdit).toBe(false);

    const platform = await get(
      '/api/data-mesh/projects/hello-world',
      ROLES.platform,
    );
    expect(platform.status).toBe(200);
    expect(platform.body.canRun).toBe(true);

    const owner = await get('/api/data-mesh/projects/hello-world', ROLES.owner);
    expect(owner.body.canRun).toBe(true);
  });

  it('needs a signed-in caller', async () => {
    const res = await get('/api/data-mesh/projects/hello-world', null);
    expect(res.status).toBe(401);
  });

  it('names an unknown project in a 404', async () => {
    const res = await get('/api/data-mesh/projects/nowhere', ROLES.owner);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /^No data project named 'nowhere'; known data projects: hello-world/,
    );
  });
});
