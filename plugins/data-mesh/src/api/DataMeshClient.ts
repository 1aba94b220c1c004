import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DATA_MESH_PLUGIN_ID } from '@meshwork/data-mesh-common';
import { DataMeshApi, DataMeshRequestOptions } from './DataMeshApi';
import type {
  CostRollupPage,
  CostRollupQuery,
  DataMeshHealth,
  DatasetFreshnessPage,
  JobRunDetails,
  JobRunPage,
  ListFreshnessQuery,
  ListQualityResultsQuery,
  ListRunsQuery,
  PreviewRequest,
  PreviewResponse,
  QualityResultPage,
  RunAccepted,
} from './types';

type Query = Record<string, string | number | undefined>;

/** The default {@link DataMeshApi}, over the backend's REST API. @public */
export class DataMeshClient implements DataMeshApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getHealth(): Promise<DataMeshHealth> {
    return this.request('GET', '/health');
  }

  listRuns(query: ListRunsQuery = {}): Promise<JobRunPage> {
    return this.request('GET', '/runs', { query });
  }

  getRun(id: string): Promise<JobRunDetails> {
    return this.request('GET', `/runs/${encodeURIComponent(id)}`);
  }

  listQualityResults(
    query: ListQualityResultsQuery,
  ): Promise<QualityResultPage> {
    return this.request('GET', '/quality', { query });
  }

  getCostRollup(query: CostRollupQuery): Promise<CostRollupPage> {
    return this.request('GET', '/cost', { query });
  }

  listFreshness(query: ListFreshnessQuery = {}): Promise<DatasetFreshnessPage> {
    return this.request('GET', '/freshness', { query });
  }

  runJob(project: string, job: string): Promise<RunAccepted> {
    return this.request(
      'POST',
      `/projects/${encodeURIComponent(project)}/jobs/${encodeURIComponent(
        job,
      )}/runs`,
      { body: {} },
    );
  }

  preview(
    request: PreviewRequest,
    options?: DataMeshRequestOptions,
  ): Promise<PreviewResponse> {
    return this.request('POST', '/preview', {
      body: request,
      signal: options?.signal,
    });
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      DATA_MESH_PLUGIN_ID,
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}${queryString(options.query)}`,
      {
        method,
        signal: options.signal,
        ...(options.body !== undefined && {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(options.body),
        }),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `?a=1&b=x` of the defined values, or nothing. */
function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
