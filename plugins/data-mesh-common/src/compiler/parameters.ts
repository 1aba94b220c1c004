/**
 * Pipeline and subgraph parameters: their declarations, the values jobs
 * and Subgraph nodes pass, and how lowering writes a `:name` marker for a
 * back end (a typed marker for Databricks, a typed literal for DuckDB).
 */
import {
  ColumnExpression,
  Expression,
  formatExpression,
  formatSqlType,
  isExpressionError,
  ParameterSchema,
  parseSqlType,
  SourceSpan,
  SqlType,
  tryParseExpression,
  walkExpression,
} from '../expression';
import type { PathSegment } from '../project';
import { INTEGER_RANGES } from '../expression/types';
import { replaceColumns } from './lower/replaceColumns';
import type { CompilerDiagnostic } from './types';

/**
 * A value given to a parameter: a scalar of a YAML file or of a request.
 * It is untrusted text until {@link checkParameterValue} accepts it.
 *
 * @public
 */
export type ParameterValue = string | number | boolean | null;

/** A parameter as declared in a pipeline or subgraph file. */
export interface ParameterDeclaration {
  readonly name: string;
  readonly type: string;
  readonly default?: ParameterValue;
}

/** A declared parameter, typed, with its default checked against the type. */
export interface DeclaredParameter extends ParameterSchema {
  /** The default in its canonical text, when there is a valid one. */
  readonly default?: string;
  /** Its index in the file's `parameters`, for diagnostics. */
  readonly index: number;
}

/** The types a parameter may have: those a job can pass as text. */
const PARAMETER_TYPES: ReadonlySet<SqlType['kind']> = new Set([
  'string',
  'int',
  'bigint',
  'double',
  'decimal',
  'boolean',
  'date',
  'timestamp',
]);

/** The bundle's own task parameters, which a pipeline's would clash with. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['catalog', 'schema']);

/**
 * A value checked against a parameter's type: its canonical text (what a
 * job passes and what a cast of the text to the type reads back), or why
 * it does not fit.
 *
 * @public
 */
export function checkParameterValue(
  value: ParameterValue,
  type: SqlType,
): { text: string } | { problem: string } {
  if (value === null) return { problem: 'null is not a parameter value' };
  const text = String(value).trim();
  const fail = (expected: string) => ({
    problem: `${JSON.stringify(value)} is not ${expected}`,
  });
  switch (type.kind) {
    case 'string':
      return { text: String(value) };
    case 'boolean':
      return /^(true|false)$/i.test(text)
        ? { text: text.toLowerCase() }
        : fail('a boolean (true or false)');
    case 'int':
    case 'bigint': {
      if (!/^[+-]?\d+$/.test(text)) return fail(`an integer (${type.kind})`);
      const { min, max } = INTEGER_RANGES[type.kind];
      const n = BigInt(text);
      return n < min || n > max
        ? fail(`within the range of ${type.kind} (${min} to ${max})`)
        : { text: n.toString() };
    }
    case 'double':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) &&
        Number.isFinite(Number(text))
        ? { text }
        : fail('a number (double)');
    case 'decimal': {
      const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
      if (!match || (match[2] + (match[3] ?? '')).length === 0) {
        return fail(`a number (${formatSqlType(type)})`);
      }
      const whole = match[2].replace(/^0+/, '');
      const fraction = (match[3] ?? '').replace(/0+$/, '');
      if (whole.length > type.precision - type.scale) {
        return fail(
          `a ${formatSqlType(type)}: at most ${
            type.precision - type.scale
          } digits before the point`,
        );
      }
      if (fraction.length > type.scale) {
        return fail(`a ${formatSqlType(type)}: at most ${type.scale} decimals`);
      }
      return {
        text: `${match[1] === '-' ? '-' : ''}${whole || '0'}${
          fraction ? `.${fraction}` : ''
        }`,
      };
    }
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      return match && isCalendarDate(match[1], match[2], match[3])
        ? { text }
        : fail('a date (YYYY-MM-DD)');
    }
    case 'timestamp': {
      const match =
        /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?$/.exec(
          text,
        );
      const valid =
        match &&
        isCalendarDate(match[1], match[2], match[3]) &&
        Number(match[4]) < 24 &&
        Number(match[5]) < 60 &&
        Number(match[6] ?? 0) < 60;
      return valid
        ? { text: text.replace('T', ' ') }
        : fail('a timestamp (YYYY-MM-DD HH:MM[:SS[.ffffff]])');
    }
    default:
      return {
        problem: `a parameter cannot be of type ${formatSqlType(type)}`,
      };
  }
}

function isCalendarDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}

