import { s } from '../schema/builder';
import { fileName, identifier, tableName } from '../schema/common';
import { defineGem } from './types';

/** Writes its input to a dataset or table. */
export const targetGem = defineGem({
  type: 'Target',
  description: 'Writes its input to a dataset or table.',
  config: s.object({
    dataset: s.optional(fileName().describe('A dataset of this project.')),
    table: s.optional(
      tableName().describe('A table: `[catalog.][schema.]table`.'),
    ),
    mode: s.enum(['overwrite', 'append', 'merge'] as const),
    mergeKeys: s.optional(
      s
        .array(identifier(), { minItems: 1 })
        .describe('Columns that identify a row; required for mode merge.'),
    ),
  }),
  portsSummary: '`in` → none',
  inputPorts: () => ['in'],
  outputPorts: () => [],
  checkConfig: config => {
    const issues = [];
    if ((config.dataset === undefined) === (config.table === undefined)) {
      issues.push({
        path: [],
        message: 'set exactly one of "dataset" or "table"',
      });
    }
    if (config.mode === 'merge' && !config.mergeKeys) {
      issues.push({ path: [], message: 'mode merge needs "mergeKeys"' });
    }
    if (config.mode !== 'merge' && config.mergeKeys) {
      issues.push({
        path: ['mergeKeys'],
        message: `"mergeKeys" only applies to mode merge, not ${config.mode}`,
      });
    }
    return issues;
  },
});
