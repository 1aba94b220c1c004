import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotImplementedError,
} from '@backstage/errors';
import {
  compileProject,
  isGeneratedProjectPath,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import {
  GitRefError,
  ProjectCommitAuthor,
  ProjectGit,
  ProjectPullRequest,
  StaleBranchError,
} from '@meshwork/data-mesh-node';
import type { ProjectRepository } from '../projects/ProjectRepository';
import { PipelineConflictError, ProjectDiagnosticsError } from './editorErrors';

/** A commit of an editor, with what it changed. */
export interface SavedCommit {
  readonly commit: string;
  readonly branch: string;
  readonly parent: string;
  /** The project paths written or removed: the edited file and generated code. */
  readonly changedPaths: readonly string[];
}

/** A project file as an editor opens it, on the user's branch or the default one. */
export interface FileForEditing {
  /** Whether the user's branch exists yet. */
  readonly branchExists: boolean;
  /**
   * Whether the repository takes pull requests (GitHub): how the user's
   * branch reaches the default branch from the portal.
   */
  readonly pullRequests: boolean;
  /** The commit the file was read at: the branch's head, else the default branch's. */
  readonly commit: string;
  /** The file at `commit`; null where the commit does not have it. */
  readonly text: string | null;
  /** Where the project is read from for runs, and the file there. */
  readonly defaultBranch: {
    readonly name: string;
    readonly commit: string;
    readonly text: string | null;
  };
}

/** An edit of one source file, to commit to the user's branch. */
export interface FileCommitRequest {
  /** The file's path in the project. */
  readonly path: string;
  /** The user's branch, see `editorBranch`. */
  readonly branch: string;
  /** The file as edited. */
  readonly text: string;
  /** The commit the edit started from. */
  readonly baseCommit: string;
  readonly message: string;
  readonly author: ProjectCommitAuthor;
}

/** What {@link ProjectFileCommits} and the editors built on it need. */
export interface ProjectFileCommitsOptions {
  projects: ProjectRepository;
  logger: LoggerService;
  /** Told of each commit, e.g. to have the catalog read the project again. */
  onCommit?: (project: string) => Promise<void>;
}

/** Commit messages are short prose, not files. */
const MAX_MESSAGE_LENGTH = 5000;

/** Tries of a save that lost the race for its branch to a save with the same base. */
const SAVE_ATTEMPTS = 3;

/** The branch a user's edits of one file (a pipeline, a job) are committed to. */
export function editorBranch(userEntityRef: string, name: string): string {
  const user = userEntityRef.replace(/^user:(default\/)?/, '');
  return `meshwork/${user.replace(/[^A-Za-z0-9._-]/g, '-')}/${name}`;
}

/**
 * What the portal's editors of project files share, whatever the file: the
 * project's repository (a 501 where there is none), reading a file at the
 * user's branch, and committing an edit there with the generated code,
 * bundle and manifest made again — never a project with errors (400 with
 * the diagnostics), never over a commit made since the edit started (409
 * with the three versions) — then announcing the commit.
 *
 * The default branch (what runs) is never written: an edit reaches it by a
 * merge, through a pull request where the project lives on GitHub.
 */
export class ProjectFileCommits {
  constructor(private readonly options: ProjectFileCommitsOptions) {}

  /** The project's repository; a 501 for a project the portal cannot commit to. */
  async gitOf(project: string): Promise<ProjectGit> {
    const source = await this.options.projects.source(project);
    if (!source.git) {
      throw new NotImplementedError(
        `The data project '${project}' is read from ${source.location}, where the portal cannot commit`,
      );
    }
    try {
      await source.git.defaultBranch();
    } catch (error) {
      if (error instanceof GitRefError) {
        throw new NotImplementedError(
          `The data project '${project}' is not in a git repository, so the portal cannot commit to it`,
        );
      }
      throw error;
    }
    return source.git;
  }

  /**
   * The file at the user's branch, else at the default branch, or at the
   * commit `at`; with the default branch's version for a diff.
   */
  async readForEditing(
    git: ProjectGit,
    file: { path: string; branch: string; at?: string },
  ): Promise<FileForEditing> {
    const branchHead = await git.branchHead(file.branch);
    const defaultName = await git.defaultBranch();
    const defaultHead = await this.headOf(git, defaultName);
    const commit =
      file.at === undefined
        ? branchHead ?? defaultHead
        : await this.commitNamed(git, file.at, 'at');
    return {
      branchExists: branchHead !== undefined,
      pullRequests: git.openPullRequest !== undefined,
      commit,
      text: (await git.readFile(commit, file.path)) ?? null,
      defaultBranch: {
        name: defaultName,
        commit: defaultHead,
        text: (await git.readFile(defaultHead, file.path)) ?? null,
      },
    };
  }

  /**
   * Commits the edited file, with the generated files it changes, to the
   * user's branch. When the file changed on the branch since `baseCommit`,
   * nothing is committed and a {@link PipelineConflictError} carries the
   * three versions. The caller announces the commit ({@link announce}).
   */
  async commitFile(
    git: ProjectGit,
    request: FileCommitRequest,
  ): Promise<SavedCommit> {
    const { path, branch } = request;
    const message = commitMessage(request.message);
    const base = await this.commitNamed(git, request.baseCommit, 'baseCommit');

    for (let attempt = 1; ; attempt++) {
      const head = await git.branchHead(branch);
      if (head !== undefined && head !== base) {
        const [baseText, theirs] = await Promise.all([
          git.readFile(base, path),
          git.readFile(head, path),
        ]);
        if (theirs !== baseText && theirs !== request.text) {
          throw new PipelineConflictError(
            `${path} changed on ${branch} since commit ${base.slice(
              0,
              7,
            )}: merge your edit with commit ${head.slice(0, 7)}, then save`,
            {
              path,
              base: { commit: base, text: baseText ?? null },
              theirs: { commit: head, text: theirs ?? null },
              yours: { text: request.text },
            },
          );
        }
      }
      const parent = head ?? base;
      const changes = await this.changesWith(
        git,
        parent,
        new Map([[path, request.text]]),
        `${path} does not compile; nothing was committed`,
      );
      if (changes.length === 0) {
        throw new InputError(
          `text: ${path} is as committed in ${parent.slice(
            0,
            7,
          )}; there is nothing to commit`,
        );
      }
      try {
        const commit = await git.commit({
          branch,
          expectedHead: head ?? null,
          parent,
          changes,
          author: request.author,
          message,
        });
        return {
          commit,
          branch,
          parent,
          changedPaths: changes.map(c => c.path),
        };
      } catch (error) {
        // Another save of the same user won the branch between the check
        // and the commit: check again against what it committed.
        if (!(error instanceof StaleBranchError) || attempt >= SAVE_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  /**
   * The files to commit on top of `parent` for the edited source files:
   * those, and the generated files that change or go with them, sorted by
   * path. A {@link ProjectDiagnosticsError} when the project would have
   * errors.
   */
  async changesWith(
    git: ProjectGit,
    parent: string,
    edited: ReadonlyMap<string, string | null>,
    refusal: string,
  ): Promise<Array<{ path: string; content: string | null }>> {
    const files = await git.readFiles(parent);
    const current = new Map(files.map(f => [f.path, f.text]));
    const sources: ProjectSourceFile[] = files.filter(
      f => !isGeneratedProjectPath(f.path) && !edited.has(f.path),
    );
    for (const [path, text] of edited) {
      if (text !== null) sources.push({ path, text });
    }
    const compiled = compileProject(
      sources,
      await this.options.projects.compileOptions(sources),
    );
    if (compiled.diagnostics.some(d => d.severity === 'error')) {
      throw new ProjectDiagnosticsError(refusal, compiled.diagnostics);
    }
    const wanted = new Map<string, string | null>(edited);
    for (const file of compiled.files) wanted.set(file.path, file.content);
    for (const path of current.keys()) {
      if (isGeneratedProjectPath(path) && !wanted.has(path)) {
        wanted.set(path, null);
      }
    }
    return [...wanted]
      .filter(([path, content]) => (current.get(path) ?? null) !== content)
      .map(([path, content]) => ({ path, content }))
      .sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));
  }

  /**
   * Proposes the user's branch for the default branch: opens a pull request
   * of it, or finds the one open. A 501 where the repository has no pull
   * requests, a 409 before the branch has a commit.
   */
  async openPullRequest(
    git: ProjectGit,
    request: { branch: string; title: string; body: string },
  ): Promise<ProjectPullRequest> {
    if (!git.openPullRequest) {
      throw new NotImplementedError(
        `${git.location} is a repository without pull requests: merge the branch '${request.branch}' with git`,
      );
    }
    if (!(await git.branchHead(request.branch))) {
      throw new ConflictError(
        `There is no branch '${request.branch}' yet: save a commit, then open a pull request`,
      );
    }
    return git.openPullRequest(request);
  }

  /** Tells `onCommit` of a commit to the project; a failure is only logged. */
  async announce(project: string): Promise<void> {
    try {
      await this.options.onCommit?.(project);
    } catch (error) {
      // The commit is made; a late catalog refresh is not the caller's failure.
      this.options.logger.warn(
        `Could not announce the commit to the data project '${project}'`,
        error as Error,
      );
    }
  }

  async headOf(git: ProjectGit, branch: string): Promise<string> {
    const head = await git.branchHead(branch);
    if (!head) throw new Error(`The branch '${branch}' has no commit`);
    return head;
  }

  /** The commit an id names; a 400 naming the field otherwise. */
  async commitNamed(
    git: ProjectGit,
    id: string,
    field: string,
  ): Promise<string> {
    const commit = await git.resolveCommit(id);
    if (!commit) {
      throw new InputError(`${field}: no commit '${id}' in the repository`);
    }
    return commit;
  }
}

/** The message as git keeps it; a 400 for one that is empty or a file's length. */
export function commitMessage(message: string): string {
  const trimmed = message.replace(/\r\n?/g, '\n').trim();
  if (!trimmed) {
    throw new InputError('message: say what the change does');
  }
  if (trimmed.length > MAX_MESSAGE_LENGTH) {
    throw new InputError(
      `message: at most ${MAX_MESSAGE_LENGTH} characters, not ${trimmed.length}`,
    );
  }
  return trimmed;
}
