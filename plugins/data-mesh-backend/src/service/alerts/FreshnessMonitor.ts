import { LoggerService } from '@backstage/backend-plugin-api';
import { FactsStore } from '../../database';
import { datasetFreshnessReports } from '../freshness/datasetFreshness';
import { ProjectRepository } from '../projects/ProjectRepository';
import { RunAlerts } from './RunAlerts';

/**
 * Holds every dataset with a freshness SLA against its last write, alerting
 * its owner when it goes stale and closing the alert once it is written
 * again. Run on a schedule: staleness comes from time passing, not from an
 * event.
 */
export class FreshnessMonitor {
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
        await alerts.freshnessChecked({
          project: report.project,
          dataset: report.dataset,
          owner: report.owner,
          stale: report.status === 'stale',
          message: report.message,
        });
      }
    }
  }
}
