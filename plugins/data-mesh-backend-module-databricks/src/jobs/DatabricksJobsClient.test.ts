/** @jest-environment node */
import { DatabricksApiError } from './DatabricksApiError';
import { DatabricksJobsClient } from './DatabricksJobsClient';
import {
  startFakeJobsApi,
  type FakeJobsApi,
} from './__testUtils__/fakeJobsApi';
import type { JobSettings } from './types';

const settings: JobSettings = {
  name: 'Nightly',
  tasks: [
    {
      task_key: 'a',
      sql_task: { warehouse_id: 'w1', file: { path: '/Workspace/a.sql' } },
    },
  ],
};

describe('DatabricksJobsClient', () => {
  let fake: FakeJobsApi;
  let sleeps: number[];

  const client = (
    overrides: Partial<
      ConstructorParameters<typeof DatabricksJobsClient>[0]
    > = {},
  ) =>
    new DatabricksJobsClient({
      host: fake.url,
      token: fake.token,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 },
      sleep: async ms => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...overrides,
    });

  const requestsTo = (path: string) =>
    fake.state.requests.filter(r => r.path === path);

  beforeEach(async () => {
    fake = await startFakeJobsApi();
    sleeps = [];
  });

  afterEach(async () => {
    await fake.close();
  });

  it('creates, reads and lists jobs with a bearer token', async () => {
    const { job_id } = await client().createJob(settings);
    const job = await client().getJob(job_id);
    expect(job.settings.tasks[0].sql_task?.warehouse_id).toBe('w1');
    const found = await client().findJobsByName('nightly');
    expect(found.map(j => j.job_id)).toEqual([job_id]);
  });

  it('follows jobs/list pages', async () => {
    for (let i = 0; i < 130; i++) {
      fake.state.jobs.set(i + 1, {
        job_id: i + 1,
        created_time: 0,
        creator_user_name: 'x',
        settings: { ...settings, name: i % 2 ? 'Other' : 'Nightly' },
      });
    }
    for (let i = 130; i < 250; i++) {
      fake.state.jobs.set(i + 1, {
        job_id: i + 1,
        created_time: 0,
        creator_user_name: 'x',
        settings,
      });
    }
    const found = await client().findJobsByName('Nightly');
    expect(found).toHaveLength(65 + 120);
    expect(requestsTo('/api/2.2/jobs/list').map(r => r.query)).toEqual([
      { name: 'Nightly', limit: '100' },
      { name: 'Nightly', limit: '100', page_token: '100' },
    ]);
  });

  it('retries a 429 after the Retry-After seconds', async () => {
    fake.failNext('/api/2.2/jobs/create', 429, 1, 7);
    const { job_id } = await client().createJob(settings);
    expect(fake.state.jobs.get(job_id)).toBeDefined();
    expect(sleeps).toEqual([7000]);
    expect(requestsTo('/api/2.2/jobs/create').map(r => r.status)).toEqual([
      429, 200,
    ]);
  });

  it('retries 503s with exponential backoff and jitter', async () => {
    fake.failNext('/api/2.2/jobs/create', 503, 2);
    await client().createJob(settings);
    // ceiling 100 then 200; half fixed plus random 0.5 of the other half
    expect(sleeps).toEqual([75, 150]);
    expect(requestsTo('/api/2.2/jobs/create').map(r => r.status)).toEqual([
      503, 503, 200,
    ]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    fake.failNext('/api/2.2/jobs/runs/get', 500, 10);
    const error = await client()
      .getRun(1)
      .catch(e => e);
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect(error).toMatchObject({
      status: 500,
      errorCode: 'TEMPORARILY_UNAVAILABLE',
      attempts: 4,
    });
    expect(error.message).toBe(
      'Databricks GET /api/2.2/jobs/runs/get failed after 4 attempts (500 TEMPORARILY_UNAVAILABLE): The service is temporarily unavailable.',
    );
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it('caps the backoff at maxDelayMs', async () => {
    fake.failNext('/api/2.2/jobs/create', 503, 3);
    await client({
      retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 1500 },
      random: () => 0.999,
    }).createJob(settings);
    expect(sleeps).toEqual([1000, 1499, 1499]);
  });

  it('does not wait longer than maxDelayMs when Retry-After asks more', async () => {
    fake.failNext('/api/2.2/jobs/create', 429, 1, 60);
    const error = await client()
      .createJob(settings)
      .catch(e => e);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 60 });
    expect(sleeps).toEqual([]);
    expect(fake.state.jobs.size).toBe(0);
  });

  it('does not retry a 400, and carries the error code and message', async () => {
    const error = await client()
      .createJob({ ...settings, max_retries: 3 } as unknown as JobSettings)
      .catch(e => e);
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect(error).toMatchObject({
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      apiMessage: "Unknown field 'max_retries' in job settings",
      attempts: 1,
    });
    expect(requestsTo('/api/2.2/jobs/create')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a 401 and never shows the token', async () => {
    const wrong = `dapi-not-${fake.token}`;
    const error = await client({ token: wrong })
      .listJobs()
      .catch(e => e);
    expect(error).toMatchObject({ status: 401, errorCode: 'UNAUTHENTICATED' });
    expect(fake.state.requests).toHaveLength(1);
    expect(
      `${error.message}${error.stack}${JSON.stringify(error)}`,
    ).not.toContain(wrong);
  });

  it('redacts the token when a response echoes it', async () => {
    fake.failNext('/api/2.2/jobs/get', 403, 1, undefined, {
      error_code: 'PERMISSION_DENIED',
      message: `token ${fake.token} may not read job 1`,
    });
    const error = await client()
      .getJob(1)
      .catch(e => e);
    expect(error.errorCode).toBe('PERMISSION_DENIED');
    const everything = `${error.message}${error.stack}${JSON.stringify(error)}`;
    expect(everything).not.toContain(fake.token);
    expect(error.message).toContain('token [REDACTED] may not read job 1');
  });

  it('retries network errors and reports them without the token', async () => {
    const url = fake.url;
    await fake.close();
    const error = await new DatabricksJobsClient({
      host: url,
      token: 'dapi-secret-token',
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10 },
      sleep: async ms => {
        sleeps.push(ms);
      },
    })
      .listJobs()
      .catch(e => e);
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect(error.status).toBeUndefined();
    expect(error.attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(error.message).toMatch(/network error/);
    expect(`${error.message}${error.stack}`).not.toContain('dapi-secret-token');
    fake = await startFakeJobsApi();
  });

  it('times out a request that does not answer', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () =>
          reject(init.signal!.reason),
        ),
      );
    const error = await client({
      fetch: hanging,
      requestTimeoutMs: 20,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 10 },
    })
      .listJobs()
      .catch(e => e);
    expect(error.message).toBe(
      'Databricks GET /api/2.2/jobs/list failed after 2 attempts (timed out after 20 ms)',
    );
  });

  it('stops retrying when the caller aborts', async () => {
    fake.failNext('/api/2.2/jobs/list', 503, 5);
    const controller = new AbortController();
    const error = await client({
      sleep: async () => {
        controller.abort(new Error('stopped by caller'));
      },
    })
      .listJobs({}, { signal: controller.signal })
      .catch(e => e);
    expect(error.message).toBe('stopped by caller');
    expect(requestsTo('/api/2.2/jobs/list')).toHaveLength(1);
  });

  it('refuses to send a token over plain HTTP to another machine', () => {
    expect(
      () =>
        new DatabricksJobsClient({
          host: 'http://adb-1.azuredatabricks.net',
          token: 't',
        }),
    ).toThrow('must use https');
  });

  it('creates folders and imports files', async () => {
    await client().mkdirs('/Workspace/Users/x/a/b');
    await client().importWorkspaceFile({
      path: '/Workspace/Users/x/a/b/q.sql',
      content: Buffer.from('SELECT 1').toString('base64'),
      format: 'AUTO',
      overwrite: true,
    });
    expect(fake.state.workspace.get('/Users/x/a/b/q.sql')).toEqual({
      type: 'FILE',
      content: 'SELECT 1',
    });
  });

  describe('the fake checks requests like Databricks', () => {
    const rejection = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e: DatabricksApiError) => ({
          status: e.status,
          errorCode: e.errorCode,
          apiMessage: e.apiMessage,
        }),
      );

    it('rejects a task without a warehouse', async () => {
      expect(
        await rejection(
          client().createJob({
            name: 'x',
            tasks: [
              { task_key: 'a', sql_task: { file: { path: '/a' } } as any },
            ],
          }),
        ),
      ).toEqual({
        status: 400,
        errorCode: 'INVALID_PARAMETER_VALUE',
        apiMessage: 'Missing required field: tasks[0].sql_task.warehouse_id',
      });
    });

    it('rejects a dependency on an unknown task', async () => {
      expect(
        await rejection(
          client().createJob({
            name: 'x',
            tasks: [
              { ...settings.tasks[0], depends_on: [{ task_key: 'nope' }] },
            ],
          }),
        ),
      ).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
    });

    it('rejects an unknown field of reset', async () => {
      const { job_id } = await client().createJob(settings);
      const response = await fetch(`${fake.url}/api/2.2/jobs/reset`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${fake.token}` },
        body: JSON.stringify({ job_id, settings }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error_code: 'INVALID_PARAMETER_VALUE',
        message: "Unknown field 'settings' in request",
      });
    });

    it('rejects an import into a missing folder', async () => {
      expect(
        await rejection(
          client().importWorkspaceFile({
            path: '/Workspace/Users/nobody/q.sql',
            content: '',
          }),
        ),
      ).toEqual({
        status: 404,
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        apiMessage: 'The parent folder (/Users/nobody) does not exist.',
      });
    });
  });
});
