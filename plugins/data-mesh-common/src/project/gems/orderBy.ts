import { s } from '../schema/builder';
import { sortItem } from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Sorts rows. */
export const orderByGem = defineGem({
  type: 'OrderBy',
  description: 'Sorts the rows.',
  config: s.object({ orderBy: s.array(sortItem(), { minItems: 1 }) }),
  ...SINGLE_INPUT,
});
