import { s } from '../schema/builder';
import { expression, sortItem } from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Keeps one row per key. */
export const deduplicateGem = defineGem({
  type: 'Deduplicate',
  description: 'Keeps one row per key: the first or last by an order.',
  config: s.object({
    keys: s.array(expression(), { minItems: 1 }),
    keep: s.enum(['first', 'last'] as const),
    orderBy: s.optional(
      s
        .array(sortItem(), { minItems: 1 })
        .describe(
          'Decides which row is first; without it any row of a key may be kept.',
        ),
    ),
  }),
  ...SINGLE_INPUT,
});
