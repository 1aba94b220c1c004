import { LoggerService } from '@backstage/backend-plugin-api';
import { FactsStore, JobRun } from '../../database';
import { EngineRegistry } from '../EngineRegistry';
import { ProjectRepository } from '../projects/ProjectRepository';

/** The scheduler task that fills in billed usage. */
export const BILLING_TASK_ID = 'data-mesh:billing';

/**
 * How long billed usage is waited for. Databricks' system tables lag by
 * hours; a run with no usage after a week was not billed by job run id
 * (e.g. it never got compute) and keeps its estimate.
 */
const BILLING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Runs asked about per check; the rest wait for the next one. */
const RUNS_PER_CHECK = 500;

/**
 * Replaces the cost estimates of remote runs with the DBUs their platform
 * billed, once the bill is visible. A run-level bill makes the store drop
 * the run's per-task estimates.
 */
export class BilledUsageReconciler {
  constructor(
    private readonly options: {
      facts: FactsStore;
      engines: EngineRegistry;
      projects: ProjectRepository;
      logger: LoggerService;
      /** `dataMesh.runner.executor`. */
      executor?: string;
    },
  ) {}

  /** Looks for the bills of runs still estimated; returns how many it found. */
  async check(now: Date = new Date()): Promise<number> {
    const { facts, engines, logger, executor: id } = this.options;
    const executor = id === undefined ? undefined : engines.executor(id);
    if (!executor?.fetchBilledUsage) return 0;

    const runs = (
      await facts.listRunsAwaitingBill({
        endedAfter: new Date(now.getTime() - BILLING_WINDOW_MS),
        limit: RUNS_PER_CHECK,
      })
    ).filter(run => run.engine === executor.id);
    if (runs.length === 0) return 0;

    const byExternalId = new Map(runs.map(run => [run.externalRunId!, run]));
    const usage = await executor.fetchBilledUsage([...byExternalId.keys()]);
    let billed = 0;
    for (const { externalRunId, dbus } of usage) {
      const run = byExternalId.get(externalRunId);
      if (!run) continue;
      try {
        await facts.recordCost({
          jobRunId: run.id,
          project: run.project,
          team: await this.teamOf(run),
          dbus,
          source: 'system.billing.usage',
          usageMonth: (run.startedAt ?? run.queuedAt).toISOString().slice(0, 7),
          recordedAt: now,
        });
        billed += 1;
      } catch (error) {
        logger.warn(
          `Could not record the billed usage of run ${run.id}: ${
            (error as Error).message
          }`,
        );
      }
    }
    logger.info(
      `Billed usage found for ${billed} of ${runs.length} run(s) still estimated`,
    );
    return billed;
  }

  /** The team the estimates were charged to, else the project's owner now. */
  private async teamOf(run: JobRun): Promise<string> {
    const [estimate] = await this.options.facts.listCosts(run.id);
    if (estimate) return estimate.team;
    const loaded = await this.options.projects.load(run.project);
    const owner = loaded.project?.value.owner;
    if (!owner) {
      throw new Error(`project ${run.project} has no owner to charge`);
    }
    return owner;
  }
}
