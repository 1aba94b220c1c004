/** @jest-environment node */
import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';
import {
  commitProjectFolder,
  samUser,
} from './__testUtils__/projectRepository';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const workspace = helloWorldWorkspaces('data-mesh-pipeline-tests-');

const TESTS = '/api/data-mesh/projects/hello-world/tests';
const RULE_TESTS = 'tests/CommonSalesClassification.test.yaml';

describe.each(databases.eachSupportedId())(
  'the pipeline tests endpoints, on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startDemoBackend>>;
    let ws: ReturnType<ReturnType<typeof helloWorldWorkspaces>>;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ws = workspace();
      await commitProjectFolder(ws.project);
      backend = await startDemoBackend({
        knex,
        dataMesh: { engines: { duckdb: { path: ws.warehouse } } },
        catalog: [dataProjectComponent('hello-world', ws.project), samUser],
      });
    });
    afterAll(async () => {
      await backend?.stop();
    });

    const as = (user: string | null) => ({
      get: (url: string) =>
        request(backend.server)
          .get(url)
          .set('Authorization', authorizationOf(user)),
      post: (url: string, body: object) =>
        request(backend.server)
          .post(url)
          .set('Authorization', authorizationOf(user))
          .send(body),
    });

    it('lists the tests to every reader; only the owning and platform teams may run them', async () => {
      expect((await as(null).get(TESTS)).status).toBe(401);
      expect((await as(null).post(`${TESTS}/runs`, {})).status).toBe(401);

      const consumer = await as(ROLES.consumer).get(TESTS);
      expect(consumer.status).toBe(200);
      expect(consumer.body.canRun).toBe(false);
      expect(consumer.body.tests).toHaveLength(17);
      expect(
        consumer.body.tests.find(
          (t: { file: string }) => t.file === RULE_TESTS,
        ),
      ).toEqual({
        file: RULE_TESTS,
        name: 'public sector and education are Public, whatever the size',
        subject: { kind: 'rule', name: 'CommonSalesClassification' },
      });
      const refused = await as(ROLES.consumer).post(`${TESTS}/runs`, {});
      expect(refused.status).toBe(403);

      for (const user of [ROLES.owner, ROLES.platform]) {
        expect((await as(user).get(TESTS)).body.canRun).toBe(true);
      }
    });

    it('runs them, keeps each result and shows it as the last one', async () => {
      const run = await as(ROLES.owner).post(`${TESTS}/runs`, {});
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ passed: 17, failed: 0, errors: 0 });
      expect(run.body.results[0]).toMatchObject({
        file: expect.stringMatching(/^tests\/.*\.test\.yaml$/),
        status: 'passed',
        ranBy: ROLES.owner,
      });

      const rule = await as(ROLES.platform).post(`${TESTS}/runs`, {
        subject: 'CommonSalesClassification',
      });
      expect(rule.body).toMatchObject({ passed: 5, failed: 0 });
      expect(
        new Set(rule.body.results.map((r: { file: string }) => r.file)),
      ).toEqual(new Set([RULE_TESTS]));

      const listed = await as(ROLES.consumer).get(TESTS);
      const byFile = (file: string) =>
        listed.body.tests.filter((t: { file: string }) => t.file === file);
      for (const test of byFile(RULE_TESTS)) {
        expect(test.lastResult).toMatchObject({
          status: 'passed',
          ranBy: ROLES.platform,
        });
      }
      for (const test of byFile('tests/ComputeSales.test.yaml')) {
        expect(test.lastResult).toMatchObject({ ranBy: ROLES.owner });
      }
    });

    it('a rule giving a wrong segment fails its test with the row diff', async () => {
      ws.edit('rules/CommonSalesClassification.rule.yaml', text =>
        text.replace('then: Strategic', 'then: Mid-market'),
      );
      try {
        const run = await as(ROLES.owner).post(`${TESTS}/runs`, {
          subject: 'CommonSalesClassification',
        });
        expect(run.status).toBe(200);
        expect(run.body.failed).toBe(1);
        const failed = run.body.results.find(
          (r: { status: string }) => r.status === 'failed',
        );
        expect(failed.name).toBe(
          'enterprises in North America and Europe are Strategic',
        );
        expect(failed.detail).toContain('Mid-market');
        const listed = await as(ROLES.owner).get(TESTS);
        expect(
          listed.body.tests.find(
            (t: { name: string }) => t.name === failed.name,
          ).lastResult,
        ).toMatchObject({ status: 'failed', detail: failed.detail });
      } finally {
        ws.edit('rules/CommonSalesClassification.rule.yaml', text =>
          text.replace('then: Mid-market', 'then: Strategic'),
        );
      }
    });

    it('answers bad input with a 400 naming the field', async () => {
      const unknown = await as(ROLES.owner).post(`${TESTS}/runs`, {
        subject: 'NoSuchPipeline',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /subject: no tests of 'NoSuchPipeline'.*CommonSalesClassification/,
      );
      const ref = await as(ROLES.owner).get(`${TESTS}?ref=../../etc`);
      expect(ref.status).toBe(400);
      expect(ref.body.error.message).toMatch(/ref/);
      const noBranch = await as(ROLES.owner).get(`${TESTS}?ref=no-such-branch`);
      expect(noBranch.status).toBe(400);
      expect(noBranch.body.error.message).toMatch(/^ref: /);
      const extra = await as(ROLES.owner).post(`${TESTS}/runs`, { all: true });
      expect(extra.status).toBe(400);
      expect(
        (await as(ROLES.owner).get('/api/data-mesh/projects/nope/tests'))
          .status,
      ).toBe(404);
    });

    it('lists the tests at a branch', async () => {
      const main = await as(ROLES.owner).get(`${TESTS}?ref=main`);
      expect(main.status).toBe(200);
      expect(main.body).toMatchObject({ ref: 'main' });
      expect(main.body.tests).toHaveLength(17);
    });
  },
);
