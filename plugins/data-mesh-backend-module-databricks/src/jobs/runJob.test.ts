/** @jest-environment node */
import { deployBundleJob } from './deployBundleJob';
import { DatabricksJobsClient } from './DatabricksJobsClient';
import { runJob, summarizeRun, type JobRun } from './runJob';
import {
  startFakeJobsApi,
  type FakeJobsApi,
} from './__testUtils__/fakeJobsApi';
import { helloWorldBundle } from './__testUtils__/helloWorldBundle';

describe('runJob', () => {
  let fake: FakeJobsApi;
  let client: DatabricksJobsClient;
  let jobId: number;

  const requests = (path: string) =>
    fake.state.requests.filter(r => r.path === path);

  beforeEach(async () => {
    fake = await startFakeJobsApi();
    client = new DatabricksJobsClient({
      host: fake.url,
      token: fake.token,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1000 },
      sleep: async () => {},
    });
    ({ jobId } = await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'daily_summary',
      target: 'prod',
    }));
  });

  afterEach(async () => {
    await fake.close();
  });

  it('starts the job and polls until it succeeds', async () => {
    const updates: JobRun[] = [];
    const run = await runJob({
      client,
      jobId,
      pollIntervalMs: 1,
      onUpdate: update => updates.push(update),
    });

    expect(updates.map(u => u.state)).toEqual([
      'PENDING',
      'RUNNING',
      'TERMINATED',
    ]);
    expect(run).toMatchObject({
      jobId,
      state: 'TERMINATED',
      resultState: 'SUCCESS',
      failedTasks: [],
      // the fake's clock moves one second per poll
      durationMs: 3000,
    });
    const start = fake.state.runs.get(run.runId)!.start_time;
    expect(run.tasks).toEqual(
      [
        'join_customers_redo',
        'compute_sales',
        'account_length_days',
        'customer_accounts',
      ].map(taskKey => ({
        taskKey,
        state: 'TERMINATED',
        resultState: 'SUCCESS',
        startTime: start,
        endTime: start + 3000,
        message: undefined,
      })),
    );
    const [runNow] = requests('/api/2.2/jobs/run-now');
    expect(runNow.body).toEqual({
      job_id: jobId,
      idempotency_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(requests('/api/2.2/jobs/runs/get')).toHaveLength(3);
  });

  it('reports a failed task by name, and what it skipped', async () => {
    fake.state.failingTasks.set(
      'compute_sales',
      '[TABLE_OR_VIEW_NOT_FOUND] The table `main`.`hello_world`.`orders` cannot be found.',
    );
    const run = await runJob({ client, jobId, pollIntervalMs: 1 });

    expect(run.resultState).toBe('FAILED');
    expect(run.failedTasks).toEqual(['compute_sales']);
    expect(run.message).toBe(
      'Task compute_sales failed with message: [TABLE_OR_VIEW_NOT_FOUND] The table `main`.`hello_world`.`orders` cannot be found.',
    );
    expect(
      Object.fromEntries(run.tasks.map(t => [t.taskKey, t.resultState])),
    ).toEqual({
      join_customers_redo: 'SUCCESS',
      compute_sales: 'FAILED',
      account_length_days: 'UPSTREAM_FAILED',
      customer_accounts: 'SUCCESS',
    });
  });

  it('fails the task whose file was never uploaded', async () => {
    fake.state.workspace.delete(
      '/Shared/.bundle/hello-world/prod/files/generated/python/account_length_days.py',
    );
    const run = await runJob({ client, jobId, pollIntervalMs: 1 });
    expect(run.failedTasks).toEqual(['account_length_days']);
    expect(run.tasks[2].message).toBe(
      'File /Workspace/Shared/.bundle/hello-world/prod/files/generated/python/account_length_days.py does not exist.',
    );
  });

  it('cancels the run when the signal aborts', async () => {
    const controller = new AbortController();
    const run = await runJob({
      client,
      jobId,
      pollIntervalMs: 1,
      signal: controller.signal,
      onUpdate: update => {
        if (update.state === 'RUNNING') {
          controller.abort();
        }
      },
    });

    expect(requests('/api/2.2/jobs/runs/cancel').map(r => r.body)).toEqual([
      { run_id: run.runId },
    ]);
    expect(run).toMatchObject({ state: 'TERMINATED', resultState: 'CANCELED' });
    expect(run.tasks.every(t => t.resultState === 'CANCELED')).toBe(true);
  });

  it('starts no run when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('not today'));
    await expect(
      runJob({ client, jobId, signal: controller.signal }),
    ).rejects.toThrow('not today');
    expect(fake.state.runs.size).toBe(0);
  });

  it('keeps polling through throttling', async () => {
    fake.failNext('/api/2.2/jobs/runs/get', 429, 2, 0);
    const run = await runJob({ client, jobId, pollIntervalMs: 1 });
    expect(run.resultState).toBe('SUCCESS');
    expect(requests('/api/2.2/jobs/runs/get').map(r => r.status)).toEqual([
      429, 429, 200, 200, 200,
    ]);
  });
});

describe('summarizeRun', () => {
  it('derives the result from status when the legacy state is absent', () => {
    const summary = summarizeRun({
      run_id: 1,
      job_id: 2,
      status: {
        state: 'TERMINATED',
        termination_details: {
          code: 'RUN_EXECUTION_ERROR',
          type: 'CLIENT_ERROR',
          message: 'Task a failed',
        },
      },
      tasks: [
        {
          task_key: 'a',
          status: {
            state: 'TERMINATED',
            termination_details: { code: 'RUN_EXECUTION_ERROR' },
          },
          start_time: 10,
          end_time: 30,
        },
        {
          task_key: 'b',
          status: {
            state: 'TERMINATED',
            termination_details: { code: 'USER_CANCELED' },
          },
        },
      ],
      start_time: 10,
      end_time: 40,
    });
    expect(summary).toMatchObject({
      state: 'TERMINATED',
      resultState: 'FAILED',
      message: 'Task a failed',
      failedTasks: ['a'],
      durationMs: 30,
    });
    expect(summary.tasks[1]).toEqual({
      taskKey: 'b',
      state: 'TERMINATED',
      resultState: 'CANCELED',
      startTime: undefined,
      endTime: undefined,
      message: undefined,
    });
  });

  it('reads the legacy life cycle of an older response', () => {
    expect(
      summarizeRun({
        run_id: 1,
        state: { life_cycle_state: 'INTERNAL_ERROR', state_message: 'boom' },
      }),
    ).toMatchObject({ state: 'INTERNAL_ERROR', resultState: 'FAILED' });
    expect(
      summarizeRun(
        { run_id: 1, state: { life_cycle_state: 'RUNNING' }, start_time: 100 },
        250,
      ),
    ).toMatchObject({
      state: 'RUNNING',
      resultState: undefined,
      durationMs: 150,
    });
  });
});
