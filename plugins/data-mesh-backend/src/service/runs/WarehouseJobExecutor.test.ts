import {
  ExecuteResult,
  JobExecutorFile,
  QueryControl,
  QuerySyntaxError,
  readProjectFolder,
  RemoteTaskState,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import { compileProject, ManifestJob } from '@meshwork/data-mesh-common';
import path from 'node:path';
import { WarehouseJobExecutor } from './WarehouseJobExecutor';

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
const ORDER = [
  'customer_orders',
  'customer_accounts',
  'account_lengths',
  'compute_sales',
];

/** Records the scripts it is sent; `onExecute` decides how each ends. */
function recordingEngine(
  onExecute: (
    sql: string,
    options?: QueryControl,
  ) => Promise<ExecuteResult> = async () => ({
    rowsAffected: 5,
    elapsedMs: 1,
  }),
) {
  const scripts: string[] = [];
  const unused = async () => {
    throw new Error('a job run only executes scripts');
  };
  const engine: WarehouseEngine = {
    id: 'duckdb',
    dialect: 'duckdb',
    status: unused,
    run: unused,
    writeTarget: unused,
    describeTable: unused,
    tableFreshness: unused,
    execute: async (sql, options) => {
      scripts.push(sql);
      return onExecute(sql, options);
    },
  };
  return { engine, scripts };
}

async function helloWorld(
  edit?: (file: JobExecutorFile) => JobExecutorFile,
): Promise<JobExecutorFile[]> {
  const sources = await readProjectFolder(HELLO_WORLD, { sourcesOnly: true });
  return sources
    .map(f => ({ path: f.path, content: f.text }))
    .map(f => (edit ? edit(f) : f));
}

/** Daily Summary as the runner passes it: from the project's manifest. */
async function dailySummary(): Promise<ManifestJob> {
  const sources = await readProjectFolder(HELLO_WORLD, { sourcesOnly: true });
  return compileProject(sources).manifest.jobs.find(
    job => job.name === 'DailySummary',
  )!;
}

describe('WarehouseJobExecutor', () => {
  it('runs the tasks one at a time in dependency order, reporting each', async () => {
    const { engine, scripts } = recordingEngine();
    const updates: RemoteTaskState[][] = [];

    const result = await new WarehouseJobExecutor(engine).runJob({
      project: 'hello-world',
      job: 'DailySummary',
      manifest: await dailySummary(),
      files: await helloWorld(),
      onUpdate: update => updates.push(update.tasks),
    });

    expect(result.status).toBe('succeeded');
    expect(result.externalRunId).toBeUndefined();
    expect(result.tasks.map(t => t.taskKey)).toEqual(ORDER);
    for (const task of result.tasks) {
      expect(task).toMatchObject({
        status: 'succeeded',
        rowsWritten: 5,
        startedAt: expect.any(Date),
        endedAt: expect.any(Date),
      });
    }
    // Each pipeline in one transaction, its targets prepared first.
    expect(scripts).toHaveLength(4);
    for (const script of scripts) {
      expect(script).toMatch(/^BEGIN TRANSACTION;\n[\s\S]*\nCOMMIT;$/);
    }
    // A start, then an end, per task.
    expect(updates).toHaveLength(8);
    expect(updates[0]).toEqual([
      { taskKey: 'customer_orders', startedAt: expect.any(Date) },
    ]);
    expect(updates[1]).toEqual([
      expect.objectContaining({
        taskKey: 'customer_orders',
        status: 'succeeded',
      }),
    ]);
  });

  it("passes the run's job parameters to the tasks, else their defaults", async () => {
    const asOf = async (parameters?: Record<string, string>) => {
      const { engine, scripts } = recordingEngine();
      const result = await new WarehouseJobExecutor(engine).runJob({
        project: 'hello-world',
        job: 'DailySummary',
        manifest: await dailySummary(),
        files: await helloWorld(),
        ...(parameters && { parameters }),
      });
      return { result, script: scripts[ORDER.indexOf('account_lengths')] };
    };
    const byDefault = await asOf();
    expect(byDefault.result.status).toBe('succeeded');
    expect(byDefault.script).toContain(
      "CAST('2026-06-30' AS DATE) AS as_of_date",
    );
    const given = await asOf({ as_of_date: '2026-01-01' });
    expect(given.script).toContain("CAST('2026-01-01' AS DATE) AS as_of_date");

    const wrong = await asOf({ as_of_date: "2026-01-01'; DROP TABLE x; --" });
    expect(wrong.script).toBeUndefined();
    expect(wrong.result).toEqual({
      status: 'failed',
      tasks: [
        {
          taskKey: 'account_lengths',
          status: 'failed',
          error:
            'task "account_lengths" of job "DailySummary": parameter "as_of_date" of pipeline "account_length_days" (from job parameter "as_of_date"): "2026-01-01\'; DROP TABLE x; --" is not a date (YYYY-MM-DD)',
        },
      ],
    });
  });

  it('writes nothing when a pipeline of the job does not compile', async () => {
    const { engine, scripts } = recordingEngine();

    const result = await new WarehouseJobExecutor(engine).runJob({
      project: 'hello-world',
      job: 'DailySummary',
      manifest: await dailySummary(),
      files: await helloWorld(file =>
        file.path === 'pipelines/ComputeSales.pipeline.yaml'
          ? {
              ...file,
              content: file.content.replace(
                "order_status = 'completed'",
                "no_such_status = 'completed'",
              ),
            }
          : file,
      ),
    });

    expect(scripts).toEqual([]);
    expect(result).toEqual({
      status: 'failed',
      tasks: [
        {
          taskKey: 'compute_sales',
          status: 'failed',
          error: expect.stringMatching(/no_such_status/),
        },
      ],
    });
  });

  it('ends the job at the first task that fails', async () => {
    const { engine, scripts } = recordingEngine(async () => {
      throw new QuerySyntaxError('Table bronze.orders does not exist');
    });

    const result = await new WarehouseJobExecutor(engine).runJob({
      project: 'hello-world',
      job: 'DailySummary',
      manifest: await dailySummary(),
      files: await helloWorld(),
    });

    expect(scripts).toHaveLength(1);
    expect(result).toEqual({
      status: 'failed',
      tasks: [
        expect.objectContaining({
          taskKey: 'customer_orders',
          status: 'failed',
          error: 'Table bronze.orders does not exist',
          startedAt: expect.any(Date),
        }),
      ],
    });
  });

  it('reports the task it was running as cancelled when the run is', async () => {
    const controller = new AbortController();
    const { engine } = recordingEngine(
      (_sql, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () =>
            reject(new Error('interrupted')),
          );
          controller.abort();
        }),
    );

    const result = await new WarehouseJobExecutor(engine).runJob({
      project: 'hello-world',
      job: 'DailySummary',
      manifest: await dailySummary(),
      files: await helloWorld(),
      signal: controller.signal,
    });

    expect(result).toEqual({
      status: 'cancelled',
      tasks: [
        expect.objectContaining({
          taskKey: 'customer_orders',
          status: 'cancelled',
          error: 'interrupted',
        }),
      ],
    });
  });
});
