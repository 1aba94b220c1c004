import type { SourceSpan } from './span';

/**
 * The kind of problem an {@link ExpressionError} reports, so that callers can
 * react to a class of problems (for example offer the suggestion of an
 * `unknown-column` error as a quick fix) without parsing messages.
 *
 * @public
 */
export type ExpressionErrorCode =
  /** The text is not a well-formed expression. */
  | 'syntax'
  /** The expression nests deeper than the parser's limit. */
  | 'too-deep'
  /** A column name matches no column of any input. */
  | 'unknown-column'
  /** An unqualified column name matches columns of several inputs. */
  | 'ambiguous-column'
  /** A qualifier names no input. */
  | 'unknown-input'
  /** A function name is not in the function catalogue. */
  | 'unknown-function'
  /** A function is called with the wrong number of arguments. */
  | 'arity'
  /** An operand or argument has a type the operation does not accept. */
  | 'type'
  /** Aggregate functions are misused (nested, or not allowed here). */
  | 'aggregate'
  /** Window functions or OVER clauses are misused. */
  | 'window'
  /** Valid Spark SQL that has no faithful rendering in every dialect. */
  | 'unsupported';

/**
 * Everything needed to build an {@link ExpressionError}.
 *
 * @public
 */
export interface ExpressionErrorInit {
  readonly code: ExpressionErrorCode;
  /** What is wrong, without the position prefix. */
  readonly reason: string;
  readonly span: SourceSpan;
  /** Names the user may have meant, best first (for "did you mean"). */
  readonly suggestions?: readonly string[];
}

/**
 * The only error the expression language throws: a problem at a position in
 * the expression's text.
 *
 * `message` is `"<line>:<column>: <reason>"`, for example
 * `1:14: expected ')' but found end of expression`. `line` and `column` are
 * 1-based; `offset` and `length` (UTF-16 code units) delimit the offending
 * text, and always lie within the text (`length` is 0 at the end of input).
 *
 * @public
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly code: ExpressionErrorCode;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly length: number;
  readonly suggestions: readonly string[];

  constructor(init: ExpressionErrorInit) {
    const { span } = init;
    super(`${span.line}:${span.column}: ${init.reason}`);
    this.code = init.code;
    this.reason = init.reason;
    this.line = span.line;
    this.column = span.column;
    this.offset = span.offset;
    this.length = span.end - span.offset;
    this.suggestions = init.suggestions ?? [];
  }
}

/**
 * Whether `value` is an {@link ExpressionError}. Unlike `instanceof` this also
 * recognises errors from another copy of this package.
 *
 * @public
 */
export function isExpressionError(value: unknown): value is ExpressionError {
  if (value instanceof ExpressionError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ExpressionError>;
  return (
    candidate.name === 'ExpressionError' &&
    typeof candidate.reason === 'string' &&
    typeof candidate.line === 'number' &&
    typeof candidate.column === 'number' &&
    typeof candidate.offset === 'number' &&
    typeof candidate.length === 'number'
  );
}

/** Formats names for messages the way Spark does: in backticks. */
export function quoted(name: string): string {
  return `\`${name}\``;
}

/** "`a`", "`a` or `b`", "`a`, `b` or `c`". */
export function quotedList(names: readonly string[]): string {
  const all = names.map(quoted);
  if (all.length <= 1) return all.join('');
  return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}
