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
