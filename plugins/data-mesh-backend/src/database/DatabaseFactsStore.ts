import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  CostRollupOptions,
  CreateJobRunInput,
  CreateTaskRunInput,
  FactsStore,
  FailAbandonedRunsInput,
  FinishRunInput,
  FinishTaskRunInput,
  ListDatasetReadersOptions,
  ListJobRunsOptions,
  ListQualityResultsOptions,
  QualityResultInput,
  RecordCostInput,
  RecordDatasetReadInput,
  RecordFreshnessInput,
  UpdateJobRunInput,
  UpdateTaskRunInput,
} from './FactsStore';
import { afterCursor, encodeCursor, pageLimit } from './pagination';
import {
  AlertStateRow,
  alertStateFromRow,
  DatasetFreshnessRow,
  DbNumber,
  DbTimestamp,
  freshnessFromRow,
  JobRunRow,
  jobRunFromRow,
  QualityResultRow,
  qualityResultFromRow,
  roundDbus,
  RunCostRow,
  runCostFromRow,
  TaskRunRow,
  taskRunFromRow,
  toDate,
  toNumber,
} from './rows';
import {
  AlertState,
  CostGrouping,
  CostRollupRow,
  DatasetFreshness,
  DatasetReader,
  JobRun,
  JobRunDetails,
  JobRunOutcome,
  Page,
  QualityResult,
  RunCost,
  TaskRun,
} from './types';
import { migratedClient } from './migratedClient';

type RunTable = 'job_runs' | 'task_runs';

const ACTIVE_STATUSES = ['queued', 'running'];

/** The `run_costs.scope` of a figure that covers a whole run. */
const RUN_SCOPE = 'run';

const USAGE_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const GROUP_COLUMNS: Record<CostGrouping, string[]> = {
  pipeline: ['project', 'pipeline'],
  project: ['project'],
  team: ['team'],
  month: ['usage_month'],
};

