import fs from 'fs';
import { resolve } from 'path';
import { parseDocument } from 'yaml';
import type { PathSegment } from '../../project';
import { FilePositions } from '../positions';
import type { ProjectCompilerDiagnostic, ProjectSourceFile } from '../types';
import type { BrokenProject } from './brokenProjects';

// Other packages' same-diagnostics tests import this one module.
export { brokenProjectCorpus, helloWorldSources } from './brokenProjects';
export type { BrokenProject } from './brokenProjects';

/**
 * A diagnostic as every surface can report it: the CLI prints it as
 * `file:line:column: severity: message (path)`, the compiler returns it
 * as an object, the preview API names the field it is at.
 */
export interface NormalDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** The field it is at (`nodes[2].config.condition`), when it is at one. */
  readonly path?: string;
  readonly code?: string;
}

/** The expected diagnostics of one broken project of the corpus. */
export interface SameDiagnosticsCase {
  readonly name: string;
  readonly diagnostics: readonly NormalDiagnostic[];
}

/**
 * The committed golden file: what every surface must report for each
 * broken project of `brokenProjectCorpus()`. `UPDATE_GOLDEN=1` on the
 * browser test (`sameDiagnostics.browser.test.ts`) rewrites it.
 */
export const SAME_DIAGNOSTICS_GOLDEN = resolve(
  __dirname,
  '../__fixtures__/sameDiagnostics.json',
);

export function readSameDiagnosticsGolden(): SameDiagnosticsCase[] {
  return JSON.parse(fs.readFileSync(SAME_DIAGNOSTICS_GOLDEN, 'utf8'));
}

export function normalDiagnostic(
  d: ProjectCompilerDiagnostic,
): NormalDiagnostic {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    message: d.message,
    ...(d.path && { path: d.path }),
    code: d.code,
  };
}

/** Without the code, which the CLI does not print. */
export function withoutCode({
  code: _code,
  ...rest
}: NormalDiagnostic): NormalDiagnostic {
  return rest;
}

/**
 * The pipeline file of a broken project that the preview API can be sent,
 * with its data, when it is the only file that changed: the preview
 * carries one pipeline (as JSON, so it must be valid YAML) and reads the
 * rest of the project from the backend's copy.
 */
export function previewablePipeline(
  broken: BrokenProject,
  sources: readonly ProjectSourceFile[],
): { file: ProjectSourceFile; pipeline: Record<string, unknown> } | undefined {
  const original = new Map(sources.map(f => [f.path, f.text]));
  const changed = broken.files.filter(f => original.get(f.path) !== f.text);
  const kept = new Set(broken.files.map(f => f.path));
  const deleted = sources.filter(f => !kept.has(f.path));
  if (changed.length !== 1 || deleted.length > 0) return undefined;
  const [file] = changed;
  if (!/^pipelines\/[^/]+\.pipeline\.yaml$/.test(file.path)) return undefined;
  const document = parseDocument(file.text);
  if (document.errors.length > 0) return undefined;
  const pipeline = document.toJS();
  return pipeline !== null &&
    typeof pipeline === 'object' &&
    !Array.isArray(pipeline)
    ? { file, pipeline }
    : undefined;
}

/** `nodes[2].config["a b"]` as segments: the inverse of `formatDataPath`. */
export function parseDataPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const segment = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  while (segment.lastIndex < text.length) {
    const match = segment.exec(text);
    if (!match) throw new Error(`not a field path: ${text}`);
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]));
  }
  return segments;
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

/**
 * Where in a pipeline file an editor shows a problem the preview API
 * reported at a field (`nodes[2].config.condition`), and for an expression
 * at a line and column inside it: the file's line and column, found the
 * way the compiler finds them for its own diagnostics. The preview API
 * answers with field paths only, since it is sent the pipeline as JSON.
 */
export function locateFieldProblem(
  file: ProjectSourceFile,
  problem: {
    readonly field: string;
    readonly message: string;
    readonly severity?: NormalDiagnostic['severity'];
    /** `key` for a problem with the key at `field` rather than its value. */
    readonly target?: 'key';
    readonly expression?: { readonly line: number; readonly column: number };
  },
): NormalDiagnostic {
  const field = problem.field ? parseDataPath(problem.field) : [];
  let within;
  const text = valueAt(parseDocument(file.text).toJS(), field);
  if (problem.expression && typeof text === 'string') {
    const lines = text.split('\n').slice(0, problem.expression.line - 1);
    const offset =
      lines.reduce((sum, line) => sum + line.length + 1, 0) +
      problem.expression.column -
      1;
    within = { offset, length: 0 };
  }
  const {
    file: located,
    line,
    column,
    severity,
  } = new FilePositions(file.path, file.text).diagnostic({
    path: field,
    message: problem.message,
    code: 'invalid-value',
    severity: problem.severity,
    target: problem.target,
    within,
  });
  return {
    file: located,
    line,
    column,
    severity,
    message: problem.message,
    ...(problem.field && { path: problem.field }),
  };
}
