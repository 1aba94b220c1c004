/** @jest-environment node */
import type { RemoteTaskState } from '@meshwork/data-mesh-node';
import { DatabricksJobsClient } from '../jobs/DatabricksJobsClient';
import {
  startFakeJobsApi,
  type FakeJobsApi,
} from '../jobs/__testUtils__/fakeJobsApi';
import {
  helloWorldExampleBundle,
  helloWorldManifestJob,
} from '../jobs/__testUtils__/helloWorldBundle';
import { DatabricksJobExecutor } from './DatabricksJobExecutor';

describe('DatabricksJobExecutor', () => {
  let fake: FakeJobsApi;
  let executor: DatabricksJobExecutor;

  const requests = (path: string) =>
    fake.state.requests.filter(r => r.path === path);
  const request = (signal?: AbortSignal) => ({
    project: 'hello-world',
    job: 'DailySummary',
    files: helloWorldExampleBundle().files,
    manifest: helloWorldManifestJob('DailySummary'),
    signal,
  });

  beforeEach(async () => {
    fake = await startFakeJobsApi();
    executor = new DatabricksJobExecutor({
      client: new DatabricksJobsClient({
        host: fake.url,
        token: fake.token,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1000 },
        sleep: async () => {},
      }),
      target: 'prod',
      pollIntervalMs: 1,
      variables: { warehouse_id: 'abc123' },
    });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('deploys the job, runs it and reports every task', async () => {
    const updates: Array<{ externalRunId?: string; tasks: RemoteTaskState[] }> =
      [];
    const result = await executor.runJob({
      ...request(),
      onUpdate: update => updates.push(update),
    });

    const [created] = requests('/api/2.2/jobs/create');
    expect(created.body.name).toBe('DailySummary');
    expect(created.body.tasks[0].sql_task.warehouse_id).toBe('abc123');
    const [run] = [...fake.state.runs.values()];
    expect(result).toMatchObject({
      externalRunId: String(run.run_id),
      status: 'succeeded',
      resultState: 'TERMINATED/SUCCESS',
    });
    const start = new Date(run.start_time);
    const end = new Date(run.start_time + 3000);
    expect(result.tasks.map(t => t.taskKey).sort()).toEqual([
      'account_lengths',
      'compute_sales',
      'customer_accounts',
      'customer_orders',
    ]);
    for (const task of result.tasks) {
      expect(task).toEqual({
        taskKey: task.taskKey,
        status: 'succeeded',
        startedAt: start,
        endedAt: end,
      });
    }
    expect(updates[0].externalRunId).toBe(String(run.run_id));
    expect(updates[0].tasks.every(t => t.status === undefined)).toBe(true);
  });

  it("starts the run with the run's job parameters, and without when none are set", async () => {
    await executor.runJob({
      ...request(),
      parameters: { as_of_date: '2026-01-01' },
    });
    await executor.runJob(request());
    const [withValues, without] = requests('/api/2.2/jobs/run-now');
    expect(withValues.body.job_parameters).toEqual({
      as_of_date: '2026-01-01',
    });
    expect(without.body.job_parameters).toBeUndefined();
    // The deployed job declares the parameter with its default.
    const [created] = requests('/api/2.2/jobs/create');
    expect(created.body.parameters).toEqual([
      { name: 'as_of_date', default: '2026-06-30' },
    ]);
  });

  it('deploys again before each run, resetting the same job', async () => {
    await executor.runJob(request());
    await executor.runJob(request());
    expect(requests('/api/2.2/jobs/create')).toHaveLength(1);
    expect(requests('/api/2.2/jobs/reset')).toHaveLength(1);
    expect(new Set([...fake.state.runs.values()].map(r => r.job_id)).size).toBe(
      1,
    );
  });

  it('reports the failed task with its error and what it skipped', async () => {
    fake.state.failingTasks.set(
      'customer_accounts',
      '[TABLE_OR_VIEW_NOT_FOUND] The table `main`.`sales`.`bronze_accounts` cannot be found.',
    );
    const result = await executor.runJob(request());

    expect(result.status).toBe('failed');
    expect(result.message).toContain('Task customer_accounts failed');
    const byKey = Object.fromEntries(result.tasks.map(t => [t.taskKey, t]));
    expect(byKey.customer_accounts).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('TABLE_OR_VIEW_NOT_FOUND'),
    });
    expect(byKey.account_lengths.status).toBe('skipped');
    expect(byKey.account_lengths.error).toBeUndefined();
    expect(byKey.customer_orders.status).toBe('succeeded');
  });

  it('cancels the remote run when the signal aborts', async () => {
    const controller = new AbortController();
    const result = await executor.runJob({
      ...request(controller.signal),
      onUpdate: update => {
        if (update.tasks.length > 0) controller.abort();
      },
    });
    expect(requests('/api/2.2/jobs/runs/cancel')).toHaveLength(1);
    expect(result.status).toBe('cancelled');
    expect(result.tasks.every(t => t.status === 'cancelled')).toBe(true);
  });

  it('retries throttled and failing requests', async () => {
    fake.failNext('/api/2.2/jobs/create', 503, 1);
    fake.failNext('/api/2.2/jobs/run-now', 429, 1, 0);
    const result = await executor.runJob(request());
    expect(result.status).toBe('succeeded');
    expect(requests('/api/2.2/jobs/create').map(r => r.status)).toEqual([
      503, 200,
    ]);
  });

  it('refuses a job key the bundle does not define, sending nothing', async () => {
    const job = helloWorldManifestJob('DailySummary');
    await expect(
      executor.runJob({
        ...request(),
        job: 'Nightly',
        manifest: { ...job, name: 'Nightly', bundleKey: 'nightly' },
      }),
    ).rejects.toThrow('no resource file defines the job "nightly"');
    expect(fake.state.requests).toEqual([]);
  });

  it('deploys the job under the key the manifest gives it', async () => {
    await executor.runJob({
      ...request(),
      job: 'Job-Test',
      manifest: helloWorldManifestJob('Job-Test'),
    });
    const [created] = requests('/api/2.2/jobs/create');
    expect(created.body.tags.meshwork_deployment).toMatch(/\/job_test$/);
  });
});
