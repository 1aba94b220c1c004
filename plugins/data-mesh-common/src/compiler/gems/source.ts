import {
  isExpressionError,
  parseSqlType,
  SqlType,
  SqlTypes,
  suggestNames,
} from '../../expression';
import type { DatasetSchema } from '../types';
import type {
  GemEnvironment,
  GemPropagator,
  NodeOf,
  OutputColumn,
} from './gem';

/**
 * The dataset a Source reads, as `[name, schema]`: by name, or the one
 * whose table it names.
 */
export function findSourceDataset(
  datasets: Readonly<Record<string, DatasetSchema>>,
  config: { readonly dataset?: string; readonly table?: string },
): [string, DatasetSchema] | undefined {
  const { dataset, table } = config;
  const all = Object.entries(datasets);
  if (dataset !== undefined) return all.find(([name]) => name === dataset);
  return all.find(([, schema]) => sameTable(schema.table, table ?? ''));
}

function findDataset(
  env: GemEnvironment<NodeOf<'Source'>>,
): [string, DatasetSchema] | undefined {
  return findSourceDataset(env.context.datasets, env.node.config);
}

function sameTable(a: string, b: string): boolean {
  // A table may be written with or without its catalog and schema.
  const tail = (name: string) => name.toLowerCase().split('.');
  const [x, y] = [tail(a), tail(b)];
  const n = Math.min(x.length, y.length);
  return n > 0 && x.slice(-n).join('.') === y.slice(-n).join('.');
}

/** Parses a declared type; reports and returns `unknown` when it does not parse. */
export function declaredType(
  env: GemEnvironment,
  type: string | SqlType,
  field: readonly (string | number)[],
  what: string,
): SqlType {
  if (typeof type !== 'string') return type;
  try {
    return parseSqlType(type);
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    env.report({
      severity: 'error',
      code: 'invalid-type',
      field,
      message: `${what} has an invalid type \`${type}\`: ${error.reason}`,
    });
    return SqlTypes.unknown;
  }
}

/** Source: the columns of the dataset's contract; lineage starts here. */
export const propagateSource: GemPropagator<NodeOf<'Source'>> = (
  env,
): Record<string, OutputColumn[]> => {
  const found = findDataset(env);
  const { dataset, table } = env.node.config;
  if (!found) {
    const known = Object.keys(env.context.datasets);
    env.report({
      severity: 'error',
      code: 'unknown-dataset',
      field: [dataset !== undefined ? 'dataset' : 'table'],
      message:
        dataset !== undefined
          ? `no dataset "${dataset}" in the project${suggest(dataset, known)}`
          : `no dataset of the project describes table "${table}", so its columns are unknown`,
    });
    return {};
  }
  const [name, schema] = found;
  const columns: OutputColumn[] = schema.columns.map(column => ({
    name: column.name,
    type: declaredType(
      env,
      column.type,
      [dataset !== undefined ? 'dataset' : 'table'],
      `column "${column.name}" of dataset "${name}"`,
    ),
    formula: column.name,
    reads: [],
    origin: { dataset: name, table: schema.table, column: column.name },
  }));
  return { out: columns };
};

/** ' (did you mean "x"?)' for the closest known name, or nothing. */
export function suggest(name: string, known: Iterable<string>): string {
  const [best] = suggestNames(name, known, 1);
  return best ? ` (did you mean "${best}"?)` : '';
}
