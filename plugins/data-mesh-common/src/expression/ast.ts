import type { SourceSpan } from './span';
import type { SqlType } from './types';

/**
 * The syntax tree of a Spark SQL expression, as produced by
 * {@link parseExpression}. Nodes are plain immutable objects discriminated by
 * `kind`; every node carries the {@link SourceSpan} of the text it came from.
 *
 * The tree records meaning, not spelling: `==` and `=` are both `'='`, `<>`
 * and `!=` are both `'!='`, `REGEXP` is `'RLIKE'`, and string literals hold
 * their decoded value. Renderers re-create valid SQL for each dialect from it.
 *
 * @public
 */
export type Expression =
  | LiteralExpression
  | ColumnExpression
  | UnaryExpression
  | BinaryExpression
  | IsExpression
  | InExpression
  | BetweenExpression
  | LikeExpression
  | CaseExpression
  | CastExpression
  | FunctionCallExpression
  | SubscriptExpression;

/** A name as written: its value (unquoted) and whether it had backticks. @public */
export interface Identifier {
  readonly value: string;
  readonly quoted: boolean;
  readonly span: SourceSpan;
}

/** Units of `INTERVAL n <unit>` literals. @public */
export type IntervalUnit =
  | 'YEAR'
  | 'MONTH'
  | 'DAY'
  | 'HOUR'
  | 'MINUTE'
  | 'SECOND';

/**
 * The value of a literal.
 *
 * Numbers keep their text so that no precision is lost: `integer` is a whole
 * number (`42`, or `42L`, `42Y`, `42S` with suffix `L`, `Y` or `S` for a
 * bigint, tinyint or smallint), `decimal` has a point (`1.50`, or
 * any number with suffix `BD`), `double` has an exponent or suffix `D`.
 * Dates and timestamps are normalised to `YYYY-MM-DD` and
 * `YYYY-MM-DD HH:MM:SS[.ffffff]`.
 *
 * @public
 */
export type LiteralValue =
  | { readonly type: 'null' }
  | { readonly type: 'boolean'; readonly value: boolean }
  | {
      readonly type: 'integer' | 'decimal' | 'double';
      readonly text: string;
      readonly suffix?: 'L' | 'Y' | 'S' | 'D' | 'BD';
    }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'date'; readonly value: string }
  | { readonly type: 'timestamp'; readonly value: string }
  | {
      readonly type: 'interval';
      readonly value: number;
      readonly unit: IntervalUnit;
    };

/** `42`, `'text'`, `DATE '2024-01-01'`, `INTERVAL 3 DAY`, `NULL`, `TRUE`. @public */
export interface LiteralExpression {
  readonly kind: 'literal';
  readonly value: LiteralValue;
  readonly span: SourceSpan;
}

/** `customer_id`, \`order id\`, `in0.customer_id`. @public */
export interface ColumnExpression {
  readonly kind: 'column';
  /** The input alias before the dot, if any. */
  readonly qualifier?: Identifier;
  readonly name: Identifier;
  /**
   * A named parameter marker, `:as_of_date`: the value of a pipeline or
   * subgraph parameter, never a column.
   */
  readonly parameter?: boolean;
  readonly span: SourceSpan;
}

/** `-x`, `+x`, `NOT x`. @public */
export interface UnaryExpression {
  readonly kind: 'unary';
  readonly operator: '-' | '+' | 'NOT';
  readonly operand: Expression;
  readonly span: SourceSpan;
}

/** Operators with two operands. `DIV` is integral division. @public */
export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | 'DIV'
  | '||'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '<=>'
  | 'AND'
  | 'OR';

/** `a + b`, `a = b`, `a AND b`, `a <=> b` (null-safe equality). @public */
export interface BinaryExpression {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly span: SourceSpan;
}

/** `x IS [NOT] NULL`, `x IS [NOT] TRUE`, `x IS [NOT] FALSE`. @public */
export interface IsExpression {
  readonly kind: 'is';
  readonly operand: Expression;
  readonly test: 'NULL' | 'TRUE' | 'FALSE';
  readonly negated: boolean;
  readonly span: SourceSpan;
}

/** `x [NOT] IN (a, b, …)`. @public */
export interface InExpression {
  readonly kind: 'in';
  readonly operand: Expression;
  readonly list: readonly Expression[];
  readonly negated: boolean;
  readonly span: SourceSpan;
}

/** `x [NOT] BETWEEN low AND high`. @public */
export interface BetweenExpression {
  readonly kind: 'between';
  readonly operand: Expression;
  readonly low: Expression;
  readonly high: Expression;
  readonly negated: boolean;
  readonly span: SourceSpan;
}

/**
 * `x [NOT] LIKE p [ESCAPE 'c']`, `ILIKE` (case-insensitive), and `RLIKE` /
 * `REGEXP` (Java regular expression, matching anywhere in the string).
 *
 * @public
 */
