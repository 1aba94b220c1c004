import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { DatabaseFactsStore } from './DatabaseFactsStore';
import { CreateJobRunInput } from './FactsStore';
import { JobRun } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function databaseService(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

const at = (iso: string) => new Date(iso);

function runInput(overrides: Partial<CreateJobRunInput> = {}) {
  return {
    project: 'hello-world',
    job: 'daily',
    trigger: 'schedule' as const,
    engine: 'duckdb',
    queuedAt: at('2026-03-01T06:00:00Z'),
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('DatabaseFactsStore on %p', id => {
  let knex: Knex;
  let store: DatabaseFactsStore;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
    store = await DatabaseFactsStore.create({
      database: databaseService(knex),
    });
  });

  describe('job and task runs', () => {
    it('records a run through its lifecycle with its tasks', async () => {
      const run = await store.createJobRun(
        runInput({ trigger: 'manual', requestedBy: 'user:default/ada' }),
      );
      expect(run.status).toBe('queued');
      expect(run.id).toMatch(/^[0-9a-f-]{36}$/);

      await store.updateJobRun(run.id, {
        status: 'running',
        startedAt: at('2026-03-01T06:00:05Z'),
        externalRunId: '1234567',
      });
      const clean = await store.createTaskRun({
        jobRunId: run.id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
        datasets: ['orders_clean', 'orders_clean'],
      });
      const report = await store.createTaskRun({
        jobRunId: run.id,
        taskKey: 'report',
        pipeline: 'top_countries',
        datasets: ['top_countries'],
      });
      await store.updateTaskRun(clean.id, {
        status: 'running',
        startedAt: at('2026-03-01T06:00:06Z'),
      });
      expect(
        await store.finishTaskRun(clean.id, {
          status: 'succeeded',
          endedAt: at('2026-03-01T06:01:00Z'),
          rowsWritten: 5_000_000_000,
        }),
      ).toBe(true);
      expect(
        await store.finishTaskRun(report.id, {
          status: 'skipped',
          endedAt: at('2026-03-01T06:01:00Z'),
        }),
      ).toBe(true);
      expect(
        await store.finishJobRun(run.id, {
          status: 'failed',
          endedAt: at('2026-03-01T06:01:01Z'),
          error: 'Binder Error: column "amount" not found',
        }),
      ).toBe(true);

      expect(await store.getJobRun(run.id)).toEqual({
        id: run.id,
        project: 'hello-world',
        job: 'daily',
        trigger: 'manual',
        engine: 'duckdb',
        status: 'failed',
        queuedAt: at('2026-03-01T06:00:00Z'),
        startedAt: at('2026-03-01T06:00:05Z'),
        endedAt: at('2026-03-01T06:01:01Z'),
        error: 'Binder Error: column "amount" not found',
        requestedBy: 'user:default/ada',
        externalRunId: '1234567',
        // Created without an instance: the heartbeat is the queue time.
        heartbeatAt: at('2026-03-01T06:00:00Z'),
        tasks: [
          {
            id: clean.id,
            jobRunId: run.id,
            taskKey: 'clean',
            pipeline: 'clean_orders',
            status: 'succeeded',
            startedAt: at('2026-03-01T06:00:06Z'),
            endedAt: at('2026-03-01T06:01:00Z'),
            rowsWritten: 5_000_000_000,
            error: undefined,
            datasets: ['orders_clean'],
          },
          {
            id: report.id,
            jobRunId: run.id,
            taskKey: 'report',
            pipeline: 'top_countries',
            status: 'skipped',
            startedAt: undefined,
            endedAt: at('2026-03-01T06:01:00Z'),
            rowsWritten: undefined,
            error: undefined,
            datasets: ['top_countries'],
          },
        ],
      });
    });

    it('does not end a run twice', async () => {
      const run = await store.createJobRun(runInput({ status: 'running' }));
      const end = { status: 'succeeded' as const, endedAt: new Date() };
      expect(await store.finishJobRun(run.id, end)).toBe(true);
      expect(
        await store.finishJobRun(run.id, { ...end, status: 'cancelled' }),
      ).toBe(false);
      expect((await store.getJobRun(run.id))?.status).toBe('succeeded');
    });

    it('reports unknown runs and tasks as not found', async () => {
      const end = { status: 'failed' as const, endedAt: new Date() };
      await expect(store.getJobRun('nope')).resolves.toBeUndefined();
      await expect(
        store.updateJobRun('nope', { status: 'running' }),
      ).rejects.toThrow(NotFoundError);
      await expect(store.updateJobRun('nope', {})).rejects.toThrow(
        NotFoundError,
      );
      await expect(store.finishJobRun('nope', end)).rejects.toThrow(
        NotFoundError,
      );
      await expect(
        store.updateTaskRun('nope', { status: 'running' }),
      ).rejects.toThrow(NotFoundError);
      await expect(store.finishTaskRun('nope', end)).rejects.toThrow(
        NotFoundError,
      );
    });

    it('fails the active runs whose heartbeat went stale, and those of the starting instance', async () => {
      const now = at('2026-03-01T07:00:00Z');
      const stale = at('2026-03-01T06:58:00Z');
      const error = 'interrupted by a backend restart';
      const queued = await store.createJobRun(runInput({ instanceId: 'a' }));
      const running = await store.createJobRun(
        runInput({
          status: 'running',
          startedAt: at('2026-03-01T06:00:01Z'),
          instanceId: 'a',
          heartbeatAt: at('2026-03-01T06:57:59Z'),
        }),
      );
      const doneTask = await store.createTaskRun({
        jobRunId: running.id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
        status: 'running',
        startedAt: at('2026-03-01T06:00:02Z'),
      });
      await store.finishTaskRun(doneTask.id, {
        status: 'succeeded',
        endedAt: at('2026-03-01T06:00:30Z'),
      });
      const activeTask = await store.createTaskRun({
        jobRunId: running.id,
        taskKey: 'report',
        pipeline: 'top_countries',
        status: 'running',
        startedAt: at('2026-03-01T06:00:31Z'),
      });
      const queuedTask = await store.createTaskRun({
        jobRunId: queued.id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
      });
      // Recorded before runs had heartbeats.
      const legacy = await store.createJobRun(runInput({ status: 'running' }));
      await knex('job_runs')
        .where({ id: legacy.id })
        .update({ heartbeat_at: null });
      const alive = await store.createJobRun(
        runInput({ status: 'running', instanceId: 'b', heartbeatAt: stale }),
      );
      const aliveTask = await store.createTaskRun({
        jobRunId: alive.id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
        status: 'running',
      });
      const own = await store.createJobRun(
        runInput({ status: 'running', instanceId: 'me', heartbeatAt: now }),
      );
      const done = await store.createJobRun(
        runInput({ status: 'running', instanceId: 'me', heartbeatAt: now }),
      );
      await store.finishJobRun(done.id, {
        status: 'succeeded',
        endedAt: at('2026-03-01T06:00:10Z'),
      });

      const failed = await store.failAbandonedRuns({
        now,
        heartbeatBefore: stale,
        instanceId: 'me',
        error,
      });

      expect(failed.map(run => run.id).sort()).toEqual(
        [queued.id, running.id, legacy.id, own.id].sort(),
      );
      expect(failed.find(run => run.id === running.id)).toMatchObject({
        project: 'hello-world',
        job: 'daily',
        instanceId: 'a',
        status: 'failed',
      });
      for (const runId of [queued.id, running.id, legacy.id, own.id]) {
        expect(await store.getJobRun(runId)).toMatchObject({
          status: 'failed',
          error,
          endedAt: now,
        });
      }
      const details = await store.getJobRun(running.id);
      expect(
        details?.tasks.map(t => [t.id, t.status, t.error, t.endedAt]),
      ).toEqual([
        [doneTask.id, 'succeeded', undefined, at('2026-03-01T06:00:30Z')],
        [activeTask.id, 'failed', error, now],
      ]);
      expect((await store.getJobRun(queued.id))?.tasks[0]).toMatchObject({
        id: queuedTask.id,
        status: 'failed',
      });
      // A heartbeat at the threshold is not stale.
      expect(await store.getJobRun(alive.id)).toMatchObject({
        status: 'running',
        instanceId: 'b',
        heartbeatAt: stale,
        tasks: [{ id: aliveTask.id, status: 'running' }],
      });
      expect(await store.getJobRun(done.id)).toMatchObject({
        status: 'succeeded',
        error: undefined,
      });
      expect(
        await store.failAbandonedRuns({
          now,
          heartbeatBefore: stale,
          instanceId: 'me',
          error,
        }),
      ).toEqual([]);
      // Without an instance, only stale heartbeats count.
      const mine = await store.createJobRun(
        runInput({ status: 'running', instanceId: 'me', heartbeatAt: now }),
      );
      expect(
        await store.failAbandonedRuns({ now, heartbeatBefore: stale, error }),
      ).toEqual([]);
      expect((await store.getJobRun(mine.id))?.status).toBe('running');
    });

    it('refreshes the heartbeat of the active runs of one instance', async () => {
      const queuedAt = at('2026-03-01T06:00:00Z');
      const later = at('2026-03-01T06:00:15Z');
      const mine = await store.createJobRun(runInput({ instanceId: 'a' }));
      const ended = await store.createJobRun(runInput({ instanceId: 'a' }));
      await store.finishJobRun(ended.id, {
        status: 'failed',
        endedAt: queuedAt,
      });
      const theirs = await store.createJobRun(runInput({ instanceId: 'b' }));
      expect(mine).toMatchObject({ instanceId: 'a', heartbeatAt: queuedAt });

      const active = await store.heartbeatRuns(
        [mine.id, ended.id, theirs.id, 'nope'],
        'a',
        later,
      );

      expect(active).toEqual([mine.id]);
      expect((await store.getJobRun(mine.id))?.heartbeatAt).toEqual(later);
      expect((await store.getJobRun(ended.id))?.heartbeatAt).toEqual(queuedAt);
      expect((await store.getJobRun(theirs.id))?.heartbeatAt).toEqual(queuedAt);
      expect(await store.heartbeatRuns([], 'a', later)).toEqual([]);
    });

    it('deletes the facts of a run with the run', async () => {
      const run = await store.createJobRun(runInput());
      const task = await store.createTaskRun({
        jobRunId: run.id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
        datasets: ['orders_clean'],
      });
      await store.recordQualityResults([
        {
          jobRunId: run.id,
          taskRunId: task.id,
          dataset: 'orders_clean',
          ruleKey: 'order_id_not_null',
          ruleLabel: 'order_id is not null',
          status: 'pass',
          evaluatedAt: new Date(),
        },
      ]);
      await store.recordCost({
        jobRunId: run.id,
        taskRunId: task.id,
        project: 'hello-world',
        pipeline: 'clean_orders',
        team: 'sales-analytics',
        dbus: 1,
        source: 'estimate',
        usageMonth: '2026-03',
        recordedAt: new Date(),
      });
      await store.recordFreshness({
        project: 'hello-world',
        dataset: 'orders_clean',
        tableName: 'main.orders_clean',
        writtenAt: new Date(),
        jobRunId: run.id,
      });

      await knex('job_runs').where({ id: run.id }).delete();

      for (const table of [
        'task_runs',
        'task_run_datasets',
        'quality_results',
        'run_costs',
      ]) {
        const [{ n }] = await knex(table).count({ n: '*' });
        expect(Number(n)).toBe(0);
      }
      expect(
        (await store.getFreshness('hello-world', 'orders_clean'))?.lastJobRunId,
      ).toBeUndefined();
    });
  });

  describe('dataset readers', () => {
    /** A task run of `pipeline` that started at `startedAt` and ended so. */
    async function taskRun(
      pipeline: string,
      startedAt: string,
      status: 'succeeded' | 'failed',
      project = 'hello-world',
    ) {
      const run = await store.createJobRun(runInput({ project }));
      const task = await store.createTaskRun({
        jobRunId: run.id,
        taskKey: pipeline,
        pipeline,
        datasets: [],
      });
      await store.updateTaskRun(task.id, {
        status: 'running',
        startedAt: at(startedAt),
      });
      await store.finishTaskRun(task.id, {
        status,
        endedAt: at(startedAt),
      });
    }

    const read = (reader: string, readAt: string, dataset = 'orders') =>
      store.recordDatasetRead({
        project: 'hello-world',
        dataset,
        reader,
        via: 'sample',
        readAt: at(readAt),
      });

    it('counts the users and the pipelines that read a dataset since a time, latest first', async () => {
      await read('user:default/fiona', '2026-03-02T09:00:00Z');
      await read('user:default/fiona', '2026-03-05T09:00:00Z');
      await read('user:default/sam', '2026-03-04T09:00:00Z');
      // Before the window, of another dataset: not counted.
      await read('user:default/sam', '2026-02-20T09:00:00Z');
      await read('user:default/mona', '2026-03-06T09:00:00Z', 'customers');
      await taskRun('compute_sales', '2026-03-03T06:00:00Z', 'succeeded');
      await taskRun('compute_sales', '2026-03-06T06:00:00Z', 'succeeded');
      // A failed run, an earlier one and another project's: not counted.
      await taskRun('compute_sales', '2026-03-07T06:00:00Z', 'failed');
      await taskRun('compute_sales', '2026-02-27T06:00:00Z', 'succeeded');
      await taskRun('compute_sales', '2026-03-04T06:00:00Z', 'succeeded', 'x');
      // A pipeline that does not read it.
      await taskRun('customer_accounts', '2026-03-04T06:00:00Z', 'succeeded');

      const readers = await store.listDatasetReaders({
        project: 'hello-world',
        dataset: 'orders',
        pipelines: ['compute_sales'],
        since: at('2026-03-01T00:00:00Z'),
      });

      expect(readers).toEqual([
        {
          kind: 'pipeline',
          reader: 'compute_sales',
          via: 'job-run',
          reads: 2,
          lastReadAt: at('2026-03-06T06:00:00Z'),
        },
        {
          kind: 'user',
          reader: 'user:default/fiona',
          via: 'sample',
          reads: 2,
          lastReadAt: at('2026-03-05T09:00:00Z'),
        },
        {
          kind: 'user',
          reader: 'user:default/sam',
          via: 'sample',
          reads: 1,
          lastReadAt: at('2026-03-04T09:00:00Z'),
        },
      ]);
    });

    it('finds no readers of a dataset nobody read', async () => {
      await taskRun('compute_sales', '2026-03-03T06:00:00Z', 'succeeded');
      expect(
        await store.listDatasetReaders({
          project: 'hello-world',
          dataset: 'orders',
          pipelines: [],
          since: at('2026-03-01T00:00:00Z'),
        }),
      ).toEqual([]);
    });
  });

  describe('listJobRuns', () => {
    async function seedRuns(): Promise<JobRun[]> {
      const runs: JobRun[] = [];
      // Runs queued in the same millisecond, as a scheduler burst would.
      for (let i = 0; i < 7; i++) {
        runs.push(
          await store.createJobRun(
            runInput({ queuedAt: at('2026-03-01T06:00:00Z') }),
          ),
        );
      }
      runs.push(
        await store.createJobRun(
          runInput({ queuedAt: at('2026-03-02T06:00:00Z') }),
        ),
        await store.createJobRun(
          runInput({ queuedAt: at('2026-02-28T06:00:00Z') }),
        ),
        await store.createJobRun(
          runInput({ job: 'hourly', queuedAt: at('2026-03-03T06:00:00Z') }),
        ),
        await store.createJobRun(
          runInput({
            project: 'finance',
            queuedAt: at('2026-03-03T06:00:00Z'),
          }),
        ),
      );
      return runs;
    }

    it('pages through runs newest first without repeating or missing any', async () => {
      const runs = await seedRuns();
      const expected = runs
        .filter(r => r.project === 'hello-world' && r.job === 'daily')
        .sort(
          (a, b) =>
            b.queuedAt.getTime() - a.queuedAt.getTime() ||
            (a.id < b.id ? 1 : -1),
        )
        .map(r => r.id);
      expect(expected).toHaveLength(9);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      // Bounded, so a cursor that does not advance fails instead of hanging.
      do {
        const page = await store.listJobRuns({
          project: 'hello-world',
          job: 'daily',
          limit: 2,
          cursor,
        });
        expect(page.totalCount).toBe(9);
        seen.push(...page.items.map(r => r.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);

      expect(pages).toBe(5);
      expect(seen).toEqual(expected);
    });

    it('filters runs by project, job, status and dataset written', async () => {
      const runs = await seedRuns();
      await store.finishJobRun(runs[8].id, {
        status: 'failed',
        endedAt: new Date(),
      });
      const task = await store.createTaskRun({
        jobRunId: runs[9].id,
        taskKey: 'report',
        pipeline: 'top_countries',
        datasets: ['top_countries', 'orders_clean'],
      });
      await store.createTaskRun({
        jobRunId: runs[9].id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
        datasets: ['orders_clean'],
      });
      await store.createTaskRun({
        jobRunId: runs[0].id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
        datasets: ['orders_clean'],
      });
      expect(task.datasets).toEqual(['orders_clean', 'top_countries']);

      const ids = async (options: Parameters<typeof store.listJobRuns>[0]) => {
        const page = await store.listJobRuns(options);
        expect(page.totalCount).toBe(page.items.length);
        return page.items.map(r => r.id);
      };
      expect(await ids({ project: 'finance' })).toEqual([runs[10].id]);
      expect(await ids({ job: 'hourly' })).toEqual([runs[9].id]);
      expect(await ids({ status: 'failed' })).toEqual([runs[8].id]);
      expect(await ids({ dataset: 'top_countries' })).toEqual([runs[9].id]);
      expect(await ids({ dataset: 'orders_clean' })).toEqual([
        runs[9].id,
        runs[0].id,
      ]);
      expect(
        await ids({
          dataset: 'orders_clean',
          project: 'hello-world',
          job: 'daily',
        }),
      ).toEqual([runs[0].id]);
      expect(await ids({ dataset: 'customers' })).toEqual([]);
    });

    it('rejects a malformed cursor or limit', async () => {
      await expect(
        store.listJobRuns({ cursor: 'not-a-cursor' }),
      ).rejects.toThrow(InputError);
      await expect(store.listJobRuns({ limit: 0 })).rejects.toThrow(InputError);
      await expect(store.listJobRuns({ limit: 2.5 })).rejects.toThrow(
        InputError,
      );
    });
  });

  describe('quality results', () => {
    it('lists the results of a dataset newest first, by rule and page', async () => {
      const run = await store.createJobRun(runInput());
      const other = await store.createJobRun(runInput({ project: 'finance' }));
      const result = (
        ruleKey: string,
        evaluatedAt: string,
        status: 'pass' | 'fail' | 'error' = 'pass',
      ) => ({
        jobRunId: run.id,
        dataset: 'orders_clean',
        ruleKey,
        ruleLabel: `${ruleKey} holds`,
        status,
        evaluatedAt: at(evaluatedAt),
      });
      await store.recordQualityResults([
        result('order_id_unique', '2026-03-01T06:01:00Z'),
        result('amount_range', '2026-03-01T06:01:00Z'),
        {
          ...result('order_id_unique', '2026-03-02T06:01:00Z', 'fail'),
          checkedRows: 1000,
          failingRows: 3,
          observed: '3 duplicate keys',
          message: 'order_id repeats',
        },
        result('amount_range', '2026-03-02T06:01:00Z', 'error'),
        {
          ...result('order_id_unique', '2026-03-03T06:01:00Z'),
          jobRunId: other.id,
        },
      ]);
      await store.recordQualityResults([]);

      const unique = await store.listQualityResults({
        dataset: 'orders_clean',
        project: 'hello-world',
        ruleKey: 'order_id_unique',
      });
      expect(unique.totalCount).toBe(2);
      expect(unique.items).toEqual([
        {
          id: expect.any(String),
          jobRunId: run.id,
          taskRunId: undefined,
          dataset: 'orders_clean',
          ruleKey: 'order_id_unique',
          ruleLabel: 'order_id_unique holds',
          status: 'fail',
          checkedRows: 1000,
          failingRows: 3,
          observed: '3 duplicate keys',
          message: 'order_id repeats',
          evaluatedAt: at('2026-03-02T06:01:00Z'),
        },
        expect.objectContaining({
          status: 'pass',
          evaluatedAt: at('2026-03-01T06:01:00Z'),
        }),
      ]);

      const first = await store.listQualityResults({
        dataset: 'orders_clean',
        limit: 3,
      });
      expect(first.totalCount).toBe(5);
      const second = await store.listQualityResults({
        dataset: 'orders_clean',
        limit: 3,
        cursor: first.nextCursor,
      });
      expect(second.nextCursor).toBeUndefined();
      const all = [...first.items, ...second.items];
      expect(new Set(all.map(r => r.id)).size).toBe(5);
      expect(all.map(r => r.evaluatedAt.toISOString().slice(0, 10))).toEqual([
        '2026-03-03',
        '2026-03-02',
        '2026-03-02',
        '2026-03-01',
        '2026-03-01',
      ]);

      const errors = await store.listQualityResults({
        dataset: 'orders_clean',
        status: 'error',
      });
      expect(errors.items.map(r => r.ruleKey)).toEqual(['amount_range']);

      const ofOneRun = await store.listQualityResults({
        dataset: 'orders_clean',
        jobRunId: other.id,
      });
      expect(ofOneRun.items.map(r => [r.jobRunId, r.ruleKey])).toEqual([
        [other.id, 'order_id_unique'],
      ]);
    });
  });

  describe('cost', () => {
    const cost = (jobRunId: string, taskRunId?: string) => ({
      jobRunId,
      taskRunId,
      project: 'hello-world',
      pipeline: taskRunId ? 'clean_orders' : undefined,
      team: 'sales-analytics',
      usageMonth: '2026-03',
      recordedAt: at('2026-03-01T07:00:00Z'),
    });

    it('replaces an estimate with the billed figure and never the reverse', async () => {
      const run = await store.createJobRun(runInput({ engine: 'databricks' }));
      await store.recordCost({
        ...cost(run.id),
        dbus: 2.5,
        source: 'estimate',
      });
      await store.recordCost({ ...cost(run.id), dbus: 3, source: 'estimate' });
      expect(await store.listCosts(run.id)).toEqual([
        expect.objectContaining({
          dbus: 3,
          estimated: true,
          source: 'estimate',
        }),
      ]);

      await store.recordCost({
        ...cost(run.id),
        dbus: 3.125,
        source: 'system.billing.usage',
        recordedAt: at('2026-03-02T07:00:00Z'),
      });
      await store.recordCost({ ...cost(run.id), dbus: 9, source: 'estimate' });
      expect(await store.listCosts(run.id)).toEqual([
        {
          jobRunId: run.id,
          taskRunId: undefined,
          project: 'hello-world',
          pipeline: undefined,
          team: 'sales-analytics',
          dbus: 3.125,
          estimated: false,
          source: 'system.billing.usage',
          usageMonth: '2026-03',
          recordedAt: at('2026-03-02T07:00:00Z'),
        },
      ]);

      // Billing tables are eventually consistent: a later figure corrects it.
      await store.recordCost({
        ...cost(run.id),
        dbus: 3.5,
        source: 'system.billing.usage',
      });
      expect((await store.listCosts(run.id)).map(c => c.dbus)).toEqual([3.5]);
    });

    it('lets a bill for the whole run supersede its task estimates', async () => {
      const run = await store.createJobRun(runInput({ engine: 'databricks' }));
      const task = await store.createTaskRun({
        jobRunId: run.id,
        taskKey: 'clean',
        pipeline: 'clean_orders',
      });
      await store.recordCost({
        ...cost(run.id, task.id),
        dbus: 1.5,
        source: 'estimate',
      });
      expect((await store.listCosts(run.id)).map(c => c.taskRunId)).toEqual([
        task.id,
      ]);

      await store.recordCost({
        ...cost(run.id),
        dbus: 2,
        source: 'system.billing.usage',
      });
      await store.recordCost({
        ...cost(run.id, task.id),
        dbus: 1.5,
        source: 'estimate',
      });
      expect(await store.listCosts(run.id)).toEqual([
        expect.objectContaining({
          taskRunId: undefined,
          dbus: 2,
          estimated: false,
        }),
      ]);
    });

    it('rejects a malformed month or DBU figure', async () => {
      const run = await store.createJobRun(runInput());
      await expect(
        store.recordCost({
          ...cost(run.id),
          usageMonth: '2026-3',
          dbus: 1,
          source: 'estimate',
        }),
      ).rejects.toThrow(InputError);
      await expect(
        store.recordCost({ ...cost(run.id), dbus: -1, source: 'estimate' }),
      ).rejects.toThrow(InputError);
      await expect(
        store.costRollup({ groupBy: 'month', from: 'March' }),
      ).rejects.toThrow(InputError);
      expect(await store.listCosts(run.id)).toEqual([]);
    });

    it('rolls costs up by pipeline, project, team and month with exact sums', async () => {
      const record = async (
        project: string,
        team: string,
        usageMonth: string,
        parts: Array<[pipeline: string, dbus: number]>,
        source: 'estimate' | 'system.billing.usage' = 'system.billing.usage',
      ) => {
        const run = await store.createJobRun(runInput({ project }));
        for (const [pipeline, dbus] of parts) {
          const task = await store.createTaskRun({
            jobRunId: run.id,
            taskKey: pipeline,
            pipeline,
          });
          await store.recordCost({
            jobRunId: run.id,
            taskRunId: task.id,
            project,
            pipeline,
            team,
            dbus,
            source,
            usageMonth,
            recordedAt: new Date(),
          });
        }
      };
      await record('hello-world', 'sales', '2026-01', [
        ['clean_orders', 0.1],
        ['top_countries', 0.2],
      ]);
      await record('hello-world', 'sales', '2026-02', [
        ['clean_orders', 0.7],
        ['top_countries', 1.000001],
      ]);
      await record(
        'hello-world',
        'sales',
        '2026-03',
        [['clean_orders', 2.25]],
        'estimate',
      );
      await record('finance', 'finance', '2026-02', [['ledger', 10]]);

      expect(await store.costRollup({ groupBy: 'pipeline' })).toEqual([
        {
          project: 'finance',
          pipeline: 'ledger',
          dbus: 10,
          runCount: 1,
          estimated: false,
        },
        {
          project: 'hello-world',
          pipeline: 'clean_orders',
          dbus: 3.05,
          runCount: 3,
          estimated: true,
        },
        {
          project: 'hello-world',
          pipeline: 'top_countries',
          dbus: 1.200001,
          runCount: 2,
          estimated: false,
        },
      ]);
      expect(await store.costRollup({ groupBy: 'project' })).toEqual([
        { project: 'finance', dbus: 10, runCount: 1, estimated: false },
        {
          project: 'hello-world',
          dbus: 4.250001,
          runCount: 3,
          estimated: true,
        },
      ]);
      expect(
        await store.costRollup({ groupBy: 'team', to: '2026-02' }),
      ).toEqual([
        { team: 'finance', dbus: 10, runCount: 1, estimated: false },
        { team: 'sales', dbus: 2.000001, runCount: 2, estimated: false },
      ]);
      expect(
        await store.costRollup({
          groupBy: 'month',
          project: 'hello-world',
          team: 'sales',
          from: '2026-02',
        }),
      ).toEqual([
        { month: '2026-02', dbus: 1.700001, runCount: 1, estimated: false },
        { month: '2026-03', dbus: 2.25, runCount: 1, estimated: true },
      ]);
      expect(await store.costRollup({ groupBy: 'team', team: 'ops' })).toEqual(
        [],
      );
    });
  });

  describe('freshness', () => {
    it('keeps the latest write of each dataset', async () => {
      const run = await store.createJobRun(runInput());
      const write = (dataset: string, writtenAt: string, rowsWritten: number) =>
        store.recordFreshness({
          project: 'hello-world',
          dataset,
          tableName: `main.${dataset}`,
          writtenAt: at(writtenAt),
          jobRunId: run.id,
          rowsWritten,
        });
      await write('orders_clean', '2026-03-01T06:00:00Z', 10);
      await write('orders_clean', '2026-03-02T06:00:00Z', 20);
      await write('orders_clean', '2026-03-01T12:00:00Z', 15);
      await write('top_countries', '2026-03-01T06:00:00Z', 5);
      await store.recordFreshness({
        project: 'finance',
        dataset: 'orders_clean',
        tableName: 'finance.orders_clean',
        writtenAt: at('2026-01-01T00:00:00Z'),
      });

      expect(await store.getFreshness('hello-world', 'orders_clean')).toEqual({
        project: 'hello-world',
        dataset: 'orders_clean',
        tableName: 'main.orders_clean',
        lastWrittenAt: at('2026-03-02T06:00:00Z'),
        lastJobRunId: run.id,
        rowsWritten: 20,
      });
      expect(
        (await store.listFreshness('hello-world')).map(f => [
          f.dataset,
          f.rowsWritten,
        ]),
      ).toEqual([
        ['orders_clean', 20],
        ['top_countries', 5],
      ]);
      expect(await store.listFreshness('finance')).toEqual([
        expect.objectContaining({
          lastJobRunId: undefined,
          rowsWritten: undefined,
        }),
      ]);
      expect(await store.getFreshness('hello-world', 'nope')).toBeUndefined();
    });
  });

  describe('alerts', () => {
    it('alerts once per breach until it recovers', async () => {
      const key = 'quality:orders_clean:order_id_unique';
      const team = 'group:default/sales-analytics';
      expect(await store.getAlert(key)).toBeUndefined();
      expect(await store.resolveAlert(key, new Date())).toBe(false);

      expect(await store.openAlert(key, team, at('2026-03-01T06:00:00Z'))).toBe(
        true,
      );
      expect(await store.openAlert(key, team, at('2026-03-01T07:00:00Z'))).toBe(
        false,
      );
      expect(
        await store.openAlert(
          'failure:hello-world:daily',
          'group:default/platform',
          at('2026-03-01T07:00:00Z'),
        ),
      ).toBe(true);
      expect(await store.getAlert(key)).toEqual({
        key,
        status: 'open',
        openedAt: at('2026-03-01T06:00:00Z'),
        resolvedAt: undefined,
        lastNotifiedAt: at('2026-03-01T06:00:00Z'),
        recipient: team,
      });

      expect(await store.resolveAlert(key, at('2026-03-02T06:00:00Z'))).toBe(
        true,
      );
      expect(await store.resolveAlert(key, at('2026-03-02T07:00:00Z'))).toBe(
        false,
      );
      expect(await store.getAlert(key)).toMatchObject({
        status: 'resolved',
        resolvedAt: at('2026-03-02T06:00:00Z'),
      });

      expect(await store.openAlert(key, team, at('2026-03-03T06:00:00Z'))).toBe(
        true,
      );
      expect(await store.getAlert(key)).toEqual({
        key,
        status: 'open',
        openedAt: at('2026-03-03T06:00:00Z'),
        resolvedAt: undefined,
        lastNotifiedAt: at('2026-03-03T06:00:00Z'),
        recipient: team,
      });
      expect((await store.getAlert('failure:hello-world:daily'))?.status).toBe(
        'open',
      );
    });

    it('notifies exactly once when replicas see the same breach together', async () => {
      const key = 'freshness:orders_clean';
      const now = new Date();
      const opened = await Promise.all(
        Array.from({ length: 5 }, () => store.openAlert(key, 'team', now)),
      );
      expect(opened.filter(Boolean)).toHaveLength(1);
    });
  });
});

describe.each(databases.eachSupportedId())('migrations on %p', id => {
  const tables = [
    'job_runs',
    'task_runs',
    'task_run_datasets',
    'quality_results',
    'run_costs',
    'dataset_freshness',
    'alert_states',
    'subscriptions',
    'subscription_audit',
  ];

  it('creates every table and drops them all again', async () => {
    const knex = await databases.init(id as TestDatabaseId);
    await DatabaseFactsStore.create({ database: databaseService(knex) });
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }

    const directory = `${__dirname}/../../migrations`;
    await knex.migrate.rollback({ directory }, true);
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }

    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('job_runs')).toBe(true);
  });

  it('adds the heartbeat of runs to a database that has runs, and removes it again', async () => {
    const knex = await databases.init(id as TestDatabaseId);
    const directory = `${__dirname}/../../migrations`;
    await knex.migrate.up({ directory, name: '20261125_facts.js' });
    await knex('job_runs').insert({
      id: 'old-run',
      project: 'hello-world',
      job: 'daily',
      trigger: 'schedule',
      engine: 'duckdb',
      status: 'running',
      queued_at: at('2026-03-01T06:00:00Z'),
    });
    await knex('task_runs').insert({
      id: 'old-task',
      job_run_id: 'old-run',
      task_key: 'clean',
      pipeline: 'clean_orders',
      status: 'running',
    });

    await knex.migrate.up({ directory, name: '20261202_run_heartbeats.js' });
    expect(await knex.schema.hasColumn('job_runs', 'instance_id')).toBe(true);
    expect(await knex.schema.hasColumn('job_runs', 'heartbeat_at')).toBe(true);
    const store = await DatabaseFactsStore.create({
      database: databaseService(knex),
    });
    expect(await store.getJobRun('old-run')).toMatchObject({
      status: 'running',
      instanceId: undefined,
      heartbeatAt: undefined,
    });

    await knex.migrate.down({ directory, name: '20261202_run_heartbeats.js' });
    expect(await knex.schema.hasColumn('job_runs', 'heartbeat_at')).toBe(false);
    expect(await knex.schema.hasColumn('job_runs', 'instance_id')).toBe(false);
    expect(
      (await knex('job_runs').where({ id: 'old-run' }).first())?.status,
    ).toBe('running');
    // SQLite rebuilds the table to drop a column; its tasks stay.
    expect(
      (await knex('task_runs').where({ id: 'old-task' }).first())?.job_run_id,
    ).toBe('old-run');
  });

  it('leaves the schema alone when migrations are skipped', async () => {
    const knex = await databases.init(id as TestDatabaseId);
    await DatabaseFactsStore.create({ database: databaseService(knex, true) });
    expect(await knex.schema.hasTable('job_runs')).toBe(false);
  });
});
