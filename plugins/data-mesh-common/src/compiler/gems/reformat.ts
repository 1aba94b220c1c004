import { derivedColumn, dropClashes, passThrough, sameName } from './columns';
import type {
  GemEnvironment,
  GemInput,
  GemPropagator,
  NodeOf,
  OutputColumn,
} from './gem';
import { suggest } from './source';

/** Reports a config field naming a column the input does not have. */
export function checkColumnExists(
  env: GemEnvironment,
  input: GemInput,
  name: string,
  field: readonly (string | number)[],
): boolean {
  if (input.columns.some(c => sameName(c.name, name))) return true;
  env.report({
    severity: 'error',
    code: 'unknown-column',
    field,
    message: `the input has no column "${name}"${suggest(
      name,
      input.columns.map(c => c.name),
    )}`,
  });
  return false;
}

/**
 * Reformat: kept input columns (all but `drop` with passThrough, else only
 * the renamed ones) in input order, renamed; then each derived column,
 * replacing a kept column of the same name in place as Spark's withColumn
 * does, else appended.
 */
export const propagateReformat: GemPropagator<NodeOf<'Reformat'>> = env => {
  const input = env.inputs.in;
  const {
    columns,
    passThrough: keepRest,
    drop = [],
    rename = [],
  } = env.node.config;
  drop.forEach((name, i) => checkColumnExists(env, input, name, ['drop', i]));
  rename.forEach((r, i) =>
    checkColumnExists(env, input, r.from, ['rename', i, 'from']),
  );

  const renamed = (name: string) =>
    rename.find(r => sameName(r.from, name))?.to;
  const output: OutputColumn[] = passThrough(input)
    .filter(column =>
      keepRest
        ? !drop.some(d => sameName(d, column.name))
        : renamed(column.name) !== undefined,
    )
    .map(column => ({ ...column, name: renamed(column.name) ?? column.name }));

  columns.forEach((column, index) => {
    const bound = env.bind(
      column.expression,
      ['columns', index, 'expression'],
      [input],
      {
        usedIn: 'a Reformat column',
        allowAggregates: false,
      },
    );
    const derived = derivedColumn(column.name, column.expression, bound, [
      input,
    ]);
    const existing = output.findIndex(c => sameName(c.name, column.name));
    if (existing >= 0) output[existing] = derived;
    else output.push(derived);
  });
  return {
    out: dropClashes(
      env,
      output,
      () => ['rename'],
      '; rename or drop one of them',
    ),
  };
};