export interface LikeExpression {
  readonly kind: 'like';
  readonly operator: 'LIKE' | 'ILIKE' | 'RLIKE';
  readonly operand: Expression;
  readonly pattern: Expression;
  /** The ESCAPE character; Spark's default is a backslash. */
  readonly escape?: string;
  readonly negated: boolean;
  readonly span: SourceSpan;
}

/** One `WHEN … THEN …` of a CASE expression. @public */
export interface CaseBranch {
  readonly when: Expression;
  readonly then: Expression;
  readonly span: SourceSpan;
}

/**
 * `CASE WHEN c THEN r … [ELSE e] END` (searched), or
 * `CASE x WHEN v THEN r … [ELSE e] END` (simple, when `operand` is set).
 *
 * @public
 */
export interface CaseExpression {
  readonly kind: 'case';
  readonly operand?: Expression;
  readonly branches: readonly CaseBranch[];
  readonly otherwise?: Expression;
  readonly span: SourceSpan;
}

/** A type as written in `CAST(x AS type)`. @public */
export interface TypeReference {
  readonly type: SqlType;
  readonly span: SourceSpan;
}

/** `CAST(x AS type)`, `TRY_CAST(x AS type)` (`safe`) and `x::type`. @public */
export interface CastExpression {
  readonly kind: 'cast';
  readonly operand: Expression;
  readonly target: TypeReference;
  /** TRY_CAST: NULL instead of an error when the value does not convert. */
  readonly safe: boolean;
  readonly span: SourceSpan;
}

/** `ORDER BY` item of a window. @public */
export interface SortItem {
  readonly expression: Expression;
  readonly direction?: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST';
  readonly span: SourceSpan;
}

/** One end of a window frame. @public */
export interface FrameBound {
  readonly kind:
    | 'UNBOUNDED PRECEDING'
    | 'PRECEDING'
    | 'CURRENT ROW'
    | 'FOLLOWING'
    | 'UNBOUNDED FOLLOWING';
  /** The `n` of `n PRECEDING` / `n FOLLOWING`. */
  readonly offset?: Expression;
  readonly span: SourceSpan;
}

/** `ROWS|RANGE BETWEEN start AND end`, or `ROWS|RANGE start`. @public */
export interface WindowFrame {
  readonly unit: 'ROWS' | 'RANGE';
  readonly start: FrameBound;
  /** Absent for the one-bound shorthand, which ends at CURRENT ROW. */
  readonly end?: FrameBound;
  readonly span: SourceSpan;
}

/** The parenthesised part of `OVER (…)`. @public */
export interface WindowSpec {
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly SortItem[];
  readonly frame?: WindowFrame;
  readonly span: SourceSpan;
}

/**
 * `fn(a, b)`, `count(*)` (`star`), `count(DISTINCT x)` (`distinct`), and
 * window calls `fn(…) OVER (…)` (`window`). `current_date` and
 * `current_timestamp` written without parentheses are calls too.
 *
 * @public
 */
export interface FunctionCallExpression {
  readonly kind: 'call';
  /** The function name as written (function names are case-insensitive). */
  readonly name: Identifier;
  readonly args: readonly Expression[];
  readonly distinct: boolean;
  readonly star: boolean;
  readonly window?: WindowSpec;
  readonly span: SourceSpan;
}

/** `array[index]` with a 0-based index, as in Spark. @public */
export interface SubscriptExpression {
  readonly kind: 'subscript';
  readonly operand: Expression;
  readonly index: Expression;
  readonly span: SourceSpan;
}

/**
 * The direct sub-expressions of `node`, in source order (window partition,
 * order and frame expressions included).
 *
 * @public
 */
export function childExpressions(node: Expression): Expression[] {
  switch (node.kind) {
    case 'literal':
    case 'column':
      return [];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'is':
      return [node.operand];
    case 'in':
      return [node.operand, ...node.list];
    case 'between':
      return [node.operand, node.low, node.high];
    case 'like':
      return [node.operand, node.pattern];
    case 'case': {
      const children: Expression[] = node.operand ? [node.operand] : [];
      for (const branch of node.branches)
        children.push(branch.when, branch.then);
      if (node.otherwise) children.push(node.otherwise);
      return children;
    }
    case 'cast':
      return [node.operand];
    case 'call':
      return [...node.args, ...windowExpressions(node.window)];
    case 'subscript':
      return [node.operand, node.index];
    default:
      return assertNever(node);
  }
}

function windowExpressions(window: WindowSpec | undefined): Expression[] {
  if (!window) return [];
  const children = [
    ...window.partitionBy,
    ...window.orderBy.map(item => item.expression),
  ];
  for (const bound of [window.frame?.start, window.frame?.end]) {
    if (bound?.offset) children.push(bound.offset);
  }
  return children;
}

/**
 * Calls `visit` for `node` and every node below it, parents before children.
 *
 * @public
 */
export function walkExpression(
  node: Expression,
  visit: (node: Expression) => void,
): void {
  visit(node);
  for (const child of childExpressions(node)) walkExpression(child, visit);
}

/** Compile-time exhaustiveness check for switches over `kind`. */
export function assertNever(value: never): never {
  throw new Error(`unexpected node ${JSON.stringify(value)}`);
}
