/** @jest-environment node */
import { TestDatabases } from '@backstage/backend-test-utils';
import { readOdcs } from '@meshwork/data-mesh-common';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const workspace = helloWorldWorkspaces('data-mesh-odcs-');

describe('GET /projects/:project/datasets/:dataset/odcs', () => {
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const ws = workspace();
    backend = await startDemoBackend({
      knex,
      dataMesh: { engines: { duckdb: { path: ws.warehouse } } },
      catalog: [dataProjectComponent('hello-world', ws.project)],
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const get = (url: string, user: string | null) =>
    request(backend.server)
      .get(url)
      .set('Authorization', authorizationOf(user))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () => done(null, text));
      });

  it('answers a reader with the dataset contract as valid ODCS YAML', async () => {
    const res = await get(
      '/api/data-mesh/projects/hello-world/datasets/CustomerOrder/odcs',
      ROLES.consumer,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    expect(res.headers['content-disposition']).toBe(
      'inline; filename="CustomerOrder.odcs.yaml"',
    );
    const read = readOdcs(res.body as string);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.document).toMatchObject({
      apiVersion: 'v3.1.0',
      id: 'hello-world.CustomerOrder',
      domain: 'sales',
      team: { name: 'sales-analytics' },
    });
    const email = read.document.schema![0].properties!.find(
      p => p.name === 'email',
    );
    expect(email).toMatchObject({ classification: 'pii' });
    expect(email?.transformLogic).toMatch(/email/);
  });

  it('needs a signed-in caller', async () => {
    const res = await get(
      '/api/data-mesh/projects/hello-world/datasets/CustomerOrder/odcs',
      null,
    );
    expect(res.status).toBe(401);
  });

  describe('who may export which contract', () => {
    const odcs = (dataset: string) =>
      `/api/data-mesh/projects/hello-world/datasets/${dataset}/odcs`;
    const sofia = 'user:default/sofia';
    const cases: Array<
      [who: string, user: string | null, dataset: string, status: number]
    > = [
      ['nobody', null, 'TotalSales', 401],
      ['nobody', null, 'bronze_orders', 401],
      ['fiona, a consumer', ROLES.consumer, 'TotalSales', 200],
      ['fiona, a consumer', ROLES.consumer, 'bronze_orders', 403],
      ['sam, an owner', ROLES.owner, 'TotalSales', 200],
      ['sam, an owner', ROLES.owner, 'bronze_orders', 200],
      ['sofia, an owner', sofia, 'TotalSales', 200],
      ['sofia, an owner', sofia, 'bronze_orders', 200],
      ['priya, the platform team', ROLES.platform, 'TotalSales', 200],
      ['priya, the platform team', ROLES.platform, 'bronze_orders', 200],
      ['fiona, a consumer', ROLES.consumer, 'Unknown', 404],
      ['sam, an owner', ROLES.owner, 'Unknown', 404],
      ['priya, the platform team', ROLES.platform, 'Unknown', 404],
    ];
    it('tells a consumer why an internal contract is not hers', async () => {
      const res = await get(odcs('bronze_orders'), ROLES.consumer);
      expect(JSON.parse(res.body).error.message).toBe(
        "The dataset 'bronze_orders' of 'hello-world' is internal: only its owners and the platform team may export its contract",
      );
    });

    it.each(cases)('%s on %s: %s', async (_who, user, dataset, status) => {
      const res = await get(odcs(dataset), user);
      expect(res.status).toBe(status);
    });
  });

  it('names an unknown dataset or project in a 404', async () => {
    const dataset = await get(
      '/api/data-mesh/projects/hello-world/datasets/Nope/odcs',
      ROLES.owner,
    );
    expect(dataset.status).toBe(404);
    expect(JSON.parse(dataset.body).error.message).toBe(
      "No dataset named 'Nope' in the data project 'hello-world'",
    );
    const project = await get(
      '/api/data-mesh/projects/nowhere/datasets/CustomerOrder/odcs',
      ROLES.owner,
    );
    expect(project.status).toBe(404);
  });
});
