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
  it('creates the schemas, and every dataset table from its contract', () => {
    const statements = targetPreparationStatements(
      pipelineTargets(loaded, 'Join-customers-redo'),
      'duckdb',
    );

    expect(statements.slice(0, 2)).toEqual([
      'CREATE SCHEMA IF NOT EXISTS silver',
      'CREATE SCHEMA IF NOT EXISTS gold',
    ]);
    // The merge target and the overwrite target.
    expect(statements).toHaveLength(4);
    expect(statements[2]).toMatch(
      /^CREATE TABLE IF NOT EXISTS silver\.customer_orders \(\n {2}order_id BIGINT,\n {2}order_date DATE,\n/,
    );
    expect(statements[3]).toMatch(
      /^CREATE TABLE IF NOT EXISTS gold\.customer_order \(\n/,
    );
    // DuckDB replaces an overwritten table, which would drop comments.
    expect(statements.join('\n')).not.toContain('COMMENT');
  });

  it("writes Delta tables with the contract's descriptions as comments in Spark SQL", () => {
    const [schema, table, comment] = targetPreparationStatements(
      [
        {
          table: 'sales.order',
          mode: 'overwrite',
          description: "The shop's orders.",
          columns: [
            {
              name: 'amount',
              type: 'decimal(12,2)',
              description: "It's net; see 'gross'.\nIn EUR.",
            },
            { name: 'note', type: 'string' },
          ],
        },
      ],
      'spark',
    );

    expect(schema).toBe('CREATE SCHEMA IF NOT EXISTS sales');
    expect(table).toBe(
      [
        'CREATE TABLE IF NOT EXISTS sales.`order` (',
        "  amount DECIMAL(12, 2) COMMENT 'It\\'s net; see \\'gross\\'.\\nIn EUR.',",
        '  note STRING',
        ')',
        'USING DELTA',
      ].join('\n'),
    );
    expect(comment).toBe(
      "COMMENT ON TABLE sales.`order` IS 'The shop\\'s orders.'",
    );
  });

  it('leaves tables without a contract to the script, which creates them', () => {
    expect(
      targetPreparationStatements(
        [{ table: 'total_sales', mode: 'overwrite' }],
        'duckdb',
      ),
    ).toEqual([]);
  });
});
