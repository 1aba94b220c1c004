import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { sqlDialect } from '@meshwork/data-mesh-common';
import {
  parseTableName,
  QueryValue,
  renderTableName,
} from '@meshwork/data-mesh-node';
import type { EngineRegistry } from '../EngineRegistry';
import type { LoadedProjectCache } from '../preview/LoadedProjectCache';
import {
  PreviewAccessPolicy,
  PreviewViewer,
} from '../preview/PreviewAccessPolicy';
import { previewEngine } from '../preview/previewEngine';
import type { DatasetReadsService } from '../reads/DatasetReadsService';

/** No more rows than this: a sample shows what the data looks like, not the data. */
export const SAMPLE_ROWS = 10;

/** A few rows of a dataset, as the viewer may see them. */
export interface DatasetSample {
  /** Why the viewer sees them: their team owns the dataset, or subscribes to it. */
  access: 'owner' | 'subscriber';
  columns: Array<{ name: string; type: string; masked: boolean }>;
  /** One object per row, keyed by column name. */
  rows: Array<Record<string, QueryValue>>;
}

/**
 * A few rows of a dataset's table from the warehouse previews run on:
 * every contract column for the owning team, the granted ones for a
 * subscribing team (columns outside the grant are left out, not masked),
 * and nothing at all for anyone else.
 */
export class DatasetSampleService {
  constructor(
    private readonly options: {
      readonly engines: EngineRegistry;
      /** The engine to read from (`dataMesh.preview.engine`); the first one if absent. */
      readonly engineId?: string;
      readonly projects: LoadedProjectCache;
      readonly access: PreviewAccessPolicy;
      readonly timeoutMs: number;
      /** Where the reads are recorded, for the data product's recent reads. */
      readonly reads?: Pick<DatasetReadsService, 'recordSample'>;
    },
  ) {}

  async sample(
    projectName: string,
    datasetName: string,
    viewer: PreviewViewer,
    signal?: AbortSignal,
  ): Promise<DatasetSample> {
    const project = await this.options.projects.load(projectName);
    const dataset = project.dataset(datasetName);
    if (!dataset) {
      throw new NotFoundError(
        `No dataset named '${datasetName}' in the data project '${projectName}'`,
      );
    }
    const access = await this.options.access.datasetAccess({
      user: viewer,
      project: project.manifest.project,
      dataset,
    });
    if (!access) {
      throw new NotAllowedError(
        `You cannot see the data of ${dataset.name}: none of your teams owns it or holds an approved subscription to it. Request access on the data product page.`,
      );
    }
    const granted = new Set(
      access.kind === 'owner'
        ? dataset.contract.columns.map(c => c.name)
        : access.columns,
    );
    const engine = previewEngine(this.options.engines, this.options.engineId);
    const table = renderTableName(
      parseTableName(dataset.table),
      engine.dialect,
    );
    const description = await engine.describeTable(dataset.table);
    if (!description) {
      throw new NotFoundError(
        `${dataset.name} has no data yet: its table ${dataset.table} does not exist; run the job that writes it`,
      );
    }
    const inTable = new Set(description.columns.map(c => c.name.toLowerCase()));
    const shown = dataset.contract.columns.filter(
      column =>
        granted.has(column.name) && inTable.has(column.name.toLowerCase()),
    );
    if (shown.length === 0) {
      return { access: access.kind, columns: [], rows: [] };
    }
    const { quoteIdentifier } = sqlDialect(engine.dialect);
    const result = await engine.run(
      `SELECT ${shown
        .map(c => quoteIdentifier(c.name, 'always'))
        .join(', ')} FROM ${table} LIMIT ${SAMPLE_ROWS}`,
      { maxRows: SAMPLE_ROWS, timeoutMs: this.options.timeoutMs, signal },
    );
    await this.options.reads?.recordSample(
      projectName,
      dataset.name,
      viewer.userEntityRef,
    );
    // Only columns the viewer's access covers are read, personal data
    // included: none of them is masked.
    return {
      access: access.kind,
      columns: shown.map((column, i) => ({
        name: column.name,
        type: result.columns[i]?.type ?? column.type,
        masked: false,
      })),
      rows: result.rows.map(row =>
        Object.fromEntries(shown.map((column, i) => [column.name, row[i]])),
      ),
    };
  }
}
