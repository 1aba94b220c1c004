import type { PathSegment, SchemaIssue } from './schema/builder';

/**
 * How serious a {@link ProjectDiagnostic} is: an `error` makes the file
 * unusable, a `warning` is worth fixing, `info` only tells (for example
 * that the file was migrated from an older format version).
 *
 * @public
 */
export type ProjectDiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * The kind of problem a {@link ProjectDiagnostic} reports, for callers that
 * react to a class of problems (quick fixes, filtering) without parsing
 * messages.
 *
 * @public
 */
export type ProjectDiagnosticCode =
  /** The text is not well-formed YAML. */
  | 'yaml-syntax'
  /** A value has the wrong type or is out of range. */
  | 'invalid-value'
  /** A key the format does not know (usually misspelt). */
  | 'unknown-key'
  /** A gem `type` or quality `check` the format does not know. */
  | 'unknown-type'
  /** An expression-valued field does not parse. */
  | 'invalid-expression'
  /** Two nodes share an id, or two tasks a key. */
  | 'duplicate-id'
  /** An edge or a task dependency names a node or task that does not exist. */
  | 'unknown-reference'
  /** An edge uses a port its gem does not have, or fills an input twice. */
  | 'invalid-port'
  /** A pipeline graph or a job's task dependencies form a cycle. */
  | 'cycle'
  /** An input port of a gem has no edge. */
  | 'unconnected-port'
  /** The `name` inside a file differs from its file name. */
  | 'name-mismatch'
  /** The file was written in an older format version and has been migrated. */
  | 'migrated'
  /** The file's format version is newer than this code understands. */
  | 'unsupported-version';

/**
 * A problem in a project file, at a position in that file.
 *
 * `line` and `column` are 1-based and point into the YAML text; for a
 * problem inside an expression they point at the offending character of the
 * expression, not at the start of its YAML value. `path` names the value in
 * the file's data, e.g. `nodes[3].config.condition`.
 *
 * @public
 */
export interface ProjectDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where the offending text ends (exclusive), for editors' squiggles. */
  readonly endLine: number;
  readonly endColumn: number;
  readonly path: string;
  readonly message: string;
  readonly severity: ProjectDiagnosticSeverity;
  readonly code: ProjectDiagnosticCode;
}

/**
 * A problem found in a file's data, before it is given a position; the
 * parser turns each into a {@link ProjectDiagnostic}.
 */
export interface ProjectIssue extends Omit<SchemaIssue, 'code'> {
  readonly code: ProjectDiagnosticCode;
  readonly severity?: ProjectDiagnosticSeverity;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a data path the way JavaScript would access it:
 * `nodes[3].config.condition`, `tags["cost-center"]`.
 *
 * @public
 */
export function formatDataPath(path: readonly PathSegment[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else if (PLAIN_KEY.test(segment))
      result += result ? `.${segment}` : segment;
    else result += `[${JSON.stringify(segment)}]`;
  }
  return result;
}

/**
 * Formats a diagnostic the way compilers do, for terminals and logs:
 * `pipelines/orders.pipeline.yaml:12:18: error: invalid expression: … (nodes[2].config.condition)`.
 *
 * @public
 */
export function formatProjectDiagnostic(diagnostic: ProjectDiagnostic): string {
  const where = diagnostic.path ? ` (${diagnostic.path})` : '';
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message}${where}`;
}
