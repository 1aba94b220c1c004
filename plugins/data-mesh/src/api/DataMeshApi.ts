import { createApiRef } from '@backstage/frontend-plugin-api';
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

/** Options of a request that may be cancelled. @public */
export interface DataMeshRequestOptions {
  signal?: AbortSignal;
}

/**
 * Typed access to the data-mesh backend: one method per endpoint of its
 * contract. Failed requests reject with a `ResponseError` from
 * `@backstage/errors` carrying the backend's error.
 *
 * @public
 */
export interface DataMeshApi {
  /** The backend's version and the state of each warehouse engine. */
  getHealth(): Promise<DataMeshHealth>;
  /** Job runs the user may read, newest first. */
  listRuns(query?: ListRunsQuery): Promise<JobRunPage>;
  /** One job run with its tasks and cost. */
  getRun(id: string): Promise<JobRunDetails>;
  /** The results of a dataset's quality rules, newest first. */
  listQualityResults(
    query: ListQualityResultsQuery,
  ): Promise<QualityResultPage>;
  /** DBUs summed by pipeline, project, team or month. */
  getCostRollup(query: CostRollupQuery): Promise<CostRollupPage>;
  /** Each dataset's last write held against its freshness SLA. */
  listFreshness(query?: ListFreshnessQuery): Promise<DatasetFreshnessPage>;
  /** Starts a run of a project's job now. */
  runJob(project: string, job: string): Promise<RunAccepted>;
  /**
   * The data after a node of a pipeline, saved or not. Rejects with a
   * `ResponseError`; when the pipeline does not check, its body carries
   * the problems, which {@link previewDiagnostics} reads.
   */
  preview(
    request: PreviewRequest,
    options?: DataMeshRequestOptions,
  ): Promise<PreviewResponse>;
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
