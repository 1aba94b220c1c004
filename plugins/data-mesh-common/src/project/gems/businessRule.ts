import { s } from '../schema/builder';
import {
  expression,
  fileReference,
  identifier,
  IDENTIFIER,
} from '../schema/common';
import { defineGem, SINGLE_INPUT } from './types';

/** Applies a rule file as a derived column. */
export const businessRuleGem = defineGem({
  type: 'BusinessRule',
  description:
    'Adds a column computed by a business rule (`rules/<name>.rule.yaml`).',
  config: s.object({
    rule: fileReference(),
    outputColumn: identifier(),
    bindings: s
      .record(expression(), IDENTIFIER)
      .describe('For each input of the rule, the expression that supplies it.'),
  }),
  ...SINGLE_INPUT,
});
