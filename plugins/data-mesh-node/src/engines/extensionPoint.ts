import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { WarehouseEngine } from './WarehouseEngine';

/**
 * Lets backend modules give the data-mesh plugin the warehouses it can use.
 * @public
 */
export interface DataMeshEnginesExtensionPoint {
  addEngine(engine: WarehouseEngine): void;
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
