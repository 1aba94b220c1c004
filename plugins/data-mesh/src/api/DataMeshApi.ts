import { createApiRef } from '@backstage/frontend-plugin-api';

/** One warehouse engine as the backend reports it. @public */
export interface EngineHealth {
  id: string;
  dialect: 'duckdb' | 'spark';
  state: 'ready' | 'unavailable';
  message?: string;
  tableCount?: number;
}

/** The data-mesh backend's health report. @public */
export interface DataMeshHealth {
  status: 'ok';
  version: string;
  engines: EngineHealth[];
}

/** Typed access to the data-mesh backend. @public */
export interface DataMeshApi {
  getHealth(): Promise<DataMeshHealth>;
}

/**
 * The {@link DataMeshApi} of the app, provided by the plugin's API extension.
 *
 * @public
 */
export const dataMeshApiRef = createApiRef<DataMeshApi>().with({
  id: 'plugin.data-mesh.client',
  pluginId: 'data-mesh',
});
