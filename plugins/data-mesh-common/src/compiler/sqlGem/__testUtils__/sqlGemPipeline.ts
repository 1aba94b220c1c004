import type { PipelineFile } from '../../../project';
import { datasets, edge, node } from '../../__testUtils__/build';
import type { PropagationContext } from '../../types';

/** The names the test SQL gem gives its inputs: customers on in0, orders on in1. */
export const INPUTS = ['customers_in', 'orders_in'];

export const CONTEXT: PropagationContext = { datasets };

/**
 * Customers (bronze.customers, with an `email` column) and orders feeding
 * a SQL gem `q` (node 2) with `sql`, written to table `result`.
 */
export function sqlGemPipeline(
  sql: string,
  schema: ReadonlyArray<{ name: string; type: string }> = [
    { name: 'c', type: 'string' },
  ],
): PipelineFile {
  return {
    formatVersion: 1,
    name: 'sql_gem',
    nodes: [
      node('customers', 'Source', { dataset: 'customers' }),
      node('orders', 'Source', { dataset: 'orders' }),
      node('q', 'SQL', { inputs: INPUTS, sql, schema: [...schema] }),
      node('write', 'Target', { table: 'result', mode: 'overwrite' }),
    ],
    edges: [
      edge('customers', 'q', 'in0'),
      edge('orders', 'q', 'in1'),
      edge('q', 'write'),
    ],
  };
}

/**
 * The 1-based line and column of the `nth` occurrence of `text` in `sql`
 * (plus `skip` characters), in UTF-16 code units as editors count them.
 */
export function positionOf(
  sql: string,
  text: string,
  nth = 0,
  skip = 0,
): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = sql.indexOf(text, index + 1);
    if (index < 0)
      throw new Error(`"${text}" occurs fewer than ${nth + 1} times`);
  }
  const before = sql.slice(0, index + skip);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
