/** @jest-environment node */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { DatabaseFactsStore } from '../database';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';
import { usageMonth } from './budgets/budgetUsage';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const workspace = helloWorldWorkspaces('data-mesh-monitoring-');

type Caller = 'none' | keyof typeof ROLES;
const header = (caller: Caller) =>
  authorizationOf(caller === 'none' ? null : ROLES[caller]);

const SALES = 'group:default/sales-analytics';
const FINANCE = 'group:default/finance-insights';
const HOUR = 3_600_000;

describe.each(databases.eachSupportedId())(
  'the monitoring and budgets API on %p',
  id => {
    let backend: Awaited<ReturnType<typeof startDemoBackend>>;
    let facts: DatabaseFactsStore;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const knex = await databases.init(id as TestDatabaseId);
      const ws = workspace();
      // A second project, owned by finance-insights, next to Hello World.
      const finance = path.join(path.dirname(ws.project), 'finance-reports');
      fs.cpSync(ws.project, finance, { recursive: true });
      const meshwork = path.join(finance, 'meshwork.yaml');
      fs.writeFileSync(
        meshwork,
        fs
          .readFileSync(meshwork, 'utf8')
          .replace('name: hello-world', 'name: finance-reports')
          .replace(`owner: ${SALES}`, `owner: ${FINANCE}`),
      );
      backend = await startDemoBackend({
        knex,
        dataMesh: {
          engines: { duckdb: { path: ws.warehouse } },
          runner: { enabled: false },
          budgets: {
            teams: [
              { team: SALES, monthlyDbus: 500 },
              { team: 'finance-insights', monthlyDbus: 200 },
              { team: 'group:default/platform-team', monthlyDbus: 50 },
            ],
            projects: [{ project: 'hello-world', monthlyDbus: 300 }],
          },
        },
        catalog: [
          dataProjectComponent('hello-world', ws.project),
          dataProjectComponent('finance-reports', finance),
        ],
      });
      facts = await DatabaseFactsStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      await seedFacts();
    });

    afterAll(async () => {
      await backend?.stop();
    });

    async function failedRun(project: string, job: string, error: string) {
      const queuedAt = new Date(Date.now() - 2 * HOUR);
      const run = await facts.createJobRun({
        project,
        job,
        trigger: 'schedule',
        engine: 'duckdb',
        status: 'running',
        queuedAt,
        startedAt: queuedAt,
      });
      const ok = await facts.createTaskRun({
        jobRunId: run.id,
        taskKey: 'customer_orders',
        pipeline: 'CustomerAccounts',
        status: 'running',
        startedAt: queuedAt,
      });
      await facts.finishTaskRun(ok.id, {
        status: 'succeeded',
        endedAt: queuedAt,
      });
      const bad = await facts.createTaskRun({
        jobRunId: run.id,
        taskKey: 'compute_sales',
        pipeline: 'ComputeSales',
        status: 'running',
        startedAt: queuedAt,
      });
      await facts.finishTaskRun(bad.id, {
        status: 'failed',
        endedAt: new Date(queuedAt.getTime() + 60_000),
        error,
      });
      await facts.finishJobRun(run.id, {
        status: 'failed',
        endedAt: new Date(queuedAt.getTime() + 60_000),
        error: 'Task compute_sales failed',
      });
      return run.id;
    }

    async function seedFacts() {
      const month = usageMonth(new Date());
      // Hello World: DailySummary failed last; Job-Test failed, then succeeded.
      await failedRun('hello-world', 'Job-Test', 'an older failure');
      const recovered = await facts.createJobRun({
        project: 'hello-world',
        job: 'Job-Test',
        trigger: 'manual',
        engine: 'duckdb',
        queuedAt: new Date(Date.now() - HOUR),
      });
      await facts.finishJobRun(recovered.id, {
        status: 'succeeded',
        endedAt: new Date(Date.now() - HOUR),
      });
      ids.helloFailed = await failedRun(
        'hello-world',
        'DailySummary',
        'DIVIDE_BY_ZERO: Division by zero in completed_lines',
      );
      ids.financeFailed = await failedRun(
        'finance-reports',
        'DailySummary',
        'TABLE_OR_VIEW_NOT_FOUND: main.finance.ledger',
      );
      // TotalSales' row count passed in one run and failed in the next.
      ids.goodRun = recovered.id;
      await facts.recordQualityResults([
        {
          jobRunId: recovered.id,
          dataset: 'TotalSales',
          ruleKey: 'row_count',
          ruleLabel: 'at least 1 row',
          status: 'pass',
          observed: '120',
          evaluatedAt: new Date(Date.now() - HOUR),
        },
      ]);
      await facts.recordQualityResults([
        {
          jobRunId: ids.helloFailed,
          dataset: 'TotalSales',
          ruleKey: 'row_count',
          ruleLabel: 'at least 1 row',
          status: 'fail',
          observed: '0',
          message: 'Expected at least 1 row, found 0',
          evaluatedAt: new Date(Date.now() - HOUR / 2),
        },
        {
          jobRunId: ids.helloFailed,
          dataset: 'TotalSales',
          ruleKey: 'not_null:total',
          ruleLabel: 'total is not null',
          status: 'pass',
          evaluatedAt: new Date(Date.now() - HOUR / 2),
        },
      ]);
      // CustomerOrder (SLA 26 hours) was last written three days ago.
      await facts.recordFreshness({
        project: 'hello-world',
        dataset: 'CustomerOrder',
        tableName: 'customer_orders',
        writtenAt: new Date(Date.now() - 72 * HOUR),
      });
      for (const [project, team, dbus, run] of [
        ['hello-world', SALES, 270, ids.helloFailed],
        ['finance-reports', FINANCE, 30, ids.financeFailed],
      ] as const) {
        await facts.recordCost({
          jobRunId: run,
          project,
          pipeline: 'ComputeSales',
          team,
          dbus,
          source: 'estimate',
          usageMonth: month,
          recordedAt: new Date(),
        });
      }
    }

    const get = (url: string, caller: Caller) =>
      request(backend.server).get(url).set('Authorization', header(caller));

    it('refuses callers without a token', async () => {
      expect((await get('/api/data-mesh/monitoring', 'none')).status).toBe(401);
      expect((await get('/api/data-mesh/budgets', 'none')).status).toBe(401);
    });

    it("shows each user their teams' projects, and the platform team all", async () => {
      const scope = async (caller: Caller) => {
        const res = await get('/api/data-mesh/monitoring', caller);
        expect(res.status).toBe(200);
        return {
          projects: res.body.projects,
          failing: res.body.failingJobs.map(
            (j: { project: string; job: string }) => `${j.project}/${j.job}`,
          ),
          budgets: res.body.budgets.map(
            (b: { scope: string; name: string }) => `${b.scope}:${b.name}`,
          ),
        };
      };
      expect(await scope('owner')).toEqual({
        projects: ['hello-world'],
        failing: ['hello-world/DailySummary'],
        budgets: [`team:${SALES}`, 'project:hello-world'],
      });
      expect(await scope('consumer')).toEqual({
        projects: ['finance-reports'],
        failing: ['finance-reports/DailySummary'],
        budgets: [`team:${FINANCE}`],
      });
      expect(await scope('platform')).toEqual({
        projects: ['finance-reports', 'hello-world'],
        failing: ['finance-reports/DailySummary', 'hello-world/DailySummary'],
        budgets: [
          `team:${FINANCE}`,
          'team:group:default/platform-team',
          `team:${SALES}`,
          'project:hello-world',
        ],
      });
    });

    it('says what is wrong and where to fix it', async () => {
      const { body } = await get('/api/data-mesh/monitoring', 'owner');
      expect(body.failingJobs).toEqual([
        expect.objectContaining({
          project: 'hello-world',
          job: 'DailySummary',
          jobRunId: ids.helloFailed,
          task: 'compute_sales',
          error: 'DIVIDE_BY_ZERO: Division by zero in completed_lines',
          entityRef: 'component:default/hello-world',
          link: '/catalog/default/component/hello-world',
          runLink: `/catalog/default/component/hello-world/runs?run=${ids.helloFailed}`,
        }),
      ]);
      expect(body.missedSlas).toEqual([
        expect.objectContaining({
          project: 'hello-world',
          dataset: 'CustomerOrder',
          slaHours: 26,
          entityRef: 'dataproduct:default/customer-order',
          link: '/catalog/default/dataproduct/customer-order',
        }),
      ]);
      expect(body.missedSlas[0].message).toMatch(/26/);
      expect(body.qualityBreaches).toEqual([
        expect.objectContaining({
          project: 'hello-world',
          dataset: 'TotalSales',
          ruleKey: 'row_count',
          status: 'fail',
          observed: '0',
          message: 'Expected at least 1 row, found 0',
          jobRunId: ids.helloFailed,
          lastGoodRunId: ids.goodRun,
          entityRef: 'dataproduct:default/total-sales',
          link: '/catalog/default/dataproduct/total-sales',
        }),
      ]);
      const month = usageMonth(new Date());
      expect(body.budgets).toEqual([
        {
          scope: 'team',
          name: SALES,
          month,
          budgetDbus: 500,
          usedDbus: 270,
          ratio: 0.54,
          estimated: true,
          entityRef: SALES,
          link: '/catalog/default/group/sales-analytics',
        },
        {
          scope: 'project',
          name: 'hello-world',
          month,
          budgetDbus: 300,
          usedDbus: 270,
          ratio: 0.9,
          estimated: true,
          entityRef: 'component:default/hello-world',
          link: '/catalog/default/component/hello-world',
        },
      ]);
    });

    it('lists budgets by project and team', async () => {
      const names = async (query: string) => {
        const res = await get(`/api/data-mesh/budgets${query}`, 'consumer');
        expect(res.status).toBe(200);
        return res.body.items.map(
          (b: { scope: string; name: string; usedDbus: number }) =>
            `${b.scope}:${b.name}=${b.usedDbus}`,
        );
      };
      expect(await names('')).toEqual([
        `team:${FINANCE}=30`,
        'team:group:default/platform-team=0',
        `team:${SALES}=270`,
        'project:hello-world=270',
      ]);
      expect(await names('?project=hello-world')).toEqual([
        'project:hello-world=270',
      ]);
      expect(await names('?team=sales-analytics')).toEqual([
        `team:${SALES}=270`,
      ]);
      expect(
        await names(`?project=hello-world&team=${encodeURIComponent(FINANCE)}`),
      ).toEqual([`team:${FINANCE}=30`, 'project:hello-world=270']);
      const missing = await get(
        '/api/data-mesh/budgets?project=nowhere',
        'owner',
      );
      expect(missing.status).toBe(404);
      const unknown = await get(
        '/api/data-mesh/budgets?month=2026-01',
        'owner',
      );
      expect(unknown.status).toBe(400);
    });
  },
);
