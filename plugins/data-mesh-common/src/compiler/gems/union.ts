import {
  commonSupertype,
  formatSqlType,
  quoteIdentifier,
  SqlType,
} from '../../expression';
import { sameName } from './columns';
import type {
  GemEnvironment,
  GemInput,
  GemPropagator,
  NodeOf,
  OutputColumn,
} from './gem';

/** The columns of input `index` lined up with the first input's, or undefined on mismatch. */
function lineUp(
  env: GemEnvironment<NodeOf<'Union'>>,
  first: GemInput,
  other: GemInput,
): (string | undefined)[] | undefined {
  const names = (input: GemInput) => input.columns.map(c => c.name).join(', ');
  const mismatch = (detail: string) => {
    env.report({
      severity: 'error',
      code: 'schema-mismatch',
      field: ['mode'],
      message: `input ${
        other.port
      } does not line up with in0 ${detail}: in0 has (${names(first)}), ${
        other.port
      } has (${names(other)})`,
    });
    return undefined;
  };
  if (env.node.config.mode === 'byPosition') {
    if (other.columns.length !== first.columns.length) {
      return mismatch(
        `by position (${first.columns.length} columns vs ${other.columns.length})`,
      );
    }
    return other.columns.map(c => c.name);
  }
  const matched = first.columns.map(
    c => other.columns.find(o => sameName(o.name, c.name))?.name,
  );
  if (
    matched.includes(undefined) ||
    other.columns.length !== first.columns.length
  ) {
    return mismatch('by name');
  }
  return matched;
}

/**
 * The lineage formula of a union column: the column of each branch, so
 * that lineage shows every branch and not only the first, whose name the
 * column takes (`in0.amount UNION ALL in1.amount_eur`).
 */
function unionFormula(reads: OutputColumn['reads']): string {
  return reads
    .map(read => `${read.port}.${quoteIdentifier(read.column, 'spark')}`)
    .join(' UNION ALL ');
}

/**
 * Union: the first input's column names, each typed with the common
 * supertype of the lined-up columns (by name or by position), as Spark
 * widens them.
 */
export const propagateUnion: GemPropagator<NodeOf<'Union'>> = env => {
  const inputs = Array.from(
    { length: env.node.config.inputs },
    (_, i) => env.inputs[`in${i}`],
  );
  const first = inputs[0];
  const output: OutputColumn[] = first.columns.map(column => ({
    name: column.name,
    type: column.type,
    formula: column.name,
    reads: [{ port: first.port, column: column.name }],
  }));
  for (const other of inputs.slice(1)) {
    const lined = lineUp(env, first, other);
    if (!lined) continue;
    lined.forEach((name, index) => {
      const source = other.columns.find(c => c.name === name)!;
      const current = output[index];
      const widened: SqlType | undefined = commonSupertype(
        current.type,
        source.type,
      );
      if (!widened) {
        env.report({
          severity: 'error',
          code: 'schema-mismatch',
          field: ['mode'],
          message: `column \`${current.name}\` is ${formatSqlType(
            current.type,
          )} in earlier inputs but ${formatSqlType(source.type)} in ${
            other.port
          }; CAST one of them`,
        });
      }
      output[index] = {
        ...current,
        type: widened ?? current.type,
        reads: [...current.reads, { port: other.port, column: source.name }],
      };
    });
  }
  return {
    out: output.map(column =>
      column.reads.length > 1
        ? { ...column, formula: unionFormula(column.reads) }
        : column,
    ),
  };
};
