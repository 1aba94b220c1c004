import {
  bindCondition,
  derivedColumn,
  dropClashes,
  passThrough,
} from './columns';
import type { GemInput, GemPropagator, NodeOf, OutputColumn } from './gem';

/**
 * Join: input i arrives on port `in<i>` under its alias and joins the
 * inputs before it. Semi and anti joins only filter: their input is visible
 * to its own condition but adds no columns and is invisible afterwards.
 * Without `columns`, the output is every column of every kept input; a name
 * appearing twice is an error (the SQL could not select both unqualified).
 * Nullability is not tracked, so outer joins do not change types.
 */
export const propagateJoin: GemPropagator<NodeOf<'Join'>> = env => {
  const { inputs, columns } = env.node.config;
  const kept: GemInput[] = [];
  inputs.forEach((config, index) => {
    const port = env.inputs[`in${index}`];
    const input: GemInput = { ...port, alias: config.alias };
    if (index > 0 && config.condition !== undefined) {
      bindCondition(
        env,
        config.condition,
        ['inputs', index, 'condition'],
        [...kept, input],
        'a Join condition',
      );
    }
    if (config.type !== 'semi' && config.type !== 'anti') kept.push(input);
  });

  if (columns) {
    const output = columns.map((column, index) =>
      derivedColumn(
        column.name,
        column.expression,
        env.bind(column.expression, ['columns', index, 'expression'], kept, {
          usedIn: 'a Join output column',
          allowAggregates: false,
          allowWindows: false,
        }),
        kept,
      ),
    );
    return {
      out: dropClashes(env, output, i => ['columns', i, 'name'], ''),
    };
  }
  const all: OutputColumn[] = kept.flatMap(input =>
    passThrough(input).map(column => ({
      ...column,
      formula: `${input.alias}.${column.name}`,
    })),
  );
  return {
    out: dropClashes(
      env,
      all,
      () => [],
      '; list the output columns in "columns" to choose or rename them',
    ),
  };
};
