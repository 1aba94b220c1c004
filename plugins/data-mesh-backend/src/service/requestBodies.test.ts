/** @jest-environment node */
import fc from 'fast-check';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';

jest.setTimeout(300_000);

const workspace = helloWorldWorkspaces('data-mesh-bodies-');
const OWNER = authorizationOf(ROLES.owner);

async function startBackend(options: { vanishedProject?: boolean } = {}) {
  const ws = workspace();
  return startDemoBackend({
    dataMesh: {
      engines: { duckdb: { path: ws.warehouse } },
      runner: { dbuPerHour: 2 },
    },
    catalog: [
      dataProjectComponent('hello-world', ws.project),
      // In the catalog, but its folder is gone: reading it fails inside
      // the server, with the server's path in the error.
      ...(options.vanishedProject
        ? [
            dataProjectComponent(
              'vanished',
              '/nonexistent/meshwork/vanished-project',
            ),
          ]
        : []),
    ],
  });
}

/** What no answer of this API may contain. */
function expectNothingInternal(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(/); // a stack frame
  expect(text).not.toMatch(/\/nonexistent\/|\/tmp\/|node_modules/);
}

/** Nests `depth` arrays without recursion: `[[[…]]]`. */
function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('request bodies and queries the API is sent', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    backend = await startBackend();
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const post = (url: string, body: string) =>
    request(backend.server)
      .post(url)
      .set('Authorization', OWNER)
      .set('Content-Type', 'application/json')
      .send(body);

  const POSTS = [
    '/api/data-mesh/preview',
    '/api/data-mesh/projects/hello-world/jobs/DailySummary/runs',
  ];

  it('refuses deeply nested bodies with 400 naming the depth', async () => {
    for (const url of POSTS) {
      const deep = await post(url, nested(50_000));
      expect(deep.status).toBe(400);
      expect(deep.body.error.message).toMatch(
        /nested more than 64 levels deep/,
      );
      expectNothingInternal(deep.body);
      const inPipeline = await post(
        url,
        `{"project":"hello-world","nodeId":"x","pipeline":{"nodes":${nested(
          10_000,
        )}}}`,
      );
      expect(inPipeline.status).toBe(400);
      expect(inPipeline.body.error.message).toMatch(/at body\.pipeline\.nodes/);
    }
  });

  it('refuses bodies over the limit with 413 and malformed JSON with 400', async () => {
    const huge = JSON.stringify({ project: 'x'.repeat(6 * 1024 * 1024) });
    for (const url of POSTS) {
      const tooLarge = await post(url, huge);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.message).toMatch(/too large/i);
      expectNothingInternal(tooLarge.body);
      const malformed = await post(url, '{"project": "hello-world",');
      expect(malformed.status).toBe(400);
      expectNothingInternal(malformed.body);
    }
  });

  it('accepts a preview body of a 500-gem pipeline size', async () => {
    // 400 KB of JSON: over express's default 100 KB, under the preview's limit.
    const res = await post(
      '/api/data-mesh/preview',
      JSON.stringify({
        project: 'hello-world',
        nodeId: 'n',
        pipeline: { name: 'Big', description: 'x'.repeat(400_000) },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid pipeline: /);
  });

  it('answers random bodies with 4xx and a message, never a 500', async () => {
    const json = fc.jsonValue({ maxDepth: 6 });
    const previewish = fc.record(
      {
        project: fc.oneof(fc.constant('hello-world'), json),
        pipeline: fc.oneof(
          json,
          fc.record({
            formatVersion: fc.oneof(fc.constant(1), json),
            name: fc.oneof(fc.constant('P'), json),
            nodes: fc.oneof(
              fc.array(
                fc.record({
                  id: fc.oneof(fc.constant('n'), json),
                  type: fc.oneof(
                    fc.constantFrom('Source', 'SQL', 'Filter', 'Target'),
                    json,
                  ),
                  config: json,
                }),
              ),
              json,
            ),
            edges: json,
          }),
        ),
        nodeId: fc.oneof(fc.constant('n'), json),
        limit: fc.oneof(fc.integer(), json),
        extra: json,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POSTS),
        fc.oneof(json, previewish, fc.string({ maxLength: 200 })),
        async (url, body) => {
          const text =
            typeof body === 'string' ? body : JSON.stringify(body) ?? 'null';
          const res = await post(url, text);
          const allowed = url.endsWith('/runs') ? [400, 202, 409] : [400, 404];
          expect({ status: res.status, allowed }).toEqual({
            status: allowed.includes(res.status) ? res.status : -1,
            allowed,
          });
          // Every allowed answer but 202 is a refusal that says why.
          const message =
            res.status === 202 ? 'accepted' : res.body.error?.message;
          expect(String(message).length).toBeGreaterThan(5);
          expectNothingInternal(res.body);
        },
      ),
      { numRuns: 150, seed: 20261204 },
    );
  });

  it('answers random query strings with 200 or 4xx, never a 500', async () => {
    const key = fc.constantFrom(
      'project',
      'job',
      'dataset',
      'status',
      'limit',
      'cursor',
      'groupBy',
      'from',
      'to',
      'team',
      'ruleKey',
      'project[a]',
      'limit[]',
      'x'.repeat(300),
    );
    const value = fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.constantFrom('hello-world', '-1', '501', '2026-13', 'pipeline', ''),
      fc.string({ minLength: 5000, maxLength: 6000 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/data-mesh/runs',
          '/api/data-mesh/quality',
          '/api/data-mesh/cost',
          '/api/data-mesh/freshness',
        ),
        fc.array(fc.tuple(key, value), { maxLength: 5 }),
        async (path, pairs) => {
          const res = await request(backend.server)
            .get(path)
            .query(
              pairs
                .map(
                  ([k, v]) =>
                    `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
                )
                .join('&'),
            )
            .set('Authorization', OWNER);
          // 404 for a project that is not configured; 431 from Node's
          // HTTP parser for a URL over its 16 KB header limit.
          expect([200, 400, 404, 431]).toContain(res.status);
          expectNothingInternal(res.body);
        },
      ),
      { numRuns: 150, seed: 20261204, interruptAfterTimeLimit: 120_000 },
    );
  });
});

describe.each(['production', 'development'])(
  'a failing request in %s mode',
  mode => {
    const original = process.env.NODE_ENV;
    let backend: Awaited<ReturnType<typeof startBackend>>;

    beforeAll(async () => {
      process.env.NODE_ENV = mode;
      backend = await startBackend({ vanishedProject: true });
    });

    afterAll(async () => {
      await backend?.stop();
      process.env.NODE_ENV = original;
    });

    it('answers with no stack, no server path and no cause', async () => {
      const res = await request(backend.server)
        .get('/api/data-mesh/freshness?project=vanished')
        .set('Authorization', OWNER);
      expect(res.status).toBe(500);
      expect(res.body.error.message).toMatch(
        /failed to answer this request; its log has the details under logId=[0-9a-f]+/,
      );
      expect(res.body.error.cause).toBeUndefined();
      expectNothingInternal(res.body);
      expect(JSON.stringify(res.body)).not.toMatch(/ENOENT|scandir/);

      const deep = await request(backend.server)
        .post('/api/data-mesh/preview')
        .set('Authorization', OWNER)
        .set('Content-Type', 'application/json')
        .send(nested(50_000));
      expect(deep.status).toBe(400);
      expectNothingInternal(deep.body);
    });
  },
);
