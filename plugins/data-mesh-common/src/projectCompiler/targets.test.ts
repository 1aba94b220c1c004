import { loadProject } from './loadProject';
import { pipelineTargets, targetPreparationStatements } from './targets';
import { helloWorldFiles } from './__testUtils__/projects';

const loaded = loadProject(helloWorldFiles());

describe('pipelineTargets', () => {
  it('lists the datasets a pipeline writes in file order, with their mode', () => {
    const targets = pipelineTargets(loaded, 'Join-customers-redo');

    expect(
      targets.map(({ table, dataset, mode }) => ({ table, dataset, mode })),
    ).toEqual([
      {
        table: 'silver.customer_orders',
        dataset: 'silver_customer_orders',
        mode: 'merge',
      },
      {
        table: 'gold.customer_order',
        dataset: 'CustomerOrder',
        mode: 'overwrite',
      },
    ]);
    expect(targets[0].columns?.[0]).toMatchObject({
      name: 'order_id',
      type: 'bigint',
    });
  });

  it('returns nothing for a pipeline the project does not have', () => {
    expect(pipelineTargets(loaded, 'NoSuchPipeline')).toEqual([]);
  });
});

describe('targetPreparationStatements', () => {
  it('creates the schemas, and merge targets from the contract', () => {
    const statements = targetPreparationStatements(
      pipelineTargets(loaded, 'Join-customers-redo'),
      'duckdb',
    );

    expect(statements.slice(0, 2)).toEqual([
      'CREATE SCHEMA IF NOT EXISTS silver',
      'CREATE SCHEMA IF NOT EXISTS gold',
    ]);
    expect(statements).toHaveLength(3);
    expect(statements[2]).toMatch(
      /^CREATE TABLE IF NOT EXISTS silver\.customer_orders \(order_id BIGINT, order_date DATE, /,
    );
  });

  it('writes the column types of the dialect and quotes names that need it', () => {
    const [schema, table] = targetPreparationStatements(
      [
        {
          table: 'sales.order',
          mode: 'append',
          columns: [
            { name: 'amount', type: 'decimal(12,2)' },
            { name: 'note', type: 'string' },
          ],
        },
      ],
      'spark',
    );

    expect(schema).toBe('CREATE SCHEMA IF NOT EXISTS sales');
    expect(table).toBe(
      'CREATE TABLE IF NOT EXISTS sales.`order` (amount DECIMAL(12, 2), note STRING)',
    );
  });

  it('leaves overwrite targets to the script, which replaces them anyway', () => {
    expect(
      targetPreparationStatements(
        [
          {
            table: 'total_sales',
            mode: 'overwrite',
            columns: [{ name: 'n', type: 'bigint' }],
          },
        ],
        'duckdb',
      ),
    ).toEqual([]);
  });
});
