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

/**
 * The parameters an expression may read as `:name`: those a pipeline (or,
 * inside a subgraph, the subgraph) declares, from its file's data as
 * parsed so far; declarations not yet complete are left out.
 */
export function expressionParameters(declared: unknown): VocabularyColumn[] {
  if (!Array.isArray(declared)) return [];
  return declared.flatMap(parameter =>
    typeof parameter?.name === 'string' && parameter.name !== ''
      ? [
          {
            name: parameter.name,
            type: typeof parameter.type === 'string' ? parameter.type : '',
          },
        ]
      : [],
  );
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
      .map(signature => formatSignature(definition.name, signature))
      .join(' | '),
    info: definition.description,
    apply: `${definition.name}(`,
    boost: -1,
  }));
}

const builtInFunctions = functionCompletions(defaultFunctionCatalogue);

/**
 * Completion for a Spark SQL expression: the gem's columns first, then the
 * parameters (`:name`), then the functions of the function catalogue (the
 * project's, with its standards library), as the word before the cursor
 * is typed (or on Ctrl+Space). After a `:` only parameters are offered.
 */
export function expressionCompletionSource(
  columns: readonly VocabularyColumn[],
  catalogue?: FunctionCatalogue,
  parameters: readonly VocabularyColumn[] = [],
): (context: CompletionContext) => CompletionResult | null {
  const functions = catalogue
    ? functionCompletions(catalogue)
    : builtInFunctions;
  const parameterOptions: Completion[] = parameters.map(parameter => ({
    label: `:${parameter.name}`,
    type: 'constant',
    detail: parameter.type,
  }));
  const options: Completion[] = [
    ...columns.map(column => ({
      label: column.name,
      type: 'variable',
      detail: column.type,
    })),
    ...parameterOptions,
    ...functions,
  ];
  return (context: CompletionContext): CompletionResult | null => {
    const parameter = context.matchBefore(/:[A-Za-z0-9_]*/);
    // `::` is a cast, not a parameter.
    const before = parameter
      ? context.state.sliceDoc(Math.max(0, parameter.from - 1), parameter.from)
      : '';
    if (parameter && before !== ':') {
      return {
        from: parameter.from,
        options: parameterOptions,
        validFor: /^:[A-Za-z0-9_]*$/,
      };
    }
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_.]*/);
    if (!word && !context.explicit) return null;
    return {
      from: word?.from ?? context.pos,
      options,
      validFor: /^[A-Za-z0-9_.]*$/,
    };
  };
}
