import { LoggerService } from '@backstage/backend-plugin-api';
import { FactsStore } from '../../database';

/**
 * Keeps the heartbeat of the runs this backend instance executes fresh, so
 * that other replicas, and this instance after a restart, can tell them
 * from runs whose instance stopped (see {@link AbandonedRunSweeper}).
 *
 * A run that is no longer active when its heartbeat is refreshed was ended
 * by someone else: another replica failed it as abandoned, e.g. after this
 * one could not reach the database for longer than the timeout.
 * `onEndedElsewhere` is told, so that the run stops here too rather than go
 * on writing under a run that says it failed.
 */
export class RunHeartbeat {
  private readonly runs = new Set<string>();
  private timer?: ReturnType<typeof setInterval>;
  private beating?: Promise<void>;
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      facts: FactsStore;
      logger: LoggerService;
      instanceId: string;
      intervalMs: number;
      onEndedElsewhere(runId: string): void;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Starts refreshing the run's heartbeat. */
  add(runId: string): void {
    this.runs.add(runId);
    if (!this.timer) {
      this.timer = setInterval(() => void this.beat(), this.options.intervalMs);
      // The heartbeat alone must not keep the process alive.
      this.timer.unref?.();
    }
  }

  /** Stops refreshing it: the run is ending here. */
  delete(runId: string): void {
    this.runs.delete(runId);
    if (this.runs.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Refreshes the heartbeat of every run now; one refresh at a time. */
  async beat(): Promise<void> {
    this.beating ??= this.refresh().finally(() => {
      this.beating = undefined;
    });
    return this.beating;
  }

  private async refresh(): Promise<void> {
    const { facts, logger, instanceId } = this.options;
    const ids = [...this.runs];
    if (ids.length === 0) return;
    let active: Set<string>;
    try {
      active = new Set(await facts.heartbeatRuns(ids, instanceId, this.now()));
    } catch (error) {
      logger.warn(
        `Could not refresh the heartbeat of ${ids.length} run(s): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
      return;
    }
    for (const id of ids) {
      // Deleted meanwhile: the run ended here, as it was recorded.
      if (!active.has(id) && this.runs.has(id)) {
        this.runs.delete(id);
        this.options.onEndedElsewhere(id);
      }
    }
    if (this.runs.size === 0) this.stop();
  }
}
