/** @jest-environment node */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { DatabaseFactsStore, FactsStore } from '../../database';
import { RunAlerts } from './RunAlerts';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const PLATFORM = 'group:default/platform-team';
const SALES = 'group:default/sales-analytics';
const day = (d: number, hour = 6) =>
  new Date(Date.UTC(2026, 11, d, hour, 0, 0));

describe.each(databases.eachSupportedId())('RunAlerts on %p', id => {
  async function setUp() {
    const knex = await databases.init(id);
    const facts = await DatabaseFactsStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const sent: NotificationSendOptions[] = [];
    const alerts = new RunAlerts({
      facts,
      notifications: { send: async n => void sent.push(n) },
      logger: mockServices.logger.mock(),
      platformTeam: PLATFORM,
      now: () => day(5, 12),
    });
    return { facts, alerts, sent };
  }

  /** A DailySummary run whose first task failed and the rest were skipped. */
  async function failedRun(
    facts: FactsStore,
    options: { engine?: string; externalRunId?: string } = {},
  ) {
    const run = await facts.createJobRun({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'schedule',
      engine: options.engine ?? 'duckdb',
      status: 'running',
      queuedAt: day(4),
      startedAt: day(4),
    });
    if (options.externalRunId) {
      await facts.updateJobRun(run.id, {
        externalRunId: options.externalRunId,
      });
    }
    const failed = await facts.createTaskRun({
      jobRunId: run.id,
      taskKey: 'customer_orders',
      pipeline: 'Join-customers-redo',
      status: 'running',
      startedAt: day(4),
    });
    const skipped = await facts.createTaskRun({
      jobRunId: run.id,
      taskKey: 'compute_sales',
      pipeline: 'ComputeSales',
    });
    await facts.finishTaskRun(failed.id, {
      status: 'failed',
      endedAt: day(4, 7),
      error: 'Catalog Error: Table with name bronze.customers does not exist!',
    });
    await facts.finishTaskRun(skipped.id, {
      status: 'skipped',
      endedAt: day(4, 7),
    });
    const error =
      'task customer_orders (pipeline Join-customers-redo): Catalog Error: Table with name bronze.customers does not exist!';
    await facts.finishJobRun(run.id, {
      status: 'failed',
      endedAt: day(4, 7),
      error,
    });
    return { run, error };
  }

  async function succeededRun(facts: FactsStore, date: Date) {
    const run = await facts.createJobRun({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'schedule',
      engine: 'duckdb',
      queuedAt: date,
    });
    await facts.finishJobRun(run.id, { status: 'succeeded', endedAt: date });
    return run;
  }

  it('tells the platform team which task failed, its error and log, and the last good run, once', async () => {
    const { facts, alerts, sent } = await setUp();
    const good = await succeededRun(facts, day(3));
    const { run, error } = await failedRun(facts);
    const subject = {
      project: 'hello-world',
      job: 'DailySummary',
      jobRunId: run.id,
    };

    await alerts.jobFailed(subject, error, {
      logUrl: 'https://dbc.example/jobs/7/runs/701',
    });
    await alerts.jobFailed(subject, error);

    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: PLATFORM,
    });
    expect(sent[0].payload).toEqual({
      title: 'Job DailySummary of hello-world failed',
      description:
        'Task customer_orders (pipeline Join-customers-redo) failed: Catalog Error: Table with name bronze.customers does not exist! ' +
        `Run ${run.id}, started 2026-12-04T06:00:00Z. ` +
        'Log: https://dbc.example/jobs/7/runs/701. ' +
        `Last successful run: ${good.id} of 2026-12-03T06:00:00Z. ` +
        "Fix pipeline Join-customers-redo or its inputs, then run DailySummary again from the project's Runs tab.",
      link: '/catalog/default/component/hello-world/runs',
      severity: 'high',
      topic: 'data-mesh:run-failed',
      scope: 'run-failed:hello-world/DailySummary',
    });
  });

  it('names the remote run when the executor gave no log link, and says no run succeeded yet', async () => {
    const { facts, alerts, sent } = await setUp();
    const { run, error } = await failedRun(facts, {
      engine: 'databricks',
      externalRunId: '701',
    });

    await alerts.jobFailed(
      { project: 'hello-world', job: 'DailySummary', jobRunId: run.id },
      error,
    );

    expect(sent[0].payload.description).toContain(
      'Remote run 701 on databricks.',
    );
    expect(sent[0].payload.description).toContain(
      'No run of this job has succeeded yet.',
    );
  });

  it('tells the owning team the breached rule, the values it saw and the last good run', async () => {
    const { facts, alerts, sent } = await setUp();
    const good = await succeededRun(facts, day(3));
    const bad = await succeededRun(facts, day(4));
    const result = {
      dataset: 'TotalSales',
      ruleKey: 'accepted_values:currency',
      ruleLabel: 'currency in (USD, EUR, GBP, CAD, AUD, JPY)',
    };
    await facts.recordQualityResults([
      { ...result, jobRunId: good.id, status: 'pass', evaluatedAt: day(3) },
      {
        ...result,
        jobRunId: bad.id,
        status: 'fail',
        failingRows: 3,
        checkedRows: 126,
        observed: 'n/a, usd',
        message:
          'currency is not one of USD, EUR, GBP, CAD, AUD, JPY in 3 of 126 rows (e.g. n/a, usd)',
        evaluatedAt: day(4),
      },
    ]);
    const subject = {
      ...result,
      project: 'hello-world',
      owner: 'sales-analytics',
      jobRunId: bad.id,
      status: 'fail' as const,
      message:
        'currency is not one of USD, EUR, GBP, CAD, AUD, JPY in 3 of 126 rows (e.g. n/a, usd)',
      observed: 'n/a, usd',
    };

    await alerts.qualityChecked(subject);
    await alerts.qualityChecked(subject);

    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({ type: 'entity', entityRef: SALES });
    expect(sent[0].payload).toMatchObject({
      title: 'TotalSales: "currency in (USD, EUR, GBP, CAD, AUD, JPY)" fails',
      description:
        `Rule accepted_values:currency of TotalSales (project hello-world) fails in run ${bad.id}: currency is not one of USD, EUR, GBP, CAD, AUD, JPY in 3 of 126 rows (e.g. n/a, usd). ` +
        'Observed: n/a, usd. ' +
        `Last good run: ${good.id}, checked 2026-12-03T06:00:00Z. ` +
        'Fix the rows upstream or in the pipeline, or change the rule in the dataset file if the data is right.',
      link: '/catalog/default/dataproduct/total-sales',
      topic: 'data-mesh:quality-breach',
    });

    // Passing again closes the breach; the next failure alerts again.
    await alerts.qualityChecked({ ...subject, status: 'pass' });
    expect(
      await facts.getAlert(
        'quality:hello-world/TotalSales/accepted_values:currency',
      ),
    ).toMatchObject({ status: 'resolved' });
    await alerts.qualityChecked(subject);
    expect(sent).toHaveLength(2);
  });

  it('says when no run has passed a rule yet', async () => {
    const { facts, alerts, sent } = await setUp();
    const bad = await succeededRun(facts, day(4));

    await alerts.qualityChecked({
      project: 'hello-world',
      dataset: 'DailySummary',
      owner: SALES,
      jobRunId: bad.id,
      ruleKey: 'not_null:order_date',
      ruleLabel: 'order_date is not null',
      status: 'fail',
      message: '6 of 1,112 rows have a null order_date',
    });

    expect(sent[0].payload.description).toBe(
      `Rule not_null:order_date of DailySummary (project hello-world) fails in run ${bad.id}: 6 of 1,112 rows have a null order_date. ` +
        'No run has passed this rule yet. ' +
        'Fix the rows upstream or in the pipeline, or change the rule in the dataset file if the data is right.',
    );
  });
});
