/**
 * The shape of a function catalogue entry: what a function accepts and
 * returns, how it is documented, and how each dialect writes a call to it.
 */
import type { LiteralValue } from '../ast';
import type { SqlDialect, SqlDialectName } from '../../dialect';
import { formatSqlType, SqlType } from '../types';

/** The groups the documentation lists functions in. @public */
export type FunctionCategory =
  | 'string'
  | 'datetime'
  | 'math'
  | 'null handling'
  | 'conditional'
  | 'hashing'
  | 'array'
  | 'aggregate'
  | 'window';

/**
 * `scalar`: one value per row. `aggregate`: one value per group, or per
 * window when called with OVER. `window`: only valid with OVER.
 *
 * @public
 */
export type FunctionKind = 'scalar' | 'aggregate' | 'window';

/**
 * What a parameter accepts.
 *
 * - `string`, `boolean`, `int`, `bigint`, `date`, `timestamp`: that type;
 *   `bigint` also takes int, `double` takes any number, `date` takes a
 *   timestamp or a date string, and `timestamp` a date or timestamp string,
 *   as Spark converts them implicitly.
 * - `integral`: int or bigint; `numeric`: int, bigint, decimal or double.
 * - `any`: any value; `scalar`: any value but an array.
 * - `T`: a type variable; all `T` arguments convert to their common type.
 *   `N` is the same for numbers only. `array<T>` is an array of `T`.
 *
 * @public
 */
export type ParameterType =
  | 'any'
  | 'scalar'
  | 'string'
  | 'boolean'
  | 'int'
  | 'bigint'
  | 'double'
  | 'date'
  | 'timestamp'
  | 'integral'
  | 'numeric'
  | 'T'
  | 'N'
  | 'array<T>'
  | 'array<string>';

/** One parameter of a {@link FunctionSignature}. @public */
export interface FunctionParameter {
  readonly name: string;
  readonly type: ParameterType;
  /** May be left out; only trailing parameters are optional. */
  readonly optional?: boolean;
  /** The last parameter may repeat; at least once unless also optional. */
  readonly variadic?: boolean;
  /** Must be a literal, because a dialect's translation needs its value. */
  readonly literal?: boolean;
}

/** A return type computed from the arguments. @public */
export interface ReturnRule {
  /** How the docs describe the rule, e.g. "bigint for integers, else …". */
  readonly describe: string;
  infer(args: readonly ArgumentInfo[]): SqlType;
}

/**
 * The result type of a signature: a fixed type, the resolved type variable
 * (`T`, `N`), an array of it, or a rule.
 *
 * @public
 */
export type ReturnType = SqlType | 'T' | 'N' | 'array<T>' | ReturnRule;

/** One way to call a function. @public */
export interface FunctionSignature {
  readonly parameters: readonly FunctionParameter[];
  readonly returns: ReturnType;
}

/** What the type checker knows about an argument. @public */
export interface ArgumentInfo {
  readonly type: SqlType;
  /** The argument's value when it is a literal. */
  readonly literal?: LiteralValue;
}

/** A problem with the arguments of a call, reported at one argument. @public */
export interface ArgumentProblem {
  readonly message: string;
  /** Index of the offending argument; the whole call when absent. */
  readonly argument?: number;
}

/** SQL text and how tightly it binds (see {@link Precedence}). @public */
export interface RenderedSql {
  readonly sql: string;
  readonly precedence: number;
}

/** A rendered argument, as a function renderer sees it. @public */
export interface RenderedArgument extends RenderedSql {
  readonly type: SqlType;
  /** The argument's value when it is a literal. */
  readonly literal?: LiteralValue;
  /** The SQL, in parentheses if it binds more loosely than `precedence`. */
  operand(precedence: number): string;
}

