import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { FactsStore } from '../../database';
import { catalogLink, entityPageLink, groupRef } from '../alerts/entityRefs';
import { ProjectRepository } from '../projects/ProjectRepository';
import { BudgetDefinition } from './budgetSettings';
import {
  budgetEntityRef,
  BudgetUsage,
  budgetUsage,
  PipelineUsage,
  topPipelines,
  usageMonth,
} from './budgetUsage';

export const BUDGET_TASK_ID = 'data-mesh:budgets';

/** The notification topic of budget alerts, to filter or mute them. */
export const BUDGET_TOPIC = 'data-mesh:budget';

/** The shares of a budget whose crossing notifies, highest first. */
export const BUDGET_THRESHOLDS = [1, 0.8] as const;

/**
 * Holds each team's and project's usage this month against its budget and
 * tells the owning team and the platform team when it crosses 80 % and
 * 100 %: once per budget, month and threshold. The facts store's alert
 * state remembers what was sent (a unique key per budget, month and
 * threshold), so restarts and several replicas checking at once still
 * notify once.
 */
export class BudgetMonitor {
  constructor(
    private readonly options: {
      facts: FactsStore;
      projects: ProjectRepository;
      notifications: NotificationService;
      logger: LoggerService;
      budgets: readonly BudgetDefinition[];
      platformTeam: string;
    },
  ) {}

  async check(now: Date): Promise<void> {
    const { facts, budgets } = this.options;
    for (const usage of await budgetUsage(facts, budgets, usageMonth(now))) {
      const crossed = BUDGET_THRESHOLDS.filter(t => usage.ratio >= t);
      if (crossed.length === 0) continue;
      const [highest, ...passed] = crossed;
      await this.notifyOnce(usage, highest, now);
      // Usage that jumped past several thresholds at once reports the
      // highest; the lower ones count as told.
      for (const threshold of passed) {
        await facts.openAlert(
          alertKey(usage, threshold),
          budgetEntityRef(usage),
          now,
        );
      }
    }
  }

  private async notifyOnce(
    usage: BudgetUsage,
    threshold: number,
    now: Date,
  ): Promise<void> {
    const { facts, notifications, logger } = this.options;
    const key = alertKey(usage, threshold);
    if (!(await facts.openAlert(key, budgetEntityRef(usage), now))) return;
    try {
      const recipients = await this.recipients(usage);
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          ...budgetMessage(usage, threshold, await topPipelines(facts, usage)),
          link: catalogLink(budgetEntityRef(usage)),
          severity: threshold >= 1 ? 'high' : 'normal',
          topic: BUDGET_TOPIC,
          scope: key,
        },
      });
    } catch (error) {
      // Try again on the next check rather than stay silent.
      await facts.resolveAlert(key, now);
      logger.warn(
        `Could not notify about the budget of ${usage.scope} ${usage.name}: ${
          (error as Error).message
        }`,
      );
    }
  }

  /** The owning team (a project's owners) and the platform team. */
  private async recipients(usage: BudgetUsage): Promise<string[]> {
    const owners =
      usage.scope === 'team'
        ? [usage.name]
        : await this.options.projects.owners(usage.name).then(
            found => found.map(groupRef),
            // A budget of a project that is gone still reaches the platform.
            () => [],
          );
    return [...new Set([...owners, groupRef(this.options.platformTeam)])];
  }
}

function alertKey(usage: BudgetUsage, threshold: number): string {
  return `budget:${usage.scope}:${usage.name}:${usage.month}:${Math.round(
    threshold * 100,
  )}`;
}

/** What the notification says: how far over, where the DBUs went, what to do. */
export function budgetMessage(
  usage: BudgetUsage,
  threshold: number,
  pipelines: readonly PipelineUsage[],
): { title: string; description: string } {
  const who =
    usage.scope === 'team'
      ? `Team ${usage.name.replace(/^group:default\//, '')}`
      : `Project ${usage.name}`;
  const percent = Math.round(usage.ratio * 100);
  const title =
    threshold >= 1
      ? `${who} has used its DBU budget for ${usage.month} (${percent} %)`
      : `${who} has used ${percent} % of its DBU budget for ${usage.month}`;
  const figures = `${usage.usedDbus} of ${usage.monthlyDbus} DBUs${
    usage.estimated ? ', partly estimated until billed' : ', billed'
  }.`;
  const where =
    pipelines.length > 0
      ? ` Most DBUs this month: ${pipelines
          .map(
            p =>
              `${p.project}${p.pipeline ? `/${p.pipeline}` : ''} ${
                Math.round(p.dbus * 100) / 100
              } DBUs (${entityPageLink(p.project)})`,
          )
          .join('; ')}.`
      : '';
  const todo =
    threshold >= 1
      ? ' Pause or reschedule the costliest jobs, or ask the platform team to raise the budget.'
      : ' Check the schedules and runs of the costliest pipelines before the budget runs out.';
  return { title, description: `${figures}${where}${todo}` };
}
