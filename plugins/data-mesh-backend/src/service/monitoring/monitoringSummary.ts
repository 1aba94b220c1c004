import { LoggerService } from '@backstage/backend-plugin-api';
import { dataProductEntityName } from '@meshwork/data-mesh-common';
import { FactsStore, JobRun } from '../../database';
import type { components } from '../../schema/openapi/generated';
import { catalogLink, entityPageLink, groupRef } from '../alerts/entityRefs';
import { BudgetDefinition } from '../budgets/budgetSettings';
import { budgetUsage, usageMonth } from '../budgets/budgetUsage';
import { budgetToApi, byScopeAndName } from '../budgets/visibleBudgets';
import { datasetFreshnessReports } from '../freshness/datasetFreshness';
import { ProjectRepository } from '../projects/ProjectRepository';

type Schemas = components['schemas'];
export type MonitoringSummary = Schemas['MonitoringSummary'];
type FailingJob = Schemas['FailingJob'];
type MissedSla = Schemas['MissedSla'];
type QualityBreach = Schemas['QualityBreach'];

/** Enough recent runs to find the last one of every job of a project. */
const RUNS_LOOKED_AT = 200;
/** Enough recent results to hold every rule of a dataset's latest check. */
const RESULTS_LOOKED_AT = 200;

/** Whose budgets the summary shows, beyond those of its projects. */
export interface BudgetScope {
  /** The user's teams (group entity refs). */
  teams: readonly string[];
  /** Every budget: the platform team's view. */
  allBudgets: boolean;
}

export interface MonitoringSources {
  facts: FactsStore;
  projects: ProjectRepository;
  budgets: readonly BudgetDefinition[];
  logger: LoggerService;
}

/**
 * What needs attention in the given projects: each item says what is
 * wrong with the evidence (the failing task's error, the offending value,
 * the last good run) and links to the page where it is fixed. A project
 * whose files cannot be read is skipped for its datasets, with a warning;
 * its runs and budget still show.
 */
export async function monitoringSummary(
  sources: MonitoringSources,
  projectNames: readonly string[],
  now: Date,
  budgetScope: BudgetScope = { teams: [], allBudgets: false },
): Promise<MonitoringSummary> {
  const failingJobs: FailingJob[] = [];
  const missedSlas: MissedSla[] = [];
  const qualityBreaches: QualityBreach[] = [];
  for (const project of projectNames) {
    failingJobs.push(...(await failingJobsOf(sources.facts, project)));
    try {
      missedSlas.push(...(await missedSlasOf(sources, project, now)));
      qualityBreaches.push(...(await qualityBreachesOf(sources, project)));
    } catch (error) {
      sources.logger.warn(
        `Monitoring could not read project ${project}: ${
          (error as Error).message
        }`,
      );
    }
  }
  return {
    projects: [...projectNames],
    failingJobs,
    missedSlas,
    qualityBreaches,
    budgets: await budgetsOf(sources, projectNames, now, budgetScope),
  };
}

/** Jobs whose latest ended run failed, with the failing task's error. */
async function failingJobsOf(
  facts: FactsStore,
  project: string,
): Promise<FailingJob[]> {
  const { items } = await facts.listJobRuns({
    project,
    limit: RUNS_LOOKED_AT,
  });
  const latest = new Map<string, JobRun>();
  for (const run of items) {
    if (run.status === 'queued' || run.status === 'running') continue;
    if (!latest.has(run.job)) latest.set(run.job, run);
  }
  const failing: FailingJob[] = [];
  for (const run of latest.values()) {
    if (run.status !== 'failed') continue;
    const details = await facts.getJobRun(run.id);
    const task = details?.tasks.find(t => t.status === 'failed');
    const link = entityPageLink(project);
    failing.push({
      project,
      job: run.job,
      jobRunId: run.id,
      ...(run.endedAt && { endedAt: run.endedAt.toISOString() }),
      ...(task && { task: task.taskKey }),
      error:
        task?.error ?? run.error ?? 'The run failed without an error message',
      entityRef: `component:default/${project}`,
      link,
      runLink: `${link}/runs?run=${encodeURIComponent(run.id)}`,
    });
  }
  return failing.sort((a, b) => (a.job < b.job ? -1 : 1));
}

