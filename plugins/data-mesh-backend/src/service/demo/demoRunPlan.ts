import {
  evaluateQualityResult,
  ManifestDataset,
  ManifestJob,
  ProjectManifest,
  QualityOutcome,
  QualityRule,
  qualityRuleKeys,
  qualityRuleLabel,
} from '@meshwork/data-mesh-common';
import { JobRunOutcome, TaskRunOutcome } from '../../database';
import { SeededRandom, stableUuid } from './seededRandom';

/**
 * Who requested the runs of the demo history, so that they can be told
 * from real runs (the runs API returns it as `requestedBy`).
 */
export const DEMO_HISTORY_REQUESTER = 'meshwork-demo-history';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The share of quality results that fail: a few breaches a month. */
const SOFT_FAILURE_RATE = 0.012;

/** The failed run falls within this many days before today. */
const FAILED_RUN_WITHIN_DAYS = 7;

/** When a job without a readable schedule runs each day, in UTC. */
const DEFAULT_RUN_TIME = { hour: 6, minute: 0 };

/** log10 of the rows of a table, by layer. */
const LAYER_ROWS: Record<ManifestDataset['layer'], [number, number]> = {
  bronze: [4.5, 5.7],
  silver: [3.5, 5],
  gold: [1.5, 4],
};

const NUMERIC = /^(tinyint|smallint|int|integer|bigint|long|decimal)/i;

/** Columns whose values checks must not show, as `datasetQualityChecks` decides. */
const SENSITIVE = new Set(['pii', 'confidential']);

export interface PlannedQualityResult {
  dataset: string;
  ruleKey: string;
  ruleLabel: string;
  outcome: QualityOutcome;
}

export interface PlannedWrite {
  dataset: string;
  table: string;
  rows: number;
}

export interface PlannedTask {
  id: string;
  taskKey: string;
  pipeline: string;
  datasets: string[];
  status: TaskRunOutcome;
  /** Absent for a skipped task, which held no compute. */
  startedAt?: Date;
  endedAt: Date;
  rowsWritten?: number;
  error?: string;
  writes: PlannedWrite[];
  quality: PlannedQualityResult[];
}

export interface PlannedRun {
  id: string;
  project: string;
  job: string;
  queuedAt: Date;
  startedAt: Date;
  endedAt: Date;
  status: JobRunOutcome;
  error?: string;
  tasks: PlannedTask[];
  /** `YYYY-MM` of the run's start. */
  usageMonth: string;
  /**
   * The DBUs billed for the whole run (`system.billing.usage`), for runs of
   * a month before the current one; runs of this month keep estimates.
   */
  billedDbus?: number;
}

export interface DemoRunPlanInput {
  project: string;
  manifest: ProjectManifest;
  /** Days of history, ending yesterday. */
  days: number;
  now: Date;
  /** DBUs per hour of task time, as the runner estimates them. */
  dbuPerHour: number;
}

/**
 * A plausible history of a project's jobs: one scheduled run of each job
 * per day for `days` days ending yesterday (UTC), with task durations and
 * rows, a result for every contract rule of every dataset written (a few
 * deterministic soft failures with the values a real check would show),
 * and one failed run within the last week. Everything derives from the
 * project's manifest, the day and a seeded random sequence, so the same
 * project and day give the same history, ids included.
 */
export function planDemoRunHistory(input: DemoRunPlanInput): PlannedRun[] {
  const { manifest, days, now } = input;
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  const failure = chooseFailedRun(input);
  const runs: PlannedRun[] = [];
  for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
    const day = new Date(today - daysAgo * DAY_MS);
    for (const job of manifest.jobs) {
      runs.push(
        planRun(input, job, day, daysAgo, {
          failingTask:
            failure?.job === job.name && failure.daysAgo === daysAgo
              ? failure.task
              : undefined,
        }),
      );
    }
  }
  return runs.sort(
    (a, b) =>
      a.queuedAt.getTime() - b.queuedAt.getTime() ||
      compare(a.job, b.job) ||
      compare(a.id, b.id),
  );
}

/** The one run of the history that fails, and its failing task. */
function chooseFailedRun(
  input: DemoRunPlanInput,
): { job: string; task: string; daysAgo: number } | undefined {
  const { project, manifest, days } = input;
  const random = new SeededRandom(`${project}\u0000failed-run`);
  const jobs = manifest.jobs.filter(job => job.tasks.length > 0);
  if (jobs.length === 0) return undefined;
  // A job with several tasks shows what a failure does to the others.
  const widest = Math.max(...jobs.map(job => job.tasks.length));
  const job = random.pick(jobs.filter(j => j.tasks.length === widest));
  const upstream = job.tasks.filter(task =>
    job.tasks.some(other => other.dependsOn.includes(task.key)),
  );
  const task = random.pick(upstream.length > 0 ? upstream : job.tasks);
  const daysAgo = random.int(1, Math.min(days, FAILED_RUN_WITHIN_DAYS));
  return { job: job.name, task: task.key, daysAgo };
}

