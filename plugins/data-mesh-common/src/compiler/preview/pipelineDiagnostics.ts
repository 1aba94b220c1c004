import { SourceText } from '../../expression/span';
import {
  formatDataPath,
  PathSegment,
  PipelineFile,
  ProjectDiagnosticCode,
} from '../../project';
import type { ProjectIssue } from '../../project/diagnostics';
import { checkProjectData } from '../../project/parse';
import { compilerDiagnosticMessage } from '../diagnostics';
import type { CompilerDiagnostic, CompilerDiagnosticCode } from '../types';

/**
 * A problem of a pipeline an editor holds (and has not necessarily saved),
 * located by its data rather than by a position in its file: what the
 * preview API answers. The message is the one `meshwork validate` prints
 * for the same problem; the editor finds the line and column from `path`,
 * `target` and `expression` in the text it holds.
 *
 * @public
 */
export interface PipelineDiagnostic {
  /** `error` stops the preview; `warning` and `info` do not. */
  readonly severity: 'error' | 'warning' | 'info';
  /** The kind of problem, for callers that react to a class of problems. */
  readonly code: CompilerDiagnosticCode | ProjectDiagnosticCode;
  /** What `meshwork validate` prints for the problem. */
  readonly message: string;
  /** The node the problem is about, when the compiler names one. */
  readonly nodeId?: string;
  /**
   * The value in the pipeline (`['nodes', 2, 'config', 'condition']`); for
   * a problem with the request rather than the pipeline, the request's
   * field (`['nodeId']`, `['port']`, `['limit']`).
   */
  readonly path: readonly PathSegment[];
  /** `path` as `meshwork validate` prints it: `nodes[2].config.condition`. */
  readonly field: string;
  /** `key` when the problem is the key at `path` (a misspelt key), not its value. */
  readonly target?: 'key';
  /**
   * Where inside the text of the value at `path` (an expression, a type)
   * the problem is: 1-based line and column, UTF-16 offset and length.
   */
  readonly expression?: {
    readonly line: number;
    readonly column: number;
    readonly offset: number;
    readonly length: number;
  };
}

/**
 * A compiler diagnostic, with the message `meshwork validate` prints.
 *
 * @public
 */
export function pipelineDiagnostic(
  diagnostic: CompilerDiagnostic,
): PipelineDiagnostic {
  const { severity, code, nodeId, path, expression } = diagnostic;
  return {
    severity,
    code,
    message: compilerDiagnosticMessage(diagnostic),
    ...(nodeId !== undefined && { nodeId }),
    path,
    field: formatDataPath(path),
    ...(expression && {
      expression: {
        line: expression.line,
        column: expression.column,
        offset: expression.offset,
        length: expression.length,
      },
    }),
  };
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object'
        ? (value as Record<PathSegment, unknown>)[key]
        : undefined,
    data,
  );
}

/** A problem the file format finds in a pipeline's data. */
function formatDiagnostic(
  issue: ProjectIssue,
  data: Record<string, unknown>,
): PipelineDiagnostic {
  const { path, code, message, target, within } = issue;
  const text = within && valueAt(data, path);
  const at =
    typeof text === 'string' && within
      ? new SourceText(text).span(within.offset, within.offset)
      : undefined;
  return {
    severity: issue.severity ?? 'error',
    code,
    message,
    path,
    field: formatDataPath(path),
    ...(target === 'key' && { target }),
    ...(at &&
      within && {
        expression: {
          line: at.line,
          column: at.column,
          offset: within.offset,
          length: within.length,
        },
      }),
  };
}

/**
 * Checks the data of a pipeline as parsing its file would (migrations,
 * schema, graph), for a pipeline that arrives as JSON: the pipeline, when
 * there are no errors, and every problem found, warnings included, with
 * the messages `meshwork validate` prints.
 *
 * @public
 */
export function checkPipelineData(data: Record<string, unknown>): {
  readonly pipeline?: PipelineFile;
  readonly diagnostics: readonly PipelineDiagnostic[];
} {
  const checked = checkProjectData('pipeline', data);
  // Paths point into the data migrated to the current format version.
  const diagnostics = checked.issues.map(issue =>
    formatDiagnostic(issue, checked.data),
  );
  const valid = checked.valid && diagnostics.every(d => d.severity !== 'error');
  return valid
    ? { pipeline: checked.data as unknown as PipelineFile, diagnostics }
    : { diagnostics };
}
