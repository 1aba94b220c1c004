/**
 * @jest-environment node
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { parseProjectFile, PipelineFile } from '@meshwork/data-mesh-common';
import { DuckDbEngine } from '@meshwork/data-mesh-backend-module-duckdb';
import { QueryError, WarehouseEngine } from '@meshwork/data-mesh-node';
import { seedDemoWarehouse } from '@meshwork/data-mesh-node/demo';
import { Router } from 'express';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DatabaseFactsStore, FactsStore } from '../../database';
import { EngineRegistry } from '../EngineRegistry';
import { sanitizeErrors } from '../api/sanitizeErrors';
import { userInfoWithGroups } from '../__testUtils__/demoRoles';
import { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { ProjectRepository } from '../projects/ProjectRepository';
import { createPreviewRouter } from './createPreviewRouter';

jest.setTimeout(120_000);

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
const SAM = 'user:default/sam'; // in group sales-analytics, which owns Hello World
const OLGA = 'user:default/olga'; // in another team
const ADA = 'user:default/ada';
const GROUPS: Record<string, string[]> = {
  [SAM]: ['group:default/sales-analytics'],
  [OLGA]: ['group:default/operations'],
  [ADA]: ['group:default/platform'],
};

function helloWorldPipeline(name: string): PipelineFile {
  const file = `pipelines/${name}.pipeline.yaml`;
  return parseProjectFile(
    'pipeline',
    file,
    fs.readFileSync(path.join(HELLO_WORLD, file), 'utf8'),
  ).value!;
}

/** A pipeline whose preview runs for minutes: orders × orders × orders. */
const SLOW: PipelineFile = {
  formatVersion: 1,
  name: 'Slow',
  nodes: [
    {
      id: 'orders',
      type: 'Source',
      position: { x: 0, y: 0 },
      config: { dataset: 'bronze_orders' },
    },
    {
      id: 'spin',
      type: 'SQL',
      position: { x: 200, y: 0 },
      config: {
        inputs: ['o'],
        // 20 000 orders cubed; a table function such as range() is refused.
        sql: 'SELECT max(a.order_id + b.order_id + c.order_id) AS n FROM o AS a CROSS JOIN o AS b CROSS JOIN o AS c',
        schema: [{ name: 'n', type: 'bigint' }],
      },
    },
  ],
  edges: [
    {
      from: { node: 'orders', port: 'out' },
      to: { node: 'spin', port: 'in0' },
    },
  ],
} as PipelineFile;

/** Records how each query ended, as the server saw it. */
interface QueryEnd {
  at: number;
  error?: QueryError;
}

function observed(engine: WarehouseEngine, ends: QueryEnd[]): WarehouseEngine {
  return {
    id: engine.id,
    dialect: engine.dialect,
    status: () => engine.status(),
    execute: (sql, options) => engine.execute(sql, options),
    writeTarget: (req, options) => engine.writeTarget(req, options),
    describeTable: table => engine.describeTable(table),
    tableFreshness: table => engine.tableFreshness(table),
    run: async (sql, options) => {
      try {
        const result = await engine.run(sql, options);
        ends.push({ at: Date.now() });
        return result;
      } catch (error) {
        ends.push({ at: Date.now(), error: error as QueryError });
        throw error;
      }
    },
  };
}

const userInfo = userInfoWithGroups(GROUPS);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

let warehouseDir: string;
let engine: DuckDbEngine;

beforeAll(async () => {
  warehouseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-router-'));
  const file = path.join(warehouseDir, 'warehouse.duckdb');
  await seedDemoWarehouse({ path: file, scale: 1 });
  engine = await DuckDbEngine.open(file);
});

afterAll(async () => {
  await engine?.close();
  fs.rmSync(warehouseDir, { recursive: true, force: true });
});

