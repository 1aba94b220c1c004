import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { DatasetReader, FactsStore } from '../../database';
import type { ProjectRepository } from '../projects/ProjectRepository';

/** How far back a data product's "recent reads" look. */
export const RECENT_READS_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who read a dataset lately, for its data product's Overview. */
export interface DatasetReads {
  windowDays: number;
  since: Date;
  totalReads: number;
  /** Most recent first. */
  readers: DatasetReader[];
}

/**
 * A dataset's recent reads: the Samples the portal read for users, which
 * it records here, and the successful task runs of the project's
 * pipelines that read the dataset, which the runner has recorded already.
 */
export class DatasetReadsService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      facts: FactsStore;
      projects: ProjectRepository;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async recent(project: string, dataset: string): Promise<DatasetReads> {
    const manifest = await this.options.projects.manifest(project);
    if (!manifest.datasets.some(d => d.name === dataset)) {
      throw new NotFoundError(
        `No dataset named '${dataset}' in the data project '${project}'`,
      );
    }
    const pipelines = manifest.pipelines
      .filter(p => p.inputs.some(input => input.dataset === dataset))
      .map(p => p.name);
    const since = new Date(this.now().getTime() - RECENT_READS_DAYS * DAY_MS);
    const readers = await this.options.facts.listDatasetReaders({
      project,
      dataset,
      pipelines,
      since,
    });
    return {
      windowDays: RECENT_READS_DAYS,
      since,
      totalReads: readers.reduce((sum, r) => sum + r.reads, 0),
      readers,
    };
  }

  /**
   * Records that the portal read a Sample of the dataset for a user. A
   * read it cannot record is logged: the user still gets the rows.
   */
  async recordSample(
    project: string,
    dataset: string,
    reader: string,
  ): Promise<void> {
    try {
      await this.options.facts.recordDatasetRead({
        project,
        dataset,
        reader,
        via: 'sample',
        readAt: this.now(),
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not record ${reader}'s read of ${project}/${dataset}: ${error}`,
      );
    }
  }
}
