import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { FactsStore, QualityStatus } from '../../database';
import { entityPageLink, groupRef } from './entityRefs';

/** Notification topics, so people can filter and mute them per kind. */
export const ALERT_TOPICS = {
  runFailed: 'data-mesh:run-failed',
  qualityBreach: 'data-mesh:quality-breach',
  freshnessMissed: 'data-mesh:freshness-missed',
} as const;

export interface JobAlertSubject {
  project: string;
  job: string;
  jobRunId: string;
}

export interface QualityAlertSubject {
  project: string;
  dataset: string;
  /** The dataset's owning team. */
  owner: string;
  jobRunId: string;
  ruleKey: string;
  ruleLabel: string;
  status: QualityStatus;
  message?: string;
}

export interface FreshnessAlertSubject {
  project: string;
  dataset: string;
  owner: string;
  stale: boolean;
  message: string;
}

/**
 * Tells people about breaches, once per breach: the facts store remembers
 * which breaches are open, so a job failing every hour, or a rule failing on
 * every run, notifies when it starts failing and again only after it has
 * recovered in between.
 *
 * Hard failures (a run errors) go to the platform team; quality breaches
 * and missed freshness SLAs go to the team owning the dataset.
 */
export class RunAlerts {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      facts: FactsStore;
      notifications: NotificationService;
      logger: LoggerService;
      platformTeam: string;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async jobFailed(subject: JobAlertSubject, error: string): Promise<void> {
    await this.open(jobKey(subject), this.options.platformTeam, {
      title: `Job ${subject.job} of ${subject.project} failed`,
      description: `Run ${subject.jobRunId}: ${error}`,
      link: entityPageLink(subject.project),
      severity: 'high',
      topic: ALERT_TOPICS.runFailed,
    });
  }

  async jobSucceeded(subject: JobAlertSubject): Promise<void> {
    await this.options.facts.resolveAlert(jobKey(subject), this.now());
  }

  /** Opens or resolves the alert of one rule, from its latest result. */
  async qualityChecked(subject: QualityAlertSubject): Promise<void> {
    const key = `quality:${subject.project}/${subject.dataset}/${subject.ruleKey}`;
    if (subject.status === 'pass') {
      await this.options.facts.resolveAlert(key, this.now());
      return;
    }
    const what = subject.status === 'fail' ? 'fails' : 'could not be checked';
    await this.open(key, groupRef(subject.owner), {
      title: `${subject.dataset}: "${subject.ruleLabel}" ${what}`,
      description: `Quality rule of ${subject.dataset} (project ${
        subject.project
      }, run ${subject.jobRunId})${
        subject.message ? `: ${subject.message}` : ''
      }`,
      link: entityPageLink(subject.project),
      severity: subject.status === 'fail' ? 'high' : 'normal',
      topic: ALERT_TOPICS.qualityBreach,
    });
  }

  async freshnessChecked(subject: FreshnessAlertSubject): Promise<void> {
    const key = `freshness:${subject.project}/${subject.dataset}`;
    if (!subject.stale) {
      await this.options.facts.resolveAlert(key, this.now());
      return;
    }
    await this.open(key, groupRef(subject.owner), {
      title: `${subject.dataset} missed its freshness SLA`,
      description: `${subject.dataset} (project ${subject.project}): ${subject.message}`,
      link: entityPageLink(subject.project),
      severity: 'normal',
      topic: ALERT_TOPICS.freshnessMissed,
    });
  }

  private async open(
    key: string,
    recipient: string,
    payload: NotificationSendOptions['payload'],
  ): Promise<void> {
    const { facts, notifications, logger } = this.options;
    if (!(await facts.openAlert(key, recipient, this.now()))) {
      return;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        // Same scope, same notification: a re-sent alert updates it.
        payload: { ...payload, scope: key },
      });
    } catch (error) {
      // Reopen on the next check rather than stay silent about the breach.
      await facts.resolveAlert(key, this.now());
      logger.warn(
        `Could not notify ${recipient} of ${key}: ${(error as Error).message}`,
      );
    }
  }
}

function jobKey(subject: JobAlertSubject): string {
  return `run-failed:${subject.project}/${subject.job}`;
}
