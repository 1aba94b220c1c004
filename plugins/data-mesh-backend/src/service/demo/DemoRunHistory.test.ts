/** @jest-environment node */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { compileProject } from '@meshwork/data-mesh-common';
import path from 'node:path';
import { DatabaseFactsStore, FactsStore, JobRun } from '../../database';
import { ProjectRepository } from '../projects/ProjectRepository';
import { DemoRunHistory, readDemoHistoryDays } from './DemoRunHistory';
import { DEMO_HISTORY_REQUESTER, planDemoRunHistory } from './demoRunPlan';

jest.setTimeout(120_000);

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

/** A Saturday afternoon: the history runs from 5 November to 4 December. */
const NOW = new Date('2026-12-05T13:00:00Z');
const DAYS = 30;

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function allRuns(facts: FactsStore): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  let cursor: string | undefined;
  do {
    const page = await facts.listJobRuns({ limit: 500, cursor });
    runs.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return runs;
}

describe('readDemoHistoryDays', () => {
  it('is absent without dataMesh.demo.runHistory.days, or with 0', () => {
    expect(readDemoHistoryDays(new ConfigReader({}))).toBeUndefined();
    expect(
      readDemoHistoryDays(
        new ConfigReader({ dataMesh: { demo: { runHistory: { days: 0 } } } }),
      ),
    ).toBeUndefined();
  });

  it('reads the days', () => {
    expect(
      readDemoHistoryDays(
        new ConfigReader({ dataMesh: { demo: { runHistory: { days: 30 } } } }),
      ),
    ).toBe(30);
  });

  it.each([2.5, -3, 401])('refuses %p days, naming the key', days => {
    expect(() =>
      readDemoHistoryDays(
        new ConfigReader({ dataMesh: { demo: { runHistory: { days } } } }),
      ),
    ).toThrow(/dataMesh\.demo\.runHistory\.days must be a whole number/);
  });
});

describe('planDemoRunHistory', () => {
  it('is the same for the same project and clock, and moves with the day', async () => {
    // Later on the same day: the same history.
    expect(await plannedHistory(new Date('2026-12-05T23:59:00Z'))).toEqual(
      await plannedHistory(NOW),
    );
    const tomorrow = await plannedHistory(new Date('2026-12-06T08:00:00Z'));
    expect(tomorrow[0].queuedAt.toISOString()).toMatch(/^2026-11-06T06:00/);
    expect(tomorrow.at(-1)!.queuedAt.toISOString()).toMatch(/^2026-12-05T/);
  });

  it('plans a few soft failures and one failed run for a fixed clock', async () => {
    expect(summary(await plannedHistory(NOW))).toMatchSnapshot();
  });
});

