import type {
  components as DataMeshOpenApiComponents,
  operations as DataMeshOpenApiOperations,
} from './generated/models';

export type { DataMeshOpenApiComponents, DataMeshOpenApiOperations };

/*
 * The request and response types of the data-mesh backend, named after the
 * schemas and operations of its contract
 * (plugins/data-mesh-backend/src/schema/openapi.yaml). Generated from it
 * into ./generated; `yarn build:openapi` regenerates them.
 */

/** One warehouse engine as the backend reports it. @public */
export type EngineHealth = DataMeshOpenApiComponents['schemas']['EngineHealth'];

/** The data-mesh backend's health report. @public */
export type DataMeshHealth = DataMeshOpenApiComponents['schemas']['Health'];

/** One execution of a data project's job. @public */
export type JobRun = DataMeshOpenApiComponents['schemas']['JobRun'];

/** The lifecycle state of a job run. @public */
export type JobRunStatus = DataMeshOpenApiComponents['schemas']['JobRunStatus'];

/** A job run with its tasks and cost. @public */
export type JobRunDetails =
  DataMeshOpenApiComponents['schemas']['JobRunDetails'];

/** One pipeline task of a job run. @public */
export type TaskRun = DataMeshOpenApiComponents['schemas']['TaskRun'];

/** DBUs consumed by a run, or by one of its tasks. @public */
export type RunCost = DataMeshOpenApiComponents['schemas']['RunCost'];

/** One page of job runs, newest first. @public */
export type JobRunPage = DataMeshOpenApiComponents['schemas']['JobRunPage'];

/** The outcome of one contract quality rule after one write. @public */
export type QualityResult =
  DataMeshOpenApiComponents['schemas']['QualityResult'];

/** One page of quality results, newest first. @public */
export type QualityResultPage =
  DataMeshOpenApiComponents['schemas']['QualityResultPage'];

/** The total DBUs of one group of a cost roll-up. @public */
export type CostRollup = DataMeshOpenApiComponents['schemas']['CostRollup'];

/** One page of a cost roll-up. @public */
export type CostRollupPage =
  DataMeshOpenApiComponents['schemas']['CostRollupPage'];

/** A dataset's last write held against its freshness SLA. @public */
export type DatasetFreshness =
  DataMeshOpenApiComponents['schemas']['DatasetFreshness'];

/** One page of freshness reports. @public */
export type DatasetFreshnessPage =
  DataMeshOpenApiComponents['schemas']['DatasetFreshnessPage'];

/** The answer to starting a job run: the queued run's id. @public */
export type RunAccepted = DataMeshOpenApiComponents['schemas']['RunAccepted'];

/** What to preview: a pipeline, saved or not, and the node to show. @public */
export type PreviewRequest =
  DataMeshOpenApiComponents['schemas']['PreviewRequest'];

/** The data after a pipeline node. @public */
export type PreviewResponse =
  DataMeshOpenApiComponents['schemas']['PreviewResponse'];

/**
 * A problem of a previewed pipeline, with the message `meshwork validate`
 * prints, at its field (`path`) rather than a line of a file. @public
 */
export type PipelineDiagnostic =
  DataMeshOpenApiComponents['schemas']['PipelineDiagnostic'];

/** The filters and page of {@link DataMeshApi.listRuns}. @public */
export type ListRunsQuery = NonNullable<
  DataMeshOpenApiOperations['ListRuns']['parameters']['query']
>;

/** The filters and page of {@link DataMeshApi.listQualityResults}. @public */
export type ListQualityResultsQuery =
  DataMeshOpenApiOperations['ListQualityResults']['parameters']['query'];

/** The grouping, filters and page of {@link DataMeshApi.getCostRollup}. @public */
export type CostRollupQuery =
  DataMeshOpenApiOperations['GetCostRollup']['parameters']['query'];

/** The filter and page of {@link DataMeshApi.listFreshness}. @public */
export type ListFreshnessQuery = NonNullable<
  DataMeshOpenApiOperations['ListFreshness']['parameters']['query']
