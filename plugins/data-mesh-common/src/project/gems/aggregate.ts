import { s } from '../schema/builder';
import { derivedColumn, expression } from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Groups rows and computes aggregates. */
export const aggregateGem = defineGem({
  type: 'Aggregate',
  description: 'Groups rows and computes aggregates per group.',
  config: s.object({
    groupBy: s.optional(
      s.array(expression()).describe('Omitted: one row for the whole input.'),
    ),
    aggregates: s.array(derivedColumn(), { minItems: 1 }),
    having: s.optional(expression()),
  }),
  ...SINGLE_INPUT,
});