/**
 * The parameters a file declares, typed, and the problems of their
 * declarations (a repeated name, a type parameters cannot have, a default
 * that does not fit the type). `at` is the path of `parameters` in the file.
 */
export function declareParameters(
  declarations: readonly ParameterDeclaration[] | undefined,
  at: readonly PathSegment[] = ['parameters'],
): { parameters: DeclaredParameter[]; diagnostics: CompilerDiagnostic[] } {
  const parameters: DeclaredParameter[] = [];
  const diagnostics: CompilerDiagnostic[] = [];
  const problem = (path: PathSegment[], message: string) =>
    diagnostics.push({
      severity: 'error',
      code: 'invalid-parameter',
      path: [...at, ...path],
      message,
    });
  (declarations ?? []).forEach((declaration, index) => {
    let type: SqlType;
    try {
      type = parseSqlType(declaration.type);
    } catch (error) {
      if (!isExpressionError(error)) throw error;
      return; // the file's schema reports a type that does not parse
    }
    if (!PARAMETER_TYPES.has(type.kind)) {
      problem(
        [index, 'type'],
        `parameter "${declaration.name}" cannot be of type ${formatSqlType(
          type,
        )}; parameters are string, int, bigint, double, decimal(p,s), boolean, date or timestamp`,
      );
      return;
    }
    if (RESERVED_NAMES.has(declaration.name.toLowerCase())) {
      problem(
        [index, 'name'],
        `parameter "${declaration.name}" is reserved: generated Spark SQL reads the target's catalog and schema as :catalog and :schema`,
      );
      return;
    }
    if (sameParameter(parameters, declaration.name)) {
      problem(
        [index, 'name'],
        `parameter "${declaration.name}" is declared twice`,
      );
      return;
    }
    let text: string | undefined;
    if (declaration.default !== undefined) {
      const checked = checkParameterValue(declaration.default, type);
      if ('problem' in checked) {
        problem(
          [index, 'default'],
          `default of parameter "${declaration.name}": ${checked.problem}`,
        );
      } else {
        text = checked.text;
      }
    }
    parameters.push({
      name: declaration.name,
      type,
      index,
      ...(text !== undefined && { default: text }),
    });
  });
  return { parameters, diagnostics };
}

/** The parameter of `parameters` named `name` (names ignore case, as columns do). */
export function sameParameter<P extends { readonly name: string }>(
  parameters: readonly P[],
  name: string,
): P | undefined {
  const wanted = name.toLowerCase();
  return parameters.find(p => p.name.toLowerCase() === wanted);
}

/**
 * A Subgraph node's value that reads a parameter of the graph calling it
 * (`":as_of_date"`), rather than being a literal.
 */
export function parameterReference(value: ParameterValue): string | undefined {
  return typeof value === 'string'
    ? /^:([A-Za-z_][A-Za-z0-9_]*)$/.exec(value)?.[1]
    : undefined;
}

const NOWHERE: SourceSpan = { offset: 0, end: 0, line: 1, column: 1 };

/**
 * A checked value as an expression of the parameter's type: a string
 * literal, cast to the type unless it is a string. Values go through the
 * dialects' literal functions when rendered, never into SQL as they are.
 */
export function parameterLiteral(text: string, type: SqlType): Expression {
  const literal: Expression = {
    kind: 'literal',
    value: { type: 'string', value: text },
    span: NOWHERE,
  };
  return type.kind === 'string'
    ? literal
    : {
        kind: 'cast',
        operand: literal,
        target: { type, span: NOWHERE },
        safe: false,
        span: NOWHERE,
      };
}

/**
 * A marker `:name` cast to the parameter's type: what Databricks gets,
 * since a job passes every parameter as text.
 */
export function typedMarker(name: string, type: SqlType): Expression {
  const marker: ColumnExpression = {
    kind: 'column',
    name: { value: name, quoted: false, span: NOWHERE },
    parameter: true,
    span: NOWHERE,
  };
  return type.kind === 'string'
    ? marker
    : {
        kind: 'cast',
        operand: marker,
        target: { type, span: NOWHERE },
        safe: false,
        span: NOWHERE,
      };
}

/**
 * The expression text with every `:name` marker replaced by what
 * `replace` returns for the name (the marker itself is kept when it
 * returns undefined). Text without markers is returned as written.
 */
export function replaceParameterMarkers(
  text: string,
  replace: (name: string) => Expression | undefined,
): string {
  const parsed = tryParseExpression(text);
  if (!parsed.ok) return text;
  let found = false;
  walkExpression(parsed.expression, e => {
    if (e.kind === 'column' && e.parameter) found = true;
  });
  if (!found) return text;
  return formatExpression(
    replaceColumns(parsed.expression, column =>
      column.parameter ? replace(column.name.value) ?? column : column,
    ),
  );
}
