import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ProjectRepository } from '../projects/ProjectRepository';
import { jobTimeoutMs, JobRunner } from './JobRunner';
import { quartzToCrontab } from './quartzSchedule';
import { RunnerSettings } from './runnerSettings';

/** The scheduler task of a job: one per project and job, across replicas. */
export function jobTaskId(project: string, job: string): string {
  return `data-mesh:job:${project}:${job}`;
}

/**
 * Schedules every job with an unpaused schedule in its file, in every
 * configured project. Jobs are read once, at start-up: a changed schedule
 * takes effect when the backend restarts.
 *
 * The Backstage scheduler takes no time zone, so a job fires in the
 * backend's time zone (the `TZ` environment variable); a job file naming
 * another zone is scheduled anyway, with a warning.
 */
export async function scheduleJobs(options: {
  projects: ProjectRepository;
  runner: JobRunner;
  scheduler: SchedulerService;
  logger: LoggerService;
  settings: RunnerSettings;
}): Promise<string[]> {
  const { projects, runner, scheduler, logger, settings } = options;
  const backendZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const scheduled: string[] = [];
  for (const { name: project } of projects.list()) {
    let loaded;
    try {
      loaded = await projects.load(project);
    } catch (error) {
      logger.warn(
        `Jobs of project ${project} not scheduled: ${(error as Error).message}`,
      );
      continue;
    }
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
      if (schedule.timezone !== backendZone) {
        logger.warn(
          `Job ${project}/${job} runs at "${crontab.cron}" in the backend's time zone ${backendZone}, not in ${schedule.timezone} as ${file.path} says`,
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
  return scheduled;
}