function planRun(
  input: DemoRunPlanInput,
  job: ManifestJob,
  day: Date,
  daysAgo: number,
  options: { failingTask?: string },
): PlannedRun {
  const { project, manifest, days, now } = input;
  const dayKey = day.toISOString().slice(0, 10);
  const random = new SeededRandom(`${project}\u0000${job.name}\u0000${dayKey}`);
  const id = stableUuid('meshwork-demo-history', project, job.name, dayKey);
  const time = scheduledTime(job);
  const queuedAt = new Date(
    day.getTime() +
      (time.hour * 60 + time.minute) * 60_000 +
      random.int(0, 3000),
  );
  const startedAt = new Date(queuedAt.getTime() + random.int(800, 4000));

  const failed = new Set<string>();
  const ended = new Map<string, number>();
  const tasks: PlannedTask[] = [];
  // Each task starts once the tasks it depends on have ended, as on
  // Databricks; the manifest lists tasks after those they depend on.
  for (const task of orderedTasks(job)) {
    const taskId = stableUuid(id, task.key);
    const writes = tableWrites(manifest, task.pipeline, task.writes, {
      project,
      historyDay: days - daysAgo,
      random,
    });
    const base = taskBaseSeconds(project, task.pipeline);
    if (task.dependsOn.some(dep => failed.has(dep))) {
      failed.add(task.key);
      tasks.push({
        id: taskId,
        taskKey: task.key,
        pipeline: task.pipeline,
        datasets: [...task.writes],
        status: 'skipped',
        endedAt: new Date(Math.max(...ended.values(), startedAt.getTime())),
        writes: [],
        quality: [],
      });
      continue;
    }
    const start =
      Math.max(
        startedAt.getTime(),
        ...task.dependsOn.map(dep => ended.get(dep) ?? 0),
      ) + random.int(200, 1500);
    if (task.key === options.failingTask) {
      const end = start + base * random.between(0.2, 0.6) * 1000;
      failed.add(task.key);
      ended.set(task.key, end);
      tasks.push({
        id: taskId,
        taskKey: task.key,
        pipeline: task.pipeline,
        datasets: [...task.writes],
        status: 'failed',
        startedAt: new Date(start),
        endedAt: new Date(end),
        error: taskError(manifest, task.pipeline, random),
        writes: [],
        quality: [],
      });
      continue;
    }
    const end = start + base * random.between(0.8, 1.3) * 1000;
    ended.set(task.key, end);
    tasks.push({
      id: taskId,
      taskKey: task.key,
      pipeline: task.pipeline,
      datasets: [...task.writes],
      status: 'succeeded',
      startedAt: new Date(start),
      endedAt: new Date(end),
      rowsWritten: writes.reduce((sum, write) => sum + write.rows, 0),
      writes,
      quality: writes.flatMap(write =>
        qualityResults(manifest, write, new Date(end), random),
      ),
    });
  }

  const endedAt = new Date(
    Math.max(startedAt.getTime(), ...tasks.map(t => t.endedAt.getTime())) +
      random.int(500, 2000),
  );
  const failedTask = tasks.find(task => task.status === 'failed');
  const usageMonth = startedAt.toISOString().slice(0, 7);
  const estimated = tasks.reduce(
    (sum, task) =>
      sum +
      (task.startedAt
        ? ((task.endedAt.getTime() - task.startedAt.getTime()) / HOUR_MS) *
          input.dbuPerHour
        : 0),
    0,
  );
  return {
    id,
    project,
    job: job.name,
    queuedAt,
    startedAt,
    endedAt,
    status: failedTask ? 'failed' : 'succeeded',
    ...(failedTask && {
      error: `task ${failedTask.taskKey} (pipeline ${failedTask.pipeline}): ${failedTask.error}`,
    }),
    tasks,
    usageMonth,
    ...(usageMonth !== now.toISOString().slice(0, 7) && {
      // Billing adds what estimates miss, such as cluster start-up.
      billedDbus: estimated * random.between(1.05, 1.35),
    }),
  };
}

