import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { compileProject } from '@meshwork/data-mesh-common';
import { FactsStore } from '../../database';
import { ProjectRepository } from '../projects/ProjectRepository';
import {
  DEMO_HISTORY_REQUESTER,
  planDemoRunHistory,
  PlannedRun,
} from './demoRunPlan';

/** The scheduler task that writes the demo history once the catalog answers. */
export const DEMO_HISTORY_TASK_ID = 'data-mesh:demo-run-history';

const CONFIG_KEY = 'dataMesh.demo.runHistory.days';

/** The most days of history a demo may ask for. */
const MAX_DAYS = 400;

/**
 * `dataMesh.demo.runHistory.days`, or undefined when there is to be no
 * history: the key is absent, or 0 (how a production config layered over
 * the demo's turns it off).
 */
export function readDemoHistoryDays(config: Config): number | undefined {
  const days = config.getOptionalNumber(CONFIG_KEY);
  if (days === undefined || days === 0) return undefined;
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
    throw new Error(
      `${CONFIG_KEY} must be a whole number of days from 0 (none) to ${MAX_DAYS}, got ${days}`,
    );
  }
  return days;
}

/** A planned run with the team its cost is charged to: the project's owner. */
interface ChargedRun {
  run: PlannedRun;
  team: string;
}

/** What {@link DemoRunHistory.writeIfEmpty} did. */
export type DemoHistoryOutcome =
  | { written: false; reason: string }
  | { written: true; runs: number; projects: string[] };

/**
 * Gives a fresh demo portal a past: a synthetic history of the data
 * projects' jobs (see {@link planDemoRunHistory}), so that the quality,
 * freshness and cost charts, the Runs tab and the monitoring dashboard show
 * something before anyone has run a job.
 *
 * It writes only into a facts store that holds no run at all, through the
 * store's public methods, as the runner would have recorded the runs. A
 * restart finds the runs and writes nothing; replicas starting together
 * write the same runs with the same ids in the same order, so the one that
 * comes second fails on its first insert instead of duplicating anything.
 * Runs are marked as requested by {@link DEMO_HISTORY_REQUESTER}.
 */
export class DemoRunHistory {
  private readonly now: () => Date;
  /** Written, or found runs: nothing left to do in this process. */
  private settled = false;

