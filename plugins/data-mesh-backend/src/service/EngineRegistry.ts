import { ConflictError } from '@backstage/errors';
import { JobExecutor, WarehouseEngine } from '@meshwork/data-mesh-node';

/** The warehouse engines and job executors that modules registered, by id. */
export class EngineRegistry {
  private readonly engines = new Map<string, WarehouseEngine>();
  private readonly executors = new Map<string, JobExecutor>();

  add(engine: WarehouseEngine): void {
    if (this.engines.has(engine.id)) {
      throw new ConflictError(
        `A warehouse engine with id '${engine.id}' is already registered`,
      );
    }
    this.engines.set(engine.id, engine);
  }

  list(): WarehouseEngine[] {
    return [...this.engines.values()];
  }

  engine(id: string): WarehouseEngine | undefined {
    return this.engines.get(id);
  }

  addExecutor(executor: JobExecutor): void {
    if (this.executors.has(executor.id)) {
      throw new ConflictError(
        `A job executor with id '${executor.id}' is already registered`,
      );
    }
    this.executors.set(executor.id, executor);
  }

  executor(id: string): JobExecutor | undefined {
    return this.executors.get(id);
  }
}
