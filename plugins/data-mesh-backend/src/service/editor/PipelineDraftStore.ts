import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DbTimestamp, toDate } from '../../database/rows';
import { migratedClient } from '../../database/migratedClient';

/** A user's unsaved edit of a pipeline. */
export interface PipelineDraft {
  readonly project: string;
  readonly pipeline: string;
  /** The user entity ref of whoever is editing. */
  readonly author: string;
  /** The commit the edit started from. */
  readonly baseCommit: string;
  readonly text: string;
  readonly updatedAt: Date;
}

interface DraftRow {
  project: string;
  pipeline: string;
  author: string;
  base_commit: string;
  text: string;
  updated_at: DbTimestamp;
}

type DraftKey = Pick<PipelineDraft, 'project' | 'pipeline' | 'author'>;

/**
 * The editor's autosaved drafts, one per user and pipeline, on the plugin's
 * knex database: a page reload finds the edit where it was left.
 */
export class PipelineDraftStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<PipelineDraftStore> {
    return new PipelineDraftStore(await migratedClient(options));
  }

  private constructor(private readonly db: Knex) {}

  async get(key: DraftKey): Promise<PipelineDraft | undefined> {
    const row = await this.db<DraftRow>('pipeline_drafts').where(key).first();
    return row && fromRow(row);
  }

  /** Keeps the draft, replacing the user's last draft of the pipeline. */
  async put(draft: Omit<PipelineDraft, 'updatedAt'>): Promise<PipelineDraft> {
    const row: DraftRow = {
      project: draft.project,
      pipeline: draft.pipeline,
      author: draft.author,
      base_commit: draft.baseCommit,
      text: draft.text,
      updated_at: new Date(),
    };
    await this.db<DraftRow>('pipeline_drafts')
      .insert(row)
      .onConflict(['project', 'pipeline', 'author'])
      .merge(['base_commit', 'text', 'updated_at']);
    return fromRow(row);
  }

  /** Throws the draft away; whether there was one. */
  async delete(key: DraftKey): Promise<boolean> {
    return (await this.db<DraftRow>('pipeline_drafts').where(key).delete()) > 0;
  }
}

function fromRow(row: DraftRow): PipelineDraft {
  return {
    project: row.project,
    pipeline: row.pipeline,
    author: row.author,
    baseCommit: row.base_commit,
    text: row.text,
    updatedAt: toDate(row.updated_at),
  };
}