describe.each(databases.eachSupportedId())('DemoRunHistory on %p', id => {
  async function setUp() {
    const knex = await databases.init(id);
    const facts = await DatabaseFactsStore.create({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const history = () =>
      new DemoRunHistory({
        projects: ProjectRepository.forFolders({ 'hello-world': HELLO_WORLD }),
        facts,
        logger: mockServices.logger.mock(),
        days: DAYS,
        engine: 'duckdb',
        dbuPerHour: 1,
        now: () => NOW,
      });
    return { facts, history };
  }

  it('writes one scheduled run per job and day, with tasks, quality, cost and freshness', async () => {
    const { facts, history } = await setUp();

    expect(await history().writeIfEmpty()).toEqual({
      written: true,
      runs: 60,
      projects: ['hello-world'],
    });

    const runs = await allRuns(facts);
    expect(runs).toHaveLength(60);
    const byJob = (job: string) => runs.filter(run => run.job === job);
    expect(byJob('DailySummary')).toHaveLength(DAYS);
    expect(byJob('Job-Test')).toHaveLength(DAYS);
    for (const run of runs) {
      expect(run).toMatchObject({
        trigger: 'schedule',
        requestedBy: DEMO_HISTORY_REQUESTER,
        engine: 'duckdb',
      });
      expect(run.queuedAt.getTime()).toBeLessThan(
        Date.parse('2026-12-05T00:00:00Z'),
      );
      expect(run.queuedAt.getTime()).toBeGreaterThanOrEqual(
        Date.parse('2026-11-05T00:00:00Z'),
      );
    }
    const days = new Set(
      runs.map(run => run.queuedAt.toISOString().slice(0, 10)),
    );
    expect(days.size).toBe(DAYS);

    // One failed run, in the last week, naming its failed task.
    const failed = runs.filter(run => run.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].queuedAt.getTime()).toBeGreaterThanOrEqual(
      Date.parse('2026-11-28T00:00:00Z'),
    );
    const failedRun = (await facts.getJobRun(failed[0].id))!;
    const failedTask = failedRun.tasks.find(t => t.status === 'failed')!;
    expect(failedRun.error).toBe(
      `task ${failedTask.taskKey} (pipeline ${failedTask.pipeline}): ${failedTask.error}`,
    );
    expect(failedRun.tasks.some(t => t.status === 'skipped')).toBe(true);
    expect(runs.filter(run => run.status === 'succeeded').length).toBe(59);

    // Tasks of a run that succeeded: timed, in dependency order, with rows.
    const daily = (await facts.getJobRun(byJob('DailySummary')[0].id))!;
    expect(daily.tasks.map(t => t.status)).toEqual(Array(4).fill('succeeded'));
    const task = (key: string) => daily.tasks.find(t => t.taskKey === key)!;
    expect(task('compute_sales').startedAt!.getTime()).toBeGreaterThan(
      task('customer_orders').endedAt!.getTime(),
    );
    for (const t of daily.tasks) {
      expect(t.rowsWritten).toBeGreaterThan(0);
      const seconds = (t.endedAt!.getTime() - t.startedAt!.getTime()) / 1000;
      expect(seconds).toBeGreaterThan(10);
      expect(seconds).toBeLessThan(300);
    }

    // A result for every rule of every dataset written, mostly passing.
    const totalSales = await facts.listQualityResults({
      dataset: 'TotalSales',
      project: 'hello-world',
      limit: 500,
    });
    // Four rules, on each of the 29 days DailySummary's compute_sales ran.
    const computeSalesRuns =
      DAYS - (failedTask.taskKey === 'customer_orders' ? 1 : 0);
    expect(totalSales.totalCount).toBe(4 * computeSalesRuns);
    const everyResult = await Promise.all(
      [
        'CustomerOrder',
        'DailySummary',
        'TotalSales',
        'silver_account_lengths',
        'silver_customer_accounts',
        'silver_customer_orders',
        'silver_sales_lines',
      ].map(
        async dataset =>
          (
            await facts.listQualityResults({ dataset, limit: 500 })
          ).items,
      ),
    ).then(lists => lists.flat());
    const failures = everyResult.filter(r => r.status === 'fail');
    expect(everyResult.every(r => r.status !== 'error')).toBe(true);
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures.length).toBeLessThan(everyResult.length * 0.05);
    for (const failure of failures) {
      expect(failure.failingRows).toBeGreaterThan(0);
      expect(failure.message).toBeTruthy();
    }
    expect(failures.some(f => f.observed !== undefined)).toBe(true);
    // What was written is what was planned.
    const planned = summary(await plannedHistory(NOW));
    expect(failed[0].id).toBe(planned.failedRun.split(' ')[1]);
    expect(everyResult.length).toBe(planned.results);
    expect(failures.map(describeFailure).sort()).toEqual(planned.failures);

    // Estimates this month, billed usage before (runs list newest first).
    const december = await facts.listCosts(byJob('DailySummary')[0].id);
    expect(december.map(c => c.source)).toEqual(Array(4).fill('estimate'));
    const november = await facts.listCosts(byJob('DailySummary').at(-1)!.id);
    expect(november).toEqual([
      expect.objectContaining({
        source: 'system.billing.usage',
        estimated: false,
        usageMonth: '2026-11',
        team: 'group:default/sales-analytics',
        taskRunId: undefined,
      }),
    ]);
    const months = await facts.costRollup({ groupBy: 'month' });
    expect(months.map(m => [m.month, m.runCount, m.estimated])).toEqual([
      ['2026-11', 52, false],
      ['2026-12', 8, true],
    ]);

    // Every dataset written was last written by the last day's runs.
    const freshness = await facts.listFreshness('hello-world');
    expect(freshness.map(f => f.dataset).sort()).toEqual([
      'CustomerOrder',
      'DailySummary',
      'TotalSales',
      'silver_account_lengths',
      'silver_customer_accounts',
      'silver_customer_orders',
      'silver_sales_lines',
    ]);
    for (const write of freshness) {
      expect(write.lastWrittenAt.toISOString()).toMatch(/^2026-12-04T/);
      expect(write.rowsWritten).toBeGreaterThan(0);
    }
  });

  it('writes nothing on a second start, nor when two replicas start together', async () => {
    const { facts, history } = await setUp();
    const together = await Promise.allSettled([
      history().writeIfEmpty(),
      history().writeIfEmpty(),
    ]);
    const again = await history().writeIfEmpty();

    expect(together.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const written = together.filter(
      r => r.status === 'fulfilled' && r.value.written,
    );
    expect(written).toHaveLength(1);
    expect(again).toEqual({
      written: false,
      reason: 'the facts store already holds runs',
    });
    expect(await allRuns(facts)).toHaveLength(60);
    const results = await facts.listQualityResults({
      dataset: 'silver_customer_accounts',
      limit: 1,
    });
    // Two rules, once per DailySummary run whose customer_accounts ran.
    expect(results.totalCount).toBeLessThanOrEqual(2 * DAYS);
  });

  it('writes nothing into a store that already holds a run', async () => {
    const { facts, history } = await setUp();
    await facts.createJobRun({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'manual',
      engine: 'duckdb',
      queuedAt: NOW,
    });

    expect(await history().writeIfEmpty()).toEqual({
      written: false,
      reason: 'the facts store already holds runs',
    });
    expect(await allRuns(facts)).toHaveLength(1);
    expect(await facts.listFreshness('hello-world')).toEqual([]);
  });

  it('waits for the catalog to list a project', async () => {
    const { facts } = await setUp();
    const history = new DemoRunHistory({
      projects: ProjectRepository.forFolders({}),
      facts,
      logger: mockServices.logger.mock(),
      days: DAYS,
      engine: 'duckdb',
      dbuPerHour: 1,
      now: () => NOW,
    });

    expect(await history.writeIfEmpty()).toEqual({
      written: false,
      reason: 'no data project with jobs yet',
    });
    expect(await allRuns(facts)).toEqual([]);
  });
});

async function plannedHistory(now: Date) {
  const { manifest } = compileProject(await projectSources());
  return planDemoRunHistory({
    project: 'hello-world',
    manifest,
    days: DAYS,
    now,
    dbuPerHour: 1,
  });
}

/** The counts and ids of a planned history, and its failures in words. */
function summary(runs: Awaited<ReturnType<typeof plannedHistory>>) {
  const results = runs.flatMap(run =>
    run.tasks.flatMap(task =>
      task.quality.map(q => ({
        ...q,
        ...q.outcome,
        evaluatedAt: task.endedAt,
      })),
    ),
  );
  const failed = runs.find(run => run.status === 'failed')!;
  return {
    runs: runs.length,
    firstRunId: runs[0].id,
    results: results.length,
    failures: results
      .filter(r => r.status === 'fail')
      .map(describeFailure)
      .sort(),
    failedRun: `${failed.queuedAt.toISOString().slice(0, 10)} ${failed.id} ${
      failed.error
    }`,
  };
}

function describeFailure(result: {
  evaluatedAt: Date;
  dataset: string;
  ruleKey: string;
  message?: string;
}): string {
  return `${result.evaluatedAt.toISOString().slice(0, 10)} ${result.dataset} ${
    result.ruleKey
  }: ${result.message}`;
}

async function projectSources() {
  return ProjectRepository.forFolders({ 'hello-world': HELLO_WORLD }).sources(
    'hello-world',
  );
}
