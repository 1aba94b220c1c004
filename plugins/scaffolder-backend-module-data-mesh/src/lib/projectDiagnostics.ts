import { InputError } from '@backstage/errors';
import {
  formatProjectCompilerDiagnostic,
  ProjectCompilerDiagnostic,
} from '@meshwork/data-mesh-common';

/** How many problems an error message lists; the rest are counted. */
const LISTED_PROBLEMS = 5;

/** The errors among a project's diagnostics (warnings do not stop a write). */
export function projectErrors(
  diagnostics: readonly ProjectCompilerDiagnostic[],
): ProjectCompilerDiagnostic[] {
  return diagnostics.filter(d => d.severity === 'error');
}

/**
 * An InputError for a project with errors: `what`, then the first few as
 * `file:line:col: error: message`, the way `meshwork validate` prints them.
 */
export function projectDiagnosticsError(
  what: string,
  errors: readonly ProjectCompilerDiagnostic[],
): InputError {
  const listed = errors
    .slice(0, LISTED_PROBLEMS)
    .map(d => formatProjectCompilerDiagnostic(d));
  const more = errors.length - listed.length;
  return new InputError(
    `${what}:\n${listed.join('\n')}${
      more > 0 ? `\n… and ${more} more problem${more === 1 ? '' : 's'}` : ''
    }`,
  );
}