/** The job's tasks, each after the tasks it depends on. */
function orderedTasks(job: ManifestJob): ManifestJob['tasks'] {
  const ordered: ManifestJob['tasks'][number][] = [];
  const placed = new Set<string>();
  let remaining = [...job.tasks];
  while (remaining.length > 0) {
    const ready = remaining.filter(task =>
      task.dependsOn.every(dep => placed.has(dep) || !hasTask(job, dep)),
    );
    // A cycle cannot run; its tasks go last, in file order.
    const next = ready.length > 0 ? ready : remaining;
    for (const task of next) {
      ordered.push(task);
      placed.add(task.key);
    }
    remaining = remaining.filter(task => !placed.has(task.key));
  }
  return ordered;
}

function hasTask(job: ManifestJob, key: string): boolean {
  return job.tasks.some(task => task.key === key);
}

/**
 * The time of day a job runs, from the seconds, minutes and hours of its
 * Quartz cron, read as UTC; a job without a fixed time runs at 06:00.
 */
function scheduledTime(job: ManifestJob): { hour: number; minute: number } {
  const [, minute, hour] = job.schedule?.cron.trim().split(/\s+/) ?? [];
  const m = Number(minute);
  const h = Number(hour);
  return Number.isInteger(m) && Number.isInteger(h) && m < 60 && h < 24
    ? { hour: h, minute: m }
    : DEFAULT_RUN_TIME;
}

/** How long a pipeline usually runs, in seconds: its own, every day. */
function taskBaseSeconds(project: string, pipeline: string): number {
  return new SeededRandom(`${project}\u0000${pipeline}\u0000duration`).int(
    25,
    180,
  );
}

/**
 * The rows of each dataset the task wrote: a size of its own by layer,
 * growing a little each day.
 */
function tableWrites(
  manifest: ProjectManifest,
  pipeline: string,
  datasets: readonly string[],
  context: { project: string; historyDay: number; random: SeededRandom },
): PlannedWrite[] {
  const outputs =
    manifest.pipelines.find(p => p.name === pipeline)?.outputs ?? [];
  const writes: PlannedWrite[] = [];
  for (const name of datasets) {
    const dataset = manifest.datasets.find(d => d.name === name);
    if (!dataset) continue;
    if (!outputs.some(output => output.dataset === name)) continue;
    const size = new SeededRandom(`${context.project}\u0000${name}\u0000rows`);
    const [low, high] = LAYER_ROWS[dataset.layer];
    const base = Math.round(10 ** size.between(low, high));
    const growth = 1 + 0.004 * context.historyDay;
    writes.push({
      dataset: name,
      table: dataset.table,
      rows: Math.max(
        1,
        Math.round(base * growth * context.random.between(0.995, 1.005)),
      ),
    });
  }
  return writes;
}

/** What a failing task reports: errors a data engineer meets and can act on. */
function taskError(
  manifest: ProjectManifest,
  pipeline: string,
  random: SeededRandom,
): string {
  const input = manifest.pipelines
    .find(p => p.name === pipeline)
    ?.inputs.find(i => i.table !== undefined);
  const errors = [
    'Out of Memory Error: could not allocate block of size 256.0 MiB (2.9 GiB/3.0 GiB used)',
    'IO Error: Could not set lock on file "warehouse.duckdb": Conflicting lock is held by another process',
    ...(input?.table
      ? [`Catalog Error: Table with name ${input.table} does not exist!`]
      : []),
  ];
  return random.pick(errors);
}

/** The result of every rule of the written dataset's contract. */
function qualityResults(
  manifest: ProjectManifest,
  write: PlannedWrite,
  evaluatedAt: Date,
  random: SeededRandom,
): PlannedQualityResult[] {
  const dataset = manifest.datasets.find(d => d.name === write.dataset);
  const rules = dataset?.contract.quality ?? [];
  if (!dataset || rules.length === 0) return [];
  const keys = qualityRuleKeys(rules);
  return rules.map((rule, index) => {
    const fails =
      random.chance(SOFT_FAILURE_RATE) &&
      failingRows(rule, dataset, random) > 0;
    const row = fails
      ? failedCheck(rule, dataset, write.rows, evaluatedAt, random)
      : passedCheck(rule, write.rows, random);
    return {
      dataset: dataset.name,
      ruleKey: keys[index],
      ruleLabel: qualityRuleLabel(rule),
      outcome: evaluateQualityResult(rule, row),
    };
  });
}

