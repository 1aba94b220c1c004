import { s } from '../schema/builder';
import { defineGem, SINGLE_INPUT } from './types';

/** Keeps the first rows. */
export const limitGem = defineGem({
  type: 'Limit',
  description: 'Keeps at most count rows.',
  config: s.object({ count: s.integer({ minimum: 0 }) }),
  ...SINGLE_INPUT,
});
