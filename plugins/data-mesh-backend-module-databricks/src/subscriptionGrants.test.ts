/** @jest-environment node */
import {
  manifestToDataProductEntities,
  ProjectManifest,
} from '@meshwork/data-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
// The plugin's own demo backend (roles, catalog, permissions), to run its
// subscription grants on this module's engine.
// eslint-disable-next-line @backstage/no-forbidden-package-imports, @backstage/no-mixed-plugin-imports
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from '@meshwork/data-mesh-backend/src/service/__testUtils__/demoRoles';
import { dataMeshModuleDatabricks } from './module';
import { HiveServer, startHiveServer } from './__testUtils__/hiveServer';

jest.setTimeout(180_000);

const TOKEN = 'dapi-grants-test-secret';
const HELLO_WORLD = path.resolve(__dirname, '../../../examples/hello-world');
const GRANT =
  'GRANT SELECT ON TABLE `gold`.`total_sales` TO `finance-insights`';
const REVOKE =
  'REVOKE SELECT ON TABLE `gold`.`total_sales` FROM `finance-insights`';

/** Hello World's DataProducts as the catalog's entity provider writes them. */
function helloWorldProducts() {
  const manifest: ProjectManifest = JSON.parse(
    fs.readFileSync(path.join(HELLO_WORLD, 'generated/manifest.json'), 'utf8'),
  );
  return manifestToDataProductEntities(manifest, {
    producedBy: 'component:default/hello-world',
    lifecycle: 'production',
  });
}

// The subscription flow of the portal on a Databricks SQL warehouse: the
// real `@databricks/sql` driver against the Thrift test server, which
// knows only the workspace groups listed in `principals`.
describe('subscription grants on a Databricks SQL warehouse', () => {
  const principals: string[] = [];
  let server: HiveServer;
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;

  const post = (user: string, url: string, body: object = {}) =>
    request(backend.server)
      .post(`/api/data-mesh${url}`)
      .set('Authorization', authorizationOf(user))
      .send(body);

  beforeAll(async () => {
    server = await startHiveServer({ token: TOKEN, principals });
    const connection = await server.duckdb.connect();
    await connection.run(`CREATE SCHEMA gold;
      CREATE TABLE gold.total_sales AS
        SELECT 'EUR' AS currency, 'Books' AS category, 12.5 AS net_revenue`);
    connection.closeSync();
    backend = await startDemoBackend({
      engine: dataMeshModuleDatabricks,
      dataMesh: {
        engines: {
          databricks: {
            host: server.host,
            port: server.port,
            httpPath: server.path,
            token: TOKEN,
          },
        },
        runner: { enabled: false, engine: 'databricks' },
      },
      catalog: [
        dataProjectComponent('hello-world', HELLO_WORLD),
        ...helloWorldProducts(),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await server?.close();
  });

  it('keeps a grant the warehouse refused approved, with its error, until a retry applies it; revoke removes it', async () => {
    const requested = await post(ROLES.consumer, '/subscriptions', {
      product: 'dataproduct:default/total-sales',
      purpose: 'Revenue forecasts for the finance plan',
    });
    expect(requested.status).toBe(201);
    const id = requested.body.id;

    // The workspace has no group finance-insights yet.
    const approved = await post(ROLES.owner, `/subscriptions/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      grantStatus: 'failed',
    });
    expect(approved.body.grantError).toMatch(
      /PRINCIPAL_DOES_NOT_EXIST.*finance-insights/,
    );
    expect(server.statements).toEqual([GRANT]);
    expect(server.privileges()).toEqual([]);

    principals.push('finance-insights');
    const retried = await post(ROLES.owner, `/subscriptions/${id}/retry-grant`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      state: 'approved',
      grantStatus: 'granted',
    });
    expect(retried.body.grantError).toBeUndefined();
    expect(server.statements).toEqual([GRANT, GRANT]);
    expect(server.privileges()).toEqual([
      { table: 'gold.total_sales', principal: 'finance-insights' },
    ]);

    const revoked = await post(ROLES.owner, `/subscriptions/${id}/revoke`, {
      reason: 'The finance plan is done',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      state: 'revoked',
      grantStatus: 'none',
    });
    expect(server.statements).toEqual([GRANT, GRANT, REVOKE]);
    expect(server.privileges()).toEqual([]);
    expect(server.openOperations()).toBe(0);
  });
});
