import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  BudgetList,
  ColumnImpact,
  DatasetLineage,
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
  JobSource,
  PullRequest,
  PullRequestRequest,
  PipelineTestRun,
  PipelineTestRunRequest,
  PipelineTests,
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
  /**
   * This month's DBU usage against each monthly budget the user may read;
   * with `project` and/or `team`, the budgets of that project and team.
   */
  getBudgets(query?: BudgetsQuery): Promise<BudgetList>;
  /**
   * Failing jobs, missed SLAs, quality breaches and budgets of the
   * projects the user looks after (every project for the platform team).
   */
  getMonitoringSummary(): Promise<MonitoringSummary>;
  /**
   * A data project's pipelines, jobs and datasets with their last runs,
   * and whether the user may run its jobs.
   */
  getProject(project: string): Promise<DataProjectStructure>;
  /** Starts a run of a project's job now. */
  runJob(project: string, job: string): Promise<RunAccepted>;
  /**
   * A dataset's contract as an ODCS v3.1.0 document in YAML, as its
   * DataProduct page offers it for download.
   */
  getDatasetOdcs(project: string, dataset: string): Promise<string>;
  /**
   * The datasets up to `depth` hops upstream and downstream of a dataset,
   * across data projects, with the pipelines and jobs between them.
   */
  getDatasetLineage(
    project: string,
    dataset: string,
    options?: { depth?: number },
  ): Promise<DatasetLineage>;
  /**
   * Where a column of a dataset comes from, and every downstream column,
   * dataset, pipeline, job and subscriber a change to it reaches.
   */
  getColumnImpact(
    project: string,
    dataset: string,
    column: string,
  ): Promise<ColumnImpact>;
  /**
   * The data after a node of a pipeline, saved or not. Rejects with a
   * `ResponseError`; when the pipeline does not check, its body carries
   * the problems, which {@link previewDiagnostics} reads.
   */
  preview(
    request: PreviewRequest,
    options?: DataMeshRequestOptions,
  ): Promise<PreviewResponse>;
  /**
   * Asks for access to a data product for one of the user's teams. While
   * the team has a pending request for the product, that one is returned.
   */
  requestSubscription(request: SubscriptionRequest): Promise<Subscription>;
  /**
   * Subscriptions the user may see, newest first: their teams', and those
   * of the products they approve; with `mine`, their teams' only.
   */
  listSubscriptions(query?: ListSubscriptionsQuery): Promise<SubscriptionList>;
  /** One subscription with its audit log. */
  getSubscription(id: string): Promise<SubscriptionDetails>;
  /**
   * Approves, denies or revokes a subscription (its product's approvers),
   * or withdraws a pending request (its team). Deny and revoke need a reason.
   */
  decideSubscription(
    id: string,
    action: SubscriptionAction,
    reason?: string,
  ): Promise<SubscriptionDetails>;
  /**
   * A few rows of a dataset: all of them for its owners, the granted
   * columns for a subscriber with PII masked unless granted; a 403 for others.
   */
  getDatasetSample(project: string, dataset: string): Promise<DatasetSample>;
  /**
   * Who read a dataset in the last 30 days: users through Samples, and the
   * project's pipelines that read it, most recent first.
   */
  getDatasetReads(project: string, dataset: string): Promise<DatasetReads>;
  /**
   * A pipeline file to edit, at the user's branch, else the default
   * branch, or at commit `at`.
   */
  getPipelineSource(
    project: string,
    pipeline: string,
    options?: { at?: string },
  ): Promise<PipelineSource>;
  /**
   * Commits an edit with its regenerated code to the user's branch. A
   * `ResponseError` of 400 carries the diagnostics, one of 409 the
   * conflict ({@link editorErrorDetails}).
   */
  commitPipeline(
    project: string,
    pipeline: string,
    request: PipelineCommitRequest,
  ): Promise<PipelineCommit>;
  /**
   * Opens a pull request of the user's branch of the pipeline into the
   * default branch (GitHub), or answers the one open.
   */
  openPipelinePullRequest(
    project: string,
    pipeline: string,
    request: PullRequestRequest,
  ): Promise<PullRequest>;
  /** The commits of the user's branch that touched the pipeline. */
  listPipelineCommits(
    project: string,
    pipeline: string,
  ): Promise<PipelineHistory>;
  /** A new commit that undoes `commit`'s changes to the pipeline. */
  revertPipelineCommit(
    project: string,
    pipeline: string,
    commit: string,
  ): Promise<PipelineCommit>;
  /** The user's autosaved draft, or undefined when there is none. */
  getPipelineDraft(
    project: string,
    pipeline: string,
  ): Promise<PipelineDraft | undefined>;
  /** Autosaves the user's uncommitted edit. */
  savePipelineDraft(
    project: string,
    pipeline: string,
    draft: { text: string; baseCommit: string },
  ): Promise<PipelineDraft>;
  /** Throws the user's draft away. */
  discardPipelineDraft(project: string, pipeline: string): Promise<void>;
  /**
   * A job file to edit in the jobs view, at the user's branch, else the
   * default branch.
   */
  getJobSource(project: string, job: string): Promise<JobSource>;
  /**
   * Commits an edited job file with its regenerated bundle and manifest to
   * the user's branch. A `ResponseError` of 400 carries the diagnostics,
   * one of 409 the conflict ({@link editorErrorDetails}).
   */
  commitJob(
    project: string,
    job: string,
    request: JobCommitRequest,
  ): Promise<PipelineCommit>;
  /**
   * Opens a pull request of the user's branch of the job into the default
   * branch (GitHub), or answers the one open.
   */
  openJobPullRequest(
    project: string,
    job: string,
    request: PullRequestRequest,
  ): Promise<PullRequest>;
  /**
   * The project's pipeline tests (`tests/<name>.test.yaml`), each with its
   * last result from the portal, and whether the caller may run them.
   */
  getPipelineTests(
    project: string,
    options?: { ref?: string },
  ): Promise<PipelineTests>;
  /**
   * Runs the project's pipeline tests (or those of one subject) on an
   * in-memory DuckDB with the rows they give.
   */
  runPipelineTests(
    project: string,
    request: PipelineTestRunRequest,
  ): Promise<PipelineTestRun>;
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
