import { passThrough, sameName } from './columns';
import type { GemPropagator, NodeOf } from './gem';
import { checkColumnExists } from './reformat';
import { suggest } from './source';

/**
 * Target: writes its input as it is. Merge keys must be input columns, and
 * when the target dataset is known, every column of its contract must be
 * written. The written columns are recorded under the input port `in`.
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
  const missing = (contract?.columns ?? []).filter(
    c => !input.columns.some(i => sameName(i.name, c.name)),
  );
  if (missing.length) {
    env.report({
      severity: 'error',
      code: 'contract-mismatch',
      field: ['dataset'],
      message: `dataset "${dataset}" declares ${missing
        .map(c => `\`${c.name}\``)
        .join(', ')}, which the input does not have`,
    });
  }
  return { in: passThrough(input) };
};
