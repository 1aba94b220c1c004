import { s } from '../schema/builder';
import { fileName, tableName } from '../schema/common';
import { defineGem } from './types';

/** Reads a dataset of the project, or any table by name. */
export const sourceGem = defineGem({
  type: 'Source',
  description: 'Reads a dataset of the project or a table.',
  config: s.object({
    dataset: s.optional(
      fileName().describe(
        'A dataset of this project (`datasets/<name>.dataset.yaml`).',
      ),
    ),
    table: s.optional(
      tableName().describe(
        'A table outside the project: `[catalog.][schema.]table`.',
      ),
    ),
  }),
  portsSummary: 'none → `out`',
  inputPorts: () => [],
  outputPorts: () => ['out'],
  checkConfig: config =>
    (config.dataset === undefined) === (config.table === undefined)
      ? [{ path: [], message: 'set exactly one of "dataset" or "table"' }]
      : [],
});