async function missedSlasOf(
  sources: MonitoringSources,
  project: string,
  now: Date,
): Promise<MissedSla[]> {
  const reports = await datasetFreshnessReports({
    projects: sources.projects,
    facts: sources.facts,
    project,
    now,
  });
  return reports
    .filter(report => report.status === 'stale')
    .map(report => ({
      project,
      dataset: report.dataset,
      owner: report.owner,
      ...(report.slaHours !== undefined && { slaHours: report.slaHours }),
      ...(report.lastWrittenAt && {
        lastWrittenAt: report.lastWrittenAt.toISOString(),
      }),
      ...(report.ageHours !== undefined && { ageHours: report.ageHours }),
      message: report.message,
      ...dataProductLink(report.dataset),
    }));
}

/**
 * The rules that did not pass in each dataset's latest check (the results
 * of the most recent run that checked it), with the last run they passed.
 */
async function qualityBreachesOf(
  sources: MonitoringSources,
  project: string,
): Promise<QualityBreach[]> {
  const { facts, projects } = sources;
  const loaded = await projects.load(project);
  const datasets = [...loaded.datasets.values()]
    .map(file => file.value.name)
    .sort();
  const breaches: QualityBreach[] = [];
  for (const dataset of datasets) {
    const { items } = await facts.listQualityResults({
      dataset,
      project,
      limit: RESULTS_LOOKED_AT,
    });
    const latestRun = items[0]?.jobRunId;
    const seen = new Set<string>();
    for (const result of items) {
      if (result.jobRunId !== latestRun || seen.has(result.ruleKey)) continue;
      seen.add(result.ruleKey);
      if (result.status === 'pass') continue;
      const [lastGood] = (
        await facts.listQualityResults({
          dataset,
          project,
          ruleKey: result.ruleKey,
          status: 'pass',
          limit: 1,
        })
      ).items;
      breaches.push({
        project,
        dataset,
        ruleKey: result.ruleKey,
        ruleLabel: result.ruleLabel,
        status: result.status,
        ...(result.observed !== undefined && { observed: result.observed }),
        ...(result.failingRows !== undefined && {
          failingRows: result.failingRows,
        }),
        ...(result.checkedRows !== undefined && {
          checkedRows: result.checkedRows,
        }),
        ...(result.message !== undefined && { message: result.message }),
        jobRunId: result.jobRunId,
        evaluatedAt: result.evaluatedAt.toISOString(),
        ...(lastGood && {
          lastGoodRunId: lastGood.jobRunId,
          lastGoodAt: lastGood.evaluatedAt.toISOString(),
        }),
        ...dataProductLink(dataset),
      });
    }
  }
  return breaches;
}

/** The budgets of the projects, of the teams owning them and of the user's. */
async function budgetsOf(
  sources: MonitoringSources,
  projectNames: readonly string[],
  now: Date,
  scope: BudgetScope,
) {
  const teams = new Set<string>(scope.teams);
  for (const project of projectNames) {
    for (const owner of await sources.projects
      .owners(project)
      .catch(() => [])) {
      teams.add(groupRef(owner));
    }
  }
  const wanted = sources.budgets.filter(budget => {
    if (scope.allBudgets) return true;
    return budget.scope === 'team'
      ? teams.has(budget.name)
      : projectNames.includes(budget.name);
  });
  const usages = await budgetUsage(sources.facts, wanted, usageMonth(now));
  return usages.sort(byScopeAndName).map(budgetToApi);
}

/** A dataset's DataProduct, where its contract and history are. */
function dataProductLink(dataset: string) {
  const entityRef = `dataproduct:default/${dataProductEntityName(dataset)}`;
  return { entityRef, link: catalogLink(entityRef) };
}
