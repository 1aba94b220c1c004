/** @jest-environment node */
import { TestDatabases } from '@backstage/backend-test-utils';
import { LineageGraph } from '@meshwork/data-mesh-common';
import { LocalFolderProjectSource } from '@meshwork/data-mesh-node';
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  financeManifest,
  helloWorldManifest,
} from '@meshwork/data-mesh-common/src/lineage/__testUtils__/lineageManifests';
import express from 'express';
import path from 'node:path';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from '../__testUtils__/demoRoles';
import { helloWorldWorkspaces } from '../__testUtils__/helloWorldWorkspace';
import { lineageApp, userHeader } from '../__testUtils__/lineageApp';
import { CompiledProject } from '../projects/compiledProjects';
import { ProjectRepository } from '../projects/ProjectRepository';

jest.setTimeout(120_000);

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
const LINEAGE = '/api/data-mesh/projects/hello-world/datasets';

describe('the lineage API in the data-mesh backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const workspace = helloWorldWorkspaces('data-mesh-lineage-');
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;

  beforeAll(async () => {
    const ws = workspace();
    backend = await startDemoBackend({
      knex: await databases.init('SQLITE_3'),
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

  it("answers TotalSales' lineage graph, built from the project's compiled manifest", async () => {
    const manifest = helloWorldManifest();
    const totalSales = manifest.datasets.find(d => d.name === 'TotalSales')!;
    const res = await get(`${LINEAGE}/TotalSales/lineage?depth=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dataset: 'dataset:hello-world/TotalSales',
      depth: 1,
      omitted: 0,
    });
    const datasets = res.body.nodes.filter(
      (n: { kind: string }) => n.kind === 'dataset',
    );
    expect(
      datasets.map((n: { name: string; depth: number }) => [n.name, n.depth]),
    ).toEqual([
      ['TotalSales', 0],
      ...[...totalSales.upstream].sort().map(name => [name, -1]),
    ]);
    expect(datasets[0]).toMatchObject({
      entityRef: 'dataproduct:default/total-sales',
      producedBy: 'pipeline:hello-world/ComputeSales',
      columns: totalSales.contract.columns.map(c => c.name),
    });
    expect(res.body.edges).toContainEqual({
      from: 'pipeline:hello-world/ComputeSales',
      to: 'dataset:hello-world/TotalSales',
      kind: 'writes',
    });
  });

  it("answers a column's impact and lineage", async () => {
    const res = await get(`${LINEAGE}/bronze_orders/columns/ORDER_DATE/impact`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      project: 'hello-world',
      dataset: 'bronze_orders',
      column: 'order_date',
      lineage: { steps: [], inputs: [], edges: [] },
      subscribers: [],
      omitted: 0,
    });
    expect(res.body.columns).toContainEqual({
      project: 'hello-world',
      dataset: 'TotalSales',
      column: 'first_order_date',
      formula: 'min(order_date)',
      depth: 1,
    });
    expect(res.body.jobs.map((j: { name: string }) => j.name)).toEqual([
      'DailySummary',
    ]);

    const derived = await get(
      `${LINEAGE}/TotalSales/columns/net_revenue/impact`,
    );
    expect(derived.body.lineage).toMatchObject({
      formula: 'sum(line_amount)',
      inputs: [
        {
          dataset: 'bronze_order_lines',
          column: 'line_amount',
          depth: 1,
        },
      ],
    });
  });

  it('refuses a bad depth with a 400 naming the field', async () => {
    for (const depth of ['0', '11', 'two']) {
      const res = await get(`${LINEAGE}/TotalSales/lineage?depth=${depth}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/depth/);
    }
  });

  it('needs a signed-in caller', async () => {
    expect((await get(`${LINEAGE}/TotalSales/lineage`, null)).status).toBe(401);
    expect(
      (await get(`${LINEAGE}/TotalSales/columns/currency/impact`, null)).status,
    ).toBe(401);
  });

  it('names an unknown project, dataset or column in a 404', async () => {
    const project = await get(
      '/api/data-mesh/projects/nope/datasets/TotalSales/lineage',
    );
    expect(project.status).toBe(404);
    expect(project.body.error.message).toMatch(/nope/);
    const dataset = await get(`${LINEAGE}/Nope/lineage`);
    expect(dataset.status).toBe(404);
    expect(dataset.body.error.message).toBe(
      "No dataset named 'Nope' in the data project 'hello-world'",
    );
    const column = await get(`${LINEAGE}/TotalSales/columns/nope/impact`);
    expect(column.status).toBe(404);
    expect(column.body.error.message).toBe(
      "No column named 'nope' in the dataset 'TotalSales' of the data project 'hello-world'",
    );
  });
});

describe('the lineage API across projects', () => {
  const FIONA = 'user:default/fiona';
  const SAM = 'user:default/sam';
  // finance-insights' project reads Hello World's gold.total_sales; sam's
  // team may read Hello World only.
  const canRead = (user: string, project: string) =>
    user === FIONA || project === 'hello-world';

  const financeSource = {
    location: 'memory:finance',
    files: [
      {
        path: 'meshwork.yaml',
        text: 'name: finance\nowner: group:default/finance-insights\ndomain: finance\n',
      },
    ],
    async read() {
      return { files: this.files, etag: 'finance' };
    },
  };
  const projects: ProjectRepository = new ProjectRepository({
    list: async () => [
      {
        name: 'hello-world',
        source: new LocalFolderProjectSource(HELLO_WORLD),
      },
      { name: 'finance', source: financeSource },
    ],
    find: async (name: string) =>
      (await projects.list()).find(
        (project: { name: string }) => project.name === name,
      ),
  });
  let finance: CompiledProject = {
    name: 'finance',
    namespace: 'default',
    manifest: financeManifest(),
  };
  // Hello World compiled once: the graph's rebuilds follow the stub's
  // versions only, whatever happens to the example's files meanwhile.
  let helloWorld: CompiledProject;
  const compiledProjects = {
    list: async () => [helloWorld, finance],
  };
  let app: express.Express;
  beforeAll(async () => {
    helloWorld = {
      name: 'hello-world',
      namespace: 'default',
      manifest: await projects.manifest('hello-world'),
    };
    app = await lineageApp({ projects, compiledProjects, canRead });
  });

  const get = (url: string, user: string) =>
    request(app).get(url).set('Authorization', userHeader(user));

  it("shows a reader of both projects TotalSales' downstream in finance", async () => {
    const res = await get(`${LINEAGE}/TotalSales/lineage?depth=2`, FIONA);
    expect(res.status).toBe(200);
    expect(res.body.omitted).toBe(0);
    expect(res.body.nodes).toContainEqual(
      expect.objectContaining({
        id: 'dataset:finance/RevenueReport',
        depth: 2,
        entityRef: 'dataproduct:default/revenue-report',
      }),
    );
    expect(res.body.edges).toContainEqual({
      from: 'dataset:hello-world/TotalSales',
      to: 'dataset:finance/sales_totals',
      kind: 'sameTable',
    });
  });

  it('leaves out the nodes of projects the caller may not read, and says how many', async () => {
    const all = await get(`${LINEAGE}/TotalSales/lineage?depth=2`, FIONA);
    const res = await get(`${LINEAGE}/TotalSales/lineage?depth=2`, SAM);
    expect(res.status).toBe(200);
    const financeNodes = all.body.nodes.filter(
      (n: { project: string }) => n.project === 'finance',
    );
    // sales_totals, RevenueReport, the Report pipeline and finance's job.
    expect(financeNodes).toHaveLength(4);
    expect(res.body.omitted).toBe(financeNodes.length);
    expect(
      res.body.nodes.filter(
        (n: { project: string }) => n.project !== 'hello-world',
      ),
    ).toEqual([]);
    expect(
      res.body.edges.filter(
        (e: { from: string; to: string }) =>
          e.from.includes('finance/') || e.to.includes('finance/'),
      ),
    ).toEqual([]);

    const impact = await get(
      `${LINEAGE}/TotalSales/columns/net_revenue/impact`,
      SAM,
    );
    expect(impact.status).toBe(200);
    expect(impact.body).toMatchObject({ columns: [], datasets: [], jobs: [] });
    // sales_totals.net_revenue, RevenueReport.revenue, their two datasets,
    // the Report pipeline and finance's job.
    expect(impact.body.omitted).toBe(6);
  });

  it('refuses the lineage of a project the caller may not read', async () => {
    const res = await get(
      '/api/data-mesh/projects/finance/datasets/RevenueReport/lineage',
      SAM,
    );
    expect(res.status).toBe(403);
  });

  it('follows a finance column back into Hello World, and asks the subscriber lookup', async () => {
    const subscribers = jest.fn(async () => [
      {
        team: 'group:default/finance-insights',
        dataset: 'dataset:finance/RevenueReport',
      },
    ]);
    const withSubscribers = await lineageApp({
      projects,
      compiledProjects,
      canRead,
      subscribers,
    });
    const res = await request(withSubscribers)
      .get(`${LINEAGE}/TotalSales/columns/net_revenue/impact`)
      .set('Authorization', userHeader(FIONA));
    expect(
      res.body.columns.map(
        (c: { dataset: string; column: string }) => `${c.dataset}.${c.column}`,
      ),
    ).toEqual(['sales_totals.net_revenue', 'RevenueReport.revenue']);
    expect(res.body.subscribers).toEqual([
      {
        team: 'group:default/finance-insights',
        dataset: 'dataset:finance/RevenueReport',
      },
    ]);
    const upstream = await get(
      '/api/data-mesh/projects/finance/datasets/RevenueReport/columns/revenue/impact',
      FIONA,
    );
    expect(
      upstream.body.lineage.inputs.map(
        (c: { dataset: string; column: string }) => `${c.dataset}.${c.column}`,
      ),
    ).toEqual([
      'sales_totals.net_revenue',
      'TotalSales.net_revenue',
      'bronze_order_lines.line_amount',
    ]);
  });

  it('rebuilds the graph when a project changes, and only then', async () => {
    const before = await get(`${LINEAGE}/TotalSales/lineage?depth=2`, FIONA);
    const build = jest.spyOn(LineageGraph, 'build');
    const again = await get(`${LINEAGE}/TotalSales/lineage?depth=2`, FIONA);
    expect(again.body).toEqual(before.body);
    expect(build).not.toHaveBeenCalled();
    const original = finance;
    finance = { ...finance, manifest: { ...finance.manifest, datasets: [] } };
    try {
      const after = await get(`${LINEAGE}/TotalSales/lineage?depth=2`, FIONA);
      expect(
        after.body.nodes.filter(
          (n: { project: string }) => n.project === 'finance',
        ),
      ).toEqual([]);
      expect(build).toHaveBeenCalledTimes(1);
    } finally {
      finance = original;
      build.mockRestore();
    }
  });
});
