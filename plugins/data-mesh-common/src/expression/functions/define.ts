/**
 * Small helpers that keep the catalogue entries short and readable.
 */
import { numericValueOf, stringValueOf } from '../literals';
import type { SqlType } from '../types';
import type {
  ArgumentInfo,
  FunctionParameter,
  FunctionRenderContext,
  FunctionRenderer,
  FunctionSignature,
  ParameterType,
  RenderedSql,
  ReturnType,
} from './definition';

/** A parameter. */
export function param(
  name: string,
  type: ParameterType,
  options: Omit<FunctionParameter, 'name' | 'type'> = {},
): FunctionParameter {
  return { name, type, ...options };
}

/** An optional parameter. */
export function optional(
  name: string,
  type: ParameterType,
  options: Omit<FunctionParameter, 'name' | 'type' | 'optional'> = {},
): FunctionParameter {
  return { name, type, optional: true, ...options };
}

/** A parameter that must be a literal. */
export function literal(name: string, type: ParameterType): FunctionParameter {
  return { name, type, literal: true };
}

/** A parameter that repeats (at least once). */
export function repeated(name: string, type: ParameterType): FunctionParameter {
  return { name, type, variadic: true };
}

/** A signature. */
export function signature(
  parameters: readonly FunctionParameter[],
  returns: ReturnType,
): FunctionSignature {
  return { parameters, returns };
}

/** Renders the call under another name: `sha1(x)` → `sha256(x)`. */
export function renamed(name: string): FunctionRenderer {
  return context => context.call(name);
}

/**
 * Renders the call as `name(args)`, cast to the call's result type: for
 * DuckDB functions that compute Spark's value at another width (`len` is a
 * BIGINT where Spark's `size` is an int), so that a column keeps Spark's type.
 */
export function atResultType(name: string): FunctionRenderer {
  return context => castSql(context, context.call(name), context.resultType);
}

/** SQL that binds like an operator of the given precedence. */
export function sqlAt(sql: string, precedence: number): RenderedSql {
  return { sql, precedence };
}

/** `CAST(sql AS type)` in the context's dialect. */
export function castSql(
  context: FunctionRenderContext,
  sql: string,
  type: SqlType,
): string {
  return context.dialect.castSql(sql, type);
}

/** A string literal in the context's dialect. */
export function stringSql(
  context: FunctionRenderContext,
  value: string,
): string {
  return context.dialect.stringLiteral(value);
}

/** `CASE WHEN condition THEN a ELSE b END`. */
export function caseWhen(
  condition: string,
  then: string,
  otherwise: string,
): string {
  return `CASE WHEN ${condition} THEN ${then} ELSE ${otherwise} END`;
}

/** The string value of a literal argument. */
export function stringArgument(args: readonly ArgumentInfo[], index: number) {
  return stringValueOf(args[index]?.literal);
}

/** The numeric value of a literal argument. */
export function numberArgument(args: readonly ArgumentInfo[], index: number) {
  return numericValueOf(args[index]?.literal);
}