describe.each(databases.eachSupportedId())('POST /preview on %p', id => {
  let server: http.Server;
  let facts: FactsStore;
  let ends: QueryEnd[];
  /** Moves the router's clock forward, past how long it reuses lookups. */
  let clockSkew = 0;

  beforeAll(async () => {
    const knex = await databases.init(id as TestDatabaseId);
    ends = [];
    const engines = new EngineRegistry();
    engines.add(observed(engine, ends));
    const projects = ProjectRepository.forFolders({
      'hello-world': HELLO_WORLD,
    });
    const testPlugin = createBackendPlugin({
      pluginId: 'data-mesh',
      register(env) {
        env.registerInit({
          deps: {
            httpRouter: coreServices.httpRouter,
            httpAuth: coreServices.httpAuth,
            permissions: coreServices.permissions,
            userInfo: coreServices.userInfo,
            database: coreServices.database,
            logger: coreServices.logger,
            config: coreServices.rootConfig,
          },
          async init(deps) {
            facts = await DatabaseFactsStore.create({
              database: deps.database,
            });
            const router = Router();
            router.use(
              await createPreviewRouter({
                ...deps,
                authorizer: new DataProjectAuthorizer({ ...deps, projects }),
                engines,
                projects,
                facts,
                now: () => performance.now() + clockSkew,
              }),
            );
            // Errors answered as the plugin's router (router.ts) answers them.
            router.use(sanitizeErrors(deps.logger));
            deps.httpRouter.use(router);
          },
        });
      },
    });
    ({ server } = await startTestBackend({
      features: [
        testPlugin,
        userInfo,
        // Requests without a token are anonymous, not the default test user.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            dataMesh: {
              preview: {
                maxRows: 50,
                timeoutSeconds: 3,
                concurrency: { perUser: 1, total: 2 },
              },
              runner: { dbuPerHour: 6 },
            },
          },
        }),
      ],
    }));
  });

  const post = (body: unknown, user: string | null = SAM) => {
    const req = request(server)
      .post('/api/data-mesh/preview')
      .send(body as object);
    return user
      ? req.set('Authorization', mockCredentials.user.header(user))
      : req;
  };

  /** Starts a preview and leaves it running; `leave()` drops the connection. */
  function startPreview(body: unknown, user: string) {
    const { port } = server.address() as AddressInfo;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/data-mesh/preview',
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(user),
      },
    });
    req.on('error', () => {});
    req.end(JSON.stringify(body));
    return { leave: () => req.destroy() };
  }

  async function until(check: () => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  const computeSales = helloWorldPipeline('ComputeSales');
  const customers = helloWorldPipeline('Join-customers-redo');

  it('rejects a request without credentials with 401', async () => {
    const res = await post(
      { project: 'hello-world', pipeline: computeSales, nodeId: 'orders' },
      null,
    );
    expect(res.status).toBe(401);
  });

  it('names the field of a malformed body', async () => {
    const res = await post({
      project: 'hello-world',
      pipeline: computeSales,
      nodeId: 'orders',
      limit: 'ten',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/limit: /);
    // Not a pipeline problem: Backstage's error body, nothing more.
    expect(Object.keys(res.body).sort()).toEqual([
      'error',
      'request',
      'response',
    ]);
  });

  it('names the field of an invalid pipeline, with the position inside the expression', async () => {
    const nodes = computeSales.nodes.map(n =>
      n.id === 'completed_lines'
        ? { ...n, config: { condition: "order_stat = 'completed'" } }
        : n,
    );
    const index = nodes.findIndex(n => n.id === 'completed_lines');
    const res = await post({
      project: 'hello-world',
      pipeline: { ...computeSales, nodes },
      nodeId: 'completed_lines',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      `pipeline.nodes[${index}].config.condition: `,
    );
    expect(res.body.error.message).toMatch(/order_stat.*\(line 1, column 1\)/);
    expect(res.body.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'invalid-expression',
        message: expect.stringMatching(/^node "completed_lines": .*order_stat/),
        nodeId: 'completed_lines',
        path: ['nodes', index, 'config', 'condition'],
        field: `nodes[${index}].config.condition`,
        expression: { line: 1, column: 1, offset: 0, length: 10 },
      },
    ]);
  });

  it('answers every problem of a pipeline that does not check as data, warnings included', async () => {
    const target = computeSales.nodes.findIndex(n => n.type === 'Target');
    const targetId = computeSales.nodes[target].id;
    const res = await post({
      project: 'hello-world',
      pipeline: {
        ...computeSales,
        edges: computeSales.edges.filter(e => e.to.node !== targetId),
      },
      nodeId: targetId,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    const noEdge = `input port "in" of node "${targetId}" has no edge`;
    expect(res.body.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'unconnected-port',
        message: noEdge,
        path: ['nodes', target, 'id'],
        field: `nodes[${target}].id`,
      },
      {
        severity: 'error',
        code: 'missing-input',
        message: `node "${targetId}": ${noEdge}`,
        nodeId: targetId,
        path: ['nodes', target, 'id'],
        field: `nodes[${target}].id`,
      },
    ]);
  });

  it('points at a misspelt key, not its value', async () => {
    const res = await post({
      project: 'hello-world',
      pipeline: { ...computeSales, 'cost-center': 'sales' },
      nodeId: 'orders',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Invalid pipeline: pipeline\["cost-center"\]: unknown key "cost-center"/,
    );
    expect(res.body.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'unknown-key',
        path: ['cost-center'],
        field: '["cost-center"]',
        target: 'key',
      }),
    ]);
  });

  it('refuses a SQL gem that reads a host file or a table it was not given, at its position', async () => {
    const withSql = (sql: string) => ({
      ...SLOW,
      nodes: SLOW.nodes.map(n =>
        n.id === 'spin' ? { ...n, config: { ...n.config, sql } } : n,
      ),
    });
    for (const [sql, column] of [
      ["SELECT content AS n FROM read_text('/etc/hostname')", 26],
      ['SELECT email AS n FROM bronze.customers', 24],
    ] as const) {
      const res = await post({
        project: 'hello-world',
        pipeline: withSql(sql),
        nodeId: 'spin',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'pipeline.nodes[1].config.sql: ',
      );
      expect(res.body.error.message).toContain(
        `SQL gem may read only its inputs (o)`,
      );
      expect(res.body.error.message).toContain(`(line 1, column ${column})`);
    }
  });

  it('reports a node the pipeline does not have at nodeId, and an unknown project with 404', async () => {
    const res = await post({
      project: 'hello-world',
      pipeline: computeSales,
      nodeId: 'nowhere',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /nodeId: pipeline "ComputeSales" has no node "nowhere"/,
    );

    const missing = await post({
      project: 'elsewhere',
      pipeline: computeSales,
      nodeId: 'orders',
    });
    expect(missing.status).toBe(404);
  });

  it('returns the schema, the first rows and the timing of a node, unsaved edits included', async () => {
    const nodes = computeSales.nodes.map(n =>
      n.id === 'completed_lines'
        ? { ...n, config: { condition: "order_status = 'cancelled'" } }
        : n,
    );
    const res = await post({
      project: 'hello-world',
      pipeline: { ...computeSales, nodes },
      nodeId: 'completed_lines',
      limit: 10,
    });
    expect(res.status).toBe(200);
    expect(res.body.node).toBe('completed_lines');
    expect(res.body.engine).toBe('duckdb');
    expect(res.body.truncated).toBe(true);
    expect(res.body.rows).toHaveLength(10);
    const names = res.body.columns.map((c: { name: string }) => c.name);
    expect(names.slice(0, 3)).toEqual([
      'order_line_id',
      'order_id',
      'customer_id',
    ]);
    expect(res.body.columns[0]).toEqual({
      name: 'order_line_id',
      type: 'bigint',
      pii: false,
      masked: false,
    });
    const status = names.indexOf('order_status');
    expect(new Set(res.body.rows.map((r: unknown[]) => r[status]))).toEqual(
      new Set(['cancelled']),
    );
    const { compileMs, queryMs, totalMs } = res.body.timing;
    expect(compileMs).toBeGreaterThanOrEqual(0);
    expect(queryMs).toBeGreaterThanOrEqual(0);
    expect(totalMs).toBeGreaterThanOrEqual(compileMs);
  });

  it('caps the row limit by config', async () => {
    const res = await post({
      project: 'hello-world',
      pipeline: computeSales,
      nodeId: 'order_lines',
      limit: 10_000,
    });
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(50);
    expect(res.body.truncated).toBe(true);
  });

  it('masks personal data for users outside the owning team, not for its members', async () => {
    const body = {
      project: 'hello-world',
      pipeline: customers,
      nodeId: 'customer_orders',
      limit: 20,
    };
    const outsider = await post(body, OLGA);
    const member = await post(body, SAM);
    expect(outsider.status).toBe(200);
    expect(member.status).toBe(200);

    const email = outsider.body.columns.findIndex(
      (c: { name: string }) => c.name === 'email',
    );
    expect(outsider.body.columns[email]).toEqual({
      name: 'email',
      type: 'string',
      pii: true,
      masked: true,
    });
    expect(member.body.columns[email]).toMatchObject({
      pii: true,
      masked: false,
    });
    const emails = (rows: unknown[][]) => rows.map(r => r[email]);
    expect(
      emails(outsider.body.rows).every(v => v === '••••' || v === null),
    ).toBe(true);
    expect(emails(member.body.rows).some(v => String(v).includes('@'))).toBe(
      true,
    );
    // Columns without personal data are the same for both.
    const orderId = outsider.body.columns.findIndex(
      (c: { name: string }) => c.name === 'order_id',
    );
    expect(outsider.body.columns[orderId].masked).toBe(false);
    expect(outsider.body.rows.map((r: unknown[]) => r[orderId])).toEqual(
      member.body.rows.map((r: unknown[]) => r[orderId]),
    );

    // After the Mask gem, email is no longer personal data.
    const hashed = await post({ ...body, nodeId: 'hash_email' }, OLGA);
    expect(hashed.body.columns[email]).toMatchObject({
      pii: false,
      masked: false,
    });
  });

  it('estimates cost from the last successful runs, else from the preview', async () => {
    for (const pipeline of [customers, computeSales]) {
      const fromPreview = await post({
        project: 'hello-world',
        pipeline,
        nodeId: 'orders',
      });
      expect(fromPreview.body.estimatedCost).toEqual({
        dbus: expect.any(Number),
        basis: 'preview',
        estimated: true,
      });
    }

    const run = await facts.createJobRun({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'schedule',
      engine: 'duckdb',
      queuedAt: new Date('2026-03-01T06:00:00Z'),
    });
    const task = await facts.createTaskRun({
      jobRunId: run.id,
      taskKey: 'sales',
      pipeline: 'ComputeSales',
      status: 'running',
      startedAt: new Date('2026-03-01T06:00:00Z'),
    });
    await facts.finishTaskRun(task.id, {
      status: 'succeeded',
      endedAt: new Date('2026-03-01T06:10:00Z'),
    });
    // What the last runs cost is looked up once per 30 s, not per preview.
    const beforeLookup = await post({
      project: 'hello-world',
      pipeline: computeSales,
      nodeId: 'orders',
    });
    expect(beforeLookup.body.estimatedCost.basis).toBe('preview');
    clockSkew += 30_000;
    const fromRuns = await post({
      project: 'hello-world',
      pipeline: computeSales,
      nodeId: 'orders',
    });
    // Ten minutes at 6 DBUs per hour.
    expect(fromRuns.body.estimatedCost).toEqual({
      dbus: 1,
      basis: 'last-runs',
      estimated: true,
    });
  });

  it('answers 429 with Retry-After beyond the per-user and total limits', async () => {
    const body = { project: 'hello-world', pipeline: SLOW, nodeId: 'spin' };
    const before = ends.length;
    const first = startPreview(body, SAM);
    const second = startPreview(body, OLGA);
    try {
      // Refused for the total once both have taken their slots.
      let third;
      const deadline = Date.now() + 5000;
      do {
        third = await post(body, ADA);
      } while (third.status !== 429 && Date.now() < deadline);
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toMatch(/^\d+$/);
      expect(third.body.error.message).toMatch(/previews are running/);

      const again = await post(body, SAM);
      expect(again.status).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(again.body.error.message).toMatch(/per user/);
    } finally {
      first.leave();
      second.leave();
    }
    await until(() => ends.length >= before + 2);
    // The slots are free again once the queries have stopped.
    const after = await post({
      project: 'hello-world',
      pipeline: computeSales,
      nodeId: 'orders',
      limit: 1,
    });
    expect(after.status).toBe(200);
  });

  it('stops the query within a second of the client leaving', async () => {
    const before = ends.length;
    const preview = startPreview(
      { project: 'hello-world', pipeline: SLOW, nodeId: 'spin' },
      SAM,
    );
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(ends.length).toBe(before); // still running
    const left = Date.now();
    preview.leave();
    await until(() => ends.length > before, 5000);
    const end = ends[ends.length - 1];
    expect(end.error?.name).toBe('QueryCancelledError');
    expect(end.at - left).toBeLessThan(1000);
  });

  it('answers 504 when the query outlasts the timeout', async () => {
    const started = Date.now();
    const res = await post({
      project: 'hello-world',
      pipeline: SLOW,
      nodeId: 'spin',
    });
    expect(res.status).toBe(504);
    expect(res.body.error.message).toMatch(/did not finish within 3 s/);
    expect(Date.now() - started).toBeLessThan(6000);
  });
});