/** {@link FactsStore} on the plugin's knex database, SQLite or PostgreSQL. */
export class DatabaseFactsStore implements FactsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseFactsStore> {
    return new DatabaseFactsStore(await migratedClient(options));
  }

  private constructor(private readonly db: Knex) {}

  async createJobRun(input: CreateJobRunInput): Promise<JobRun> {
    const row: JobRunRow = {
      id: input.id ?? randomUUID(),
      project: input.project,
      job: input.job,
      trigger: input.trigger,
      engine: input.engine,
      status: input.status ?? 'queued',
      queued_at: input.queuedAt,
      started_at: input.startedAt ?? null,
      ended_at: null,
      error: null,
      requested_by: input.requestedBy ?? null,
      external_run_id: null,
      instance_id: input.instanceId ?? null,
      heartbeat_at: input.heartbeatAt ?? input.queuedAt,
    };
    await this.db('job_runs').insert(row);
    return jobRunFromRow(row);
  }

  async updateJobRun(id: string, input: UpdateJobRunInput): Promise<void> {
    const changes = {
      status: input.status,
      started_at: input.startedAt,
      external_run_id: input.externalRunId,
    };
    await this.update('job_runs', id, changes);
  }

  async finishJobRun(
    id: string,
    input: FinishRunInput<JobRunOutcome>,
  ): Promise<boolean> {
    return this.finish('job_runs', id, {
      status: input.status,
      ended_at: input.endedAt,
      error: input.error ?? null,
    });
  }

  async createTaskRun(input: CreateTaskRunInput): Promise<TaskRun> {
    const row: TaskRunRow = {
      id: input.id ?? randomUUID(),
      job_run_id: input.jobRunId,
      task_key: input.taskKey,
      pipeline: input.pipeline,
      status: input.status ?? 'queued',
      started_at: input.startedAt ?? null,
      ended_at: null,
      rows_written: null,
      error: null,
    };
    const datasets = [...new Set(input.datasets ?? [])].sort();
    await this.db.transaction(async tx => {
      await tx('task_runs').insert(row);
      if (datasets.length > 0) {
        await tx('task_run_datasets').insert(
          datasets.map(dataset => ({ task_run_id: row.id, dataset })),
        );
      }
    });
    return taskRunFromRow(row, datasets);
  }

  async updateTaskRun(id: string, input: UpdateTaskRunInput): Promise<void> {
    const changes = { status: input.status, started_at: input.startedAt };
    await this.update('task_runs', id, changes);
  }

  async finishTaskRun(id: string, input: FinishTaskRunInput): Promise<boolean> {
    return this.finish('task_runs', id, {
      status: input.status,
      ended_at: input.endedAt,
      error: input.error ?? null,
      rows_written: input.rowsWritten ?? null,
    });
  }

  async heartbeatRuns(
    ids: readonly string[],
    instanceId: string,
    now: Date,
  ): Promise<string[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows: Array<{ id: string }> = await this.db('job_runs')
      .whereIn('id', [...ids])
      .where('instance_id', instanceId)
      .whereIn('status', ACTIVE_STATUSES)
      .update({ heartbeat_at: now })
      .returning('id');
    return rows.map(row => row.id);
  }

  async failAbandonedRuns(input: FailAbandonedRunsInput): Promise<JobRun[]> {
    const failed = {
      status: 'failed',
      ended_at: input.now,
      error: input.error,
    };
    return this.db.transaction(async tx => {
      const runs: JobRunRow[] = await tx('job_runs')
        .whereIn('status', ACTIVE_STATUSES)
        .where(abandoned => {
          abandoned
            .whereNull('heartbeat_at')
            .orWhere('heartbeat_at', '<', input.heartbeatBefore);
          if (input.instanceId !== undefined) {
            abandoned.orWhere('instance_id', input.instanceId);
          }
        })
        .update(failed)
        .returning('*');
      if (runs.length > 0) {
        await tx('task_runs')
          .whereIn(
            'job_run_id',
            runs.map(run => run.id),
          )
          .whereIn('status', ACTIVE_STATUSES)
          .update(failed);
      }
      return runs.map(jobRunFromRow);
    });
  }

  async getJobRun(id: string): Promise<JobRunDetails | undefined> {
    const run = await this.db<JobRunRow>('job_runs').where({ id }).first();
    if (!run) {
      return undefined;
    }
    const tasks = await this.db<TaskRunRow>('task_runs').where({
      job_run_id: id,
    });
    const written = await this.db('task_run_datasets')
      .join('task_runs', 'task_runs.id', 'task_run_datasets.task_run_id')
      .where('task_runs.job_run_id', id)
      .orderBy('task_run_datasets.dataset')
      .select<{ task_run_id: string; dataset: string }[]>(
        'task_run_datasets.task_run_id',
        'task_run_datasets.dataset',
      );
    return {
      ...jobRunFromRow(run),
      tasks: tasks
        .map(task =>
          taskRunFromRow(
            task,
            written.filter(w => w.task_run_id === task.id).map(w => w.dataset),
          ),
        )
        .sort(byStartThenKey),
    };
  }

  async listJobRuns(options: ListJobRunsOptions): Promise<Page<JobRun>> {
    const limit = pageLimit(options.limit);
    const filtered = () => {
      const query = this.db('job_runs');
      if (options.project !== undefined) {
        query.where('job_runs.project', options.project);
      }
      if (options.projects !== undefined) {
        query.whereIn('job_runs.project', [...options.projects]);
      }
      if (options.job !== undefined) {
        query.where('job_runs.job', options.job);
      }
      if (options.status !== undefined) {
        query.where('job_runs.status', options.status);
      }
      if (options.dataset !== undefined) {
        const dataset = options.dataset;
        query.whereExists(sub =>
          sub
            .select(this.db.raw('1'))
            .from('task_runs')
            .join(
              'task_run_datasets',
              'task_run_datasets.task_run_id',
              'task_runs.id',
            )
            .where('task_runs.job_run_id', this.db.ref('job_runs.id'))
            .where('task_run_datasets.dataset', dataset),
        );
      }
      return query;
    };

    const rows: JobRunRow[] = await afterCursor(
      filtered().select('job_runs.*'),
      options.cursor,
      'job_runs.queued_at',
      'job_runs.id',
    )
      .orderBy([
        { column: 'job_runs.queued_at', order: 'desc' },
        { column: 'job_runs.id', order: 'desc' },
      ])
      .limit(limit + 1);
    const totalCount = await this.count(filtered());
    return toPage(rows.map(jobRunFromRow), limit, totalCount, run => ({
      time: run.queuedAt.getTime(),
      id: run.id,
    }));
  }

  async recordQualityResults(results: QualityResultInput[]): Promise<void> {
    if (results.length === 0) {
      return;
    }
    const rows: QualityResultRow[] = results.map(result => ({
      id: randomUUID(),
      job_run_id: result.jobRunId,
      task_run_id: result.taskRunId ?? null,
      dataset: result.dataset,
      rule_key: result.ruleKey,
      rule_label: result.ruleLabel,
      status: result.status,
      checked_rows: result.checkedRows ?? null,
      failing_rows: result.failingRows ?? null,
      observed: result.observed ?? null,
      message: result.message ?? null,
      evaluated_at: result.evaluatedAt,
    }));
    await this.db.batchInsert('quality_results', rows, 100);
  }

  async listQualityResults(
    options: ListQualityResultsOptions,
  ): Promise<Page<QualityResult>> {
    const limit = pageLimit(options.limit);
    const filtered = () => {
      const query = this.db('quality_results').where(
        'quality_results.dataset',
        options.dataset,
      );
      if (options.ruleKey !== undefined) {
        query.where('quality_results.rule_key', options.ruleKey);
      }
      if (options.jobRunId !== undefined) {
        query.where('quality_results.job_run_id', options.jobRunId);
      }
      if (options.status !== undefined) {
        query.where('quality_results.status', options.status);
      }
      if (options.project !== undefined || options.projects !== undefined) {
        query.join('job_runs', 'job_runs.id', 'quality_results.job_run_id');
      }
      if (options.project !== undefined) {
        query.where('job_runs.project', options.project);
      }
      if (options.projects !== undefined) {
        query.whereIn('job_runs.project', [...options.projects]);
      }
      return query;
    };

    const rows: QualityResultRow[] = await afterCursor(
      filtered().select('quality_results.*'),
      options.cursor,
      'quality_results.evaluated_at',
      'quality_results.id',
    )
      .orderBy([
        { column: 'quality_results.evaluated_at', order: 'desc' },
        { column: 'quality_results.id', order: 'desc' },
      ])
      .limit(limit + 1);
    const totalCount = await this.count(filtered());
    return toPage(
      rows.map(qualityResultFromRow),
      limit,
      totalCount,
      result => ({ time: result.evaluatedAt.getTime(), id: result.id }),
    );
  }

  async recordCost(input: RecordCostInput): Promise<void> {
    if (!USAGE_MONTH.test(input.usageMonth)) {
      throw new InputError(
        `usageMonth must be a month as YYYY-MM, got '${input.usageMonth}'`,
      );
    }
    if (!Number.isFinite(input.dbus) || input.dbus < 0) {
      throw new InputError(
        `dbus must be a non-negative number, got ${input.dbus}`,
      );
    }
    const scope = input.taskRunId ?? RUN_SCOPE;
    const estimated = input.source === 'estimate';
    const row: RunCostRow = {
      id: randomUUID(),
      job_run_id: input.jobRunId,
      task_run_id: input.taskRunId ?? null,
      scope,
      project: input.project,
      pipeline: input.pipeline ?? null,
      team: input.team,
      dbus: input.dbus,
      estimated,
      source: input.source,
      usage_month: input.usageMonth,
      recorded_at: input.recordedAt,
    };

    await this.db.transaction(async tx => {
      if (estimated) {
        // Billed usage is the real figure; an estimate computed late must not
        // overwrite it, nor add to a bill that covers the whole run.
        const billed = await tx('run_costs')
          .where({ job_run_id: input.jobRunId, estimated: false })
          .whereIn('scope', [scope, RUN_SCOPE])
          .first('id');
        if (billed) {
          return;
        }
      } else if (scope === RUN_SCOPE) {
        // A bill for the whole run supersedes the per-task estimates, which
        // would otherwise be counted on top of it.
        await tx('run_costs')
          .where({ job_run_id: input.jobRunId, estimated: true })
          .whereNot('scope', RUN_SCOPE)
          .delete();
      }
      const upsert = tx('run_costs')
        .insert(row)
        .onConflict(['job_run_id', 'scope'])
        .merge([
          'project',
          'pipeline',
          'team',
          'dbus',
          'estimated',
          'source',
          'usage_month',
          'recorded_at',
        ]);
      await (estimated ? upsert.where('run_costs.estimated', true) : upsert);
    });
  }

  async listCosts(jobRunId: string): Promise<RunCost[]> {
    const rows = await this.db<RunCostRow>('run_costs')
      .where({ job_run_id: jobRunId })
      .orderBy('scope');
    return rows.map(runCostFromRow);
  }

  async listRunsAwaitingBill(options: {
    endedAfter: Date;
    limit?: number;
  }): Promise<JobRun[]> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 500);
    const rows = await this.db<JobRunRow>('job_runs')
      .whereNotNull('external_run_id')
      .whereNotIn('status', ACTIVE_STATUSES)
      .where('ended_at', '>=', options.endedAfter)
      .whereNotExists(
        this.db('run_costs')
          .whereRaw('run_costs.job_run_id = job_runs.id')
          .where('run_costs.estimated', false),
      )
      .orderBy([{ column: 'ended_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map(jobRunFromRow);
  }

  async costRollup(options: CostRollupOptions): Promise<CostRollupRow[]> {
    for (const bound of ['from', 'to'] as const) {
      const month = options[bound];
      if (month !== undefined && !USAGE_MONTH.test(month)) {
        throw new InputError(
          `${bound} must be a month as YYYY-MM, got '${month}'`,
        );
      }
    }
    const columns = GROUP_COLUMNS[options.groupBy];
    if (!columns) {
      throw new InputError(
        `groupBy must be one of ${Object.keys(GROUP_COLUMNS).join(', ')}`,
      );
    }

    const query = this.db('run_costs')
      .select(columns)
      .sum({ dbus: 'dbus' })
      .countDistinct({ run_count: 'job_run_id' })
      .select(
        this.db.raw('max(case when estimated then 1 else 0 end) as estimated'),
      )
      .groupBy(columns);
    if (options.project !== undefined) {
      query.where('project', options.project);
    }
    if (options.projects !== undefined) {
      query.whereIn('project', [...options.projects]);
    }
    if (options.team !== undefined) {
      query.where('team', options.team);
    }
    if (options.from !== undefined) {
      query.where('usage_month', '>=', options.from);
    }
    if (options.to !== undefined) {
      query.where('usage_month', '<=', options.to);
    }

    const rows: Array<Record<string, string | number | null>> = await query;
    return rows
      .map(row => {
        const group: CostRollupRow = {
          dbus: roundDbus(row.dbus),
          runCount: toNumber(row.run_count ?? 0),
          estimated: toNumber(row.estimated ?? 0) > 0,
        };
        if (options.groupBy === 'month') {
          group.month = row.usage_month as string;
        } else if (options.groupBy === 'team') {
          group.team = row.team as string;
        } else {
          group.project = row.project as string;
          if (options.groupBy === 'pipeline') {
            group.pipeline = row.pipeline as string | null;
          }
        }
        return group;
      })
      .sort(byGroup);
  }

  async recordFreshness(input: RecordFreshnessInput): Promise<void> {
    const row: DatasetFreshnessRow = {
      project: input.project,
      dataset: input.dataset,
      table_name: input.tableName,
      last_written_at: input.writtenAt,
      last_job_run_id: input.jobRunId ?? null,
      rows_written: input.rowsWritten ?? null,
    };
    await this.db('dataset_freshness')
      .insert(row)
      .onConflict(['project', 'dataset'])
      .merge([
        'table_name',
        'last_written_at',
        'last_job_run_id',
        'rows_written',
      ])
      .where('dataset_freshness.last_written_at', '<', input.writtenAt);
  }

  async getFreshness(
    project: string,
    dataset: string,
  ): Promise<DatasetFreshness | undefined> {
    const row = await this.db<DatasetFreshnessRow>('dataset_freshness')
      .where({ project, dataset })
      .first();
    return row && freshnessFromRow(row);
  }

  async listFreshness(project: string): Promise<DatasetFreshness[]> {
    const rows = await this.db<DatasetFreshnessRow>('dataset_freshness')
      .where({ project })
      .orderBy('dataset');
    return rows.map(freshnessFromRow);
  }

  async recordDatasetRead(input: RecordDatasetReadInput): Promise<void> {
    await this.db('dataset_reads').insert({
      project: input.project,
      dataset: input.dataset,
      reader: input.reader,
      via: input.via,
      read_at: input.readAt,
    });
  }

  async listDatasetReaders(
    options: ListDatasetReadersOptions,
  ): Promise<DatasetReader[]> {
    const { project, dataset, pipelines, since } = options;
    const users = await this.db('dataset_reads')
      .where({ project, dataset })
      .andWhere('read_at', '>=', since)
      .groupBy('reader', 'via')
      .select<
        Array<{
          reader: string;
          via: string;
          reads: DbNumber;
          last: DbTimestamp;
        }>
      >(
        'reader',
        'via',
        this.db.raw('count(*) as reads'),
        this.db.raw('max(read_at) as last'),
      );
    const runs = pipelines.length
      ? await this.db('task_runs')
          .join('job_runs', 'job_runs.id', 'task_runs.job_run_id')
          .where('job_runs.project', project)
          .whereIn('task_runs.pipeline', pipelines)
          .andWhere('task_runs.status', 'succeeded')
          .andWhere('task_runs.started_at', '>=', since)
          .groupBy('task_runs.pipeline')
          .select<
            Array<{ pipeline: string; reads: DbNumber; last: DbTimestamp }>
          >(
            'task_runs.pipeline',
            this.db.raw('count(*) as reads'),
            this.db.raw('max(task_runs.started_at) as last'),
          )
      : [];
    const readers: DatasetReader[] = [
      ...users.map(row => ({
        kind: 'user' as const,
        reader: row.reader,
        via: row.via as 'sample',
        reads: toNumber(row.reads),
        lastReadAt: toDate(row.last),
      })),
      ...runs.map(row => ({
        kind: 'pipeline' as const,
        reader: row.pipeline,
        via: 'job-run' as const,
        reads: toNumber(row.reads),
        lastReadAt: toDate(row.last),
      })),
    ];
    return readers.sort(
      (a, b) =>
        b.lastReadAt.getTime() - a.lastReadAt.getTime() ||
        a.reader.localeCompare(b.reader),
    );
  }

  async openAlert(key: string, recipient: string, now: Date): Promise<boolean> {
    // Both statements are atomic, so of several replicas seeing the same
    // breach exactly one gets true and notifies.
    const reopened = await this.db('alert_states')
      .where({ key, status: 'resolved' })
      .update({
        status: 'open',
        opened_at: now,
        resolved_at: null,
        last_notified_at: now,
        recipient,
      });
    if (reopened > 0) {
      return true;
    }
    const row: AlertStateRow = {
      key,
      status: 'open',
      opened_at: now,
      resolved_at: null,
      last_notified_at: now,
      recipient,
    };
    const inserted = await this.db('alert_states')
      .insert(row)
      .onConflict('key')
      .ignore()
      .returning('key');
    return inserted.length > 0;
  }

  async resolveAlert(key: string, now: Date): Promise<boolean> {
    const resolved = await this.db('alert_states')
      .where({ key, status: 'open' })
      .update({ status: 'resolved', resolved_at: now });
    return resolved > 0;
  }

  async getAlert(key: string): Promise<AlertState | undefined> {
    const row = await this.db<AlertStateRow>('alert_states')
      .where({ key })
      .first();
    return row && alertStateFromRow(row);
  }

  private async update(
    table: RunTable,
    id: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    const defined = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    );
    const updated =
      Object.keys(defined).length > 0
        ? await this.db(table).where({ id }).update(defined)
        : Number(await this.exists(table, id));
    if (updated === 0) {
      throw notFound(table, id);
    }
  }

  /** Ends an active run or task; false when it had already ended. */
  private async finish(
    table: RunTable,
    id: string,
    changes: Record<string, unknown>,
  ): Promise<boolean> {
    const updated = await this.db(table)
      .where({ id })
      .whereIn('status', ACTIVE_STATUSES)
      .update(changes);
    if (updated > 0) {
      return true;
    }
    if (!(await this.exists(table, id))) {
      throw notFound(table, id);
    }
    return false;
  }

  private async exists(table: RunTable, id: string): Promise<boolean> {
    return Boolean(await this.db(table).where({ id }).first('id'));
  }

  private async count(query: Knex.QueryBuilder): Promise<number> {
    const [{ count }] = await query.count({ count: '*' });
    return toNumber(count);
  }
}

function notFound(table: RunTable, id: string): NotFoundError {
  const kind = table === 'job_runs' ? 'job run' : 'task run';
  return new NotFoundError(`No ${kind} with id '${id}'`);
}

function toPage<T>(
  items: T[],
  limit: number,
  totalCount: number,
  positionOf: (item: T) => { time: number; id: string },
): Page<T> {
  if (items.length <= limit) {
    return { items, totalCount };
  }
  const page = items.slice(0, limit);
  return {
    items: page,
    totalCount,
    nextCursor: encodeCursor(positionOf(page[page.length - 1])),
  };
}

function byStartThenKey(a: TaskRun, b: TaskRun): number {
  const aStart = a.startedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bStart = b.startedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (aStart !== bStart) {
    return aStart - bStart;
  }
  return a.taskKey.localeCompare(b.taskKey);
}

function byGroup(a: CostRollupRow, b: CostRollupRow): number {
  const key = (row: CostRollupRow) =>
    [row.project, row.pipeline ?? '\uffff', row.team, row.month]
      .map(part => part ?? '')
      .join('\u0000');
  const [aKey, bKey] = [key(a), key(b)];
  if (aKey === bKey) {
    return 0;
  }
  return aKey < bKey ? -1 : 1;
}
