import { formatSqlType } from '../../expression';
import type { PipelineEdge, PipelineNode } from '../../project';
import { propagateSchemas } from '../propagate';
import type { PropagationContext, SchemaPropagation } from '../types';

type Config<T extends PipelineNode['type']> = Extract<
  PipelineNode,
  { type: T }
>['config'];

/** A node at the origin: tests do not care where the editor draws it. */
export function node<T extends PipelineNode['type']>(
  id: string,
  type: T,
  config: Config<T>,
): PipelineNode {
  return { id, type, position: { x: 0, y: 0 }, config } as PipelineNode;
}

/** An edge `from.fromPort → to.toPort`, ports defaulting to `out` and `in`. */
export function edge(
  from: string,
  to: string,
  toPort = 'in',
  fromPort = 'out',
): PipelineEdge {
  return {
    from: { node: from, port: fromPort },
    to: { node: to, port: toPort },
  };
}

/** A straight chain of single-input gems: a → b → c. */
export function chain(...nodes: PipelineNode[]) {
  const edges = nodes.slice(1).map((n, i) => edge(nodes[i].id, n.id));
  return { nodes, edges };
}

/** Two bronze datasets used throughout the tests. */
export const datasets: PropagationContext['datasets'] = {
  customers: {
    table: 'bronze.customers',
    columns: [
      { name: 'id', type: 'bigint' },
      { name: 'name', type: 'string' },
      { name: 'email', type: 'string' },
      { name: 'country', type: 'string' },
      { name: 'signup_date', type: 'date' },
    ],
  },
  orders: {
    table: 'bronze.orders',
    columns: [
      { name: 'order_id', type: 'bigint' },
      { name: 'customer_id', type: 'bigint' },
      { name: 'amount', type: 'decimal(10,2)' },
      { name: 'status', type: 'string' },
      { name: 'order_date', type: 'date' },
    ],
  },
};

/** `name: type` of each column of a node's port, for compact assertions. */
export function columnsOf(
  result: SchemaPropagation,
  id: string,
  port = 'out',
): string[] {
  const schema = result.ports.get(id)?.[port] ?? result.inputs.get(id)?.[port];
  return (schema?.columns ?? []).map(
    c => `${c.name}: ${formatSqlType(c.type)}`,
  );
}

/** Propagates a chain that starts with a Source of `orders`. */
export function afterOrders(...nodes: PipelineNode[]): SchemaPropagation {
  return propagateSchemas(
    chain(node('orders', 'Source', { dataset: 'orders' }), ...nodes),
    { datasets },
  );
}

/** The diagnostics' codes and messages, for readable failures. */
export function problems(result: SchemaPropagation): string[] {
  return result.diagnostics.map(d => `${d.code}: ${d.message}`);
}
