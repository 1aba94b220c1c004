import { freshnessStatus, FreshnessStatus } from '@meshwork/data-mesh-common';
import { FactsStore } from '../../database';
import { ProjectRepository } from '../projects/ProjectRepository';

/** A dataset's last write held against its contract's freshness SLA. */
export interface DatasetFreshnessReport {
  project: string;
  dataset: string;
  table: string;
  owner: string;
  /** From the contract's `sla.freshnessHours`; absent when it sets none. */
  slaHours?: number;
  lastWrittenAt?: Date;
  lastJobRunId?: string;
  /** Rows in the table after its last write. */
  rowsWritten?: number;
  status: FreshnessStatus['status'];
  ageHours?: number;
  message: string;
}

/**
 * The freshness of every dataset of the given project, or of every
 * data project, by project and dataset name. Datasets never written
 * are included, with status `unknown`.
 */
export async function datasetFreshnessReports(options: {
  projects: ProjectRepository;
  facts: FactsStore;
  project?: string;
  /** Only these projects (those the caller may read). */
  readable?: readonly string[];
  now: Date;
}): Promise<DatasetFreshnessReport[]> {
  const { projects, facts, now, readable } = options;
  const names = (
    options.project !== undefined
      ? [options.project]
      : (await projects.list()).map(project => project.name)
  ).filter(name => !readable || readable.includes(name));
  const reports: DatasetFreshnessReport[] = [];
  for (const project of names) {
    const loaded = await projects.load(project);
    const writes = new Map(
      (await facts.listFreshness(project)).map(write => [write.dataset, write]),
    );
    const datasets = [...loaded.datasets.values()]
      .map(file => file.value)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const dataset of datasets) {
      const write = writes.get(dataset.name);
      const slaHours = dataset.contract.sla?.freshnessHours;
      const status = freshnessStatus(write?.lastWrittenAt, slaHours, now);
      reports.push({
        project,
        dataset: dataset.name,
        table: dataset.table,
        owner: dataset.owner,
        ...(slaHours !== undefined && { slaHours }),
        ...(write && {
          lastWrittenAt: write.lastWrittenAt,
          lastJobRunId: write.lastJobRunId,
          rowsWritten: write.rowsWritten,
        }),
        ...status,
      });
    }
  }
  return reports;
}
