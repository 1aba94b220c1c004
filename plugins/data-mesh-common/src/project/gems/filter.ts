import { s } from '../schema/builder';
import { expression } from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Keeps the rows for which a condition is true. */
export const filterGem = defineGem({
  type: 'Filter',
  description: 'Keeps the rows for which the condition is true.',
  config: s.object({ condition: expression() }),
  ...SINGLE_INPUT,
});
