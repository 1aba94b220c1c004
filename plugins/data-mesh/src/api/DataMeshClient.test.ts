import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { MockFetchApi } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DataMeshClient } from './DataMeshClient';
import { editorErrorDetails } from './editorErrorDetails';
import { previewDiagnostics } from './previewDiagnostics';
import type { JobRunPage, PipelineDiagnostic, PreviewRequest } from './types';

const BASE = 'http://localhost:7007/api/data-mesh';

describe('DataMeshClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new DataMeshClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });

  /** The URLs and bodies the backend was sent. */
  function recordRequests() {
    const seen: Array<{ method: string; url: string; body?: unknown }> = [];
    server.events.on('request:start', async ({ request }) => {
      const text = await request.clone().text();
      seen.push({
        method: request.method,
        url: request.url,
        ...(text && { body: JSON.parse(text) }),
      });
    });
    return seen;
  }

  it('lists runs with only the filters it is given, in the query string', async () => {
    const page: JobRunPage = {
      items: [
        {
          id: 'r1',
          project: 'hello-world',
          job: 'DailySummary',
          trigger: 'manual',
          engine: 'duckdb',
          status: 'succeeded',
          queuedAt: '2026-06-30T10:00:00.000Z',
        },
      ],
      totalCount: 1,
    };
    server.use(http.get(`${BASE}/runs`, () => HttpResponse.json(page)));
    const seen = recordRequests();

    await expect(
      client.listRuns({
        project: 'hello-world',
        status: 'succeeded',
        limit: 5,
      }),
    ).resolves.toEqual(page);
    await client.listRuns();

    expect(seen.map(r => r.url)).toEqual([
      `${BASE}/runs?project=hello-world&status=succeeded&limit=5`,
      `${BASE}/runs`,
    ]);
  });

  it('encodes path segments and posts JSON bodies', async () => {
    server.use(
      http.get(`${BASE}/runs/:id`, ({ params }) =>
        HttpResponse.json({ id: params.id, tasks: [], costs: [] }),
      ),
      http.post(`${BASE}/projects/:project/jobs/:job/runs`, () =>
        HttpResponse.json({ id: 'r2' }, { status: 202 }),
      ),
      http.post(`${BASE}/preview`, () =>
        HttpResponse.json({ node: 'orders', rows: [] }),
      ),
    );
    const seen = recordRequests();
    const preview: PreviewRequest = {
      project: 'hello-world',
      pipeline: { formatVersion: 1, name: 'P', nodes: [], edges: [] },
      nodeId: 'orders',
      limit: 10,
    };

    expect(await client.getRun('a/b')).toMatchObject({ id: 'a/b' });
    expect(await client.runJob('hello world', 'Daily/Summary')).toEqual({
      id: 'r2',
    });
    expect(await client.preview(preview)).toMatchObject({ node: 'orders' });

    expect(seen).toEqual([
      { method: 'GET', url: `${BASE}/runs/a%2Fb` },
      {
        method: 'POST',
        url: `${BASE}/projects/hello%20world/jobs/Daily%2FSummary/runs`,
        body: {},
      },
      { method: 'POST', url: `${BASE}/preview`, body: preview },
    ]);
  });

  it('reads a dataset contract as YAML text, and its refusal as a ResponseError', async () => {
    const yaml = 'apiVersion: v3.1.0\nkind: DataContract\n';
    server.use(
      http.get(
        `${BASE}/projects/hello-world/datasets/:dataset/odcs`,
        ({ params }) =>
          params.dataset === 'Total Sales'
            ? new HttpResponse(yaml, {
                headers: { 'Content-Type': 'application/yaml' },
              })
            : HttpResponse.json(
                { error: { name: 'NotAllowedError', message: 'internal' } },
                { status: 403 },
              ),
      ),
    );
    const seen = recordRequests();

    await expect(
      client.getDatasetOdcs('hello-world', 'Total Sales'),
    ).resolves.toBe(yaml);
    const refused = client.getDatasetOdcs('hello-world', 'bronze_orders');
    await expect(refused).rejects.toBeInstanceOf(ResponseError);
    await expect(refused).rejects.toMatchObject({ statusCode: 403 });
    expect(seen.map(r => r.url)).toEqual([
      `${BASE}/projects/hello-world/datasets/Total%20Sales/odcs`,
      `${BASE}/projects/hello-world/datasets/bronze_orders/odcs`,
    ]);
  });

  it('reads quality, cost and freshness with their queries', async () => {
    server.use(
      http.get(`${BASE}/:listing`, ({ params }) =>
        HttpResponse.json({
          items: [],
          totalCount: 0,
          listing: params.listing,
        }),
      ),
    );
    const seen = recordRequests();

    await client.listQualityResults({
      dataset: 'DailySummary',
      status: 'fail',
    });
    await client.getCostRollup({ groupBy: 'team', from: '2026-01' });
    await client.listFreshness({ project: 'hello-world', cursor: 'abc' });

    expect(seen.map(r => r.url)).toEqual([
      `${BASE}/quality?dataset=DailySummary&status=fail`,
      `${BASE}/cost?groupBy=team&from=2026-01`,
      `${BASE}/freshness?project=hello-world&cursor=abc`,
    ]);
  });

  it("rejects with a ResponseError carrying the backend's error", async () => {
    server.use(
      http.get(`${BASE}/runs/:id`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: "No job run with id 'x'" },
            request: { method: 'GET', url: '/api/data-mesh/runs/x' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const error = await client.getRun('x').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error).toEqual({
      name: 'NotFoundError',
      message: "No job run with id 'x'",
    });
  });

  it('requests, lists and decides subscriptions and reads a sample and its readers', async () => {
    server.use(
      http.post(`${BASE}/subscriptions`, () =>
        HttpResponse.json({ id: 's1' }, { status: 201 }),
      ),
      http.get(`${BASE}/subscriptions`, () => HttpResponse.json({ items: [] })),
      http.post(`${BASE}/subscriptions/:id/:action`, () =>
        HttpResponse.json({ id: 's1', audit: [] }),
      ),
      http.get(`${BASE}/projects/:project/datasets/:dataset/sample`, () =>
        HttpResponse.json({ access: 'owner', columns: [], rows: [] }),
      ),
      http.get(`${BASE}/projects/:project/datasets/:dataset/reads`, () =>
        HttpResponse.json({ windowDays: 30, totalReads: 0, readers: [] }),
      ),
    );
    const seen = recordRequests();

    await client.requestSubscription({
      product: 'dataproduct:default/total-sales',
      purpose: 'Forecasts',
      columns: ['currency'],
    });
    await client.listSubscriptions({
      product: 'dataproduct:default/total-sales',
      mine: true,
    });
    await client.listSubscriptions();
    await client.decideSubscription('s/1', 'deny', 'No purpose given');
    await client.decideSubscription('s1', 'approve');
    await expect(
      client.getDatasetSample('hello world', 'TotalSales'),
    ).resolves.toEqual({ access: 'owner', columns: [], rows: [] });
    await expect(
      client.getDatasetReads('hello world', 'Total/Sales'),
    ).resolves.toMatchObject({ totalReads: 0, readers: [] });

    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${BASE}/subscriptions`,
        body: {
          product: 'dataproduct:default/total-sales',
          purpose: 'Forecasts',
          columns: ['currency'],
        },
      },
      {
        method: 'GET',
        url: `${BASE}/subscriptions?product=dataproduct%3Adefault%2Ftotal-sales&mine=true`,
      },
      { method: 'GET', url: `${BASE}/subscriptions` },
      {
        method: 'POST',
        url: `${BASE}/subscriptions/s%2F1/deny`,
        body: { reason: 'No purpose given' },
      },
      { method: 'POST', url: `${BASE}/subscriptions/s1/approve`, body: {} },
      {
        method: 'GET',
        url: `${BASE}/projects/hello%20world/datasets/TotalSales/sample`,
      },
      {
        method: 'GET',
        url: `${BASE}/projects/hello%20world/datasets/Total%2FSales/reads`,
      },
    ]);
  });

  describe('a preview the backend refuses', () => {
    const preview: PreviewRequest = {
      project: 'hello-world',
      pipeline: { formatVersion: 1, name: 'P', nodes: [], edges: [] },
      nodeId: 'orders',
    };
    const diagnostics: PipelineDiagnostic[] = [
      {
        severity: 'error',
        code: 'unknown-column',
        message: 'node "keep": unknown column `amout` (did you mean `amount`?)',
        nodeId: 'keep',
        path: ['nodes', 2, 'config', 'condition'],
        field: 'nodes[2].config.condition',
        expression: { line: 1, column: 1, offset: 0, length: 5 },
      },
      {
        severity: 'warning',
        code: 'unconnected-port',
        message: 'input port "in" of node "out" has no edge',
        path: ['nodes', 3, 'id'],
        field: 'nodes[3].id',
      },
    ];

    function answer(status: number, extra: object) {
      server.use(
        http.post(`${BASE}/preview`, () =>
          HttpResponse.json(
            {
              error: { name: 'InputError', message: 'The preview …' },
              request: { method: 'POST', url: '/api/data-mesh/preview' },
              response: { statusCode: status },
              ...extra,
            },
            { status },
          ),
        ),
      );
    }

    it('gives the diagnostics of a pipeline that does not check', async () => {
      answer(400, { diagnostics });

      const error = await client.preview(preview).catch(e => e);

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(previewDiagnostics(error)).toEqual(diagnostics);
    });

    it('gives none for a request refused for another reason', async () => {
      answer(400, {});
      const malformed = await client.preview(preview).catch(e => e);
      answer(403, { diagnostics });
      const denied = await client.preview(preview).catch(e => e);

      expect(previewDiagnostics(malformed)).toBeUndefined();
      expect(previewDiagnostics(denied)).toBeUndefined();
      expect(previewDiagnostics(new Error('offline'))).toBeUndefined();
    });
  });

  describe('the pipeline editor', () => {
    const PIPELINE = `${BASE}/projects/hello%20world/pipelines/Compute%2FSales`;
    const draft = {
      project: 'hello world',
      pipeline: 'Compute/Sales',
      baseCommit: 'abc12345',
      text: 'name: x\n',
      updatedAt: '2026-12-06T10:00:00.000Z',
    };

    it('reads, commits, reverts and keeps drafts under the pipeline path', async () => {
      const seen = recordRequests();
      server.use(
        http.get(`${PIPELINE}/source`, () => HttpResponse.json({ text: 'x' })),
        http.post(`${PIPELINE}/commits`, () =>
          HttpResponse.json({ commit: 'c1' }, { status: 201 }),
        ),
        http.get(`${PIPELINE}/commits`, () =>
          HttpResponse.json({ commits: [] }),
        ),
        http.post(`${PIPELINE}/reverts`, () =>
          HttpResponse.json({ commit: 'c2' }, { status: 201 }),
        ),
        http.put(`${PIPELINE}/draft`, () => HttpResponse.json(draft)),
        http.delete(`${PIPELINE}/draft`, () =>
          HttpResponse.json({ discarded: true }),
        ),
      );
      const [project, pipeline] = ['hello world', 'Compute/Sales'];

      await client.getPipelineSource(project, pipeline, { at: 'abc12345' });
      await client.commitPipeline(project, pipeline, {
        text: 'name: x\n',
        baseCommit: 'abc12345',
        message: 'Edit',
      });
      await client.listPipelineCommits(project, pipeline);
      await client.revertPipelineCommit(project, pipeline, 'c1');
      await expect(
        client.savePipelineDraft(project, pipeline, {
          text: 'name: x\n',
          baseCommit: 'abc12345',
        }),
      ).resolves.toEqual(draft);
      await client.discardPipelineDraft(project, pipeline);

      expect(seen.map(r => [r.method, r.url, r.body])).toEqual([
        ['GET', `${PIPELINE}/source?at=abc12345`, undefined],
        [
          'POST',
          `${PIPELINE}/commits`,
          { text: 'name: x\n', baseCommit: 'abc12345', message: 'Edit' },
        ],
        ['GET', `${PIPELINE}/commits`, undefined],
        ['POST', `${PIPELINE}/reverts`, { commit: 'c1' }],
        [
          'PUT',
          `${PIPELINE}/draft`,
          { text: 'name: x\n', baseCommit: 'abc12345' },
        ],
        ['DELETE', `${PIPELINE}/draft`, undefined],
      ]);
    });

    it('reads no draft as undefined, and other refusals as errors', async () => {
      server.use(
        http.get(`${PIPELINE}/draft`, () =>
          HttpResponse.json(
            { error: { name: 'NotFoundError', message: 'No draft' } },
            { status: 404 },
          ),
        ),
      );
      await expect(
        client.getPipelineDraft('hello world', 'Compute/Sales'),
      ).resolves.toBeUndefined();

      server.use(
        http.get(`${PIPELINE}/draft`, () =>
          HttpResponse.json(
            { error: { name: 'NotAllowedError', message: 'No' } },
            { status: 403 },
          ),
        ),
      );
      await expect(
        client.getPipelineDraft('hello world', 'Compute/Sales'),
      ).rejects.toMatchObject({ statusCode: 403 });
    });

    it('tells the diagnostics of a refused save from its conflict', async () => {
      const conflict = {
        path: 'pipelines/p.pipeline.yaml',
        base: { commit: 'a', text: 'a' },
        theirs: { commit: 'b', text: 'b' },
        yours: { text: 'c' },
      };
      const refusal = (status: number, extra: object) =>
        http.post(`${PIPELINE}/commits`, () =>
          HttpResponse.json(
            {
              error: { name: 'Error', message: 'refused' },
              response: { statusCode: status },
              ...extra,
            },
            { status },
          ),
        );
      const save = () =>
        client
          .commitPipeline('hello world', 'Compute/Sales', {
            text: 'c',
            baseCommit: 'abc12345',
            message: 'm',
          })
          .catch(e => e);

      server.use(refusal(409, { conflict }));
      expect(editorErrorDetails(await save())).toEqual({ conflict });
      server.use(refusal(400, { diagnostics: [] }));
      expect(editorErrorDetails(await save())).toEqual({ diagnostics: [] });
      server.use(refusal(403, { conflict }));
      expect(editorErrorDetails(await save())).toEqual({});
    });
  });

  describe('the jobs view', () => {
    const JOB = `${BASE}/projects/hello%20world/jobs/Daily%2FSummary`;

    it('reads and commits a job file under the job path, with refusals the editor reads', async () => {
      const seen = recordRequests();
      server.use(
        http.get(`${JOB}/source`, () => HttpResponse.json({ text: 'x' })),
        http.post(`${JOB}/commits`, () =>
          HttpResponse.json({ commit: 'c1' }, { status: 201 }),
        ),
      );
      const request = {
        text: 'name: x\n',
        baseCommit: 'abc12345',
        message: 'm',
      };
      await client.getJobSource('hello world', 'Daily/Summary');
      expect(
        await client.commitJob('hello world', 'Daily/Summary', request),
      ).toEqual({ commit: 'c1' });
      expect(seen.map(r => [r.method, r.url, r.body])).toEqual([
        ['GET', `${JOB}/source`, undefined],
        ['POST', `${JOB}/commits`, request],
      ]);

      const diagnostics = [
        {
          file: 'jobs/x.job.yaml',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 9,
          path: 'tasks[0].pipeline',
          message: 'no pipeline',
          severity: 'error' as const,
          code: 'unknown-reference',
        },
      ];
      server.use(
        http.post(`${JOB}/commits`, () =>
          HttpResponse.json(
            {
              error: { name: 'InputError', message: 'no' },
              response: { statusCode: 400 },
              diagnostics,
            },
            { status: 400 },
          ),
        ),
      );
      const refused = await client
        .commitJob('hello world', 'Daily/Summary', request)
        .catch(e => e);
      expect(editorErrorDetails(refused)).toEqual({ diagnostics });
    });
  });
});
