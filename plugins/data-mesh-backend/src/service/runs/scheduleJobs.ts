import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ProjectRepository } from '../projects/ProjectRepository';
import { jobTimeoutMs, JobRunner } from './JobRunner';
import { quartzToCrontab } from './quartzSchedule';
import { RunnerSettings } from './runnerSettings';

/** The local task that schedules the jobs of projects as they appear. */
export const SCHEDULE_JOBS_TASK_ID = 'data-mesh:schedule-jobs';

/** The scheduler task of a job: one per project and job, across replicas. */
export function jobTaskId(project: string, job: string): string {
  return `data-mesh:job:${project}:${job}`;
}

/**
 * Schedules every job with an unpaused schedule in its file, in every data
 * project. Projects come from the catalog and may be registered while the
 * backend runs, so {@link JobScheduler.scheduleNewProjects} is called again
 * and again; a project's jobs are read once, when it is first seen: a
 * changed schedule takes effect when the backend restarts.
 *
 * The Backstage scheduler takes no time zone, so a job fires in the
 * backend's time zone (the `TZ` environment variable); a job file naming
 * another zone is scheduled anyway, with a warning.
 */
export class JobScheduler {
  /** Projects whose jobs are scheduled. */
  private readonly seen = new Set<string>();
  private readonly backendZone =
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** Why each project that could not be read was not, as last logged. */
  private readonly failures = new Map<string, string>();

  constructor(
    private readonly options: {
      projects: ProjectRepository;
      runner: JobRunner;
      scheduler: SchedulerService;
      logger: LoggerService;
      settings: RunnerSettings;
    },
  ) {}

  /** Schedules the jobs of projects not seen before; returns their task ids. */
  async scheduleNewProjects(): Promise<string[]> {
    const { projects, runner, scheduler, logger, settings } = this.options;
    const scheduled: string[] = [];
    for (const { name: project } of await projects.list()) {
      if (this.seen.has(project)) continue;
      let loaded;
      try {
        loaded = await projects.load(project);
      } catch (error) {
        // Tried again next time: a project folder may be created after
        // its Component is registered.
        const message = (error as Error).message;
        if (this.failures.get(project) !== message) {
          logger.warn(`Jobs of project ${project} not scheduled: ${message}`);
        }
        this.failures.set(project, message);
        continue;
      }
      this.seen.add(project);
      this.failures.delete(project);
      for (const [job, file] of loaded.jobs) {
        const schedule = file.value.schedule;
        if (!schedule || schedule.paused) continue;
        const crontab = quartzToCrontab(schedule.cron);
        if ('error' in crontab) {
          logger.warn(
            `Job ${project}/${job} not scheduled: ${file.path} schedule.cron: ${crontab.error}`,
          );
          continue;
        }
        if (schedule.timezone !== this.backendZone) {
          logger.warn(
            `Job ${project}/${job} runs at "${crontab.cron}" in the backend's time zone ${this.backendZone}, not in ${schedule.timezone} as ${file.path} says`,
          );
        }
        const id = jobTaskId(project, job);
        await scheduler.scheduleTask({
          id,
          frequency: { cron: crontab.cron },
          // Longer than the run's own deadline, which ends it first and
          // records why.
          timeout: {
            milliseconds: jobTimeoutMs(file.value, settings) + 60_000,
          },
          scope: 'global',
          fn: signal => runner.runScheduled(project, job, signal),
        });
        scheduled.push(id);
      }
    }
    if (scheduled.length > 0) {
      logger.info(
        `Scheduled ${scheduled.length} job(s): ${scheduled.join(', ')}`,
      );
    }
    return scheduled;
  }
}
