import {
  BoundExpression,
  expressionLineage,
  formatSqlType,
  SqlType,
  SqlTypes,
} from '../../expression';
import type { PathSegment } from '../../project';
import type {
  GemEnvironment,
  GemInput,
  OutputColumn,
  PortColumnRef,
} from './gem';

/** Column names match without regard to case, as in Spark. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The input's columns, each passed through unchanged. */
export function passThrough(input: GemInput): OutputColumn[] {
  return input.columns.map(column => ({
    name: column.name,
    type: column.type,
    formula: column.name,
    reads: [{ port: input.port, column: column.name }],
  }));
}

/** The input ports' columns a bound expression reads, mapped from aliases to ports. */
export function readsOf(
  bound: BoundExpression,
  scope: readonly GemInput[],
): PortColumnRef[] {
  return bound.columns.flatMap(resolved => {
    const input = scope.find(i => i.alias === resolved.input);
    return input ? [{ port: input.port, column: resolved.column }] : [];
  });
}

/** An output column computed by an expression (or of unknown type when it failed). */
export function derivedColumn(
  name: string,
  text: string,
  bound: BoundExpression | undefined,
  scope: readonly GemInput[],
): OutputColumn {
  if (!bound) {
    return { name, type: SqlTypes.unknown, formula: text, reads: [] };
  }
  return {
    name,
    type: bound.type,
    formula: expressionLineage(bound).formula,
    reads: readsOf(bound, scope),
  };
}

/** Whether a type can stand where a boolean is needed. */
export function isBooleanLike(type: SqlType): boolean {
  return ['boolean', 'null', 'unknown'].includes(type.kind);
}

/**
 * Binds a condition (Filter, Join, having) and reports it unless it is
 * boolean: Spark would reject it at run time, the editor should now.
 */
export function bindCondition(
  env: GemEnvironment,
  text: string,
  field: readonly PathSegment[],
  scope: readonly GemInput[],
  usedIn: string,
  allowAggregates = false,
): BoundExpression | undefined {
  const bound = env.bind(text, field, scope, {
    usedIn,
    allowAggregates,
    allowWindows: false,
  });
  if (bound && !isBooleanLike(bound.type)) {
    env.report({
      severity: 'error',
      code: 'not-boolean',
      field,
      message: `${usedIn} must be boolean, but \`${text}\` is ${formatSqlType(
        bound.type,
      )}`,
    });
  }
  return bound;
}

/**
 * Reports every output column whose name (case-insensitively) repeats an
 * earlier one, and keeps the first: generated SQL could not select both.
 */
export function dropClashes(
  env: GemEnvironment,
  columns: readonly OutputColumn[],
  field: (index: number) => readonly PathSegment[],
  hint: string,
): OutputColumn[] {
  const seen = new Map<string, OutputColumn>();
  const kept: OutputColumn[] = [];
  columns.forEach((column, index) => {
    const key = column.name.toLowerCase();
    if (seen.has(key)) {
      env.report({
        severity: 'error',
        code: 'column-clash',
        field: field(index),
        message: `output column \`${column.name}\` appears twice${hint}`,
      });
      return;
    }
    seen.set(key, column);
    kept.push(column);
  });
  return kept;
}
