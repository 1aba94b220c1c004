/** @jest-environment node */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  manifestToDataProductEntities,
  ProjectManifest,
} from '@meshwork/data-mesh-common';
import { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  OTHER_PRODUCER,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';
import { hasEnded } from './__testUtils__/runRequests';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const workspace = helloWorldWorkspaces('data-mesh-sample-');

const SAM = ROLES.owner;
const FIONA = ROLES.consumer;
const PRIYA = ROLES.platform;
const MONA = OTHER_PRODUCER;

const TOTAL_SALES = 'dataproduct:default/total-sales';
const CUSTOMER_ORDER = 'dataproduct:default/customer-order';
const MASKED = '••••';

/**
 * Hello World's DataProducts as the catalog's entity provider writes them,
 * from the project's compiled manifest: the contracts subscriptions check
 * columns against are the project's own.
 */
function helloWorldProducts(project: string) {
  const manifest: ProjectManifest = JSON.parse(
    fs.readFileSync(path.join(project, 'generated/manifest.json'), 'utf8'),
  );
  return manifestToDataProductEntities(manifest, {
    producedBy: 'component:default/hello-world',
    lifecycle: 'production',
  });
}

describe.each(databases.eachSupportedId())('dataset sample API on %p', id => {
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;

  const as = (user: string | null) => authorizationOf(user);
  const sample = (user: string | null, dataset: string) =>
    request(backend.server)
      .get(`/api/data-mesh/projects/hello-world/datasets/${dataset}/sample`)
      .set('Authorization', as(user));
  const subscribe = (user: string, body: object) =>
    request(backend.server)
      .post('/api/data-mesh/subscriptions')
      .set('Authorization', as(user))
      .send(body);
  const decide = (user: string, subscription: string, action: string) =>
    request(backend.server)
      .post(`/api/data-mesh/subscriptions/${subscription}/${action}`)
      .set('Authorization', as(user))
      .send(action === 'approve' ? {} : { reason: 'no longer needed' });

  /** Fiona's request for `product`, approved by sam; the subscription's id. */
  async function approvedFor(product: string, columns?: string[]) {
    const requested = await subscribe(FIONA, {
      product,
      purpose: 'Monthly revenue reconciliation',
      ...(columns && { columns }),
    });
    expect(requested.status).toBe(201);
    expect(requested.body.state).toBe('pending');
    const approved = await decide(SAM, requested.body.id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      grantStatus: 'granted',
    });
    return requested.body.id as string;
  }

  /** Runs DailySummary as sam, which builds the gold tables; throws unless it succeeds. */
  async function runDailySummary() {
    const started = await request(backend.server)
      .post('/api/data-mesh/projects/hello-world/jobs/DailySummary/runs')
      .set('Authorization', as(SAM))
      .send({});
    if (started.status !== 202) {
      throw new Error(`DailySummary did not start: ${started.text}`);
    }
    const deadline = Date.now() + 240_000;
    for (;;) {
      const run = await request(backend.server)
        .get(`/api/data-mesh/runs/${started.body.id}`)
        .set('Authorization', as(SAM));
      if (run.status !== 200) throw new Error(`GET run: ${run.text}`);
      if (hasEnded(run.body)) {
        if (run.body.status !== 'succeeded') {
          throw new Error(`DailySummary ended ${JSON.stringify(run.body)}`);
        }
        return;
      }
      if (Date.now() > deadline) throw new Error('DailySummary did not end');
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  let beforeRun: request.Response;

  beforeAll(async () => {
    knex = await databases.init(id as TestDatabaseId);
    const { project, warehouse } = workspace();
    backend = await startDemoBackend({
      knex,
      dataMesh: {
        engines: { duckdb: { path: warehouse } },
        runner: { enabled: true },
      },
      catalog: [
        dataProjectComponent('hello-world', project),
        ...helloWorldProducts(project),
      ],
    });
    // TotalSales and CustomerOrder are gold tables DailySummary writes:
    // before the run they do not exist.
    beforeRun = await sample(SAM, 'TotalSales');
    await runDailySummary();
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('shows the owning team at most 10 rows of every column, personal data included', async () => {
    const totals = await sample(SAM, 'TotalSales');
    expect(totals.status).toBe(200);
    expect(totals.body.access).toBe('owner');
    expect(totals.body.columns).toEqual([
      { name: 'currency', type: 'string', masked: false },
      { name: 'category', type: 'string', masked: false },
      { name: 'order_count', type: 'bigint', masked: false },
      { name: 'customer_count', type: 'bigint', masked: false },
      { name: 'units_sold', type: 'bigint', masked: false },
      { name: 'net_revenue', type: 'decimal(22,2)', masked: false },
      { name: 'first_order_date', type: 'date', masked: false },
      { name: 'last_order_date', type: 'date', masked: false },
    ]);
    expect(totals.body.rows.length).toBeGreaterThan(0);
    expect(totals.body.rows.length).toBeLessThanOrEqual(10);
    for (const row of totals.body.rows) {
      expect(Object.keys(row)).toEqual(
        totals.body.columns.map((c: { name: string }) => c.name),
      );
      expect(['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY']).toContain(
        row.currency,
      );
    }

    const orders = await sample(SAM, 'CustomerOrder');
    expect(orders.status).toBe(200);
    expect(orders.body.access).toBe('owner');
    expect(orders.body.rows).toHaveLength(10);
    const email = orders.body.columns.find(
      (c: { name: string }) => c.name === 'email',
    );
    expect(email).toEqual({ name: 'email', type: 'string', masked: false });
    const emails = orders.body.rows.map((row: any) => row.email);
    expect(emails.some((e: unknown) => typeof e === 'string')).toBe(true);
    for (const value of emails.filter((e: unknown) => e !== null)) {
      expect(value).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses anyone without an approved subscription, saying where to ask', async () => {
    for (const user of [FIONA, PRIYA, MONA]) {
      const res = await sample(user, 'TotalSales');
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toMatch(
        /Request access on the data product page\.$/,
      );
    }
  });

  it('shows a subscriber rows while the grant lasts, and none once revoked', async () => {
    // A pending request is not access yet.
    const pending = await subscribe(FIONA, {
      product: TOTAL_SALES,
      purpose: 'Monthly revenue reconciliation',
    });
    expect(pending.status).toBe(201);
    expect((await sample(FIONA, 'TotalSales')).status).toBe(403);
    const approved = await decide(SAM, pending.body.id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.grantStatus).toBe('granted');

    const granted = await sample(FIONA, 'TotalSales');
    expect(granted.status).toBe(200);
    expect(granted.body.access).toBe('subscriber');
    const owners = await sample(SAM, 'TotalSales');
    expect(granted.body.columns).toEqual(owners.body.columns);
    expect(granted.body.rows).toHaveLength(owners.body.rows.length);
    // Her team's grant is hers, not her colleagues' in other teams.
    expect((await sample(MONA, 'TotalSales')).status).toBe(403);

    const revoked = await decide(SAM, pending.body.id, 'revoke');
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const after = await sample(FIONA, 'TotalSales');
    expect(after.status).toBe(403);
    expect(after.body.error.message).toMatch(
      /Request access on the data product page\.$/,
    );
  });

  it('shows a subscriber only the granted columns, personal data only where granted', async () => {
    // Without the personal columns: they are neither shown nor masked, absent.
    const withoutPii = await approvedFor(CUSTOMER_ORDER, [
      'order_id',
      'channel',
      'country_code',
    ]);
    const narrow = await sample(FIONA, 'CustomerOrder');
    expect(narrow.status).toBe(200);
    expect(narrow.body.access).toBe('subscriber');
    expect(narrow.body.columns).toEqual([
      { name: 'order_id', type: 'bigint', masked: false },
      { name: 'channel', type: 'string', masked: false },
      { name: 'country_code', type: 'string', masked: false },
    ]);
    expect(narrow.body.rows).toHaveLength(10);
    for (const row of narrow.body.rows) {
      expect(Object.keys(row)).toEqual(['order_id', 'channel', 'country_code']);
      expect(['web', 'store', 'partner']).toContain(row.channel);
    }
    // Rows are not ordered (a sample reads the first the warehouse
    // returns), so they are checked for what they hold, not compared.
    for (const row of narrow.body.rows) {
      expect(row.order_id).toMatch(/^\d+$/);
      expect(row.country_code).toMatch(/^[A-Z]{2}$/);
    }
    expect(JSON.stringify(narrow.body)).not.toContain(MASKED);
    expect((await decide(SAM, withoutPii, 'revoke')).status).toBe(200);

    // A grant that covers the email shows it as the owners see it.
    const withEmail = await approvedFor(CUSTOMER_ORDER, ['order_id', 'email']);
    const wide = await sample(FIONA, 'CustomerOrder');
    expect(wide.status).toBe(200);
    expect(wide.body.columns).toEqual([
      { name: 'order_id', type: 'bigint', masked: false },
      { name: 'email', type: 'string', masked: false },
    ]);
    expect(wide.body.rows).toHaveLength(10);
    for (const row of wide.body.rows) {
      expect(Object.keys(row)).toEqual(['order_id', 'email']);
    }
    for (const row of wide.body.rows.filter((r: any) => r.email !== null)) {
      expect(row.email).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(wide.body.rows.some((row: any) => row.email !== null)).toBe(true);
    expect((await decide(SAM, withEmail, 'revoke')).status).toBe(200);
    expect((await sample(FIONA, 'CustomerOrder')).status).toBe(403);
  });

  it('answers 404 for a dataset whose table is not built yet', async () => {
    expect(beforeRun.status).toBe(404);
    expect(beforeRun.body.error.message).toMatch(
      /TotalSales has no data yet: its table gold\.total_sales does not exist/,
    );
  });

  it('answers 404 for a dataset the project does not have', async () => {
    const res = await sample(SAM, 'NoSuchDataset');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/NoSuchDataset/);
    const project = await request(backend.server)
      .get('/api/data-mesh/projects/no-such-project/datasets/TotalSales/sample')
      .set('Authorization', as(SAM));
    expect(project.status).toBe(404);
  });

  it('answers 400 naming the path parameter that is malformed', async () => {
    const res = await sample(SAM, 'Total%20Sales');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(
      /request\/params\/dataset must match pattern/,
    );
  });

  it('answers 401 without a token', async () => {
    const res = await sample(null, 'TotalSales');
    expect(res.status).toBe(401);
  });

  describe('recent reads', () => {
    const reads = (
      user: string | null,
      dataset: string,
      project = 'hello-world',
    ) =>
      request(backend.server)
        .get(`/api/data-mesh/projects/${project}/datasets/${dataset}/reads`)
        .set('Authorization', as(user));
    const readsBy = (body: any, reader: string) =>
      body.readers.find((r: any) => r.reader === reader)?.reads ?? 0;

    it('counts each sample read for a user, and no refused one', async () => {
      const before = await reads(SAM, 'TotalSales');
      expect(before.status).toBe(200);

      expect((await sample(SAM, 'TotalSales')).status).toBe(200);
      expect((await sample(MONA, 'TotalSales')).status).toBe(403);
      const after = await reads(SAM, 'TotalSales');

      expect(after.status).toBe(200);
      expect(after.body.windowDays).toBe(30);
      expect(readsBy(after.body, SAM)).toBe(readsBy(before.body, SAM) + 1);
      expect(readsBy(after.body, MONA)).toBe(0);
      expect(after.body.totalReads).toBe(before.body.totalReads + 1);
      expect(after.body.readers[0]).toMatchObject({
        kind: 'user',
        reader: SAM,
        via: 'sample',
      });
      expect(Date.parse(after.body.readers[0].lastReadAt)).toBeGreaterThan(
        Date.parse(after.body.since),
      );
    });

    it('counts the successful runs of the pipelines that read a dataset', async () => {
      const res = await reads(FIONA, 'bronze_orders');
      expect(res.status).toBe(200);
      // DailySummary ran once, and two of its pipelines read the orders.
      expect(
        res.body.readers.map((r: any) => [r.kind, r.reader, r.via, r.reads]),
      ).toEqual(
        expect.arrayContaining([
          ['pipeline', 'ComputeSales', 'job-run', 1],
          ['pipeline', 'Join-customers-redo', 'job-run', 1],
        ]),
      );
      expect(res.body.readers).toHaveLength(2);
      // Nothing reads the gold table but people.
      const totals = await reads(SAM, 'TotalSales');
      expect(totals.body.readers.every((r: any) => r.kind === 'user')).toBe(
        true,
      );
    });

    it('answers 404 for an unknown dataset or project, 400 for a malformed name, 401 without a token', async () => {
      expect((await reads(SAM, 'NoSuchDataset')).status).toBe(404);
      expect((await reads(SAM, 'TotalSales', 'no-such-project')).status).toBe(
        404,
      );
      const malformed = await reads(SAM, 'Total%20Sales');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/request\/params\/dataset/);
      expect((await reads(null, 'TotalSales')).status).toBe(401);
    });
  });
});
