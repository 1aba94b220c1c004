import { Infer, s } from './builder';
import {
  expression,
  fileName,
  formatVersion,
  identifier,
  sqlType,
} from './common';

/**
 * `rules/<name>.rule.yaml`: a business rule, an ordered list of conditions
 * over named inputs; the first that holds gives the value.
 */
export const ruleFileSchema = s.object({
  formatVersion: formatVersion(),
  name: fileName(),
  description: s.optional(s.string()),
  inputs: s.array(s.object({ name: identifier(), type: sqlType() }), {
    minItems: 1,
  }),
  outputType: sqlType(),
  cases: s.array(s.object({ when: expression(), then: s.scalar() }), {
    minItems: 1,
  }),
  default: s.scalar().describe('The value when no case holds (null for none).'),
});

/**
 * The content of a rule file.
 *
 * @public
 */
export type RuleFile = Infer<typeof ruleFileSchema>;
