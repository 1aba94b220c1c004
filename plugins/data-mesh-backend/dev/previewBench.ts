/*
 * `yarn bench:preview`: what the preview API costs on top of the query.
 *
 *  1. For the first, a middle and the last node of Hello World's
 *     ComputeSales, on the demo warehouse at seed scale 10: the latency of
 *     `POST /api/data-mesh/preview` (HTTP, request checks, project load,
 *     compile, query, masking, JSON) divided by the time of running the
 *     same SQL directly on the DuckDB engine (goal: at most 1.3). The two
 *     are measured alternately, so that load from elsewhere on the machine
 *     weighs on both alike; medians after a warm-up. Each line also shows
 *     what the same HTTP request and response cost with no work behind
 *     them: the floor of the preview's overhead.
 *  2. Preview throughput with 8 concurrent clients.
 *
 * The router runs in-process on an ephemeral port, with the real DuckDB
 * engine, project repository and facts store (in-memory SQLite). A
 * benchmark, not a test: it prints what it measures and exits 0 unless
 * something fails to run.
 */

import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { ConfigReader } from '@backstage/config';
import {
  compilePreview,
  loadProject,
  PipelineFile,
} from '@meshwork/data-mesh-common';
import { DuckDbEngine } from '@meshwork/data-mesh-backend-module-duckdb';
import {
  decideDataMeshPermission,
  isDataProjectOwner,
  normalizeOwnerRef,
  readProjectFolder,
} from '@meshwork/data-mesh-node';
import { seedDemoWarehouse } from '@meshwork/data-mesh-node/demo';
import express from 'express';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseFactsStore } from '../src/database';
import { EngineRegistry } from '../src/service/EngineRegistry';
import { DataProjectAuthorizer } from '../src/service/permissions/DataProjectAuthorizer';
import { ProjectRepository } from '../src/service/projects/ProjectRepository';
import { createPreviewRouter } from '../src/service/preview';

// Run from the repository root (`yarn bench:preview`).
const PROJECT = resolve(process.cwd(), 'examples/hello-world');
const WAREHOUSE = join(
  os.tmpdir(),
  'meshwork-bench',
  'warehouse-scale-10.duckdb',
);
const SCALE = 10;
const ROWS = 100;
const GOAL = 1.3;
const WARMUP = 5;
const RUNS = 40;
const CLIENTS = 8;
const THROUGHPUT_SECONDS = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Runs `a` and `b` alternately, after a warm-up; their durations. */
async function alternately(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number[], number[]]> {
  for (let i = 0; i < WARMUP; i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  const time = async (work: () => Promise<unknown>, into: number[]) => {
    const start = performance.now();
    await work();
    into.push(performance.now() - start);
  };
  for (let i = 0; i < RUNS; i++) {
    // Which goes first alternates too: a warm cache helps whichever is second.
    if (i % 2) {
      await time(a, as);
      await time(b, bs);
    } else {
      await time(b, bs);
      await time(a, as);
    }
  }
  return [as, bs];
}

const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;

const silent: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silent,
};

/** Every request is the user its bearer token names: `Bearer user:default/x`. */
const httpAuth = {
  async credentials(req: express.Request) {
    const ref = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    return {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: ref },
    } as BackstageCredentials<BackstageUserPrincipal>;
  },
  async issueUserCookie() {
    return { expiresAt: new Date() };
  },
} as unknown as HttpAuthService;

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: [ref, 'group:default/sales-analytics'],
    };
  },
};

/**
 * The recommended data-mesh policy decided in process, conditions applied
 * to the project's owners: the permission backend's work without its HTTP
 * round trip, which a deployment pays on top.
 */
function inProcessPermissions(projects: ProjectRepository): PermissionsService {
  return {
    async authorize(requests, { credentials }) {
      const info = await userInfo.getUserInfo(credentials);
      return Promise.all(
        requests.map(async request => {
          const decision = decideDataMeshPermission(
            { permission: request.permission },
            { info } as Parameters<typeof decideDataMeshPermission>[1],
          ) ?? { result: AuthorizeResult.DENY };
          if (decision.result !== AuthorizeResult.CONDITIONAL) return decision;
          const resourceRef = (request as { resourceRef?: string }).resourceRef;
          if (!resourceRef || !isResourcePermission(request.permission)) {
            return { result: AuthorizeResult.DENY };
          }
          const owners = (await projects.owners(resourceRef)).map(
            normalizeOwnerRef,
          );
          const allowed = isDataProjectOwner.apply(
            { name: resourceRef, owners },
            { claims: info.ownershipEntityRefs },
          );
          return {
            result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          };
        }),
      );
    },
    async authorizeConditional() {
      throw new Error('not used by the preview');
    },
  };
}

