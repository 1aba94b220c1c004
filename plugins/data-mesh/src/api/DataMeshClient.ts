import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DATA_MESH_PLUGIN_ID } from '@meshwork/data-mesh-common';
import { DataMeshApi, DataMeshRequestOptions } from './DataMeshApi';
import type {
  ColumnImpact,
  DatasetLineage,
  BudgetList,
  BudgetsQuery,
  MonitoringSummary,
  CostRollupPage,
  CostRollupQuery,
  DataMeshHealth,
  DataProjectStructure,
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
  DatasetReads,
  DatasetSample,
  ListSubscriptionsQuery,
  Subscription,
  SubscriptionAction,
  SubscriptionDetails,
  SubscriptionList,
  SubscriptionRequest,
  PipelineCommit,
  PipelineCommitRequest,
  PipelineDraft,
  PipelineHistory,
  PipelineSource,
  JobCommitRequest,
  PullRequest,
  PullRequestRequest,
  PipelineTestRun,
  PipelineTestRunRequest,
  PipelineTests,
  JobSource,
} from './types';

type Query = Record<string, string | number | undefined>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function pipelinePath(project: string, pipeline: string): string {
  return `/projects/${encodeURIComponent(
    project,
  )}/pipelines/${encodeURIComponent(pipeline)}`;
}

function jobPath(project: string, job: string): string {
  return `/projects/${encodeURIComponent(project)}/jobs/${encodeURIComponent(
    job,
  )}`;
}

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

  getBudgets(query: BudgetsQuery = {}): Promise<BudgetList> {
    return this.request('GET', '/budgets', { query });
  }

  getMonitoringSummary(): Promise<MonitoringSummary> {
    return this.request('GET', '/monitoring');
  }

  getProject(project: string): Promise<DataProjectStructure> {
    return this.request('GET', `/projects/${encodeURIComponent(project)}`);
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

  async getDatasetOdcs(project: string, dataset: string): Promise<string> {
    const response = await this.send(
      'GET',
      `/projects/${encodeURIComponent(project)}/datasets/${encodeURIComponent(
        dataset,
      )}/odcs`,
    );
    return response.text();
  }

  getDatasetLineage(
    project: string,
    dataset: string,
    options: { depth?: number } = {},
  ): Promise<DatasetLineage> {
    return this.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/datasets/${encodeURIComponent(
        dataset,
      )}/lineage`,
      { query: { depth: options.depth } },
    );
  }

  getColumnImpact(
    project: string,
    dataset: string,
    column: string,
  ): Promise<ColumnImpact> {
    return this.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/datasets/${encodeURIComponent(
        dataset,
      )}/columns/${encodeURIComponent(column)}/impact`,
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

  requestSubscription(request: SubscriptionRequest): Promise<Subscription> {
    return this.request('POST', '/subscriptions', { body: request });
  }

  listSubscriptions(
    query: ListSubscriptionsQuery = {},
  ): Promise<SubscriptionList> {
    return this.request('GET', '/subscriptions', {
      query: {
        product: query.product,
        team: query.team,
        state: query.state,
        mine: query.mine === undefined ? undefined : String(query.mine),
      },
    });
  }

  getSubscription(id: string): Promise<SubscriptionDetails> {
    return this.request('GET', `/subscriptions/${encodeURIComponent(id)}`);
  }

  decideSubscription(
    id: string,
    action: SubscriptionAction,
    reason?: string,
  ): Promise<SubscriptionDetails> {
    return this.request(
      'POST',
      `/subscriptions/${encodeURIComponent(id)}/${encodeURIComponent(action)}`,
      { body: reason === undefined ? {} : { reason } },
    );
  }

  getDatasetSample(project: string, dataset: string): Promise<DatasetSample> {
    return this.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/datasets/${encodeURIComponent(
        dataset,
      )}/sample`,
    );
  }

  getDatasetReads(project: string, dataset: string): Promise<DatasetReads> {
    return this.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/datasets/${encodeURIComponent(
        dataset,
      )}/reads`,
    );
  }

  getPipelineSource(
    project: string,
    pipeline: string,
    options: { at?: string } = {},
  ): Promise<PipelineSource> {
    return this.request('GET', `${pipelinePath(project, pipeline)}/source`, {
      query: { at: options.at },
    });
  }

  commitPipeline(
    project: string,
    pipeline: string,
    request: PipelineCommitRequest,
  ): Promise<PipelineCommit> {
    return this.request('POST', `${pipelinePath(project, pipeline)}/commits`, {
      body: request,
    });
  }

  openPipelinePullRequest(
    project: string,
    pipeline: string,
    request: PullRequestRequest,
  ): Promise<PullRequest> {
    return this.request(
      'POST',
      `${pipelinePath(project, pipeline)}/pull-request`,
      { body: request },
    );
  }

  listPipelineCommits(
    project: string,
    pipeline: string,
  ): Promise<PipelineHistory> {
    return this.request('GET', `${pipelinePath(project, pipeline)}/commits`);
  }

  revertPipelineCommit(
    project: string,
    pipeline: string,
    commit: string,
  ): Promise<PipelineCommit> {
    return this.request('POST', `${pipelinePath(project, pipeline)}/reverts`, {
      body: { commit },
    });
  }

  async getPipelineDraft(
    project: string,
    pipeline: string,
  ): Promise<PipelineDraft | undefined> {
    try {
      return await this.request<PipelineDraft>(
        'GET',
        `${pipelinePath(project, pipeline)}/draft`,
      );
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  savePipelineDraft(
    project: string,
    pipeline: string,
    draft: { text: string; baseCommit: string },
  ): Promise<PipelineDraft> {
    return this.request('PUT', `${pipelinePath(project, pipeline)}/draft`, {
      body: draft,
    });
  }

  async discardPipelineDraft(project: string, pipeline: string): Promise<void> {
    await this.send('DELETE', `${pipelinePath(project, pipeline)}/draft`);
  }

  getJobSource(project: string, job: string): Promise<JobSource> {
    return this.request('GET', `${jobPath(project, job)}/source`);
  }

  commitJob(
    project: string,
    job: string,
    request: JobCommitRequest,
  ): Promise<PipelineCommit> {
    return this.request('POST', `${jobPath(project, job)}/commits`, {
      body: request,
    });
  }

  openJobPullRequest(
    project: string,
    job: string,
    request: PullRequestRequest,
  ): Promise<PullRequest> {
    return this.request('POST', `${jobPath(project, job)}/pull-request`, {
      body: request,
    });
  }

  getPipelineTests(
    project: string,
    options: { ref?: string } = {},
  ): Promise<PipelineTests> {
    return this.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/tests`,
      { query: options.ref ? { ref: options.ref } : {} },
    );
  }

  runPipelineTests(
    project: string,
    request: PipelineTestRunRequest,
  ): Promise<PipelineTestRun> {
    return this.request(
      'POST',
      `/projects/${encodeURIComponent(project)}/tests/runs`,
      { body: request },
    );
  }

  private async request<T>(
    method: Method,
    path: string,
    options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> {
    const response = await this.send(method, path, options);
    return (await response.json()) as T;
  }

  /** The backend's answer to a request; a `ResponseError` unless it is OK. */
  private async send(
    method: Method,
    path: string,
    options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<Response> {
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
    return response;
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
