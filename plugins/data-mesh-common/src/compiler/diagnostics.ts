import { formatDataPath } from '../project';
import type { CompilerDiagnostic } from './types';

/**
 * One line for terminals and logs:
 * `error: nodes[2].config.condition 1:14: unknown column … [invalid-expression]`.
 * The CLI, which has the YAML, turns `path` into a file position instead.
 *
 * @public
 */
export function formatCompilerDiagnostic(
  diagnostic: CompilerDiagnostic,
): string {
  const at = diagnostic.expression
    ? ` ${diagnostic.expression.line}:${diagnostic.expression.column}:`
    : ':';
  return `${diagnostic.severity}: ${formatDataPath(diagnostic.path)}${at} ${
    diagnostic.message
  } [${diagnostic.code}]`;
}

/**
 * What a diagnostic says, as `meshwork validate` prints it and the
 * preview API answers it: the message, after the node it is about.
 */
export function compilerDiagnosticMessage(
  diagnostic: Pick<CompilerDiagnostic, 'message' | 'nodeId'>,
): string {
  const node = diagnostic.nodeId ? `node "${diagnostic.nodeId}": ` : '';
  return `${node}${diagnostic.message}`;
}

/**
 * Whether any diagnostic is an error (warnings do not stop compilation).
 *
 * @public
 */
export function hasErrors(diagnostics: readonly CompilerDiagnostic[]): boolean {
  return diagnostics.some(d => d.severity === 'error');
}
