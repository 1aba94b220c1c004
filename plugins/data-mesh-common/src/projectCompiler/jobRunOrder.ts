import { orderTasks } from '../bundle';
import { suggestNames } from '../expression';
import type { LoadedProject } from './types';

/**
 * One task of a job, in the order a local run executes them.
 *
 * @public
 */
export interface JobRunStep {
  readonly task: string;
  readonly pipeline: string;
}

/**
 * The tasks of a job in an order that runs each after the tasks it depends
 * on (the job file's order where dependencies allow), or why there is none.
 *
 * @public
 */
export function jobRunOrder(
  loaded: LoadedProject,
  job: string,
): { steps: JobRunStep[] } | { error: string } {
  const file = loaded.jobs.get(job);
  if (!file) {
    const [suggestion] = suggestNames(job, loaded.jobs.keys(), 1);
    const known = [...loaded.jobs.keys()].sort().join(', ');
    return {
      error: `no job "${job}" in the project${
        suggestion ? ` (did you mean "${suggestion}"?)` : ''
      }; jobs: ${known || 'none'}`,
    };
  }
  const { ordered, cycle } = orderTasks(
    file.value.tasks.map(task => ({
      key: task.key,
      pipeline: task.pipeline,
      dependsOn: task.dependsOn ?? [],
    })),
  );
  if (cycle) {
    return {
      error: `job "${job}": tasks depend on each other in a cycle: ${cycle.join(
        ' → ',
      )}`,
    };
  }
  return {
    steps: ordered.map(task => ({ task: task.key, pipeline: task.pipeline })),
  };
}
