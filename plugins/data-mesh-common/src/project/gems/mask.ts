import { s } from '../schema/builder';
import { identifier, text } from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Hides the values of a column. */
export const maskGem = defineGem({
  type: 'Mask',
  description: 'Hashes, redacts, anonymizes or encrypts a column.',
  config: s.object({
    column: identifier(),
    method: s.enum(['hash', 'redact', 'anonymize', 'encrypt'] as const),
    template: s.optional(
      s
        .object({ spark: s.optional(text()), duckdb: s.optional(text()) })
        .describe(
          'Replaces the platform template per dialect; `{{column}}` stands for the column.',
        ),
    ),
  }),
  ...SINGLE_INPUT,
});
