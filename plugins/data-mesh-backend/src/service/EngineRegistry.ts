import { ConflictError } from '@backstage/errors';
import { WarehouseEngine } from '@meshwork/data-mesh-node';

/** The warehouse engines that modules registered, by id. */
export class EngineRegistry {
  private readonly engines = new Map<string, WarehouseEngine>();

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
}
