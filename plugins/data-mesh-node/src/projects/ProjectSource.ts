import { ProjectSourceFile } from '@meshwork/data-mesh-common';
import type { ProjectGit } from './git/ProjectGit';

/**
 * Options of {@link ProjectSource.read}.
 *
 * @public
 */
export interface ProjectSourceReadOptions {
  /**
   * Only `meshwork.yaml` and the source folders, without `generated/`,
   * `resources/` and `databricks.yml`: what `loadProject` reads.
   */
  readonly sourcesOnly?: boolean;
}

/**
 * The files of a data project as one read found them.
 *
 * @public
 */
export interface ProjectSourceRead {
  /** `/`-separated paths relative to the project root, sorted by path. */
  readonly files: readonly ProjectSourceFile[];
  /**
   * Identifies what was read: the same while the files are the same, so a
   * caller can key what it derives from them (a loaded project, its owners)
   * on it.
   */
  readonly etag: string;
}

/**
 * Where a data project's files come from: a local folder (the embedded
 * default) or a repository read through Backstage's `UrlReaderService`.
 *
 * Reading again while nothing changed is cheap and hands back the very
 * `files` array of the last read, so that callers can reuse whatever they
 * derived from it.
 *
 * @public
 */
export interface ProjectSource {
  /** Where the files are read from, for messages: a folder or a URL. */
  readonly location: string;
  /** The project's files as they are now. */
  read(options?: ProjectSourceReadOptions): Promise<ProjectSourceRead>;
  /**
   * The project's files as they were at a git ref (a branch, tag, commit
   * id, `HEAD~1`), for comparing a change with what was committed; a
   * `GitRefError` when the ref names no commit. Absent where the source
   * cannot read history.
   */
  readAtRef?(
    ref: string,
    options?: ProjectSourceReadOptions,
  ): Promise<readonly ProjectSourceFile[]>;
  /**
   * The project's repository, for committing to its branches (the pipeline
   * editor); absent where the source cannot write.
   */
  readonly git?: ProjectGit;
}
