import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  JobExecutor,
  RemoteJobRequest,
  RemoteJobResult,
} from '@meshwork/data-mesh-node';
import path from 'node:path';
import { DatabaseFactsStore, FactsStore } from '../../database';
import { RunAlerts } from '../alerts/RunAlerts';
import { EngineRegistry } from '../EngineRegistry';
import { ProjectRepository } from '../projects/ProjectRepository';
import {
  AbandonedRunSweeper,
  INTERRUPTED_RUN_ERROR,
} from './AbandonedRunSweeper';
import { JobRunner } from './JobRunner';
import { readRunnerSettings } from './runnerSettings';

/*
 * Two backend replicas on one database, each with its own job runner and
 * instance id, and heartbeats short enough to watch.
 */

jest.setTimeout(60_000);

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
const PLATFORM = 'group:default/platform-team';
const HEARTBEAT_MS = 50;
// Far longer than the interval, so that a slow test machine keeps it.
const TIMEOUT_MS = 1000;

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A platform whose runs go on until they are cancelled or let finish. */
class HeldExecutor implements JobExecutor {
  readonly id = 'held';
  readonly input = 'project' as const;
  readonly requests: RemoteJobRequest[] = [];
  private finish!: () => void;
  private readonly finished = new Promise<void>(resolve => {
    this.finish = resolve;
  });

  async runJob(request: RemoteJobRequest): Promise<RemoteJobResult> {
    this.requests.push(request);
    const externalRunId = String(this.requests.length);
    request.onUpdate?.({
      externalRunId,
      tasks: [{ taskKey: 'customer_orders', startedAt: new Date() }],
    });
    const cancelled = new Promise<void>(resolve =>
      request.signal?.addEventListener('abort', () => resolve(), {
        once: true,
      }),
    );
    await Promise.race([this.finished, cancelled]);
    return request.signal?.aborted
      ? { externalRunId, status: 'cancelled', tasks: [] }
      : { externalRunId, status: 'succeeded', tasks: [] };
  }

  /** Lets the runs in progress, and any later one, finish. */
  letFinish() {
    this.finish();
  }
}

