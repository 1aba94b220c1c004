/**
 * Pipeline parameters in PySpark: `F.expr` takes no parameter markers, so
 * the program reads each value from its arguments, turns it into a Spark
 * SQL string literal once, and splices that literal where the marker was.
 * The lowered expression casts it to the parameter's type, so a value that
 * does not fit fails the cast (ANSI) rather than changing the query.
 */
import type { DeclaredParameter } from '../parameters';
import { Py, pyString } from './python';

/** The module-level dict of the parameters' literals, by name. */
const PARAMETERS = 'PARAMETERS';

type Piece = { readonly text: string } | { readonly parameter: string };

/**
 * Spark SQL as written by the renderer, cut at its `:name` markers; the
 * text of string literals and quoted names is never taken for a marker.
 */
export function splitAtMarkers(sql: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      i = skipQuoted(sql, i);
    } else if (ch === ':' && sql[i + 1] === ':') {
      i += 2;
    } else if (ch === ':' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      if (i > start) pieces.push({ text: sql.slice(start, i) });
      pieces.push({ parameter: name });
      i += 1 + name.length;
      start = i;
    } else {
      i++;
    }
  }
  if (start < sql.length) pieces.push({ text: sql.slice(start) });
  return pieces;
}

/** The index after the quoted text starting at `open`. */
function skipQuoted(sql: string, open: number): number {
  const quote = sql[open];
  let i = open + 1;
  while (i < sql.length) {
    if (quote !== '`' && sql[i] === '\\') i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return i;
}

/**
 * The Python string expression of Spark SQL text: a plain literal, or,
 * with markers, the literal pieces joined with the parameters' literals.
 */
export function pySql(sql: string): Py {
  const pieces = splitAtMarkers(sql);
  if (pieces.every(p => 'text' in p)) return pyString(sql);
  return pieces
    .map(p =>
      'text' in p
        ? pyString(p.text)
        : `${PARAMETERS}[${pyString(p.parameter)}]`,
    )
    .join(' + ');
}

/**
 * The module-level code of a pipeline's parameters: the helper that
 * writes a string literal, and the literals of the defaults, which
 * `main()` replaces with the values it is given.
 */
export function parameterModuleLines(
  parameters: readonly DeclaredParameter[],
): string[] {
  if (parameters.length === 0) return [];
  return [
    '',
    '',
    'def sql_string(value: str) -> str:',
    '    """A Spark SQL string literal: how a parameter\'s text enters SQL."""',
    `    return "'" + value.replace("\\\\", "\\\\\\\\").replace("'", "\\\\'") + "'"`,
    '',
    '',
    "# The pipeline's parameters as Spark SQL literals, set by main().",
    `${PARAMETERS} = {`,
    ...parameters.flatMap(p =>
      p.default === undefined
        ? []
        : [`    ${pyString(p.name)}: sql_string(${pyString(p.default)}),`],
    ),
    '}',
  ];
}

/** `main()`'s lines declaring each parameter's argument, with its default. */
export function parameterArgumentLines(
  parameters: readonly DeclaredParameter[],
): string[] {
  return parameters.map(p => {
    const option = pyString(`--${p.name}`);
    return p.default === undefined
      ? `    parser.add_argument(${option}, required=True)`
      : `    parser.add_argument(${option}, default=${pyString(p.default)})`;
  });
}

/** `main()`'s lines storing each parsed value's literal. */
export function parameterAssignmentLines(
  parameters: readonly DeclaredParameter[],
): string[] {
  return parameters.map(
    p =>
      `    ${PARAMETERS}[${pyString(
        p.name,
      )}] = sql_string(vars(args)[${pyString(p.name)}])`,
  );
}
