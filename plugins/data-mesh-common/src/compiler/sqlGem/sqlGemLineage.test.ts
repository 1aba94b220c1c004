/**
 * @jest-environment node
 */
import { columnLineage } from '../lineage';
import { propagateSchemas } from '../propagate';
import { CONTEXT, sqlGemPipeline } from './__testUtils__/sqlGemPipeline';

/**
 * Issue 10 (item 9): lineage through a SQL gem comes from the SQL parser's
 * analysis of the query, column by column, not from every input column.
 */
describe('the lineage of a SQL gem, from the parsed query', () => {
  function lineageOf(sql: string) {
    const propagation = propagateSchemas(sqlGemPipeline(sql), CONTEXT);
    expect(propagation.diagnostics).toEqual([]);
    return columnLineage(propagation, 'q', 'c');
  }

  it('reads only the columns the expression reads', () => {
    expect(lineageOf('SELECT upper(email) AS c FROM customers_in')).toEqual({
      column: 'c',
      formula: 'UPPER(email)',
      inputs: [{ node: 'customers', port: 'out', column: 'email' }],
      sources: [
        { dataset: 'customers', table: 'bronze.customers', column: 'email' },
      ],
    });
  });

  it('reads the column of every branch of a UNION ALL, and no other', () => {
    const lineage = lineageOf(
      'SELECT status AS c FROM orders_in UNION ALL SELECT email FROM customers_in',
    );
    expect(lineage?.opaque).toBeUndefined();
    expect(lineage?.inputs).toEqual([
      { node: 'orders', port: 'out', column: 'status' },
      { node: 'customers', port: 'out', column: 'email' },
    ]);
  });
});