/** The store as a replica reaches it, through a link the test can cut. */
function throughLink(facts: FactsStore) {
  const link = { up: true };
  const store = new Proxy(facts, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        link.up
          ? value.apply(target, args)
          : Promise.reject(new Error('the database is unreachable'));
    },
  });
  return { store, link };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.each(databases.eachSupportedId())('two replicas on %p', id => {
  let facts: DatabaseFactsStore;
  const runners: JobRunner[] = [];
  const executors: HeldExecutor[] = [];

  beforeEach(async () => {
    const knex = await databases.init(id as TestDatabaseId);
    facts = await DatabaseFactsStore.create({
      database: { getClient: async () => knex },
    });
  });

  afterEach(async () => {
    executors.forEach(executor => executor.letFinish());
    await Promise.all(runners.map(runner => runner.stop()));
    runners.length = 0;
    executors.length = 0;
  });

  /** A replica as its plugin starts: it fails what it must, then runs. */
  async function startReplica(
    instanceId: string,
    store: FactsStore = facts,
    afterRun?: () => Promise<void>,
  ) {
    const settings = readRunnerSettings(
      new ConfigReader({
        dataMesh: {
          runner: {
            executor: 'held',
            instanceId,
            heartbeatSeconds: HEARTBEAT_MS / 1000,
            heartbeatTimeoutSeconds: TIMEOUT_MS / 1000,
          },
        },
      }),
    );
    const logger = mockServices.logger.mock();
    const sent: NotificationSendOptions[] = [];
    const alerts = new RunAlerts({
      facts: store,
      notifications: {
        send: async notification => void sent.push(notification),
      },
      logger,
      platformTeam: PLATFORM,
    });
    const sweeper = new AbandonedRunSweeper({
      facts: store,
      alerts,
      logger,
      settings,
    });
    const interrupted = await sweeper.failInterruptedRuns();
    const executor = new HeldExecutor();
    const engines = new EngineRegistry();
    engines.addExecutor(executor);
    const runner = new JobRunner({
      projects: ProjectRepository.forFolders({ 'hello-world': HELLO_WORLD }),
      facts: store,
      engines,
      alerts,
      logger,
      settings,
      afterRun,
    });
    runners.push(runner);
    executors.push(executor);
    return { runner, sweeper, executor, interrupted, sent, logger };
  }

  const run = (runner: JobRunner) =>
    runner.startJob({
      project: 'hello-world',
      job: 'DailySummary',
      trigger: 'manual',
    });

  it('leaves the runs of a live replica alone, and fails them once it stops heart-beating', async () => {
    const link = throughLink(facts);
    const a = await startReplica('replica-a', link.store);
    const started = await run(a.runner);
    await until('for the run to start', async () =>
      a.executor.requests.length > 0 ? true : undefined,
    );

    const b = await startReplica('replica-b');
    expect(b.interrupted).toEqual([]);
    // Longer than the timeout: only A's heartbeat keeps the run alive.
    await sleep(TIMEOUT_MS * 1.5);
    expect(await b.sweeper.sweep()).toEqual([]);
    const alive = await facts.getJobRun(started.id);
    expect(alive).toMatchObject({ status: 'running', instanceId: 'replica-a' });
    expect(Date.now() - alive!.heartbeatAt!.getTime()).toBeLessThan(TIMEOUT_MS);
    // B may not run the job A is running.
    await expect(run(b.runner)).rejects.toThrow(/already running/);

    // A loses the database: it runs on, but can no longer say so.
    link.link.up = false;
    const swept = await until('for B to fail the run', async () => {
      const failed = await b.sweeper.sweep();
      return failed.length > 0 ? failed : undefined;
    });

    expect(swept.map(r => r.id)).toEqual([started.id]);
    const failed = await facts.getJobRun(started.id);
    expect(failed).toMatchObject({
      status: 'failed',
      error:
        'the backend instance running it stopped: no heartbeat for over 1 s',
      tasks: expect.arrayContaining([
        expect.objectContaining({
          taskKey: 'customer_orders',
          status: 'failed',
        }),
      ]),
    });
    expect(b.sent).toEqual([
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: PLATFORM },
        payload: expect.objectContaining({
          title: 'Job DailySummary of hello-world failed',
        }),
      }),
    ]);

    // A reaches the database again, learns that its run ended and stops it.
    link.link.up = true;
    expect(await started.finished).toBe('cancelled');
    expect(await facts.getJobRun(started.id)).toMatchObject({
      status: 'failed',
      error: failed!.error,
    });
    expect(a.sent).toEqual([]);
    // The job is free for either replica.
    const again = await run(b.runner);
    b.executor.letFinish();
    expect(await again.finished).toBe('succeeded');
  });

  it('fails the runs of its own instance id when it starts again, however fresh', async () => {
    const a = await startReplica('replica-a');
    const started = await run(a.runner);
    await until('for the run to start', async () =>
      a.executor.requests.length > 0 ? true : undefined,
    );

    // The same instance id starting again means the old process is gone.
    const restarted = await startReplica('replica-a');

    expect(restarted.interrupted.map(r => r.id)).toEqual([started.id]);
    expect(await facts.getJobRun(started.id)).toMatchObject({
      status: 'failed',
      error: INTERRUPTED_RUN_ERROR,
    });
    expect(restarted.sent).toHaveLength(1);
  });

  it('runs a job again once its last run shows ended, even while that run is still finishing', async () => {
    let afterRunStarted!: () => void;
    let letAfterRunEnd!: () => void;
    const inAfterRun = new Promise<void>(resolve => {
      afterRunStarted = resolve;
    });
    const afterRunHeld = new Promise<void>(resolve => {
      letAfterRunEnd = resolve;
    });
    let afterRunEnded = false;
    let afterRuns = 0;
    // Only the first run's after-run work is held.
    const a = await startReplica('replica-a', facts, async () => {
      if (++afterRuns > 1) return;
      afterRunStarted();
      await afterRunHeld;
      afterRunEnded = true;
    });
    a.executor.letFinish();
    const first = await run(a.runner);
    await inAfterRun;

    expect(await facts.getJobRun(first.id)).toMatchObject({
      status: 'succeeded',
    });
    const second = await run(a.runner);
    expect(second.id).not.toBe(first.id);
    await second.finished;

    // Stopping still waits for what the first run had left to do.
    const stopped = a.runner.stop();
    await sleep(50);
    expect(afterRunEnded).toBe(false);
    letAfterRunEnd();
    await stopped;
    expect(afterRunEnded).toBe(true);
    await first.finished;
  });
});
