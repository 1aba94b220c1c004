/**
 * How tightly rendered SQL binds, and the small helpers that wrap operands
 * in parentheses only where that is needed. A module of its own (no
 * imports) because both the renderer and the dialect objects use it.
 */
import type { RenderedSql } from './functions/definition';

/**
 * How tightly rendered SQL binds, loosest first. A renderer wraps an operand
 * in parentheses when the operand binds more loosely than its position
 * requires.
 *
 * @public
 */
export const Precedence = {
  or: 1,
  and: 2,
  not: 3,
  predicate: 4,
  comparison: 5,
  additive: 6,
  multiplicative: 7,
  unary: 8,
  postfix: 9,
  primary: 10,
} as const;

/**
 * DuckDB binds `||` more loosely than `+` and `-` (it sits between them and
 * the comparisons, as in PostgreSQL); in Spark all three bind alike.
 */
export const DUCKDB_CONCAT_PRECEDENCE = Precedence.comparison + 0.5;

/** SQL that needs no parentheses anywhere: a name, a literal, a call. */
export function primary(sql: string): RenderedSql {
  return { sql, precedence: Precedence.primary };
}

/** SQL that binds like `IS NULL`, `IN (…)` or `LIKE`. */
export function predicate(sql: string): RenderedSql {
  return { sql, precedence: Precedence.predicate };
}

/** The SQL, in parentheses if it binds more loosely than `precedence`. */
export function parenthesize(
  rendered: RenderedSql,
  precedence: number,
): string {
  return rendered.precedence >= precedence ? rendered.sql : `(${rendered.sql})`;
}
