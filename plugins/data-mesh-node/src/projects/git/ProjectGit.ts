import { ProjectSourceFile } from '@meshwork/data-mesh-common';

/**
 * Who made a commit, as git records it.
 *
 * @public
 */
export interface ProjectCommitAuthor {
  readonly name: string;
  readonly email: string;
}

/**
 * A commit of a data project's repository, as a history lists it.
 *
 * @public
 */
export interface ProjectCommit {
  readonly commit: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly author: ProjectCommitAuthor;
  /** When it was authored, as an ISO 8601 timestamp. */
  readonly authoredAt: string;
}

/**
 * A commit to make: the project files to write (`content`) or remove
 * (`content: null`), by their path in the project, on top of `parent`.
 *
 * @public
 */
export interface ProjectCommitRequest {
  readonly branch: string;
  /**
   * What the branch must point at for the commit to go ahead, `null` when it
   * must not exist yet: a branch that moved meanwhile is a
   * {@link StaleBranchError}, never an overwritten commit.
   */
  readonly expectedHead: string | null;
  /** The commit the new one follows; its files are kept unless changed. */
  readonly parent: string;
  readonly changes: ReadonlyArray<{
    readonly path: string;
    readonly content: string | null;
  }>;
  readonly author: ProjectCommitAuthor;
  readonly message: string;
}

/**
 * A pull request of a branch into the repository's default branch.
 *
 * @public
 */
export interface ProjectPullRequest {
  readonly number: number;
  /** The pull request's page, for people. */
  readonly url: string;
  /** False when an open pull request of the branch existed already. */
  readonly created: boolean;
}

/**
 * The branch moved between reading it and committing to it: someone else
 * committed meanwhile.
 *
 * @public
 */
export class StaleBranchError extends Error {
  name = 'StaleBranchError';
}

/**
 * The history of a data project's repository, and commits to its branches
 * without a work tree: what the pipeline editor saves with. Paths are
 * relative to the project folder, which may be a folder of the repository.
 *
 * @public
 */
export interface ProjectGit {
  /** Where the repository is, for messages. */
  readonly location: string;
  /** The branch the project is read from: the repository's `HEAD` branch. */
  defaultBranch(): Promise<string>;
  /** The commit a branch points at; undefined for a branch that does not exist. */
  branchHead(branch: string): Promise<string | undefined>;
  /** Whether the id names a commit of the repository (full or abbreviated). */
  resolveCommit(commit: string): Promise<string | undefined>;
  /** The project's files at a commit, as `readProjectAtGitRef` reads them. */
  readFiles(
    commit: string,
    options?: { sourcesOnly?: boolean },
  ): Promise<ProjectSourceFile[]>;
  /** One file at a commit; undefined where the commit does not have it. */
  readFile(commit: string, path: string): Promise<string | undefined>;
  /** Makes a commit on a branch; returns its id. */
  commit(request: ProjectCommitRequest): Promise<string>;
  /**
   * The commits reachable from `ref`, newest first, only those that changed
   * `path` (a project path) when one is given.
   */
  log(
    ref: string,
    options?: { path?: string; limit?: number },
  ): Promise<ProjectCommit[]>;
  /** The project paths a commit changed against its first parent. */
  changedPaths(commit: string): Promise<string[]>;
  /**
   * Opens a pull request of `branch` into the default branch, or finds the
   * one open already. Absent where the repository has no pull requests (a
   * local repository).
   */
  openPullRequest?(request: {
    branch: string;
    title: string;
    body: string;
  }): Promise<ProjectPullRequest>;
}