/** How many rows break a rule when it fails; 0 for rules the demo keeps passing. */
function failingRows(
  rule: QualityRule,
  dataset: ManifestDataset,
  random: SeededRandom,
): number {
  switch (rule.check) {
    case 'not_null':
    case 'custom_sql':
      return random.int(1, 12);
    case 'unique':
      // Only keys whose values the demo can make up plausibly.
      return rule.columns.every(column => examplable(dataset, column))
        ? 2 * random.int(1, 4)
        : 0;
    case 'accepted_values':
    case 'regex':
      return random.int(1, 40);
    case 'range':
      return rule.min !== undefined || rule.max !== undefined
        ? random.int(1, 5)
        : 0;
    case 'freshness':
      return 1;
    default:
      // A row count outside its bounds would contradict the rows written.
      return 0;
  }
}

function passedCheck(rule: QualityRule, rows: number, random: SeededRandom) {
  let observed: string | null = null;
  if (rule.check === 'row_count') observed = String(rows);
  if (rule.check === 'freshness') {
    observed = random.between(0.2, Math.min(rule.maxAgeHours, 20)).toFixed(2);
  }
  if (rule.check === 'range') {
    const low = rule.min ?? (rule.max ?? 1000) - random.int(100, 1000);
    const high = rule.max ?? low + random.int(100, 50_000);
    observed = `${low} .. ${high}`;
  }
  return { checked_rows: rows, failing_rows: 0, observed };
}

function failedCheck(
  rule: QualityRule,
  dataset: ManifestDataset,
  rows: number,
  day: Date,
  random: SeededRandom,
) {
  const failing = Math.min(rows, failingRows(rule, dataset, random));
  const sensitive = checkedColumns(rule).some(name =>
    SENSITIVE.has(
      dataset.contract.columns.find(c => c.name === name)?.classification ??
        'public',
    ),
  );
  const observed = sensitive
    ? null
    : offendingValues(rule, dataset, day, random) ?? null;
  return { checked_rows: rows, failing_rows: failing, observed };
}

function checkedColumns(rule: QualityRule): readonly string[] {
  if (rule.check === 'unique') return rule.columns;
  return 'column' in rule ? [rule.column] : [];
}

/** What a failing check's `observed` shows, as the real check would. */
function offendingValues(
  rule: QualityRule,
  dataset: ManifestDataset,
  day: Date,
  random: SeededRandom,
): string | undefined {
  switch (rule.check) {
    case 'accepted_values': {
      const accepted = rule.values.filter(
        (v): v is string => typeof v === 'string',
      );
      const variant = accepted.length > 0 ? random.pick(accepted) : 'unknown';
      const changed =
        variant === variant.toUpperCase()
          ? variant.toLowerCase()
          : variant.toUpperCase();
      return [changed, 'n/a'].sort().join(', ');
    }
    case 'regex':
      return 'N/A, unknown';
    case 'range': {
      if (rule.min !== undefined) {
        const low = rule.min - random.int(1, 250) - random.int(0, 99) / 100;
        return `${low} .. ${rule.max ?? rule.min + random.int(1000, 90_000)}`;
      }
      if (rule.max !== undefined) {
        return `${rule.max - random.int(100, 1000)} .. ${
          rule.max + random.int(1, 250)
        }`;
      }
      return undefined;
    }
    case 'unique': {
      const values = rule.columns.map(name =>
        exampleValue(dataset, name, day, random),
      );
      return values.length === 1 ? values[0] : `(${values.join(', ')})`;
    }
    case 'freshness':
      return (rule.maxAgeHours + random.between(1, 30)).toFixed(2);
    default:
      return undefined;
  }
}

/** Whether {@link exampleValue} knows what the column holds. */
function examplable(dataset: ManifestDataset, column: string): boolean {
  const type = columnType(dataset, column);
  return (
    type === 'date' ||
    NUMERIC.test(type) ||
    acceptedValues(dataset, column).length > 0
  );
}

function columnType(dataset: ManifestDataset, column: string): string {
  return (
    dataset.contract.columns.find(c => c.name === column)?.type ?? 'string'
  );
}

function acceptedValues(dataset: ManifestDataset, column: string): string[] {
  const rule = (dataset.contract.quality ?? []).find(
    (r): r is Extract<QualityRule, { check: 'accepted_values' }> =>
      r.check === 'accepted_values' && r.column === column,
  );
  return (rule?.values ?? []).filter((v): v is string => typeof v === 'string');
}

/** A value a column could hold, from its type and the contract's rules. */
function exampleValue(
  dataset: ManifestDataset,
  column: string,
  day: Date,
  random: SeededRandom,
): string {
  const type = columnType(dataset, column);
  if (type === 'date') return day.toISOString().slice(0, 10);
  if (NUMERIC.test(type)) return String(random.int(10_000, 99_999));
  const values = acceptedValues(dataset, column);
  return values.length > 0
    ? random.pick(values)
    : `${column}-${random.int(1000, 9999)}`;
}

/** Code-unit order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}
