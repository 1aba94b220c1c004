import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * A mock scheduler whose tasks only run when a test triggers them. The
 * search plugin schedules its collators in a root startup hook, after the
 * mock's own startup run, so a test triggers the index build itself.
 *
 * `mockServices.scheduler()` returns a `MockSchedulerService`, typed as a
 * plain `SchedulerService`; its `factory` is what installs it.
 */
export function manualScheduler(): {
  scheduler: SchedulerService;
  factory: ServiceFactory<SchedulerService>;
} {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: {
      skipTaskRunOnStartup: boolean;
    }): ServiceFactory<SchedulerService>;
  };
  return {
    scheduler,
    factory: scheduler.factory({ skipTaskRunOnStartup: true }),
  };
}
