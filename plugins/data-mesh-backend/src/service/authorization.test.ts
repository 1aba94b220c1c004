/** @jest-environment node */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { parseProjectFile } from '@meshwork/data-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';

jest.setTimeout(240_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const workspace = helloWorldWorkspaces('data-mesh-authz-');

type Caller = 'none' | keyof typeof ROLES;
const CALLERS: Caller[] = ['none', 'consumer', 'owner', 'platform'];

const header = (caller: Caller) =>
  authorizationOf(caller === 'none' ? null : ROLES[caller]);

describe.each(databases.eachSupportedId())(
  'who may call the data-mesh API on %p',
  id => {
    let server: Awaited<ReturnType<typeof startDemoBackend>>['server'];
    let backend: Awaited<ReturnType<typeof startDemoBackend>>;
    let project: string;

    beforeAll(async () => {
      const knex = await databases.init(id as TestDatabaseId);
      const ws = workspace();
      project = ws.project;
      backend = await startDemoBackend({
        knex,
        dataMesh: {
          engines: { duckdb: { path: ws.warehouse } },
          runner: { dbuPerHour: 2 },
        },
        catalog: [dataProjectComponent('hello-world', ws.project)],
      });
      server = backend.server;
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const pipeline = (name: string) => {
      const file = `pipelines/${name}.pipeline.yaml`;
      return parseProjectFile(
        'pipeline',
        file,
        fs.readFileSync(path.join(project, file), 'utf8'),
      ).value!;
    };

    async function waitForRun(runId: string, caller: Caller) {
      const deadline = Date.now() + 180_000;
      for (;;) {
        const res = await request(server)
          .get(`/api/data-mesh/runs/${runId}`)
          .set('Authorization', header(caller));
        expect(res.status).toBe(200);
        if (!['queued', 'running'].includes(res.body.status)) return res.body;
        if (Date.now() > deadline) throw new Error('the run did not end');
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }

    it('previews only for the owning team and the platform team', async () => {
      const body = {
        project: 'hello-world',
        pipeline: pipeline('ComputeSales'),
        nodeId: 'completed_lines',
        limit: 5,
      };
      const outcomes = [];
      for (const caller of CALLERS) {
        const res = await request(server)
          .post('/api/data-mesh/preview')
          .set('Authorization', header(caller))
          .send(body);
        outcomes.push({
          caller,
          status: res.status,
          rows: res.body.rows?.length,
          error: res.body.error?.name,
        });
      }
      expect(outcomes).toEqual([
        { caller: 'none', status: 401, error: 'AuthenticationError' },
        { caller: 'consumer', status: 403, error: 'NotAllowedError' },
        { caller: 'owner', status: 200, rows: 5 },
        { caller: 'platform', status: 200, rows: 5 },
      ]);
      const refused = await request(server)
        .post('/api/data-mesh/preview')
        .set('Authorization', header('consumer'))
        .send(body);
      expect(refused.body.error.message).toBe(
        "You may not edit or preview the pipelines of the data project 'hello-world'",
      );
    });

    it('answers 404 for a project that does not exist, to anyone signed in', async () => {
      for (const caller of ['consumer', 'owner', 'platform'] as const) {
        const preview = await request(server)
          .post('/api/data-mesh/preview')
          .set('Authorization', header(caller))
          .send({
            project: 'nowhere',
            pipeline: pipeline('ComputeSales'),
            nodeId: 'orders',
          });
        expect(preview.status).toBe(404);
        const run = await request(server)
          .post('/api/data-mesh/projects/nowhere/jobs/DailySummary/runs')
          .set('Authorization', header(caller))
          .send({});
        expect(run.status).toBe(404);
        const runs = await request(server)
          .get('/api/data-mesh/runs?project=nowhere')
          .set('Authorization', header(caller));
        expect(runs.status).toBe(404);
      }
    });

    it('starts jobs only for the owning team and the platform team', async () => {
      const outcomes = [];
      for (const caller of CALLERS) {
        const res = await request(server)
          .post('/api/data-mesh/projects/hello-world/jobs/Job-Test/runs')
          .set('Authorization', header(caller))
          .send({});
        // Each accepted run ends before the next call, which would get 409.
        const run = res.body.id
          ? await waitForRun(res.body.id, caller)
          : undefined;
        outcomes.push({
          caller,
          status: res.status,
          run: run && { status: run.status, requestedBy: run.requestedBy },
        });
      }
      expect(outcomes).toEqual([
        { caller: 'none', status: 401 },
        { caller: 'consumer', status: 403 },
        {
          caller: 'owner',
          status: 202,
          run: { status: 'succeeded', requestedBy: ROLES.owner },
        },
        {
          caller: 'platform',
          status: 202,
          run: { status: 'succeeded', requestedBy: ROLES.platform },
        },
      ]);
      // The refused calls started nothing.
      const runs = await request(server)
        .get('/api/data-mesh/runs?project=hello-world&job=Job-Test')
        .set('Authorization', header('owner'));
      expect(runs.body.items).toHaveLength(2);
    });

    it('lets every signed-in user read runs, quality, cost, freshness and recent reads', async () => {
      const runs = await request(server)
        .get('/api/data-mesh/runs')
        .set('Authorization', header('owner'));
      const runId = runs.body.items[0]?.id ?? 'no-run';
      const reads = [
        '/api/data-mesh/runs',
        '/api/data-mesh/runs?project=hello-world',
        `/api/data-mesh/runs/${runId}`,
        '/api/data-mesh/quality?dataset=DailySummary',
        '/api/data-mesh/cost?groupBy=project',
        '/api/data-mesh/freshness',
        '/api/data-mesh/freshness?project=hello-world',
        '/api/data-mesh/projects/hello-world/datasets/TotalSales/reads',
      ];
      for (const url of reads) {
        for (const caller of CALLERS) {
          const res = await request(server)
            .get(url)
            .set('Authorization', header(caller));
          expect({ url, caller, status: res.status }).toEqual({
            url,
            caller,
            status: caller === 'none' ? 401 : 200,
          });
        }
      }
      const health = await request(server)
        .get('/api/data-mesh/health')
        .set('Authorization', header('none'));
      expect(health.status).toBe(200);
    });
  },
);
