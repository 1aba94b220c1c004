import { s } from '../schema/builder';
import { derivedColumn, expression, sortItem } from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Adds columns computed by window functions over partitions. */
export const windowGem = defineGem({
  type: 'Window',
  description:
    'Adds columns computed over a window: row_number, rank, lag, lead, running sums.',
  config: s.object({
    partitionBy: s.optional(s.array(expression())),
    orderBy: s.optional(s.array(sortItem())),
    columns: s
      .array(derivedColumn(), { minItems: 1 })
      .describe(
        'Window function expressions, e.g. row_number(), lag(x), sum(x).',
      ),
  }),
  ...SINGLE_INPUT,
});
