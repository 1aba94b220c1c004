/**
 * @jest-environment node
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { datasetManifest, PipelineFile } from '@meshwork/data-mesh-common';
import { DuckDbEngine } from '@meshwork/data-mesh-backend-module-duckdb';
import { seedDemoWarehouse } from '@meshwork/data-mesh-node/demo';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseFactsStore } from '../../database';
import { EngineRegistry } from '../EngineRegistry';
import { ProjectRepository } from '../projects/ProjectRepository';
import { MASKED_VALUE, PreviewService } from './PreviewService';
import { readPreviewConfig } from './readPreviewConfig';

// Counts how often the preview builds a project's manifest.
jest.mock('@meshwork/data-mesh-common', () => {
  const actual = jest.requireActual('@meshwork/data-mesh-common');
  return { ...actual, datasetManifest: jest.fn(actual.datasetManifest) };
});

jest.setTimeout(120_000);

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
const OWNER = {
  userEntityRef: 'user:default/sam',
  ownershipEntityRefs: ['user:default/sam', 'group:default/sales-analytics'],
};
const OUTSIDER = {
  userEntityRef: 'user:default/olga',
  ownershipEntityRefs: ['user:default/olga', 'group:default/operations'],
};

/** A pipeline that only reads bronze_orders. */
const READ_ORDERS = {
  formatVersion: 1,
  name: 'ReadOrders',
  nodes: [
    {
      id: 'orders',
      type: 'Source',
      position: { x: 0, y: 0 },
      config: { dataset: 'bronze_orders' },
    },
  ],
  edges: [],
} as unknown as PipelineFile;

const builds = datasetManifest as jest.MockedFunction<typeof datasetManifest>;

describe('PreviewService', () => {
  let warehouseDir: string;
  let engine: DuckDbEngine;
  let knex: Knex;
  let root: string;
  let service: PreviewService;

  beforeAll(async () => {
    warehouseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-service-'));
    const file = path.join(warehouseDir, 'warehouse.duckdb');
    await seedDemoWarehouse({ path: file, scale: 1 });
    engine = await DuckDbEngine.open(file);
    // The same orders under a table name no dataset file uses yet.
    await engine.execute(
      'CREATE TABLE bronze.orders_archive AS SELECT * FROM bronze.orders WHERE order_id = (SELECT min(order_id) FROM bronze.orders)',
    );
  });

  afterAll(async () => {
    await engine?.close();
    fs.rmSync(warehouseDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-service-project-'));
    fs.cpSync(HELLO_WORLD, root, { recursive: true });
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const engines = new EngineRegistry();
    engines.add(engine);
    service = new PreviewService({
      engines,
      projects: ProjectRepository.forFolders({ p: root }),
      facts: await DatabaseFactsStore.create({
        database: { getClient: async () => knex },
      }),
      config: readPreviewConfig(new ConfigReader({})),
      logger: mockServices.logger.mock(),
    });
    builds.mockClear();
  });

  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Rewrites part of the dataset file of bronze_orders. */
  function editOrders(from: string, to: string) {
    const file = path.join(root, 'datasets/bronze_orders.dataset.yaml');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(file, text.replace(from, to));
  }

  const preview = (viewer = OWNER) =>
    service.preview(
      { project: 'p', pipeline: READ_ORDERS, nodeId: 'orders', limit: 10 },
      viewer,
      new AbortController().signal,
    );

  it("previews with the pipeline's parameter defaults, or the request's values", async () => {
    const recent = {
      formatVersion: 1,
      name: 'RecentOrders',
      parameters: [{ name: 'as_of_date', type: 'date', default: '2026-06-30' }],
      nodes: [
        ...READ_ORDERS.nodes,
        {
          id: 'upto',
          type: 'Filter',
          position: { x: 200, y: 0 },
          config: { condition: 'order_date <= :as_of_date' },
        },
        {
          id: 'latest',
          type: 'Aggregate',
          position: { x: 400, y: 0 },
          config: {
            aggregates: [{ name: 'latest', expression: 'max(order_date)' }],
          },
        },
      ],
      edges: [
        {
          from: { node: 'orders', port: 'out' },
          to: { node: 'upto', port: 'in' },
        },
        {
          from: { node: 'upto', port: 'out' },
          to: { node: 'latest', port: 'in' },
        },
      ],
    } as unknown as PipelineFile;
    const latest = async (parameters?: Record<string, string>) => {
      const response = await service.preview(
        {
          project: 'p',
          pipeline: recent,
          nodeId: 'latest',
          ...(parameters && { parameters }),
        },
        OWNER,
        new AbortController().signal,
      );
      return String(response.rows[0][0]);
    };
    const byDefault = await latest();
    const earlier = await latest({ as_of_date: '2026-01-31' });
    expect(byDefault <= '2026-06-30').toBe(true);
    expect(earlier <= '2026-01-31').toBe(true);
    expect(earlier < byDefault).toBe(true);
    await expect(latest({ as_of_date: 'soon' })).rejects.toThrow(
      /"soon" is not a date/,
    );
  });

  it("reads the table the manifest gives the source's dataset", async () => {
    editOrders('table: bronze.orders', 'table: bronze.orders_archive');
    const response = await preview();
    // Only the archive has a single order; bronze.orders has thousands.
    expect(response.rows).toHaveLength(1);
    expect(response.truncated).toBe(false);
  });

  it('masks a column the manifest classifies as personal data for users outside the owning team', async () => {
    const before = await preview(OUTSIDER);
    expect(before.columns.find(c => c.name === 'channel')).toMatchObject({
      pii: false,
      masked: false,
    });

    editOrders(
      '    - name: channel\n      type: string\n',
      '    - name: channel\n      type: string\n      classification: pii\n',
    );
    const outsider = await preview(OUTSIDER);
    const channel = outsider.columns.findIndex(c => c.name === 'channel');
    expect(outsider.columns[channel]).toMatchObject({
      pii: true,
      masked: true,
    });
    expect(outsider.rows[0][channel]).toBe(MASKED_VALUE);

    const owner = await preview(OWNER);
    expect(owner.columns[channel]).toMatchObject({ pii: true, masked: false });
    expect(owner.rows[0][channel]).not.toBe(MASKED_VALUE);
  });

  it('builds the manifest once while the project is unchanged, and again after a dataset file changes', async () => {
    const first = await preview();
    await preview(OUTSIDER);
    await preview();
    expect(builds).toHaveBeenCalledTimes(1);
    expect(first.rows.length).toBeGreaterThan(1);

    editOrders('table: bronze.orders', 'table: bronze.orders_archive');
    const edited = await preview();
    expect(builds).toHaveBeenCalledTimes(2);
    expect(edited.rows).toHaveLength(1);
    await preview();
    expect(builds).toHaveBeenCalledTimes(2);
  });
});
