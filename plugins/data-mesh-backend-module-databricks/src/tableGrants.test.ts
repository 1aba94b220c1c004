/** @jest-environment node */
import { QueryError, QuerySyntaxError } from '@meshwork/data-mesh-node';
import { DatabricksSqlEngine } from './DatabricksSqlEngine';
import { HiveServer, startHiveServer } from './__testUtils__/hiveServer';
import {
  grantReadStatements,
  grantViewName,
  revokeReadStatements,
} from './tableGrants';

const TOKEN = 'dapi-test-0123456789abcdef';

describe('grant statements', () => {
  it('grants the whole table to the group, both quoted', () => {
    expect(
      grantReadStatements({
        table: 'gold.total_sales',
        group: 'finance-insights',
      }),
    ).toEqual([
      'GRANT SELECT ON TABLE `gold`.`total_sales` TO `finance-insights`',
    ]);
    expect(
      revokeReadStatements({
        table: 'main.gold.total_sales',
        group: 'finance-insights',
      }),
    ).toEqual([
      'REVOKE SELECT ON TABLE `main`.`gold`.`total_sales` FROM `finance-insights`',
    ]);
  });

  it('grants a column subset through a view of just those columns', () => {
    const grant = {
      table: 'gold.total_sales',
      group: 'finance-insights',
      columns: ['currency', 'net_revenue'],
    };
    expect(grantReadStatements(grant)).toEqual([
      'CREATE OR REPLACE VIEW `gold`.`total_sales__finance_insights_v` AS SELECT `currency`, `net_revenue` FROM `gold`.`total_sales`',
      'GRANT SELECT ON TABLE `gold`.`total_sales__finance_insights_v` TO `finance-insights`',
    ]);
    expect(revokeReadStatements(grant)).toEqual([
      'REVOKE SELECT ON TABLE `gold`.`total_sales__finance_insights_v` FROM `finance-insights`',
      'DROP VIEW IF EXISTS `gold`.`total_sales__finance_insights_v`',
    ]);
  });

  it('escapes backquotes, so a name cannot end the identifier', () => {
    const [create, grant] = grantReadStatements({
      table: 'gold.total_sales',
      group: 'x` TO `everyone',
      columns: ['a`, secret, `b'],
    });
    expect(create).toBe(
      'CREATE OR REPLACE VIEW `gold`.`total_sales__x_x60__x20_to_x20__x60_everyone_v` AS SELECT `a``, secret, ``b` FROM `gold`.`total_sales`',
    );
    expect(grant).toMatch(/ TO `x`` TO ``everyone`$/);
  });

  it('gives groups that differ only in punctuation views of their own', () => {
    const view = (group: string) =>
      grantViewName({ table: 't', group, columns: ['a'] });
    expect(view('finance-insights')).toBe('`t__finance_insights_v`');
    expect(view('finance_insights')).toBe('`t__finance__insights_v`');
    expect(view('Finance.Insights')).toBe('`t__finance_x2e_insights_v`');
  });

  it('refuses names with control characters and empty column lists', () => {
    expect(() =>
      grantReadStatements({ table: 't', group: 'a\nb' }),
    ).toThrow(QuerySyntaxError);
    expect(() =>
      grantReadStatements({ table: 't', group: 'g', columns: ['a;\u0000'] }),
    ).toThrow(/column/);
    expect(() =>
      grantReadStatements({ table: 't', group: 'g', columns: [] }),
    ).toThrow(/at least one column/);
    expect(() => grantReadStatements({ table: 't', group: ' ' })).toThrow(
      /group/,
    );
  });
});

describe('DatabricksSqlEngine grants', () => {
  let server: HiveServer;
  let engine: DatabricksSqlEngine;

  beforeEach(async () => {
    server = await startHiveServer({
      token: TOKEN,
      principals: ['finance-insights'],
    });
    const connection = await server.duckdb.connect();
    await connection.run(`CREATE SCHEMA gold;
      CREATE TABLE gold.total_sales AS
        SELECT 'EUR' AS currency, 'Books' AS category, 12.5 AS net_revenue`);
    connection.closeSync();
    engine = new DatabricksSqlEngine({
      host: server.host,
      port: server.port,
      httpPath: server.path,
      token: TOKEN,
    });
  });

  afterEach(async () => {
    await engine.close();
    await server.close();
  });

  it('grants and revokes SELECT on the table through the driver', async () => {
    const grant = { table: 'gold.total_sales', group: 'finance-insights' };
    await engine.grants.grantRead(grant);
    expect(server.statements).toEqual([
      'GRANT SELECT ON TABLE `gold`.`total_sales` TO `finance-insights`',
    ]);
    expect(server.privileges()).toEqual([
      { table: 'gold.total_sales', principal: 'finance-insights' },
    ]);

    await engine.grants.revokeRead(grant);
    expect(server.statements.slice(1)).toEqual([
      'REVOKE SELECT ON TABLE `gold`.`total_sales` FROM `finance-insights`',
    ]);
    expect(server.privileges()).toEqual([]);
    expect(server.openOperations()).toBe(0);
  });

  it('grants granted columns through a view, and drops it on revoke', async () => {
    const grant = {
      table: 'gold.total_sales',
      group: 'finance-insights',
      columns: ['currency', 'net_revenue'],
    };
    await engine.grants.grantRead(grant);
    expect(server.statements).toEqual([
      'CREATE OR REPLACE VIEW `gold`.`total_sales__finance_insights_v` AS SELECT `currency`, `net_revenue` FROM `gold`.`total_sales`',
      'GRANT SELECT ON TABLE `gold`.`total_sales__finance_insights_v` TO `finance-insights`',
    ]);
    expect(server.privileges()).toEqual([
      {
        table: 'gold.total_sales__finance_insights_v',
        principal: 'finance-insights',
      },
    ]);
    // What the group reads through the view: the granted columns only.
    const view = await engine.run(
      'SELECT * FROM gold.total_sales__finance_insights_v',
      { maxRows: 10 },
    );
    expect(view.columns.map(c => c.name)).toEqual(['currency', 'net_revenue']);

    await engine.grants.revokeRead(grant);
    expect(server.statements.slice(3)).toEqual([
      'REVOKE SELECT ON TABLE `gold`.`total_sales__finance_insights_v` FROM `finance-insights`',
      'DROP VIEW IF EXISTS `gold`.`total_sales__finance_insights_v`',
    ]);
    expect(server.privileges()).toEqual([]);
    await expect(
      engine.describeTable('gold.total_sales__finance_insights_v'),
    ).resolves.toBeUndefined();
  });

  it('fails with the warehouse message when the GRANT fails', async () => {
    const failed = engine.grants.grantRead({
      table: 'gold.total_sales',
      group: 'no-such-group',
    });
    await expect(failed).rejects.toThrow(QueryError);
    await expect(failed).rejects.toThrow(
      /PRINCIPAL_DOES_NOT_EXIST.*no-such-group/,
    );
    expect(server.privileges()).toEqual([]);
  });

  it('stops at the failing statement of a column grant', async () => {
    await expect(
      engine.grants.grantRead({
        table: 'gold.total_sales',
        group: 'finance-insights',
        columns: ['currency', 'no_such_column'],
      }),
    ).rejects.toThrow(/no_such_column/);
    // The view failed to build: no GRANT was sent after it.
    expect(server.statements).toHaveLength(1);
    expect(server.privileges()).toEqual([]);
  });
});
