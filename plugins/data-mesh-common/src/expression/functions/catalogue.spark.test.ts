/**
 * @jest-environment node
 */
import { sparkParseError } from '../__testUtils__/polyglot';
import { analyzeExpression } from '../analyze';
import { renderExpression } from '../render';
import { defaultFunctionCatalogue } from './catalogue';
import { FUNCTION_EXAMPLE_SCOPE } from './exampleScope';

describe('the function catalogue in Spark SQL', () => {
  it.each(defaultFunctionCatalogue.functions.map(f => [f.name, f.example]))(
    '%s: the Spark rendering of the example parses as Spark SQL',
    async (name, example) => {
      const sql = renderExpression(
        analyzeExpression(example, FUNCTION_EXAMPLE_SCOPE),
        'spark',
      );
      expect({ name, sql, error: await sparkParseError(sql) }).toEqual({
        name,
        sql,
        error: undefined,
      });
    },
  );
});
