import { s } from '../schema/builder';
import { columnDeclaration, identifier, text } from '../schema/common';
import { defineGem, GemConfigIssue, numberedPorts } from './types';

/**
 * A Spark SQL query over named inputs. The compiler parses and checks the
 * query (it may read only its inputs; see `analyzeSqlGem`) but does not
 * type it, so the author declares the output schema.
 */
export const sqlGem = defineGem({
  type: 'SQL',
  description:
    'A SELECT statement over named inputs, with a declared output schema.',
  config: s.object({
    inputs: s
      .array(identifier())
      .describe(
        'The names the query uses for its inputs; input i arrives on port in<i>.',
      ),
    sql: text().describe(
      'One query in Spark SQL (SELECT, UNION, INTERSECT or EXCEPT, optionally with WITH) that reads only the names of `inputs`; see "SQL gems".',
    ),
    schema: s.array(columnDeclaration(), { minItems: 1 }),
  }),
  portsSummary: '`in0`, `in1`, … (one per entry of `inputs`) → `out`',
  inputPorts: config => numberedPorts(config.inputs.length),
  outputPorts: () => ['out'],
  checkConfig: config => {
    const issues: GemConfigIssue[] = [];
    const seen = new Set<string>();
    config.inputs.forEach((name, index) => {
      if (seen.has(name))
        issues.push({
          path: ['inputs', index],
          message: `input "${name}" is named twice`,
        });
      seen.add(name);
    });
    return issues;
  },
});
