/** @jest-environment node */
import { BundleDeployError, deployBundleJob } from './deployBundleJob';
import { DatabricksJobsClient } from './DatabricksJobsClient';
import { runJob } from './runJob';
import {
  startFakeJobsApi,
  type FakeJobsApi,
} from './__testUtils__/fakeJobsApi';
import {
  helloWorldBundle,
  helloWorldExampleBundle,
  helloWorldGeneratedFiles,
} from './__testUtils__/helloWorldBundle';

const PROD_FILES = '/Workspace/Shared/.bundle/hello-world/prod/files';

describe('deployBundleJob', () => {
  let fake: FakeJobsApi;
  let client: DatabricksJobsClient;

  const requests = (path: string) =>
    fake.state.requests.filter(r => r.path === path);

  beforeEach(async () => {
    fake = await startFakeJobsApi({
      userName: 'ada.lovelace@meshwork.example',
    });
    client = new DatabricksJobsClient({ host: fake.url, token: fake.token });
  });

  afterEach(async () => {
    await fake.close();
  });

  it("deploys Hello World's DailySummary to prod with Jobs API settings", async () => {
    const result = await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'daily_summary',
      target: 'prod',
    });

    expect(result).toEqual({ jobId: expect.any(Number), created: true });
    const [create] = requests('/api/2.2/jobs/create');
    const sent = create.body;
    expect(sent.name).toBe('DailySummary');
    expect(
      sent.tasks.map((t: any) => [
        t.task_key,
        (t.depends_on ?? []).map((d: any) => d.task_key),
      ]),
    ).toEqual([
      ['join_customers_redo', []],
      ['compute_sales', ['join_customers_redo']],
      ['account_length_days', ['compute_sales']],
      ['customer_accounts', ['join_customers_redo']],
    ]);
    expect(sent.tasks[1].sql_task).toEqual({
      warehouse_id: '8e1f4cbd2a6c7a01',
      file: { path: `${PROD_FILES}/generated/sql/ComputeSales.sql` },
      parameters: { catalog: 'main', schema: 'hello_world' },
    });
    expect(sent.tasks[2].spark_python_task).toEqual({
      python_file: `${PROD_FILES}/generated/python/account_length_days.py`,
      parameters: [
        '--catalog',
        'main',
        '--schema',
        'hello_world',
        '--as-of',
        '{{job.start_time.iso_date}}',
      ],
    });
    expect(sent.tasks[2].environment_key).toBe('default');
    expect(sent.tasks[0].max_retries).toBe(2);
    expect(sent.schedule).toEqual({
      quartz_cron_expression: '0 0 6 * * ?',
      timezone_id: 'Europe/Amsterdam',
      pause_status: 'UNPAUSED',
    });
    expect(sent.email_notifications.on_failure).toEqual([
      'data-platform@meshwork.example',
    ]);
    expect(sent.timeout_seconds).toBe(7200);
    expect(sent.tags).toEqual({
      meshwork_project: 'hello-world',
      meshwork_team: 'team-sales',
      meshwork_domain: 'sales',
      meshwork_job: 'DailySummary',
      meshwork_pipeline:
        'Join-customers-redo,ComputeSales,account_length_days,CustomerAccounts',
      cost_center: 'sales-analytics',
      meshwork_deployment: 'hello-world/prod/daily_summary',
    });
    expect(JSON.stringify(sent)).not.toContain('${');
    // prod has a root path: nobody needs to know who deploys
    expect(requests('/api/2.0/preview/scim/v2/Me')).toHaveLength(0);
  });

  it('uploads the files the tasks run, before creating the job', async () => {
    await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'daily_summary',
      target: 'prod',
    });

    const generated = new Map(
      helloWorldGeneratedFiles().map(f => [f.path, f.content]),
    );
    const uploaded = [...fake.state.workspace.entries()]
      .filter(([, object]) => object.type === 'FILE')
      .map(([key]) => key)
      .sort();
    expect(uploaded).toEqual([
      '/Shared/.bundle/hello-world/prod/files/generated/python/account_length_days.py',
      '/Shared/.bundle/hello-world/prod/files/generated/sql/ComputeSales.sql',
      '/Shared/.bundle/hello-world/prod/files/generated/sql/CustomerAccounts.sql',
      '/Shared/.bundle/hello-world/prod/files/generated/sql/Join-customers-redo.sql',
    ]);
    expect(
      fake.state.workspace.get(
        '/Shared/.bundle/hello-world/prod/files/generated/sql/ComputeSales.sql',
      ),
    ).toEqual({
      type: 'FILE',
      content: generated.get('generated/sql/ComputeSales.sql'),
    });
    const order = fake.state.requests.map(r => r.path);
    expect(order.lastIndexOf('/api/2.0/workspace/import')).toBeLessThan(
      order.indexOf('/api/2.2/jobs/create'),
    );
  });

  it('resets the same job on a second deploy', async () => {
    const first = await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'daily_summary',
      target: 'prod',
    });
    const second = await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'daily_summary',
      target: 'prod',
      variables: { warehouse_id: 'abcdef0123456789' },
    });

    expect(second).toEqual({ jobId: first.jobId, created: false });
    expect(fake.state.jobs.size).toBe(1);
    const [reset] = requests('/api/2.2/jobs/reset');
    expect(reset.body.job_id).toBe(first.jobId);
    expect(reset.body.new_settings.tasks[0].sql_task.warehouse_id).toBe(
      'abcdef0123456789',
    );
    expect(
      fake.state.jobs.get(first.jobId)!.settings.tasks[0].sql_task!
        .warehouse_id,
    ).toBe('abcdef0123456789');
  });

  it('does not take over a job of the same name that it did not deploy', async () => {
    const { job_id: handMade } = await client.createJob({
      name: 'DailySummary',
      tasks: [
        {
          task_key: 'x',
          sql_task: { warehouse_id: 'w', file: { path: '/Shared/x.sql' } },
        },
      ],
    });
    const result = await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'daily_summary',
      target: 'prod',
    });
    expect(result.created).toBe(true);
    expect(result.jobId).not.toBe(handMade);
    expect(fake.state.jobs.get(handMade)!.settings.tasks[0].task_key).toBe('x');
  });

  it('applies the development presets to a dev deploy', async () => {
    const result = await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'job_test',
      target: 'dev',
    });

    expect(requests('/api/2.0/preview/scim/v2/Me')).toHaveLength(1);
    const settings = fake.state.jobs.get(result.jobId)!.settings;
    expect(settings.name).toBe('[dev ada_lovelace] Job Test');
    expect(settings.tags).toMatchObject({
      dev: 'ada_lovelace',
      meshwork_deployment: 'hello-world/dev/job_test',
    });
    expect(settings.schedule?.pause_status).toBe('PAUSED');
    expect(settings.max_concurrent_runs).toBe(4);
    expect(settings.tasks[0].sql_task).toEqual({
      // the variable's default: dev does not override it
      warehouse_id: '4b9b953939869799',
      file: {
        path: '/Workspace/Users/ada.lovelace@meshwork.example/.bundle/hello-world/dev/files/generated/sql/CustomerAccounts.sql',
      },
      parameters: { catalog: 'dev', schema: 'hello_world' },
    });

    // dev and prod of one job are two jobs, even in one workspace
    const prod = await deployBundleJob({
      client,
      bundle: helloWorldBundle(),
      jobKey: 'job_test',
      target: 'prod',
    });
    expect(prod.created).toBe(true);
    expect(fake.state.jobs.size).toBe(2);
  });

  it('deploys the committed example project and runs it to success', async () => {
    const { jobId, created } = await deployBundleJob({
      client,
      bundle: helloWorldExampleBundle(),
      jobKey: 'daily_summary',
      target: 'prod',
    });
    expect(created).toBe(true);
    const run = await runJob({ client, jobId, pollIntervalMs: 1 });
    expect(run.resultState).toBe('SUCCESS');
  });

  describe('refuses a bundle it cannot deploy, before sending anything', () => {
    const problemsOf = async (
      options: Partial<Parameters<typeof deployBundleJob>[0]>,
    ) => {
      const error = await deployBundleJob({
        client,
        bundle: helloWorldBundle(),
        jobKey: 'daily_summary',
        target: 'prod',
        ...options,
      }).catch(e => e);
      expect(error).toBeInstanceOf(BundleDeployError);
      expect(error.name).toBe('InputError');
      expect(fake.state.requests).toEqual([]);
      return (error as BundleDeployError).problems;
    };

    it('an unknown job', async () => {
      expect(await problemsOf({ jobKey: 'nightly' })).toEqual([
        {
          code: 'unknown-job',
          message: 'no resource file defines the job "nightly"',
        },
      ]);
    });

    it('a task file that is not in the bundle', async () => {
      const files = helloWorldBundle().files.filter(
        f => f.path !== 'generated/sql/ComputeSales.sql',
      );
      expect(await problemsOf({ bundle: { files } })).toEqual([
        {
          code: 'missing-file',
          file: 'resources/daily_summary.job.yml',
          field: 'resources.jobs.daily_summary.tasks.1.sql_task.file.path',
          message:
            "../generated/sql/ComputeSales.sql refers to generated/sql/ComputeSales.sql, which is not among the bundle's files",
        },
      ]);
    });

    it('a variable without a value in the target', async () => {
      const files = helloWorldBundle().files.map(f =>
        f.path === 'databricks.yml'
          ? { ...f, content: f.content.replace(/^ {4}default: .*\n/m, '') }
          : f,
      );
      const problems = await problemsOf({
        bundle: { files },
        target: 'dev',
        currentUser: 'a@b.c',
      });
      expect(problems).toHaveLength(3);
      expect(problems[0]).toEqual({
        code: 'unresolved-reference',
        file: 'resources/daily_summary.job.yml',
        field: 'resources.jobs.daily_summary.tasks.0.sql_task.warehouse_id',
        message:
          '${var.warehouse_id} has no value for target "dev": set it in targets.dev.variables, give it a default, or pass it',
      });
    });

    it('a variable that the bundle does not declare', async () => {
      expect(await problemsOf({ variables: { warehouse: 'x' } })).toEqual([
        {
          code: 'unresolved-reference',
          field: 'variables.warehouse',
          message:
            'variable "warehouse" is given but databricks.yml does not declare it',
        },
      ]);
    });

    it('a bundle file that does not match the bundle schema', async () => {
      const files = helloWorldBundle().files.map(f =>
        f.path === 'resources/daily_summary.job.yml'
          ? { ...f, content: f.content.replace('timeout_seconds:', 'timeout:') }
          : f,
      );
      const problems = await problemsOf({ bundle: { files } });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every(p => p.code === 'invalid-bundle')).toBe(true);
      expect(problems[0].file).toBe('resources/daily_summary.job.yml');
    });
  });
});
