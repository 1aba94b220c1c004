import {
  BoundExpression,
  DefaultWindow,
  Expression,
  hasBareWindowCall,
  tryParseExpression,
  withDefaultWindow,
} from '../../expression';
import { derivedColumn, passThrough, sameName } from './columns';
import type { GemPropagator, NodeOf } from './gem';

type WindowNode = NodeOf<'Window'>;

/** The gem's partitionBy and orderBy as an OVER clause, or undefined when a key failed. */
function overClause(
  config: WindowNode['config'],
  partitions: readonly (BoundExpression | undefined)[],
  sorts: readonly (BoundExpression | undefined)[],
): DefaultWindow | undefined {
  if (![...partitions, ...sorts].every(Boolean)) return undefined;
  return {
    partitionBy: partitions.map(p => p!.expression),
    orderBy: (config.orderBy ?? []).map((item, i) => ({
      expression: sorts[i]!.expression,
      direction: item.direction && (item.direction === 'desc' ? 'DESC' : 'ASC'),
      nulls: item.nulls && (item.nulls === 'first' ? 'FIRST' : 'LAST'),
      span: sorts[i]!.expression.span,
    })),
  };
}

/**
 * Window: the input columns plus one column per window expression. Every
 * bare window or aggregate call of a column (`row_number()`,
 * `x - lag(x, 1, 0)`, `datediff(d, lag(d))`) gets the gem's partitionBy
 * and orderBy as its OVER clause, composed on the syntax tree (never as
 * text, so positions in errors stay those of the author's text); a call
 * with its own OVER keeps it.
 */
export const propagateWindow: GemPropagator<WindowNode> = env => {
  const input = env.inputs.in;
  const { config } = env.node;
  const options = { allowAggregates: false, allowWindows: false };
  const partitions = (config.partitionBy ?? []).map((text, i) =>
    env.bind(text, ['partitionBy', i], [input], {
      ...options,
      usedIn: 'a partitionBy key',
    }),
  );
  const sorts = (config.orderBy ?? []).map((item, i) =>
    env.bind(item.expression, ['orderBy', i, 'expression'], [input], {
      ...options,
      usedIn: 'a window orderBy key',
    }),
  );

  const output = passThrough(input);
  config.columns.forEach((column, index) => {
    const field = ['columns', index, 'expression'];
    const parsed = tryParseExpression(column.expression);
    let expression: string | Expression | undefined = column.expression;
    if (parsed.ok) {
      const window = overClause(config, partitions, sorts);
      // Without valid keys there is no OVER clause to check bare calls
      // with; the keys' errors are reported, so the column is left untyped
      // rather than also reported for lacking OVER.
      if (window) expression = withDefaultWindow(parsed.expression, window);
      else if (hasBareWindowCall(parsed.expression)) expression = undefined;
      else expression = parsed.expression;
    }
    const bound =
      expression === undefined
        ? undefined
        : env.bind(expression, field, [input], { usedIn: 'a Window column' });
    const derived = derivedColumn(column.name, column.expression, bound, [
      input,
    ]);
    const existing = output.findIndex(c => sameName(c.name, column.name));
    if (existing >= 0) output[existing] = derived;
    else output.push(derived);
  });
  return { out: output };
};
