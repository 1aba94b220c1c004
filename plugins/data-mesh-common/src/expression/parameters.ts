/**
 * Parameter markers (`:as_of_date`): a pipeline's or subgraph's declared
 * parameters, read by name in its expressions.
 */
import type { ColumnExpression } from './ast';
import { ExpressionError, quoted } from './errors';
import { didYouMean } from './resolveNames';
import type { BindingScope } from './scope';
import { suggestNames } from './suggest';
import { SqlType, SqlTypes } from './types';

/**
 * The type of the parameter a marker reads: its declared type, or a string
 * when the scope declares none (the text a job passes, as in generated code).
 *
 * @throws ExpressionError when the scope declares parameters but not this one.
 */
export function resolveParameter(
  scope: BindingScope,
  node: ColumnExpression,
): SqlType {
  if (!scope.parameters) return SqlTypes.string;
  const name = node.name.value;
  const wanted = name.toLowerCase();
  const found = scope.parameters.find(p => p.name.toLowerCase() === wanted);
  if (found) return found.type;
  const names = scope.parameters.map(p => p.name);
  const suggestions = suggestNames(name, names).map(n => `:${n}`);
  const declared = names.length
    ? `; declared: ${names.map(n => `:${n}`).join(', ')}`
    : '; declare it under `parameters` of the pipeline or subgraph';
  throw new ExpressionError({
    code: 'unknown-column',
    reason: `unknown parameter ${quoted(`:${name}`)}${
      suggestions.length ? didYouMean(suggestions) : declared
    }`,
    span: node.span,
    suggestions,
  });
}
