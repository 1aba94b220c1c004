import { s } from '../schema/builder';
import { derivedColumn, expression, identifier } from '../schema/common';
import { defineGem, GemConfigIssue, numberedPorts } from './types';

/**
 * The join types of the Join gem.
 *
 * @public
 */
export const JOIN_TYPES = [
  'inner',
  'left',
  'right',
  'full',
  'semi',
  'anti',
] as const;

/**
 * Joins two or more inputs. Input i arrives on port `in<i>`; every input
 * after the first says how it joins the ones before it.
 */
export const joinGem = defineGem({
  type: 'Join',
  description: 'Joins two or more inputs on conditions.',
  config: s.object({
    inputs: s.array(
      s.object({
        alias: identifier(),
        type: s.optional(
          s
            .enum(JOIN_TYPES)
            .describe(
              'How this input joins the ones before it; not on the first input.',
            ),
        ),
        condition: s.optional(
          expression().describe(
            'The join condition, over the aliases; not on the first input.',
          ),
        ),
      }),
      { minItems: 2 },
    ),
    columns: s.optional(
      s
        .array(derivedColumn())
        .describe('Output columns; all columns of all inputs when omitted.'),
    ),
  }),
  portsSummary: '`in0`, `in1`, … (one per entry of `inputs`) → `out`',
  inputPorts: config => numberedPorts(config.inputs.length),
  outputPorts: () => ['out'],
  checkConfig: config => {
    const issues: GemConfigIssue[] = [];
    const aliases = new Set<string>();
    config.inputs.forEach((input, index) => {
      if (aliases.has(input.alias)) {
        issues.push({
          path: ['inputs', index, 'alias'],
          message: `alias "${input.alias}" is used twice`,
        });
      }
      aliases.add(input.alias);
      if (index === 0) {
        if (input.type !== undefined || input.condition !== undefined) {
          issues.push({
            path: ['inputs', 0],
            message:
              'the first input takes no "type" or "condition"; later inputs join onto it',
          });
        }
      } else {
        if (input.type === undefined) {
          issues.push({
            path: ['inputs', index],
            message: 'missing required key "type"',
          });
        }
        if (input.condition === undefined) {
          issues.push({
            path: ['inputs', index],
            message: 'missing required key "condition"',
          });
        }
      }
    });
    return issues;
  },
});
