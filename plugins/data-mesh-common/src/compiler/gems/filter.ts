import { bindCondition, passThrough } from './columns';
import type { GemPropagator, NodeOf } from './gem';

/** Filter: the condition must be boolean; the schema passes through. */
export const propagateFilter: GemPropagator<NodeOf<'Filter'>> = env => {
  const input = env.inputs.in;
  bindCondition(
    env,
    env.node.config.condition,
    ['condition'],
    [input],
    'a Filter condition',
  );
  return { out: passThrough(input) };
};
