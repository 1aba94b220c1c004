import {
  CompiledProject,
  formatProjectCompilerDiagnostic,
} from '@meshwork/data-mesh-common';
import { JobExecutorFile } from '@meshwork/data-mesh-node';

/**
 * What a `bundle` executor runs from: the compiled project's bundle and
 * generated code, or the compiler's errors. Any error refuses the run, since
 * the bundle must match the committed project as a whole.
 */
export function bundleForRemoteRun(
  compiled: CompiledProject,
): { files: JobExecutorFile[] } | { error: string } {
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
