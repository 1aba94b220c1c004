import { s } from '../schema/builder';
import { defineGem, numberedPorts } from './types';

/** Stacks the rows of two or more inputs. */
export const unionGem = defineGem({
  type: 'Union',
  description:
    'Stacks the rows of two or more inputs, matching columns by name or by position.',
  config: s.object({
    mode: s.enum(['byName', 'byPosition'] as const),
    inputs: s
      .integer({ minimum: 2 })
      .describe('Number of inputs, on ports in0, in1, …'),
  }),
  portsSummary: '`in0` … `in<inputs-1>` → `out`',
  inputPorts: config => numberedPorts(config.inputs),
  outputPorts: () => ['out'],
});
