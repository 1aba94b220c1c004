import {
  compileProject,
  formatProjectCompilerDiagnostic,
  JobFile,
  ProjectSourceFile,
  uniqueSnakeKeys,
} from '@meshwork/data-mesh-common';
import { JobExecutorFile } from '@meshwork/data-mesh-node';

/**
 * The project compiled for a remote run: the bundle and the generated code,
 * or the compiler's errors. Any error refuses the run, since the bundle
 * must match the committed project as a whole.
 */
export function compileForRemoteRun(
  sources: readonly ProjectSourceFile[],
): { files: JobExecutorFile[] } | { error: string } {
  const compiled = compileProject(sources);
  const errors = compiled.diagnostics.filter(d => d.severity === 'error');
  if (errors.length > 0) {
    return {
      error: errors.map(d => formatProjectCompilerDiagnostic(d)).join('\n'),
    };
  }
  if (!compiled.files.some(f => f.path === 'databricks.yml')) {
    return { error: 'the project compiles to no bundle' };
  }
  return { files: compiled.files.map(f => ({ ...f })) };
}

/**
 * The deployed job's task keys, by the keys in the job file: the bundle
 * generator turns each into a unique snake_case key, in file order.
 */
export function remoteTaskKeys(job: JobFile): Map<string, string> {
  const keys = uniqueSnakeKeys(
    job.tasks.map(t => t.key),
    'task',
  );
  return new Map(keys.map((remote, i) => [remote, job.tasks[i].key]));
}
