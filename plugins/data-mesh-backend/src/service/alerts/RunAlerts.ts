import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { FactsStore, JobRunDetails, QualityStatus } from '../../database';
import { dataProductPageLink, groupRef, runsTabLink } from './entityRefs';

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

/** What the executor told of a failed run beyond the facts store. */
export interface JobFailureDetails {
  /** The run's page on the platform that ran it, e.g. Databricks' run page. */
  logUrl?: string;
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
  /** What the check saw: offending values, extremes or a count. */
  observed?: string;
  failingRows?: number;
  checkedRows?: number;
}

export interface FreshnessAlertSubject {
  project: string;
  dataset: string;
  owner: string;
  stale: boolean;
  message: string;
  lastWrittenAt?: Date;
  /** The run that last wrote the dataset. */
  lastJobRunId?: string;
  /** The jobs whose tasks write the dataset: those that should have. */
  writers?: readonly DatasetWriter[];
}

/** A job that writes a dataset, and how it last ran. */
export interface DatasetWriter {
  job: string;
  /** The job's schedule, as its file says, e.g. `0 0 6 * * ? Europe/Amsterdam`. */
  schedule?: string;
  lastRun?: { id: string; status: string; queuedAt: Date; error?: string };
}

/**
 * Tells people about breaches, once per breach: the facts store remembers
 * which breaches are open, so a job failing every hour, or a rule failing on
 * every run, notifies when it starts failing and again only after it has
 * recovered in between.
 *
 * Hard failures (a run errors) go to the platform team; quality breaches
 * and missed freshness SLAs go to the team owning the dataset. Each says
 * how to fix what it reports and links to where that is done: the failed
 * task, its error and log, and the last good run; the breached rule with
 * the values it saw; the last write and the job that should have written.
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

  async jobFailed(
    subject: JobAlertSubject,
    error: string,
    details: JobFailureDetails = {},
  ): Promise<void> {
    await this.open(jobKey(subject), this.options.platformTeam, async () => {
      const run = await this.options.facts.getJobRun(subject.jobRunId);
      const task = run?.tasks.find(t => t.status === 'failed');
      const lastGood = await this.options.facts.listJobRuns({
        project: subject.project,
        job: subject.job,
        status: 'succeeded',
        limit: 1,
      });
      return {
        title: `Job ${subject.job} of ${subject.project} failed`,
        description: sentences([
          task
            ? `Task ${task.taskKey} (pipeline ${task.pipeline}) failed: ${
                task.error ?? error
              }`
            : `The run failed: ${error}`,
          `Run ${subject.jobRunId}${startedText(run)}`,
          logText(run, details),
          lastGood.items[0]
            ? `Last successful run: ${lastGood.items[0].id} of ${isoTime(
                lastGood.items[0].queuedAt,
              )}`
            : 'No run of this job has succeeded yet',
          `Fix ${
            task ? `pipeline ${task.pipeline} or its inputs` : 'the cause'
          }, then run ${subject.job} again from the project's Runs tab`,
        ]),
        link: runsTabLink(subject.project),
        severity: 'high',
        topic: ALERT_TOPICS.runFailed,
      };
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
    await this.open(key, groupRef(subject.owner), async () => {
      const lastPass = await this.options.facts.listQualityResults({
        dataset: subject.dataset,
        project: subject.project,
        ruleKey: subject.ruleKey,
        status: 'pass',
        limit: 1,
      });
      const good = lastPass.items[0];
      return {
        title: `${subject.dataset}: "${subject.ruleLabel}" ${what}`,
        description: sentences([
          `Rule ${subject.ruleKey} of ${subject.dataset} (project ${
            subject.project
          }) ${what} in run ${subject.jobRunId}${
            subject.message ? `: ${subject.message}` : ''
          }`,
          subject.observed !== undefined
            ? `Observed: ${subject.observed}`
            : undefined,
          good
            ? `Last good run: ${good.jobRunId}, checked ${isoTime(
                good.evaluatedAt,
              )}`
            : 'No run has passed this rule yet',
          subject.status === 'fail'
            ? 'Fix the rows upstream or in the pipeline, or change the rule in the dataset file if the data is right'
            : "Fix the rule in the dataset file, or the table it checks, so that the check's query runs",
        ]),
        link: dataProductPageLink(subject.dataset),
        severity: subject.status === 'fail' ? 'high' : 'normal',
        topic: ALERT_TOPICS.qualityBreach,
      };
    });
  }

  async freshnessChecked(subject: FreshnessAlertSubject): Promise<void> {
    const key = `freshness:${subject.project}/${subject.dataset}`;
    if (!subject.stale) {
      await this.options.facts.resolveAlert(key, this.now());
      return;
    }
    await this.open(key, groupRef(subject.owner), async () => ({
      title: `${subject.dataset} missed its freshness SLA`,
      description: sentences([
        `${subject.dataset} (project ${subject.project}): ${subject.message}`,
        subject.lastWrittenAt
          ? `Last write: ${isoTime(subject.lastWrittenAt)}${
              subject.lastJobRunId ? ` by run ${subject.lastJobRunId}` : ''
            }`
          : 'It has never been written',
        writersText(subject.writers ?? []),
      ]),
      link: runsTabLink(subject.project),
      severity: 'normal',
      topic: ALERT_TOPICS.freshnessMissed,
    }));
  }

  /**
   * Opens the alert and, when it was not open, notifies the recipient. The
   * payload is only worked out then: it may look up runs and results.
   */
  private async open(
    key: string,
    recipient: string,
    payload: () => Promise<NotificationSendOptions['payload']>,
  ): Promise<void> {
    const { facts, notifications, logger } = this.options;
    if (!(await facts.openAlert(key, recipient, this.now()))) {
      return;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        // Same scope, same notification: a re-sent alert updates it.
        payload: { ...(await payload()), scope: key },
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

/** Sentences joined into one description; absent ones are left out. */
function sentences(parts: ReadonlyArray<string | undefined>): string {
  return parts
    .filter((part): part is string => !!part)
    .map(part => (/[.!?]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

function isoTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function startedText(run: JobRunDetails | undefined): string {
  const started = run?.startedAt ?? run?.queuedAt;
  return started ? `, started ${isoTime(started)}` : '';
}

/** Where the run's own log is: the platform's run page, else its id there. */
function logText(
  run: JobRunDetails | undefined,
  details: JobFailureDetails,
): string | undefined {
  if (details.logUrl) return `Log: ${details.logUrl}`;
  return run?.externalRunId
    ? `Remote run ${run.externalRunId} on ${run.engine}`
    : undefined;
}

function writersText(writers: readonly DatasetWriter[]): string {
  if (writers.length === 0) {
    return 'No job writes it: add a task running its pipeline to a scheduled job';
  }
  return writers
    .map(writer => {
      const schedule = writer.schedule
        ? ` (schedule ${writer.schedule})`
        : ' (no active schedule)';
      const last = writer.lastRun;
      const lastText = last
        ? `; its last run ${last.id} of ${isoTime(last.queuedAt)} ${
            last.status
          }${last.error ? `: ${last.error}` : ''}`
        : '; it has not run yet';
      return `Job ${writer.job} should have written it${schedule}${lastText}. Run it from the project's Runs tab`;
    })
    .join('. ');
}
