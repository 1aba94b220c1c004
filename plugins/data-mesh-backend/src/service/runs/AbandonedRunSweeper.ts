import { LoggerService } from '@backstage/backend-plugin-api';
import { FactsStore, JobRun } from '../../database';
import { RunAlerts } from '../alerts/RunAlerts';
import { RunnerSettings } from './runnerSettings';

/** The error of runs that were queued or running when their backend stopped. */
export const INTERRUPTED_RUN_ERROR = 'interrupted by a backend restart';

/** The scheduler task that fails runs whose instance stopped heart-beating. */
export const ABANDONED_RUNS_TASK_ID = 'data-mesh:abandoned-runs';

/**
 * Fails the runs no backend instance executes any more, so that they do not
 * show as running forever nor keep their job from running again, and tells
 * the platform team, as of any failed run.
 *
 * Every instance refreshes the heartbeat of the runs it executes (see
 * {@link RunHeartbeat}), so with several replicas on one database a run is
 * abandoned only when its heartbeat is older than
 * `dataMesh.runner.heartbeatTimeoutSeconds`. At start-up the runs of this
 * very instance id are abandoned as well: they are from before the restart.
 */
export class AbandonedRunSweeper {
  constructor(
    private readonly options: {
      facts: FactsStore;
      alerts: RunAlerts;
      logger: LoggerService;
      settings: Pick<RunnerSettings, 'instanceId' | 'heartbeatTimeoutMs'>;
    },
  ) {}

  /** At start-up, before this instance runs anything. */
  async failInterruptedRuns(now: Date = new Date()): Promise<JobRun[]> {
    return this.fail(now, {
      instanceId: this.options.settings.instanceId,
      error: INTERRUPTED_RUN_ERROR,
    });
  }

  /** While the backend runs: the runs of instances that stopped since. */
  async sweep(now: Date = new Date()): Promise<JobRun[]> {
    const seconds = this.options.settings.heartbeatTimeoutMs / 1000;
    return this.fail(now, {
      error: `the backend instance running it stopped: no heartbeat for over ${seconds} s`,
    });
  }

  private async fail(
    now: Date,
    options: { instanceId?: string; error: string },
  ): Promise<JobRun[]> {
    const { facts, alerts, logger, settings } = this.options;
    const runs = await facts.failAbandonedRuns({
      now,
      heartbeatBefore: new Date(now.getTime() - settings.heartbeatTimeoutMs),
      ...options,
    });
    for (const run of runs) {
      logger.warn(
        `Run ${run.id} of ${run.project}/${run.job} on instance ${
          run.instanceId ?? 'unknown'
        } failed: ${options.error}`,
      );
      try {
        await alerts.jobFailed(
          { project: run.project, job: run.job, jobRunId: run.id },
          options.error,
        );
      } catch (error) {
        logger.warn(
          `Could not alert on run ${run.id}: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }
    return runs;
  }
}
