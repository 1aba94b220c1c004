import {
  formatExpression,
  tryParseExpression,
  walkExpression,
} from '../../expression';
import type { PipelineNode } from '../../project';
import { replaceColumns } from './replaceColumns';

/**
 * The node with every column reference qualified by `before` (the node its
 * single input came from, which is how expressions may name that input)
 * qualified by `after` instead: when inlining a subgraph moves an edge, the
 * expressions reading through it must follow. Expressions that do not use
 * the qualifier keep their text as written.
 */
export function requalify(
  node: PipelineNode,
  before: string,
  after: string,
): PipelineNode {
  if (before.toLowerCase() === after.toLowerCase()) return node;
  const rewrite = (text: string): string => {
    const parsed = tryParseExpression(text);
    if (!parsed.ok) return text;
    const uses = (q: string | undefined) =>
      q !== undefined && q.toLowerCase() === before.toLowerCase();
    let found = false;
    walkExpression(parsed.expression, e => {
      if (e.kind === 'column' && uses(e.qualifier?.value)) found = true;
    });
    if (!found) return text;
    return formatExpression(
      replaceColumns(parsed.expression, column =>
        uses(column.qualifier?.value)
          ? {
              ...column,
              qualifier: { ...column.qualifier!, value: after, quoted: false },
            }
          : column,
      ),
    );
  };
  return mapExpressions(node, rewrite);
}

type Sorted = { readonly expression: string };
const sorted = <T extends Sorted>(
  items: readonly T[],
  f: (t: string) => string,
) => items.map(item => ({ ...item, expression: f(item.expression) }));

/**
 * The node with `f` applied to every expression of its config, Join's
 * conditions and columns included (a SQL gem's query is not an expression).
 */
export function mapAllExpressions(
  node: PipelineNode,
  f: (text: string) => string,
): PipelineNode {
  if (node.type !== 'Join') return mapExpressions(node, f);
  const { inputs, columns } = node.config;
  return {
    ...node,
    config: {
      ...node.config,
      inputs: inputs.map(input =>
        input.condition === undefined
          ? input
          : { ...input, condition: f(input.condition) },
      ),
      ...(columns && { columns: sorted(columns, f) }),
    },
  };
}

/**
 * The node with `f` applied to every expression of its config that is
 * written over its single input (Join and SQL name their inputs themselves).
 */
function mapExpressions(
  node: PipelineNode,
  f: (text: string) => string,
): PipelineNode {
  switch (node.type) {
    case 'Filter':
      return {
        ...node,
        config: { ...node.config, condition: f(node.config.condition) },
      };
    case 'Reformat':
      return {
        ...node,
        config: { ...node.config, columns: sorted(node.config.columns, f) },
      };
    case 'Aggregate': {
      const { groupBy, aggregates, having } = node.config;
      return {
        ...node,
        config: {
          ...node.config,
          ...(groupBy && { groupBy: groupBy.map(f) }),
          aggregates: sorted(aggregates, f),
          ...(having !== undefined && { having: f(having) }),
        },
      };
    }
    case 'Window': {
      const { partitionBy, orderBy, columns } = node.config;
      return {
        ...node,
        config: {
          ...node.config,
          ...(partitionBy && { partitionBy: partitionBy.map(f) }),
          ...(orderBy && { orderBy: sorted(orderBy, f) }),
          columns: sorted(columns, f),
        },
      };
    }
    case 'OrderBy':
      return {
        ...node,
        config: { ...node.config, orderBy: sorted(node.config.orderBy, f) },
      };
    case 'Deduplicate': {
      const { keys, orderBy } = node.config;
      return {
        ...node,
        config: {
          ...node.config,
          keys: keys.map(f),
          ...(orderBy && { orderBy: sorted(orderBy, f) }),
        },
      };
    }
    case 'BusinessRule':
      return {
        ...node,
        config: {
          ...node.config,
          bindings: Object.fromEntries(
            Object.entries(node.config.bindings).map(([k, v]) => [k, f(v)]),
          ),
        },
      };
    default:
      return node;
  }
}
