import { LoggerService } from '@backstage/backend-plugin-api';
import {
  compileProject,
  ManifestJob,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import { FactsStore } from '../../database';
import {
  datasetFreshnessReports,
  DatasetFreshnessReport,
} from '../freshness/datasetFreshness';
import { ProjectRepository } from '../projects/ProjectRepository';
import { DatasetWriter, RunAlerts } from './RunAlerts';

/**
 * Holds every dataset with a freshness SLA against its last write, alerting
 * its owner when it goes stale and closing the alert once it is written
 * again. Run on a schedule: staleness comes from time passing, not from an
 * event. A stale dataset's alert names its last write and the jobs that
 * should have written it since, with how each last ran.
 */
export class FreshnessMonitor {
  /** The jobs of each read of a project's sources, compiled once per change. */
  private readonly jobsBySources = new WeakMap<
    readonly ProjectSourceFile[],
    readonly ManifestJob[]
  >();

  constructor(
    private readonly options: {
      projects: ProjectRepository;
      facts: FactsStore;
      alerts: RunAlerts;
      logger: LoggerService;
    },
  ) {}

  async check(now: Date): Promise<void> {
    const { projects, facts, alerts, logger } = this.options;
    for (const { name } of await projects.list()) {
      let reports;
      try {
        reports = await datasetFreshnessReports({
          projects,
          facts,
          project: name,
          now,
        });
      } catch (error) {
        // One unreadable project must not stop the others' checks.
        logger.warn(
          `Freshness check of project ${name} failed: ${
            (error as Error).message
          }`,
        );
        continue;
      }
      for (const report of reports) {
        if (report.status === 'unknown') continue;
        const stale = report.status === 'stale';
        await alerts.freshnessChecked({
          project: report.project,
          dataset: report.dataset,
          owner: report.owner,
          stale,
          message: report.message,
          ...(report.lastWrittenAt && { lastWrittenAt: report.lastWrittenAt }),
          ...(report.lastJobRunId && { lastJobRunId: report.lastJobRunId }),
          ...(stale && { writers: await this.writers(report) }),
        });
      }
    }
  }

  /**
   * The jobs with a task that writes the dataset, and how each last ran;
   * none when the project cannot be compiled, which its own checks report.
   */
  private async writers(
    report: DatasetFreshnessReport,
  ): Promise<DatasetWriter[]> {
    const { projects, facts, logger } = this.options;
    let jobs: readonly ManifestJob[];
    try {
      const sources = await projects.sources(report.project);
      jobs = this.jobsBySources.get(sources) ?? [];
      if (!this.jobsBySources.has(sources)) {
        jobs = compileProject(sources, await projects.compileOptions(sources))
          .manifest.jobs;
        this.jobsBySources.set(sources, jobs);
      }
    } catch (error) {
      logger.warn(
        `Could not tell which jobs write ${report.project}/${report.dataset}: ${
          (error as Error).message
        }`,
      );
      return [];
    }
    const writers: DatasetWriter[] = [];
    for (const job of jobs) {
      if (!job.tasks.some(task => task.writes.includes(report.dataset))) {
        continue;
      }
      const [last] = (
        await facts.listJobRuns({
          project: report.project,
          job: job.name,
          limit: 1,
        })
      ).items;
      writers.push({
        job: job.name,
        ...(job.schedule &&
          !job.schedule.paused && {
            schedule: `${job.schedule.cron} ${job.schedule.timezone}`,
          }),
        ...(last && {
          lastRun: {
            id: last.id,
            status: last.status,
            queuedAt: last.queuedAt,
            ...(last.error && { error: last.error }),
          },
        }),
      });
    }
    // Scheduled jobs first: they are the ones that should have run.
    return writers.sort((a, b) => Number(!a.schedule) - Number(!b.schedule));
  }
}