>;

/** A monthly DBU budget and this month's usage against it. @public */
export type Budget = DataMeshOpenApiComponents['schemas']['Budget'];

/** The budgets of {@link DataMeshApi.getBudgets}. @public */
export type BudgetList = DataMeshOpenApiComponents['schemas']['BudgetList'];

/** The filters of {@link DataMeshApi.getBudgets}. @public */
export type BudgetsQuery = NonNullable<
  DataMeshOpenApiOperations['ListBudgets']['parameters']['query']
>;

/** A job whose last run failed. @public */
export type FailingJob = DataMeshOpenApiComponents['schemas']['FailingJob'];

/** A dataset that missed its freshness SLA. @public */
export type MissedSla = DataMeshOpenApiComponents['schemas']['MissedSla'];

/** A quality rule whose latest check did not pass. @public */
export type QualityBreach =
  DataMeshOpenApiComponents['schemas']['QualityBreach'];

/** What needs attention in the projects the user looks after. @public */
export type MonitoringSummary =
  DataMeshOpenApiComponents['schemas']['MonitoringSummary'];

/** A data project's pipelines, jobs and datasets, with their last runs. @public */
export type DataProjectStructure =
  DataMeshOpenApiComponents['schemas']['DataProjectStructure'];

/** A pipeline of a data project: what it reads and writes, its last task run. @public */
export type ProjectPipeline =
  DataMeshOpenApiComponents['schemas']['ProjectPipeline'];

/** A job of a data project: its schedule, tasks and last run. @public */
export type ProjectJob = DataMeshOpenApiComponents['schemas']['ProjectJob'];

/** A dataset of a data project and its DataProduct entity ref. @public */
export type ProjectDataset =
  DataMeshOpenApiComponents['schemas']['ProjectDataset'];

/** The lineage graph around a dataset, across data projects. @public */
export type DatasetLineage =
  DataMeshOpenApiComponents['schemas']['DatasetLineage'];

/** A dataset, pipeline or job of the lineage graph. @public */
export type LineageNode = DataMeshOpenApiComponents['schemas']['LineageNode'];

/** An edge of the lineage graph. @public */
export type LineageEdge = DataMeshOpenApiComponents['schemas']['LineageEdge'];

/** A column reached through column-level lineage. @public */
export type LineageColumn =
  DataMeshOpenApiComponents['schemas']['LineageColumn'];

/** What changing a column reaches, and where the column comes from. @public */
export type ColumnImpact = DataMeshOpenApiComponents['schemas']['ColumnImpact'];

/** Where a subscription stands: asked for, decided, or ended. @public */
export type SubscriptionState =
  DataMeshOpenApiComponents['schemas']['SubscriptionState'];

/** A change of a subscription's state that a person makes. @public */
export type SubscriptionAction =
  DataMeshOpenApiComponents['schemas']['SubscriptionAction'];

/** A team's access to a data product, asked for and decided. @public */
export type Subscription = DataMeshOpenApiComponents['schemas']['Subscription'];

/** A subscription with every change of its state. @public */
export type SubscriptionDetails =
  DataMeshOpenApiComponents['schemas']['SubscriptionDetails'];

/** One change of a subscription's state: who, when, why. @public */
export type SubscriptionAuditEntry =
  DataMeshOpenApiComponents['schemas']['SubscriptionAuditEntry'];

/** The subscriptions of {@link DataMeshApi.listSubscriptions}. @public */
export type SubscriptionList =
  DataMeshOpenApiComponents['schemas']['SubscriptionList'];

/** What a request for access asks for. @public */
export type SubscriptionRequest =
  DataMeshOpenApiComponents['schemas']['SubscriptionRequest'];

/** The filters of {@link DataMeshApi.listSubscriptions}. @public */
export type ListSubscriptionsQuery = NonNullable<
  DataMeshOpenApiOperations['ListSubscriptions']['parameters']['query']
>;

