import { analyzeExpression } from '../analyze';
import { formatExpression, renderExpression } from '../render';
import { defaultFunctionCatalogue, FunctionCatalogue } from './catalogue';
import {
  FunctionCategory,
  FunctionDefinition,
  formatSignature,
} from './definition';
import { FUNCTION_EXAMPLE_SCOPE } from './exampleScope';

/** The order the docs list categories in. */
const CATEGORY_ORDER: readonly FunctionCategory[] = [
  'string',
  'datetime',
  'math',
  'conditional',
  'null handling',
  'hashing',
  'array',
  'aggregate',
  'window',
];

/**
 * The function catalogue as a Markdown table: name, signature, category,
 * description, and the catalogue's example rendered to Spark SQL and to
 * DuckDB SQL. docs/expressions.md embeds it, and a test keeps it current.
 *
 * @public
 */
export function functionCatalogueMarkdown(
  catalogue: FunctionCatalogue = defaultFunctionCatalogue,
): string {
  const rows = [...catalogue.functions]
    .map((definition, index) => ({ definition, index }))
    .sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.definition.category) -
          CATEGORY_ORDER.indexOf(b.definition.category) || a.index - b.index,
    )
    .map(({ definition }) => row(definition, catalogue));
  return [
    '| Function | Signature | Category | Description | Spark SQL | DuckDB SQL |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function row(
  definition: FunctionDefinition,
  catalogue: FunctionCatalogue,
): string {
  const names = [definition.name, ...(definition.aliases ?? [])].map(code);
  const signatures = definition.signatures
    .map(signature => code(formatSignature(definition.name, signature)))
    .join('<br>');
  const bound = analyzeExpression(definition.example, FUNCTION_EXAMPLE_SCOPE, {
    functions: catalogue,
  });
  const description = definition.notes
    ? `${definition.description} *${definition.notes}*`
    : definition.description;
  const cells = [
    names.join(', '),
    signatures,
    definition.category,
    description,
    code(formatExpression(bound)),
    code(renderExpression(bound, 'duckdb')),
  ];
  return `| ${cells.map(cell => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** A Markdown code span that survives backticks in its text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const padding = fence.length > 1 ? ' ' : '';
  return `${fence}${padding}${text}${padding}${fence}`;
}
