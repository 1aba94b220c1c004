import type {
  Completion,
  CompletionContext,
  CompletionResult,
} from '@codemirror/autocomplete';
import {
  defaultFunctionCatalogue,
  FunctionCatalogue,
  formatSignature,
  formatSqlType,
  PortSchema,
} from '@meshwork/data-mesh-common';

/** A name an expression of a gem may use, with its type. */
export interface VocabularyColumn {
  /** As the expression writes it: `amount`, or `o.amount` in a Join. */
  readonly name: string;
  readonly type: string;
}

/**
 * The columns a gem's expressions can read: those arriving on its input
 * ports. A Join's expressions name them through the alias of each input
 * (`in<i>` arrives as `inputs[i].alias`), so they are offered qualified.
 */
export function expressionColumns(
  gemType: string,
  config: unknown,
  inputs: Readonly<Record<string, PortSchema>>,
): VocabularyColumn[] {
  const typed = (column: PortSchema['columns'][number], prefix = '') => ({
    name: `${prefix}${column.name}`,
    type: formatSqlType(column.type),
  });
  if (gemType === 'Join') {
    const aliases = joinAliases(config);
    return Object.entries(inputs).flatMap(([port, schema]) => {
      const alias = aliases[Number(port.replace(/^in/, ''))];
      return alias ? schema.columns.map(c => typed(c, `${alias}.`)) : [];
    });
  }
  const seen = new Set<string>();
  return Object.values(inputs)
    .flatMap(schema => schema.columns.map(c => typed(c)))
    .filter(c => !seen.has(c.name) && Boolean(seen.add(c.name)));
}

function joinAliases(config: unknown): string[] {
  const inputs = (config as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs)) return [];
  return inputs.map(input =>
    typeof input?.alias === 'string' ? input.alias : '',
  );
}

/** Each function of the catalogue once, under its canonical name. */
function functionCompletions(catalogue: FunctionCatalogue): Completion[] {
  return catalogue.functions.map(definition => ({
    label: definition.name,
    type: 'function',
    detail: definition.signatures
      .map(signature => `${definition.name}(${formatSignature('', signature)})`)
      .join(' | '),
    info: definition.description,
    apply: `${definition.name}(`,
    boost: -1,
  }));
}

const builtInFunctions = functionCompletions(defaultFunctionCatalogue);

/**
 * Completion for a Spark SQL expression: the gem's columns first, then the
 * functions of the function catalogue, as the word before the cursor is
 * typed (or on Ctrl+Space).
 */
export function expressionCompletionSource(
  columns: readonly VocabularyColumn[],
  catalogue?: FunctionCatalogue,
): (context: CompletionContext) => CompletionResult | null {
  const functions = catalogue
    ? functionCompletions(catalogue)
    : builtInFunctions;
  const options: Completion[] = [
    ...columns.map(column => ({
      label: column.name,
      type: 'variable',
      detail: column.type,
    })),
    ...functions,
  ];
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_.]*/);
    if (!word && !context.explicit) return null;
    return {
      from: word?.from ?? context.pos,
      options,
      validFor: /^[A-Za-z0-9_.]*$/,
    };
  };
}
