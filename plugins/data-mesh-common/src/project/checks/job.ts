import { suggestNames } from '../../expression/suggest';
import type { ProjectIssue } from '../diagnostics';
import type { JobFile } from '../schema/job';
import { findCycle } from './cycles';

/**
 * Checks a validated job's task graph: unique keys, dependencies on tasks
 * that exist, and no cycles. Whether each task's pipeline exists is a
 * project-level check.
 */
export function checkJob(job: JobFile): ProjectIssue[] {
  const issues: ProjectIssue[] = [];
  const keys = new Set<string>();
  job.tasks.forEach((task, index) => {
    if (keys.has(task.key)) {
      issues.push({
        path: ['tasks', index, 'key'],
        message: `task key "${task.key}" is already used by an earlier task`,
        code: 'duplicate-id',
      });
    }
    keys.add(task.key);
  });
  const links: Array<{ from: string; to: string; index: number }> = [];
  job.tasks.forEach((task, index) => {
    task.dependsOn?.forEach((dependency, position) => {
      if (!keys.has(dependency)) {
        const [suggestion] = suggestNames(dependency, keys, 1);
        issues.push({
          path: ['tasks', index, 'dependsOn', position],
          message: `no task has key "${dependency}"${
            suggestion ? ` (did you mean "${suggestion}"?)` : ''
          }`,
          code: 'unknown-reference',
        });
        return;
      }
      links.push({ from: task.key, to: dependency, index });
    });
  });
  const cycle = findCycle([...keys], links);
  if (cycle) {
    issues.push({
      path: ['tasks', cycle.closingIndex, 'dependsOn'],
      message: `task dependencies form a cycle: ${cycle.path.join(' → ')}`,
      code: 'cycle',
    });
  }
  return issues;
}
