import type { BoundExpression, ResolvedColumn } from './bind';
import { formatExpression } from './render';

/**
 * The input columns an expression reads, once each, in order of first
 * appearance: the column-level lineage of a value computed by it.
 *
 * @public
 */
export function referencedColumns(
  bound: BoundExpression,
): readonly ResolvedColumn[] {
  return bound.columns;
}

/**
 * Where a computed value comes from: its formula in canonical Spark SQL and
 * the input columns it reads.
 *
 * @public
 */
export interface ExpressionLineage {
  readonly formula: string;
  readonly columns: readonly ResolvedColumn[];
}

/**
 * The lineage of a bound expression, for the lineage graph and for the
 * `lineage formula` of derived columns in data contracts.
 *
 * @public
 */
export function expressionLineage(bound: BoundExpression): ExpressionLineage {
  return {
    formula: formatExpression(bound),
    columns: referencedColumns(bound),
  };
}
