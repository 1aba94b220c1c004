import { castSafety } from '../../expression/castSafety';
import { formatSqlType, SqlType } from '../../expression';
import type { DatasetSchema } from '../types';
import { passThrough, sameName } from './columns';
import type {
  GemEnvironment,
  GemInput,
  GemPropagator,
  NodeOf,
  OutputColumn,
} from './gem';
import { checkColumnExists } from './reformat';
import { declaredType, suggest } from './source';

/**
 * Target: writes its input. Merge keys must be input columns. A Target
 * writing a dataset writes exactly its contract's columns, in contract
 * order, each cast to its contract type: a contract column the input lacks
 * and a type that cannot be cast are errors, a cast that may lose data is
 * a warning, and an input column the contract does not list is left out
 * (an error for a published dataset, a warning for an internal one). The
 * written columns are recorded under the input port `in`.
 */
export const propagateTarget: GemPropagator<NodeOf<'Target'>> = env => {
  const input = env.inputs.in;
  const { dataset, mergeKeys = [] } = env.node.config;
  mergeKeys.forEach((key, i) =>
    checkColumnExists(env, input, key, ['mergeKeys', i]),
  );
  const contract =
    dataset === undefined ? undefined : env.context.datasets[dataset];
  if (dataset !== undefined && !contract) {
    env.report({
      severity: 'error',
      code: 'unknown-dataset',
      field: ['dataset'],
      message: `no dataset "${dataset}" in the project${suggest(
        dataset,
        Object.keys(env.context.datasets),
      )}`,
    });
  }
  if (!contract || dataset === undefined || contract.columns.length === 0) {
    return { in: passThrough(input) };
  }
  return { in: contractColumns(env, input, dataset, contract) };
};

/** The contract's columns the input has, typed as the contract says. */
function contractColumns(
  env: GemEnvironment<NodeOf<'Target'>>,
  input: GemInput,
  dataset: string,
  contract: DatasetSchema,
): OutputColumn[] {
  const missing = contract.columns.filter(
    c => !input.columns.some(i => sameName(i.name, c.name)),
  );
  if (missing.length) {
    env.report({
      severity: 'error',
      code: 'contract-mismatch',
      field: ['dataset'],
      message: `dataset "${dataset}" declares ${names(
        missing,
      )}, which the input does not have`,
    });
  }
  const extra = input.columns.filter(
    i => !contract.columns.some(c => sameName(i.name, c.name)),
  );
  if (extra.length) {
    const published = contract.visibility === 'published';
    env.report({
      severity: published ? 'error' : 'warning',
      code: 'contract-mismatch',
      field: ['dataset'],
      message: `the input has ${names(extra)}, which the contract of ${
        published ? 'published' : 'internal'
      } dataset "${dataset}" does not list${
        published
          ? '; add them to the contract or drop them before the Target'
          : ', so they are not written'
      }`,
    });
  }
  const written: OutputColumn[] = [];
  for (const declared of contract.columns) {
    const from = input.columns.find(i => sameName(i.name, declared.name));
    if (!from) continue;
    const type = declaredType(
      env,
      declared.type,
      ['dataset'],
      `column \`${declared.name}\` of dataset "${dataset}"`,
    );
    checkCast(env, dataset, declared.name, from.type, type);
    written.push({
      name: declared.name,
      type,
      formula: from.name,
      reads: [{ port: input.port, column: from.name }],
    });
  }
  return written;
}

/** Reports a column whose type the contract's cannot hold. */
function checkCast(
  env: GemEnvironment<NodeOf<'Target'>>,
  dataset: string,
  column: string,
  from: SqlType,
  to: SqlType,
): void {
  const safety = castSafety(from, to);
  if (safety === 'same' || safety === 'widening') return;
  const types = `column \`${column}\` is ${formatSqlType(
    from,
  )} but the contract of dataset "${dataset}" says ${formatSqlType(to)}`;
  env.report(
    safety === 'impossible'
      ? {
          severity: 'error',
          code: 'contract-mismatch',
          field: ['dataset'],
          message: `${types}, and a ${formatSqlType(
            from,
          )} cannot be cast to ${formatSqlType(
            to,
          )}; change the contract or convert the column before the Target`,
        }
      : {
          severity: 'warning',
          code: 'contract-mismatch',
          field: ['dataset'],
          message: `${types}; it is cast when written, which may lose data (digits, precision or a part of the value, or fail for values that do not convert)`,
        },
  );
}

function names(columns: ReadonlyArray<{ readonly name: string }>): string {
  return columns.map(c => `\`${c.name}\``).join(', ');
}
