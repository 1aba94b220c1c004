import { s } from '../schema/builder';
import { derivedColumn, identifier } from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Selects, derives, renames and drops columns. */
export const reformatGem = defineGem({
  type: 'Reformat',
  description:
    'Derives, renames and drops columns; optionally passes the others through.',
  config: s.object({
    columns: s.array(derivedColumn()),
    passThrough: s.optional(
      s
        .boolean()
        .describe(
          'Keep the input columns not named in columns/drop (default false).',
        ),
    ),
    drop: s.optional(s.array(identifier())),
    rename: s.optional(
      s.array(s.object({ from: identifier(), to: identifier() })),
    ),
  }),
  ...SINGLE_INPUT,
  checkConfig: config => {
    const seen = new Set<string>();
    const issues = [];
    for (const [index, column] of config.columns.entries()) {
      if (seen.has(column.name)) {
        issues.push({
          path: ['columns', index, 'name'],
          message: `column "${column.name}" is defined twice`,
        });
      }
      seen.add(column.name);
    }
    return issues;
  },
});
