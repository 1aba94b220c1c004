import {
  ExecuteResult,
  JobExecutor,
  QueryCancelledError,
  QueryControl,
  readProjectFolder,
  RemoteJobRequest,
  RemoteJobResult,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import { WarehouseJobExecutor } from '../runs/WarehouseJobExecutor';

/**
 * A warehouse engine whose writing statements wait at a gate while the
 * test holds it, so that a run stays in its first task until the test
 * releases it. A statement waiting there stops like any other when its
 * signal aborts.
 */
export class GatedEngine implements WarehouseEngine {
  readonly id: string;
  readonly dialect: WarehouseEngine['dialect'];
  private gate?: Promise<void>;
  private open?: () => void;
  private arrived?: () => void;
  /** Resolves once a statement waits at the gate. */
  waiting: Promise<void> = Promise.resolve();

  constructor(private readonly engine: WarehouseEngine) {
    this.id = engine.id;
    this.dialect = engine.dialect;
  }

  hold(): void {
    this.gate = new Promise(resolve => {
      this.open = resolve;
    });
    this.waiting = new Promise(resolve => {
      this.arrived = resolve;
    });
  }

  release(): void {
    this.gate = undefined;
    this.open?.();
  }

  async execute(sql: string, options?: QueryControl): Promise<ExecuteResult> {
    if (this.gate) {
      this.arrived?.();
      await untilAborted(this.gate, options?.signal);
    }
    return this.engine.execute(sql, options);
  }

  run: WarehouseEngine['run'] = (sql, options) => this.engine.run(sql, options);
  status: WarehouseEngine['status'] = () => this.engine.status();
  writeTarget: WarehouseEngine['writeTarget'] = (request, options) =>
    this.engine.writeTarget(request, options);
  describeTable: WarehouseEngine['describeTable'] = table =>
    this.engine.describeTable(table);
  tableFreshness: WarehouseEngine['tableFreshness'] = table =>
    this.engine.tableFreshness(table);
  close = async () => this.engine.close?.();
}

function untilAborted(gate: Promise<void>, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const cancel = () => reject(new QueryCancelledError());
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    gate.then(resolve);
  });
}

/**
 * Stands in for Databricks, backed by the test's warehouse: it is sent the
 * compiled bundle like the real executor and answers with an external run
 * id, but writes the data by running the project's pipelines on the
 * warehouse, so that what the runner checks afterwards is real. Like a
 * platform polled now and then, it reports tasks starting while the run
 * goes on and how they ended only with its result.
 *
 * It reports the job file's task keys: Hello World's are the deployed
 * job's as well.
 */
export class WarehouseBackedRemoteExecutor implements JobExecutor {
  readonly id = 'fake-databricks';
  readonly requests: RemoteJobRequest[] = [];

  constructor(
    private readonly engine: WarehouseEngine,
    private readonly projectPath: string,
  ) {}

  async runJob(request: RemoteJobRequest): Promise<RemoteJobResult> {
    this.requests.push(request);
    const externalRunId = String(700 + this.requests.length);
    request.onUpdate?.({ externalRunId, tasks: [] });
    const sources = await readProjectFolder(this.projectPath, {
      sourcesOnly: true,
    });
    const result = await new WarehouseJobExecutor(this.engine).runJob({
      ...request,
      files: sources.map(f => ({ path: f.path, content: f.text })),
      onUpdate: update =>
        request.onUpdate?.({
          externalRunId,
          tasks: update.tasks.map(t => ({
            taskKey: t.taskKey,
            startedAt: t.startedAt,
          })),
        }),
    });
    return {
      ...result,
      externalRunId,
      resultState: `TERMINATED/${
        { succeeded: 'SUCCESS', failed: 'FAILED', cancelled: 'CANCELED' }[
          result.status
        ]
      }`,
    };
  }
}
