import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { ProjectSourceFile } from '@meshwork/data-mesh-common';
import {
  ProjectSource,
  ProjectSourceRead,
  ProjectSourceReadOptions,
} from './ProjectSource';
import { isProjectFilePath, MAX_PROJECT_FILE_BYTES } from './projectPaths';
import type { ProjectGit } from './git/ProjectGit';
import { GitRefError } from './readProjectAtGitRef';

/**
 * A data project in a repository that Backstage's `UrlReaderService` reads
 * (GitHub, GitLab, Bitbucket, … as the app's `integrations` configure),
 * e.g. `https://github.com/acme/sales-data/tree/main/projects/hello-world`.
 *
 * Each read asks the reader with the etag of the last one (usually the
 * commit SHA), so an unchanged tree costs one cheap request and hands back
 * the files of the last read instead of downloading the archive again.
 * Within `recheckAfterMs` of a check (10 s by default) the last read is
 * reused without asking at all, and concurrent reads share one request:
 * previews come in bursts while someone edits, and every request counts
 * against the SCM's rate limit.
 *
 * With the repository's `git` (GitHub, see `GithubProjectGit`), the source
 * also reads history and the editors commit to it.
 *
 * @public
 */
export class UrlReaderProjectSource implements ProjectSource {
  /** The last read of all files and of the sources. */
  private readonly lastReads = new Map<boolean, ProjectSourceRead>();
  /** When each kind of read last asked the reader (ms, from `now`). */
  private readonly lastChecks = new Map<boolean, number>();
  private readonly pending = new Map<boolean, Promise<ProjectSourceRead>>();
  private readonly recheckAfterMs: number;
  private readonly now: () => number;
  readonly git?: ProjectGit;
  /**
   * The files at a branch or commit (not `HEAD~1`) of the repository; see
   * {@link ProjectSource.readAtRef}. Only with the repository's `git`.
   */
  readonly readAtRef?: ProjectSource['readAtRef'];

  constructor(
    private readonly reader: UrlReaderService,
    /** The URL of the project's root folder in its repository. */
    readonly location: string,
    options: {
      recheckAfterMs?: number;
      now?: () => number;
      /** The repository, where the portal can read its history and commit. */
      git?: ProjectGit;
    } = {},
  ) {
    this.recheckAfterMs = options.recheckAfterMs ?? 10_000;
    this.now = options.now ?? Date.now;
    const git = options.git;
    this.git = git;
    if (git) {
      this.readAtRef = (ref, read) => readAtBranchOrCommit(git, ref, read);
    }
  }

  /** The project's files as they are now; see {@link ProjectSource.read}. */
  async read(
    options: ProjectSourceReadOptions = {},
  ): Promise<ProjectSourceRead> {
    const sourcesOnly = options.sourcesOnly ?? false;
    const last = this.lastReads.get(sourcesOnly);
    const checked = this.lastChecks.get(sourcesOnly);
    if (last && checked !== undefined) {
      if (this.now() - checked < this.recheckAfterMs) return last;
    }
    const pending = this.pending.get(sourcesOnly);
    if (pending) return pending;
    const read = this.readTree(sourcesOnly, last).finally(() =>
      this.pending.delete(sourcesOnly),
    );
    this.pending.set(sourcesOnly, read);
    return read;
  }

  private async readTree(
    sourcesOnly: boolean,
    last: ProjectSourceRead | undefined,
  ): Promise<ProjectSourceRead> {
    const started = this.now();
    let tree;
    try {
      tree = await this.reader.readTree(this.location, {
        etag: last?.etag,
        // Readers that know sizes skip large files without downloading them.
        filter: (path, info) =>
          isProjectFilePath(path, sourcesOnly) &&
          (info === undefined || info.size <= MAX_PROJECT_FILE_BYTES),
      });
    } catch (error) {
      if (last && error instanceof NotModifiedError) {
        this.lastChecks.set(sourcesOnly, started);
        return last;
      }
      throw error;
    }
    const files: ProjectSourceFile[] = [];
    for (const file of await tree.files()) {
      // The filter is a hint some readers may not apply in full.
      if (!isProjectFilePath(file.path, sourcesOnly)) continue;
      const content = await file.content();
      if (content.length > MAX_PROJECT_FILE_BYTES) continue;
      files.push({ path: file.path, text: content.toString('utf8') });
    }
    // Paths in a tree are unique; sorted as readProjectFolder sorts them.
    files.sort((a, b) => (a.path < b.path ? -1 : 1));
    const read = { files, etag: tree.etag };
    this.lastReads.set(sourcesOnly, read);
    this.lastChecks.set(sourcesOnly, started);
    return read;
  }
}

/** The project's files at a branch or commit; a `GitRefError` for other refs. */
async function readAtBranchOrCommit(
  git: ProjectGit,
  ref: string,
  options: ProjectSourceReadOptions = {},
): Promise<readonly ProjectSourceFile[]> {
  const commit = (await git.branchHead(ref)) ?? (await git.resolveCommit(ref));
  if (!commit) {
    throw new GitRefError(
      `'${ref}' names no branch or commit of ${git.location}`,
    );
  }
  return git.readFiles(commit, options);
}
