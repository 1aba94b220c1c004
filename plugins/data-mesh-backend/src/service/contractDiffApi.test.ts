/** @jest-environment node */
import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import git from 'isomorphic-git';
import { Knex } from 'knex';
import fs from 'node:fs';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';
import { SubscriptionStore } from './subscriptions/SubscriptionStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const workspace = helloWorldWorkspaces('data-mesh-contract-diff-');

const FINANCE = 'group:default/finance-insights';
const MARKETING = 'group:default/marketing-analytics';
const PLATFORM = 'group:default/platform-team';
const TOTAL_SALES_ID = 'dataset:hello-world/TotalSales';
const DIFF = '/api/data-mesh/projects/hello-world/contract-diff';

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

/** An approved (or only requested) subscription to TotalSales. */
async function subscribe(
  store: SubscriptionStore,
  team: string,
  options: { columns?: string[]; approved?: boolean; expiresAt?: Date },
) {
  const at = new Date('2026-12-01T00:00:00Z');
  const { subscription } = await store.request({
    product: 'dataproduct:default/total-sales',
    project: 'hello-world',
    dataset: 'TotalSales',
    requester: 'user:default/fiona',
    team,
    purpose: 'Reporting',
    ...(options.columns && { columns: options.columns }),
    ...(options.expiresAt && { expiresAt: options.expiresAt }),
    contractVersion: 'sha256:test',
    contract: {},
    at,
  });
  if (options.approved !== false) {
    await store.transition(subscription.id, {
      action: 'approve',
      actor: 'user:default/sam',
      at,
    });
  }
}

describe('GET /projects/:project/contract-diff and subscribers in the impact', () => {
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const ws = workspace();
    // The project is a git repository, as under .data/repos; the work
    // tree then drops a column TotalSales promised.
    await git.init({ fs, dir: ws.project, defaultBranch: 'main' });
    await git.add({ fs, dir: ws.project, filepath: '.' });
    await git.commit({
      fs,
      dir: ws.project,
      message: 'Hello World',
      author: { name: 'Sam', email: 'sam@example.com' },
    });
    ws.edit('datasets/TotalSales.dataset.yaml', text =>
      text.replace(
        /\n {4}- name: units_sold\n {6}type: bigint\n {6}description: Units sold\./,
        '',
      ),
    );

    // An internal dataset's change is for its owners' eyes only.
    ws.edit('datasets/bronze_orders.dataset.yaml', text =>
      text.replace(
        'description: Unique order id, increasing with order_ts.',
        'description: Unique order id.',
      ),
    );

    const store = await SubscriptionStore.create({
      database: databaseService(knex),
    });
    await subscribe(store, FINANCE, { columns: ['currency', 'units_sold'] });
    await subscribe(store, MARKETING, {});
    await subscribe(store, PLATFORM, { approved: false });
    // Past its expiry, though the expiry task has not run yet.
    await subscribe(store, 'group:default/expired-team', {
      expiresAt: new Date('2026-12-02T00:00:00Z'),
    });

    backend = await startDemoBackend({
      knex,
      dataMesh: { engines: { duckdb: { path: ws.warehouse } } },
      catalog: [dataProjectComponent('hello-world', ws.project)],
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const get = (url: string, user: string | null = ROLES.consumer) =>
    request(backend.server)
      .get(url)
      .set('Authorization', authorizationOf(user));

  it('lists the dropped column with the teams that use it', async () => {
    const res = await get(`${DIFF}?base=HEAD`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      project: 'hello-world',
      base: 'HEAD',
      changes: [
        {
          kind: 'column-removed',
          dataset: 'TotalSales',
          column: 'units_sold',
          before: 'bigint',
          after: null,
          breaking: true,
          description: 'column TotalSales.units_sold (bigint) removed',
          subscribers: [FINANCE, MARKETING],
        },
      ],
    });
  });

  it("shows an internal dataset's changes to those who may edit the project", async () => {
    const res = await get(`${DIFF}?base=main`, ROLES.owner);
    expect(res.status).toBe(200);
    expect(
      res.body.changes.map(
        (c: { kind: string; dataset: string; breaking: boolean }) =>
          `${c.kind} ${c.dataset} ${c.breaking}`,
      ),
    ).toEqual([
      // In code-unit order of the dataset names, as git sorts paths.
      'column-removed TotalSales true',
      'description-changed bronze_orders false',
    ]);
  });

  it('answers a bad ref with a 400 naming base', async () => {
    const res = await get(`${DIFF}?base=no-such-branch`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "base: no commit 'no-such-branch' in the repository",
    );
    const missing = await get(DIFF);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/base/);
  });

  it('needs a caller, and a project that exists', async () => {
    expect((await get(`${DIFF}?base=HEAD`, null)).status).toBe(401);
    const unknown = await get(
      '/api/data-mesh/projects/no-such-project/contract-diff?base=HEAD',
      ROLES.platform,
    );
    expect(unknown.status).toBe(404);
  });

  it('adds the teams granted the changed column to its impact', async () => {
    const impact = (column: string) =>
      get(
        `/api/data-mesh/projects/hello-world/datasets/TotalSales/columns/${column}/impact`,
      );
    const currency = await impact('currency');
    expect(currency.status).toBe(200);
    expect(currency.body.subscribers).toEqual([
      { team: FINANCE, dataset: TOTAL_SALES_ID },
      { team: MARKETING, dataset: TOTAL_SALES_ID },
    ]);
    // finance-insights was not granted net_revenue.
    const revenue = await impact('net_revenue');
    expect(revenue.body.subscribers).toEqual([
      { team: MARKETING, dataset: TOTAL_SALES_ID },
    ]);
  });
});