/**
 * A few rows of a dataset as the caller may see them: every column for its
 * owners, the granted ones for a subscriber, PII masked outside the grant.
 * @public
 */
export type DatasetSample =
  DataMeshOpenApiComponents['schemas']['DatasetSample'];

/** A column of a {@link DatasetSample}. @public */
export type DatasetSampleColumn = DatasetSample['columns'][number];

/**
 * Who read a dataset lately: users through the portal's Samples, and the
 * project's pipelines in their successful runs.
 * @public
 */
export type DatasetReads = DataMeshOpenApiComponents['schemas']['DatasetReads'];

/** One reader in {@link DatasetReads}. @public */
export type DatasetReader = DatasetReads['readers'][number];

/**
 * A pipeline file opened for editing: its text at the user's branch (else
 * the default branch), the commit it was read at, the default branch's
 * version, the project's diagnostics and whether the user may save.
 * @public
 */
export type PipelineSource =
  DataMeshOpenApiComponents['schemas']['PipelineSource'];

/** A problem of a project file at its line and column. @public */
export type ProjectDiagnostic =
  DataMeshOpenApiComponents['schemas']['ProjectDiagnostic'];

/** What a save of a pipeline sends. @public */
export type PipelineCommitRequest =
  DataMeshOpenApiComponents['schemas']['PipelineCommitRequest'];

/** A commit the editor made. @public */
export type PipelineCommit =
  DataMeshOpenApiComponents['schemas']['PipelineCommit'];

/** The commits of the user's branch that touched a pipeline. @public */
export type PipelineHistory =
  DataMeshOpenApiComponents['schemas']['PipelineHistory'];

/** One commit of a {@link PipelineHistory}. @public */
export type PipelineHistoryCommit = PipelineHistory['commits'][number];

/** The user's autosaved, uncommitted edit of a pipeline. @public */
export type PipelineDraft =
  DataMeshOpenApiComponents['schemas']['PipelineDraft'];

/**
 * A job file opened for editing in the jobs view: its text and parsed
 * content at the user's branch (else the default branch), the commit it was
 * read at, the default branch's version, its diagnostics, the project's
 * pipelines a task may run, and whether the user may commit.
 * @public
 */
export type JobSource = DataMeshOpenApiComponents['schemas']['JobSource'];

/** What the opening of a pull request of the user's branch says. @public */
export type PullRequestRequest =
  DataMeshOpenApiComponents['schemas']['PullRequestRequest'];

/** A pull request of the user's branch into the default branch. @public */
export type PullRequest = DataMeshOpenApiComponents['schemas']['PullRequest'];

/** What a commit of an edited job sends. @public */
export type JobCommitRequest =
  DataMeshOpenApiComponents['schemas']['JobCommitRequest'];

/** Who a job emails when a run fails or a quality rule breaches. @public */
export type JobAlerts = DataMeshOpenApiComponents['schemas']['JobAlerts'];

/** A parameter of a job: set when a run starts, else its default. @public */
export type JobParameter = DataMeshOpenApiComponents['schemas']['JobParameter'];

/**
 * The three versions of a pipeline file when a save came from a stale base:
 * the base the user edited, the branch's version now, and the user's.
 * @public
 */
export type PipelineConflict =
  DataMeshOpenApiComponents['schemas']['PipelineConflict'];

/** A project's pipeline tests with their last results. @public */
export type PipelineTests =
  DataMeshOpenApiComponents['schemas']['PipelineTests'];

/** One pipeline test of a project. @public */
export type PipelineTest = DataMeshOpenApiComponents['schemas']['PipelineTest'];

/** The result of one pipeline test. @public */
export type PipelineTestResult =
  DataMeshOpenApiComponents['schemas']['PipelineTestResult'];

/** Which tests a run runs, and where. @public */
export type PipelineTestRunRequest =
  DataMeshOpenApiComponents['schemas']['PipelineTestRunRequest'];

/** The results of a run of pipeline tests. @public */
export type PipelineTestRun =
  DataMeshOpenApiComponents['schemas']['PipelineTestRun'];