  constructor(
    private readonly options: {
      projects: ProjectRepository;
      facts: FactsStore;
      logger: LoggerService;
      days: number;
      /** The engine runs record, as the runner records its own. */
      engine: string;
      dbuPerHour: number;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Writes the history unless the store holds runs; called again and again
   * until the catalog lists the projects, and a no-op once settled.
   */
  async writeIfEmpty(): Promise<DemoHistoryOutcome> {
    const { logger, days } = this.options;
    if (this.settled || (await this.holdsRuns())) {
      this.settled = true;
      return { written: false, reason: 'the facts store already holds runs' };
    }
    const now = this.now();
    const plans: ChargedRun[] = [];
    const projects: string[] = [];
    for (const { name } of await this.options.projects.list()) {
      const runs = await this.plan(name, now);
      if (runs.length === 0) continue;
      plans.push(...runs);
      projects.push(name);
    }
    if (plans.length === 0) {
      return { written: false, reason: 'no data project with jobs yet' };
    }
    const started = Date.now();
    const [first, ...rest] = plans;
    try {
      await this.write(first.run, first.team, now);
    } catch (error) {
      // Another instance wrote the same first run a moment ago.
      if (!(await this.holdsRuns())) throw error;
      this.settled = true;
      return { written: false, reason: 'another backend instance wrote it' };
    }
    for (const { run, team } of rest) await this.write(run, team, now);
    this.settled = true;
    logger.info(
      `Wrote a synthetic demo history of ${
        plans.length
      } run(s) over ${days} day(s) for ${projects.join(', ')} in ${
        Date.now() - started
      } ms (dataMesh.demo.runHistory.days; remove it to start without one)`,
    );
    return { written: true, runs: plans.length, projects };
  }

  private async holdsRuns(): Promise<boolean> {
    const page = await this.options.facts.listJobRuns({ limit: 1 });
    return page.totalCount > 0;
  }

  private async plan(project: string, now: Date): Promise<ChargedRun[]> {
    const { projects, logger, days, dbuPerHour } = this.options;
    const sources = await projects.sources(project);
    const compiled = compileProject(
      sources,
      await projects.compileOptions(sources),
    );
    const owner = compiled.manifest.project?.owner;
    if (!owner) {
      logger.warn(
        `No demo history for project ${project}: meshwork.yaml names no owner to charge its runs to`,
      );
      return [];
    }
    return planDemoRunHistory({
      project,
      manifest: compiled.manifest,
      days,
      now,
      dbuPerHour,
    }).map(run => ({ run, team: owner }));
  }

  /**
   * Records one run the way the runner does: the run and its tasks, then,
   * for each task that wrote, its writes and quality results before its
   * end and cost, and last the run's end and, for a past month, its bill.
   */
  private async write(run: PlannedRun, team: string, now: Date) {
    const { facts, engine } = this.options;
    await facts.createJobRun({
      id: run.id,
      project: run.project,
      job: run.job,
      trigger: 'schedule',
      engine,
      status: 'running',
      queuedAt: run.queuedAt,
      startedAt: run.startedAt,
      requestedBy: DEMO_HISTORY_REQUESTER,
      // Fresh, so no sweeper takes the run for abandoned while it is written.
      heartbeatAt: now,
    });
    for (const task of run.tasks) {
      await facts.createTaskRun({
        id: task.id,
        jobRunId: run.id,
        taskKey: task.taskKey,
        pipeline: task.pipeline,
        ...(task.startedAt && {
          status: 'running',
          startedAt: task.startedAt,
        }),
        datasets: task.datasets,
      });
    }
    for (const task of run.tasks) {
      for (const write of task.writes) {
        await facts.recordFreshness({
          project: run.project,
          dataset: write.dataset,
          tableName: write.table,
          writtenAt: task.endedAt,
          jobRunId: run.id,
          rowsWritten: write.rows,
        });
      }
      await facts.recordQualityResults(
        task.quality.map(result => ({
          jobRunId: run.id,
          taskRunId: task.id,
          dataset: result.dataset,
          ruleKey: result.ruleKey,
          ruleLabel: result.ruleLabel,
          evaluatedAt: task.endedAt,
          ...result.outcome,
        })),
      );
      await facts.finishTaskRun(task.id, {
        status: task.status,
        endedAt: task.endedAt,
        ...(task.error !== undefined && { error: task.error }),
        ...(task.rowsWritten !== undefined && {
          rowsWritten: task.rowsWritten,
        }),
      });
      if (task.startedAt && run.billedDbus === undefined) {
        const hours =
          (task.endedAt.getTime() - task.startedAt.getTime()) / 3_600_000;
        await facts.recordCost({
          jobRunId: run.id,
          taskRunId: task.id,
          project: run.project,
          pipeline: task.pipeline,
          team,
          dbus: hours * this.options.dbuPerHour,
          source: 'estimate',
          usageMonth: run.usageMonth,
          recordedAt: task.endedAt,
        });
      }
    }
    await facts.finishJobRun(run.id, {
      status: run.status,
      endedAt: run.endedAt,
      ...(run.error !== undefined && { error: run.error }),
    });
    if (run.billedDbus !== undefined) {
      await facts.recordCost({
        jobRunId: run.id,
        project: run.project,
        team,
        dbus: run.billedDbus,
        source: 'system.billing.usage',
        usageMonth: run.usageMonth,
        // Billing tables lag by hours.
        recordedAt: new Date(run.endedAt.getTime() + 6 * 3_600_000),
      });
    }
  }
}
