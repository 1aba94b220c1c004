/**
 * Name resolution: which input and column a column reference reads, with
 * "did you mean" suggestions when it reads none.
 */
import type { ColumnExpression } from './ast';
import type { ResolvedColumn } from './bind';
import { ExpressionError, quoted, quotedList } from './errors';
import type { BindingScope, ColumnSchema, InputSchema } from './scope';
import type { SourceSpan } from './span';
import { suggestNames } from './suggest';

/**
 * The column `node` reads. Names match without regard to case, as in Spark;
 * an unqualified name must match a column of exactly one input.
 *
 * @throws ExpressionError for unknown inputs and unknown or ambiguous columns.
 */
export function resolveColumn(
  scope: BindingScope,
  node: ColumnExpression,
): ResolvedColumn {
  const name = node.name.value;
  if (node.qualifier) {
    const input = resolveInput(
      scope,
      node.qualifier.value,
      node.qualifier.span,
    );
    const matches = matchingColumns(input, name);
    if (matches.length === 1) return toResolvedColumn(input, matches[0]);
    const alias = quoted(input.alias);
    if (matches.length > 1) {
      const names = quotedList(matches.map(c => c.name));
      return fail(
        'ambiguous-column',
        `column ${quoted(name)} is ambiguous: input ${alias} has ${names}`,
        node.name.span,
      );
    }
    const suggestions = suggestNames(
      name,
      input.columns.map(c => c.name),
    );
    return fail(
      'unknown-column',
      `input ${alias} has no column ${quoted(name)}${didYouMean(suggestions)}`,
      node.name.span,
      suggestions,
    );
  }

  const matches = scope.inputs.flatMap(input =>
    matchingColumns(input, name).map(column => ({ input, column })),
  );
  if (matches.length === 1) {
    return toResolvedColumn(matches[0].input, matches[0].column);
  }
  if (matches.length > 1) {
    const candidates = matches.map(m => `${m.input.alias}.${m.column.name}`);
    return fail(
      'ambiguous-column',
      `column ${quoted(name)} is ambiguous: it could be ${quotedList(
        candidates,
      )}`,
      node.span,
      candidates,
    );
  }
  const input = findInput(scope, name);
  if (input) {
    const example = quoted(`${input.alias}.<column>`);
    return fail(
      'unknown-column',
      `${quoted(name)} is an input, not a column; write ${example}`,
      node.span,
    );
  }
  const suggestions = suggestNames(
    name,
    scope.inputs.flatMap(i => i.columns.map(c => c.name)),
  );
  return fail(
    'unknown-column',
    `unknown column ${quoted(name)}${didYouMean(suggestions)}`,
    node.span,
    suggestions,
  );
}

/** "; did you mean `a` or `b`?", or nothing without suggestions. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length ? `; did you mean ${quotedList(suggestions)}?` : '';
}

function resolveInput(
  scope: BindingScope,
  alias: string,
  span: SourceSpan,
): InputSchema {
  const input = findInput(scope, alias);
  if (input) return input;
  const aliases = scope.inputs.map(i => i.alias);
  const suggestions = suggestNames(alias, aliases);
  const known = aliases.length
    ? ` (inputs: ${aliases.join(', ')})`
    : ' (this expression has no inputs)';
  return fail(
    'unknown-input',
    `unknown input ${quoted(alias)}${known}${didYouMean(suggestions)}`,
    span,
    suggestions,
  );
}

function findInput(
  scope: BindingScope,
  alias: string,
): InputSchema | undefined {
  const wanted = alias.toLowerCase();
  return scope.inputs.find(input => input.alias.toLowerCase() === wanted);
}

function matchingColumns(input: InputSchema, name: string): ColumnSchema[] {
  const wanted = name.toLowerCase();
  return input.columns.filter(column => column.name.toLowerCase() === wanted);
}

function toResolvedColumn(
  input: InputSchema,
  column: ColumnSchema,
): ResolvedColumn {
  return { input: input.alias, column: column.name, type: column.type };
}

function fail(
  code: 'unknown-column' | 'ambiguous-column' | 'unknown-input',
  reason: string,
  span: SourceSpan,
  suggestions?: readonly string[],
): never {
  throw new ExpressionError({ code, reason, span, suggestions });
}
