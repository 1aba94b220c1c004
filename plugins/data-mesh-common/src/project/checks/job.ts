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
  const parameters = new Set<string>();
  job.parameters?.forEach((parameter, index) => {
    if (parameters.has(parameter.name)) {
      issues.push({
        path: ['parameters', index, 'name'],
        message: `job parameter "${parameter.name}" is declared twice`,
        code: 'duplicate-id',
      });
    }
    parameters.add(parameter.name);
    if (parameter.default === null) {
      issues.push({
        path: ['parameters', index, 'default'],
        message: `job parameter "${parameter.name}" needs a default: Databricks requires one`,
        code: 'invalid-value',
      });
    }
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