/** Everything a {@link FunctionRenderer} needs to write one call. @public */
export interface FunctionRenderContext {
  /** The dialect written, for its literals, type names and casts. */
  readonly dialect: SqlDialect;
  /** The function name as written, in lower case. */
  readonly name: string;
  readonly args: readonly RenderedArgument[];
  readonly distinct: boolean;
  readonly star: boolean;
  readonly resultType: SqlType;
  /**
   * `name(args)`, with the call's DISTINCT and `*`, an optional
   * `FILTER (WHERE filter)`, and the call's OVER clause. Aggregate and window
   * renderers must build their call with this so the OVER clause lands on
   * the aggregate even when the result is wrapped (`CAST(sum(x) OVER … AS …)`).
   */
  call(
    name: string,
    args?: readonly string[],
    options?: { readonly filter?: string; readonly distinct?: boolean },
  ): string;
  /** Reports that this call cannot be rendered, at an argument if given. */
  fail(message: string, argument?: number): never;
}

/** Writes a call in one dialect. @public */
export type FunctionRenderer = (
  context: FunctionRenderContext,
) => string | RenderedSql;

/** Requirements of window functions on their OVER clause. @public */
export interface WindowRequirements {
  /** ORDER BY is required (ranking functions, lag, lead). */
  readonly requiresOrder: boolean;
  /** A ROWS/RANGE frame is allowed (not for ranking functions). */
  readonly allowsFrame: boolean;
}

/**
 * A function of the catalogue.
 *
 * @public
 */
export interface FunctionDefinition {
  /** The canonical Spark name, lower case. */
  readonly name: string;
  /** Other Spark names for the same function. */
  readonly aliases?: readonly string[];
  readonly category: FunctionCategory;
  readonly kind: FunctionKind;
  /** One line, for the docs and the editor's completion list. */
  readonly description: string;
  readonly signatures: readonly FunctionSignature[];
  /**
   * A sample call in Spark SQL. The docs show it rendered to each dialect,
   * and the tests evaluate it. Aggregate and window examples may use the
   * columns of {@link FUNCTION_EXAMPLE_SCOPE}; others use literals only.
   */
  readonly example: string;
  /** Differences between the dialects that rendering cannot hide. */
  readonly notes?: string;
  readonly window?: WindowRequirements;
  /** `count(*)`: the function may be called with `*`. */
  readonly acceptsStar?: boolean;
  /** The result depends on more than the arguments (time, row order). */
  readonly nondeterministic?: boolean;
  /** Checks arguments beyond their types (patterns, bit lengths). */
  readonly validate?: (
    args: readonly ArgumentInfo[],
  ) => ArgumentProblem | undefined;
  /**
   * Renderings by dialect name; a plain `name(args)` call where absent.
   * The default catalogue's become its dialects' function tables
   * (`SqlDialect.functions`).
   */
  readonly render?: { readonly [D in SqlDialectName]?: FunctionRenderer };
}

/** `name: type` with markers for optional, repeated and literal parameters. */
function formatParameter(parameter: FunctionParameter): string {
  const literal = parameter.literal ? ' literal' : '';
  const repeat = parameter.variadic ? ', …' : '';
  return `${parameter.name}: ${parameter.type}${literal}${repeat}`;
}

/** The return type as the docs show it. */
export function formatReturnType(returns: ReturnType): string {
  if (typeof returns === 'string') return returns;
  if ('describe' in returns) return returns.describe;
  return formatSqlType(returns);
}

/**
 * A signature as the docs show it, e.g.
 * `round(x: N[, scale: int literal]) → N`.
 *
 * @public
 */
export function formatSignature(
  name: string,
  signature: FunctionSignature,
): string {
  let text = '';
  signature.parameters.forEach((parameter, index) => {
    const separator = index === 0 ? '' : ', ';
    text += parameter.optional
      ? `[${separator}${formatParameter(parameter)}`
      : `${separator}${formatParameter(parameter)}`;
  });
  const optionalCount = signature.parameters.filter(p => p.optional).length;
  text += ']'.repeat(optionalCount);
  return `${name}(${text}) → ${formatReturnType(signature.returns)}`;
}
