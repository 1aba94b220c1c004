import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { JobExecutor } from './jobExecutor';
import { WarehouseEngine } from './WarehouseEngine';

/**
 * Lets backend modules give the data-mesh plugin the warehouses it can use
 * and the platforms that can run its jobs.
 * @public
 */
export interface DataMeshEnginesExtensionPoint {
  addEngine(engine: WarehouseEngine): void;
  /**
   * Adds a platform that runs whole jobs, chosen with
   * `dataMesh.runner.executor`.
   */
  addJobExecutor(executor: JobExecutor): void;
}

/**
 * Extension point through which modules such as
 * `@meshwork/data-mesh-backend-module-duckdb` register warehouse engines.
 * @public
 */
export const dataMeshEnginesExtensionPoint =
  createExtensionPoint<DataMeshEnginesExtensionPoint>({
    id: 'data-mesh.engines',
  });
