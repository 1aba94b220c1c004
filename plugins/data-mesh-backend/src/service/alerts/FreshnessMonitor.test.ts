/** @jest-environment node */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import path from 'node:path';
import { DatabaseFactsStore } from '../../database';
import { ProjectRepository } from '../projects/ProjectRepository';
import { FreshnessMonitor } from './FreshnessMonitor';
import { RunAlerts } from './RunAlerts';

jest.setTimeout(60_000);

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
const SALES = 'group:default/sales-analytics';
const NOW = new Date('2026-12-05T13:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('FreshnessMonitor on %p', id => {
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
      platformTeam: 'group:default/platform-team',
      now: () => NOW,
    });
    const monitor = new FreshnessMonitor({
      projects: ProjectRepository.forFolders({ 'hello-world': HELLO_WORLD }),
      facts,
      alerts,
      logger: mockServices.logger.mock(),
    });
    return { facts, monitor, sent };
  }

  it('names the last write and the jobs that should have written a stale dataset, once', async () => {
    const { facts, monitor, sent } = await setUp();
    const writer = await facts.createJobRun({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'schedule',
      engine: 'duckdb',
      queuedAt: hoursAgo(41),
    });
    await facts.finishJobRun(writer.id, {
      status: 'succeeded',
      endedAt: hoursAgo(40),
    });
    const lastTry = await facts.createJobRun({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'schedule',
      engine: 'duckdb',
      queuedAt: hoursAgo(7),
    });
    await facts.finishJobRun(lastTry.id, {
      status: 'failed',
      endedAt: hoursAgo(7),
      error:
        'task customer_accounts (pipeline CustomerAccounts): out of memory',
    });
    // Fresh: no alert.
    await facts.recordFreshness({
      project: 'hello-world',
      dataset: 'TotalSales',
      tableName: 'gold.total_sales',
      writtenAt: hoursAgo(2),
    });
    // Stale, and written by two jobs, one of them paused.
    await facts.recordFreshness({
      project: 'hello-world',
      dataset: 'silver_account_lengths',
      tableName: 'silver.account_lengths',
      writtenAt: hoursAgo(40),
      jobRunId: writer.id,
    });

    await monitor.check(NOW);
    await monitor.check(NOW);

    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({ type: 'entity', entityRef: SALES });
    expect(sent[0].payload).toEqual({
      title: 'silver_account_lengths missed its freshness SLA',
      description:
        'silver_account_lengths (project hello-world): last written 40 h ago; the SLA is 26 h. ' +
        `Last write: 2026-12-03T21:00:00Z by run ${writer.id}. ` +
        'Job DailySummary should have written it (schedule 0 0 6 * * ? Europe/Amsterdam); ' +
        `its last run ${lastTry.id} of 2026-12-05T06:00:00Z failed: task customer_accounts (pipeline CustomerAccounts): out of memory. ` +
        "Run it from the project's Runs tab. " +
        'Job Job-Test should have written it (no active schedule); it has not run yet. ' +
        "Run it from the project's Runs tab.",
      link: '/catalog/default/component/hello-world/runs',
      severity: 'normal',
      topic: 'data-mesh:freshness-missed',
      scope: 'freshness:hello-world/silver_account_lengths',
    });

    // Written again: the alert closes.
    await facts.recordFreshness({
      project: 'hello-world',
      dataset: 'silver_account_lengths',
      tableName: 'silver.account_lengths',
      writtenAt: hoursAgo(1),
    });
    await monitor.check(NOW);
    expect(
      await facts.getAlert('freshness:hello-world/silver_account_lengths'),
    ).toMatchObject({ status: 'resolved' });
    expect(sent).toHaveLength(1);
  });
});
