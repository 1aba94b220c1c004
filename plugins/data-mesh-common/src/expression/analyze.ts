import { BindOptions, bindExpression, BoundExpression } from './bind';
import { parseExpression, ParseOptions } from './parser';
import type { BindingScope } from './scope';

/**
 * Parses and binds expression text in one step: what a gem does with the
 * expressions in its configuration.
 *
 * @throws ExpressionError for syntax, name and type errors.
 * @public
 */
export function analyzeExpression(
  text: string,
  scope: BindingScope,
  options: BindOptions & ParseOptions = {},
): BoundExpression {
  return bindExpression(parseExpression(text, options), scope, options);
}
