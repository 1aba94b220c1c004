import { parseDocument } from 'yaml';
import { SourceText } from '../expression/span';
import { formatDataPath, PathSegment } from '../project';
import { YamlLocator } from '../project/locate';
import type {
  ProjectCompilerDiagnostic,
  ProjectCompilerDiagnosticCode,
} from './types';

/** What a diagnostic says, before it has a position. */
export interface ProblemAt {
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly code: ProjectCompilerDiagnosticCode;
  readonly severity?: 'error' | 'warning' | 'info';
  /** Point at the key rather than the value (a key that is wrong). */
  readonly target?: 'key' | 'value';
  /** A range inside a string value, e.g. the offending part of an expression. */
  readonly within?: { offset: number; length: number };
}

/**
 * Gives problems found after parsing (cross-file references, schema
 * propagation, the bundle) the line and column of a file's YAML, the way
 * the parser positions its own diagnostics.
 */
export class FilePositions {
  private locator?: YamlLocator;
  private lines?: SourceText;

  constructor(readonly file: string, private readonly text: string) {}

  diagnostic(problem: ProblemAt): ProjectCompilerDiagnostic {
    // Parsed lazily: most files never have a problem to place.
    if (!this.locator || !this.lines) {
      const document = parseDocument(this.text, { version: '1.2' });
      this.locator = new YamlLocator(document, this.text);
      this.lines = new SourceText(this.text);
    }
    const { start, end } = this.locator.locate(
      problem.path,
      problem.target,
      problem.within,
    );
    const clamp = (offset: number) =>
      Math.min(Math.max(offset, 0), this.text.length);
    const from = this.lines.span(clamp(start), 0);
    const to = this.lines.span(clamp(Math.max(start, end)), 0);
    return {
      file: this.file,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      path: formatDataPath(problem.path),
      message: problem.message,
      severity: problem.severity ?? 'error',
      code: problem.code,
    };
  }
}

/** A problem with no file to point into, reported at the start of `file`. */
export function fileDiagnostic(
  file: string,
  problem: Omit<ProblemAt, 'path' | 'target' | 'within'>,
): ProjectCompilerDiagnostic {
  return {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    path: '',
    message: problem.message,
    severity: problem.severity ?? 'error',
    code: problem.code,
  };
}

/** File, then line and column, then the order found: how compilers list problems. */
export function sortDiagnostics(
  diagnostics: readonly ProjectCompilerDiagnostic[],
): ProjectCompilerDiagnostic[] {
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort(
      (a, b) =>
        (a.d.file < b.d.file ? -1 : Number(a.d.file > b.d.file)) ||
        a.d.line - b.d.line ||
        a.d.column - b.d.column ||
        a.index - b.index,
    )
    .map(({ d }) => d);
}

/**
 * `pipelines/orders.pipeline.yaml:12:18: error: unknown column … (nodes[2].config.condition)`,
 * with the file name as given (callers prefix the project folder).
 *
 * @public
 */
export function formatProjectCompilerDiagnostic(
  diagnostic: ProjectCompilerDiagnostic,
  file: string = diagnostic.file,
): string {
  const where = diagnostic.path ? ` (${diagnostic.path})` : '';
  return `${file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message}${where}`;
}
