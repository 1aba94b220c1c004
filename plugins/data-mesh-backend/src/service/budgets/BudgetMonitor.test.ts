import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { DatabaseFactsStore } from '../../database';
import { ProjectRepository } from '../projects/ProjectRepository';
import { BudgetDefinition } from './budgetSettings';
import { BudgetMonitor } from './BudgetMonitor';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SALES = 'group:default/sales-analytics';
const PLATFORM = 'group:default/platform-team';
const NOW = new Date('2026-12-10T12:00:00Z');

const BUDGETS: BudgetDefinition[] = [
  { scope: 'team', name: SALES, monthlyDbus: 100 },
  { scope: 'project', name: 'hello-world', monthlyDbus: 50 },
];

/** Only the owners are asked of the projects. */
const projects = {
  owners: async (name: string) => {
    if (name === 'hello-world') return ['sales-analytics'];
    throw new Error(`no project ${name}`);
  },
} as unknown as ProjectRepository;

describe.each(databases.eachSupportedId())('BudgetMonitor on %p', id => {
  let knex: Knex;
  let facts: DatabaseFactsStore;
  let sent: NotificationSendOptions[];
  let runs = 0;

  beforeEach(async () => {
    knex = await databases.init(id as TestDatabaseId);
    facts = await DatabaseFactsStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    sent = [];
  });

  /** A monitor as one backend replica runs it, on the shared database. */
  const replica = (
    send = async (n: NotificationSendOptions) => {
      sent.push(n);
    },
  ) =>
    new BudgetMonitor({
      facts,
      projects,
      notifications: { send },
      logger: mockServices.logger.mock(),
      budgets: BUDGETS,
      platformTeam: PLATFORM,
    });

  async function spend(
    dbus: number,
    options: {
      project?: string;
      pipeline?: string;
      team?: string;
      month?: string;
    } = {},
  ) {
    const run = await facts.createJobRun({
      project: options.project ?? 'hello-world',
      job: 'DailySummary',
      trigger: 'schedule',
      engine: 'duckdb',
      queuedAt: NOW,
    });
    runs += 1;
    await facts.recordCost({
      jobRunId: run.id,
      project: options.project ?? 'hello-world',
      pipeline: options.pipeline ?? 'ComputeSales',
      team: options.team ?? 'sales-analytics',
      dbus,
      source: 'estimate',
      usageMonth: options.month ?? '2026-12',
      recordedAt: NOW,
    });
  }

  const titles = () => sent.map(n => n.payload.title);

  it('notifies at 80 % and at 100 %, once each per budget and month', async () => {
    await spend(39, { pipeline: 'CustomerAccounts' });
    await replica().check(NOW);
    expect(sent).toEqual([]);

    await spend(2); // hello-world: 41 of 50
    await replica().check(NOW);
    await replica().check(NOW);
    expect(titles()).toEqual([
      'Project hello-world has used 82 % of its DBU budget for 2026-12',
    ]);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: [SALES, PLATFORM] },
      payload: {
        link: '/catalog/default/component/hello-world',
        severity: 'normal',
        topic: 'data-mesh:budget',
        scope: 'budget:project:hello-world:2026-12:80',
      },
    });
    expect(sent[0].payload.description).toBe(
      '41 of 50 DBUs, partly estimated until billed. Most DBUs this month: ' +
        'hello-world/CustomerAccounts 39 DBUs (/catalog/default/component/hello-world); ' +
        'hello-world/ComputeSales 2 DBUs (/catalog/default/component/hello-world). ' +
        'Check the schedules and runs of the costliest pipelines before the budget runs out.',
    );

    // A restarted backend remembers; the next threshold still notifies.
    await spend(40, { project: 'other', team: SALES });
    await spend(10); // hello-world: 51 of 50; the team: 91 of 100
    await replica().check(NOW);
    await replica().check(NOW);
    expect(titles()).toEqual([
      'Project hello-world has used 82 % of its DBU budget for 2026-12',
      'Team sales-analytics has used 91 % of its DBU budget for 2026-12',
      'Project hello-world has used its DBU budget for 2026-12 (102 %)',
    ]);
    // The team's budget counts both spellings of the team.
    expect(sent[1].recipients).toEqual({
      type: 'entity',
      entityRef: [SALES, PLATFORM],
    });
    expect(sent[1].payload.link).toBe('/catalog/default/group/sales-analytics');
    expect(sent[2].payload.severity).toBe('high');
    expect(sent[2].payload.description).toContain(
      'Pause or reschedule the costliest jobs, or ask the platform team to raise the budget.',
    );

    // A new month starts afresh; last month's usage no longer counts.
    const january = new Date('2027-01-02T00:00:00Z');
    await replica().check(january);
    expect(sent).toHaveLength(3);
    await spend(45, { month: '2027-01' });
    await replica().check(january);
    expect(titles()[3]).toBe(
      'Project hello-world has used 90 % of its DBU budget for 2027-01',
    );
  });

  it('reports only the highest threshold a jump crosses', async () => {
    await spend(120);
    await replica().check(NOW);
    expect(titles()).toEqual([
      'Team sales-analytics has used its DBU budget for 2026-12 (120 %)',
      'Project hello-world has used its DBU budget for 2026-12 (240 %)',
    ]);
    await replica().check(NOW);
    expect(sent).toHaveLength(2);
  });

  it('notifies once when replicas check at the same moment', async () => {
    await spend(45);
    await Promise.all([1, 2, 3, 4].map(() => replica().check(NOW)));
    expect(titles()).toEqual([
      'Project hello-world has used 90 % of its DBU budget for 2026-12',
    ]);
  });

  it('tries again on the next check when sending fails', async () => {
    await spend(45);
    await replica(async () => {
      throw new Error('notifications backend is down');
    }).check(NOW);
    expect(sent).toEqual([]);
    await replica().check(NOW);
    expect(titles()).toEqual([
      'Project hello-world has used 90 % of its DBU budget for 2026-12',
    ]);
  });

  it('reaches the platform team for a project that is gone', async () => {
    const monitor = new BudgetMonitor({
      facts,
      projects,
      notifications: {
        send: async n => {
          sent.push(n);
        },
      },
      logger: mockServices.logger.mock(),
      budgets: [{ scope: 'project', name: 'retired', monthlyDbus: 10 }],
      platformTeam: PLATFORM,
    });
    await spend(9, { project: 'retired' });
    await monitor.check(NOW);
    expect(sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: [PLATFORM] },
    ]);
    expect(runs).toBeGreaterThan(0);
  });
});
