import {
  BoundExpression,
  ColumnExpression,
  Expression,
  walkExpression,
} from '../../expression';
import type { PathSegment } from '../../project';
import {
  bindCondition,
  derivedColumn,
  dropClashes,
  passThrough,
  sameName,
} from './columns';
import type {
  GemEnvironment,
  GemPropagator,
  NodeOf,
  OutputColumn,
} from './gem';

/** The grouping key a bound expression is when it is a bare column. */
function groupedColumn(bound: BoundExpression): string | undefined {
  return bound.expression.kind === 'column'
    ? bound.columnOf(bound.expression)?.column
    : undefined;
}

/**
 * Reports each column an aggregate expression reads outside any aggregate
 * function that is not a grouping key, at its position in the expression.
 */
function checkGrouped(
  env: GemEnvironment,
  bound: BoundExpression,
  grouped: readonly string[],
  field: readonly PathSegment[],
) {
  const outside = bound.columnsOutsideAggregates.filter(
    c => !grouped.some(g => sameName(g, c.column)),
  );
  for (const column of outside) {
    const node = firstReference(bound, column.column);
    env.report({
      severity: 'error',
      code: 'not-grouped',
      field,
      message: `column \`${column.column}\` is neither in groupBy nor inside an aggregate function; group by it or aggregate it (e.g. first(${column.column}))`,
      ...(node && {
        expression: {
          line: node.span.line,
          column: node.span.column,
          offset: node.span.offset,
          length: node.span.end - node.span.offset,
          code: 'aggregate',
          suggestions: [],
        },
      }),
    });
  }
}

function firstReference(
  bound: BoundExpression,
  column: string,
): ColumnExpression | undefined {
  let found: ColumnExpression | undefined;
  walkExpression(bound.expression, (node: Expression) => {
    if (
      !found &&
      node.kind === 'column' &&
      bound.columnOf(node)?.column === column
    ) {
      found = node;
    }
  });
  return found;
}

/**
 * Aggregate: one row per group. The output is the grouping keys that are
 * bare columns (an expression key groups but has no name to select it by),
 * then the aggregates.
 */
export const propagateAggregate: GemPropagator<NodeOf<'Aggregate'>> = env => {
  const input = env.inputs.in;
  const { groupBy = [], aggregates, having } = env.node.config;
  const keys: OutputColumn[] = [];
  const grouped: string[] = [];
  groupBy.forEach((text, index) => {
    const bound = env.bind(text, ['groupBy', index], [input], {
      usedIn: 'a groupBy key',
      allowAggregates: false,
      allowWindows: false,
    });
    const column = bound && groupedColumn(bound);
    if (column === undefined) return;
    grouped.push(column);
    keys.push(passThrough(input).find(c => c.name === column)!);
  });
  const measures = aggregates.map((aggregate, index) => {
    const field = ['aggregates', index, 'expression'];
    const bound = env.bind(aggregate.expression, field, [input], {
      usedIn: 'an aggregate',
      allowWindows: false,
    });
    if (bound) checkGrouped(env, bound, grouped, field);
    return derivedColumn(aggregate.name, aggregate.expression, bound, [input]);
  });
  if (having !== undefined) {
    const bound = bindCondition(
      env,
      having,
      ['having'],
      [input],
      'a having condition',
      true,
    );
    if (bound) checkGrouped(env, bound, grouped, ['having']);
  }
  return {
    out: dropClashes(
      env,
      [...keys, ...measures],
      i =>
        i < keys.length ? ['groupBy'] : ['aggregates', i - keys.length, 'name'],
      '',
    ),
  };
};
