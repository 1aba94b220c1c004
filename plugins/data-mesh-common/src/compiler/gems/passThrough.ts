import { passThrough } from './columns';
import type { GemEnvironment, GemPropagator, NodeOf } from './gem';

type SortItemConfig = { expression: string };

/** Binds sort or key expressions, which read the input but add no column. */
function bindKeys(
  env: GemEnvironment,
  items: readonly (string | SortItemConfig)[],
  field: string,
  usedIn: string,
) {
  items.forEach((item, index) => {
    const text = typeof item === 'string' ? item : item.expression;
    const path =
      typeof item === 'string' ? [field, index] : [field, index, 'expression'];
    env.bind(text, path, [env.inputs.in], {
      usedIn,
      allowAggregates: false,
      allowWindows: false,
    });
  });
}

/** OrderBy: sort keys are checked; rows are reordered, columns unchanged. */
export const propagateOrderBy: GemPropagator<NodeOf<'OrderBy'>> = env => {
  bindKeys(env, env.node.config.orderBy, 'orderBy', 'an OrderBy key');
  return { out: passThrough(env.inputs.in) };
};

/** Deduplicate: keys and order are checked; columns unchanged. */
export const propagateDeduplicate: GemPropagator<
  NodeOf<'Deduplicate'>
> = env => {
  bindKeys(env, env.node.config.keys, 'keys', 'a Deduplicate key');
  bindKeys(
    env,
    env.node.config.orderBy ?? [],
    'orderBy',
    'a Deduplicate order',
  );
  return { out: passThrough(env.inputs.in) };
};

/** Limit: columns unchanged. */
export const propagateLimit: GemPropagator<NodeOf<'Limit'>> = env => ({
  out: passThrough(env.inputs.in),
});
