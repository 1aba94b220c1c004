import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DATA_MESH_PLUGIN_ID } from '@meshwork/data-mesh-common';
import { DataMeshApi, DataMeshHealth } from './DataMeshApi';

/** The default {@link DataMeshApi}, over the backend's REST API. @public */
export class DataMeshClient implements DataMeshApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getHealth(): Promise<DataMeshHealth> {
    return this.get('/health');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      DATA_MESH_PLUGIN_ID,
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