async function main() {
  console.log(`Seeding the demo warehouse at scale ${SCALE} (${WAREHOUSE})…`);
  await seedDemoWarehouse({ path: WAREHOUSE, scale: SCALE });
  const engine = await DuckDbEngine.open(WAREHOUSE);
  const engines = new EngineRegistry();
  engines.add(engine);
  const projects = ProjectRepository.forFolders({ 'hello-world': PROJECT });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const facts = await DatabaseFactsStore.create({
    database: { getClient: async () => knex },
  });
  const config = new ConfigReader({
    dataMesh: {
      preview: {
        maxRows: ROWS,
        concurrency: { perUser: 2, total: CLIENTS },
      },
    },
  });
  const app = express();
  // The same request and response without any work: what HTTP and JSON
  // alone cost, the floor of the preview's overhead.
  let echoed: unknown = {};
  app.post('/echo', express.json({ limit: '5mb' }), (_req, res) => {
    res.json(echoed);
  });
  app.use(
    '/api/data-mesh',
    await createPreviewRouter({
      engines,
      projects,
      facts,
      config,
      logger: silent,
      authorizer: new DataProjectAuthorizer({
        httpAuth,
        permissions: inProcessPermissions(projects),
        projects,
      }),
      userInfo,
    }),
  );
  // Only failures the bench reports: a 200 is all it expects.
  app.use(
    (
      error: Error & { statusCode?: number },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(error.statusCode ?? 500).json({ error: error.message });
    },
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(done => server.once('listening', done));
  const url = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/data-mesh/preview`;

  const loaded = loadProject(await readProjectFolder(PROJECT));
  const pipeline: PipelineFile = loaded.pipelines.get('ComputeSales')!.value;
  const preview = async (
    nodeId: string,
    user = 'user:default/bench',
    to = url,
  ) => {
    const res = await fetch(to, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${user}`,
      },
      body: JSON.stringify({
        project: 'hello-world',
        pipeline,
        nodeId,
        limit: ROWS,
      }),
    });
    const body = await res.json();
    if (res.status !== 200) {
      throw new Error(
        `preview of ${nodeId}: ${res.status} ${JSON.stringify(body)}`,
      );
    }
    return body;
  };

  const { nodes } = pipeline;
  const picks = [
    ['first', nodes[0]],
    ['middle', nodes[Math.floor(nodes.length / 2)]],
    ['last', nodes[nodes.length - 1]],
  ] as const;
  console.log(
    `\nPreview latency vs the same SQL run directly on DuckDB (ComputeSales, ${ROWS} rows; ${
      os.cpus().length
    } cores, load ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}; ${WARMUP} warm-up runs, then ${RUNS} of each, alternately):`,
  );
  let met = 0;
  for (const [which, node] of picks) {
    const { sql } = compilePreview(pipeline, loaded.context, node.id, {
      dialect: 'duckdb',
      tables: dataset => loaded.context.datasets[dataset]?.table ?? dataset,
      limit: ROWS + 1,
    });
    if (!sql) throw new Error(`${node.id} does not compile`);
    const [directs, apis] = await alternately(
      () => engine.run(sql, { maxRows: ROWS }),
      () => preview(node.id),
    );
    echoed = await preview(node.id);
    const echo = median(
      (
        await alternately(
          async () => {},
          () => preview(node.id, undefined, url.replace(/\/api.*/, '/echo')),
        )
      )[1],
    );
    const direct = median(directs);
    const api = median(apis);
    const ratio = api / direct;
    if (ratio <= GOAL) met++;
    console.log(
      `  ${which.padEnd(6)} ${`${node.id} (${node.type})`.padEnd(
        26,
      )} median direct ${ms(direct)}, preview ${ms(api)} (p90 ${ms(
        percentile(directs, 0.9),
      )} / ${ms(percentile(apis, 0.9))}), ratio ${ratio.toFixed(
        2,
      )}: goal ≤ ${GOAL} ${ratio <= GOAL ? 'met' : 'NOT met'}; HTTP alone ${ms(
        echo,
      )}`,
    );
  }
  console.log(`  Goal met for ${met} of ${picks.length} nodes.`);

  const middle = picks[1][1].id;
  console.log(
    `\nThroughput: ${CLIENTS} concurrent clients (each its own user) previewing ${middle} for ${THROUGHPUT_SECONDS} s:`,
  );
  const until = performance.now() + THROUGHPUT_SECONDS * 1000;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (performance.now() < until) {
        const start = performance.now();
        await preview(middle, `user:default/bench-${client}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${latencies.length} previews in ${seconds.toFixed(1)} s: ${(
      latencies.length / seconds
    ).toFixed(1)} previews/s, latency median ${ms(median(latencies))}, p90 ${ms(
      percentile(latencies, 0.9),
    )}`,
  );

  server.close();
  await engine.close();
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
