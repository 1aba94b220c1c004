import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DbNumber, DbTimestamp, toDate } from '../../database/rows';
import { migratedClient } from '../../database/migratedClient';

/** How a pipeline test ended. */
export type PipelineTestStatus = 'passed' | 'failed' | 'error';

/** The last result of one test of a project, at one git ref. */
export interface StoredPipelineTestResult {
  readonly project: string;
  /** The git ref the test ran at; empty for the files as they are now. */
  readonly ref: string;
  /** The test file, relative to the project root. */
  readonly file: string;
  readonly test: string;
  readonly status: PipelineTestStatus;
  /** The row diff of a failure, or the message of an error. */
  readonly detail?: string;
  readonly durationMs: number;
  /** The user entity ref of whoever ran it. */
  readonly ranBy: string;
  readonly ranAt: Date;
}

interface ResultRow {
  project: string;
  ref: string;
  file: string;
  test_name: string;
  status: string;
  detail: string | null;
  duration_ms: DbNumber;
  ran_by: string;
  ran_at: DbTimestamp;
}

/** Enough for any project's tests; the rest are not shown anyway. */
const MAX_RESULTS = 5000;

/**
 * The last result of each pipeline test run from the portal, on the
 * plugin's knex database: one row per project, ref, file and test, which a
 * new run of that test replaces.
 */
export class PipelineTestResultStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<PipelineTestResultStore> {
    return new PipelineTestResultStore(await migratedClient(options));
  }

  private constructor(private readonly db: Knex) {}

  /** The last results of a project's tests at a ref. */
  async list(
    project: string,
    ref: string,
  ): Promise<StoredPipelineTestResult[]> {
    const rows = await this.db<ResultRow>('pipeline_test_results')
      .where({ project, ref })
      .orderBy(['file', 'test_name'])
      .limit(MAX_RESULTS);
    return rows.map(fromRow);
  }

  /** Keeps the results of a run, replacing those of the same tests. */
  async put(results: readonly StoredPipelineTestResult[]): Promise<void> {
    if (results.length === 0) return;
    await this.db.transaction(async tx => {
      for (const result of results) {
        await tx<ResultRow>('pipeline_test_results')
          .insert(toRow(result))
          .onConflict(['project', 'ref', 'file', 'test_name'])
          .merge(['status', 'detail', 'duration_ms', 'ran_by', 'ran_at']);
      }
    });
  }
}

function toRow(result: StoredPipelineTestResult): ResultRow {
  return {
    project: result.project,
    ref: result.ref,
    file: result.file,
    test_name: result.test,
    status: result.status,
    detail: result.detail ?? null,
    duration_ms: Math.round(result.durationMs),
    ran_by: result.ranBy,
    ran_at: result.ranAt,
  };
}

function fromRow(row: ResultRow): StoredPipelineTestResult {
  return {
    project: row.project,
    ref: row.ref,
    file: row.file,
    test: row.test_name,
    status: row.status as PipelineTestStatus,
    ...(row.detail !== null && { detail: row.detail }),
    durationMs: Number(row.duration_ms),
    ranBy: row.ran_by,
    ranAt: toDate(row.ran_at),
  };
}
