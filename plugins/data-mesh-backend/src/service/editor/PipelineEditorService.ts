import { LoggerService } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotFoundError,
  NotImplementedError,
} from '@backstage/errors';
import {
  compileProject,
  isGeneratedProjectPath,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import {
  GitRefError,
  ProjectCommit,
  ProjectCommitAuthor,
  ProjectGit,
  StaleBranchError,
} from '@meshwork/data-mesh-node';
import type { ProjectRepository } from '../projects/ProjectRepository';
import { PipelineConflictError, ProjectDiagnosticsError } from './editorErrors';
import type { PipelineDraft, PipelineDraftStore } from './PipelineDraftStore';

/** Who edits: the user entity ref, and the name git records. */
export interface PipelineEditor {
  readonly userEntityRef: string;
  readonly author: ProjectCommitAuthor;
}

/** A pipeline file as the editor opens it. */
export interface PipelineSource {
  readonly project: string;
  readonly pipeline: string;
  /** The file's path in the project. */
  readonly path: string;
  /** The branch the editor's saves go to: `meshwork/<user>/<pipeline>`. */
  readonly branch: string;
  /** Whether that branch exists yet. */
  readonly branchExists: boolean;
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
  /** The problems of the project at `commit` that are in this file. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
}

/** A commit of the editor, with what it changed. */
export interface SavedCommit {
  readonly commit: string;
  readonly branch: string;
  readonly parent: string;
  /** The project paths written or removed: the pipeline file and generated code. */
  readonly changedPaths: readonly string[];
}

/** A commit in a pipeline's history. */
export interface PipelineHistoryEntry extends ProjectCommit {
  /** The project paths it changed. */
  readonly changedPaths: readonly string[];
  /** Whether the default branch has it, or only the editor's branch. */
  readonly onDefaultBranch: boolean;
}

/** Commit messages are short prose, not files. */
const MAX_MESSAGE_LENGTH = 5000;

/** The history a pipeline's page shows. */
const HISTORY_LENGTH = 50;

/** Tries of a save that lost the race for its branch to a save with the same base. */
const SAVE_ATTEMPTS = 3;

/** `pipelines/<name>.pipeline.yaml`. */
export function pipelinePath(pipeline: string): string {
  return `pipelines/${pipeline}.pipeline.yaml`;
}

/** The branch a user's edits of a pipeline are committed to. */
export function editorBranch(userEntityRef: string, pipeline: string): string {
  const user = userEntityRef.replace(/^user:(default\/)?/, '');
  return `meshwork/${user.replace(/[^A-Za-z0-9._-]/g, '-')}/${pipeline}`;
}

/**
 * The pipeline editor's git side: opens a pipeline file at the user's
 * branch, commits an edit there with the code, bundle and manifest
 * regenerated (never a project with errors, never over someone else's
 * commit), lists and reverts the commits that changed it, and keeps the
 * user's draft until it is committed.
 *
 * The default branch (what runs) is never written: an edit reaches it by a
 * merge, through a pull request where the project lives on GitHub.
 */
export class PipelineEditorService {
  constructor(
    private readonly options: {
      projects: ProjectRepository;
      drafts: PipelineDraftStore;
      logger: LoggerService;
      /** Told of each commit, e.g. to have the catalog read the project again. */
      onCommit?: (project: string) => Promise<void>;
    },
  ) {}

  /** The pipeline file at the user's branch, else at the default branch. */
  async open(
    project: string,
    pipeline: string,
    userEntityRef: string,
    at?: string,
  ): Promise<PipelineSource> {
    const git = await this.gitOf(project);
    const path = pipelinePath(pipeline);
    const branch = editorBranch(userEntityRef, pipeline);
    const branchHead = await git.branchHead(branch);
    const defaultName = await git.defaultBranch();
    const defaultHead = await this.headOf(git, defaultName);
    const commit =
      at === undefined
        ? branchHead ?? defaultHead
        : await this.commitNamed(git, at, 'at');
    const text = (await git.readFile(commit, path)) ?? null;
    if (text === null && at === undefined) {
      throw new NotFoundError(
        `The data project '${project}' has no pipeline '${pipeline}'`,
      );
    }
    const compiled = compileProject(
      await git.readFiles(commit, { sourcesOnly: true }),
    );
    return {
      project,
      pipeline,
      path,
      branch,
      branchExists: branchHead !== undefined,
      commit,
      text,
      defaultBranch: {
        name: defaultName,
        commit: defaultHead,
        text: (await git.readFile(defaultHead, path)) ?? null,
      },
      diagnostics: compiled.diagnostics.filter(d => d.file === path),
    };
  }

  /**
   * Commits the edited pipeline file, with the generated files it changes,
   * to the user's branch. `baseCommit` is the commit the edit started
   * from: when the file changed on the branch since, nothing is committed
   * and a {@link PipelineConflictError} carries the three versions.
   */
  async save(
    project: string,
    pipeline: string,
    editor: PipelineEditor,
    request: { text: string; baseCommit: string; message: string },
  ): Promise<SavedCommit> {
    const git = await this.gitOf(project);
    const message = commitMessage(request.message);
    const path = pipelinePath(pipeline);
    const branch = editorBranch(editor.userEntityRef, pipeline);
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
          author: editor.author,
          message,
        });
        await this.committed(project, pipeline, editor.userEntityRef);
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

  /** The commits that changed the pipeline file, newest first. */
  async history(
    project: string,
    pipeline: string,
    userEntityRef: string,
  ): Promise<{
    branch: string;
    ref: string;
    commits: PipelineHistoryEntry[];
  }> {
    const git = await this.gitOf(project);
    const branch = editorBranch(userEntityRef, pipeline);
    const defaultName = await git.defaultBranch();
    const ref = (await git.branchHead(branch)) ? branch : defaultName;
    const path = pipelinePath(pipeline);
    const [commits, onDefault] = await Promise.all([
      git.log(ref, { path, limit: HISTORY_LENGTH }),
      git.log(defaultName, { limit: 1000 }),
    ]);
    const onDefaultBranch = new Set(onDefault.map(c => c.commit));
    return {
      branch,
      ref,
      commits: await Promise.all(
        commits.map(async c => ({
          ...c,
          changedPaths: await git.changedPaths(c.commit),
          onDefaultBranch: onDefaultBranch.has(c.commit),
        })),
      ),
    };
  }

  /**
   * Undoes a commit with a new one on the user's branch, as `git revert`
   * does: each source file it changed goes back to its parent's version,
   * and the generated files are made again. A file changed again since is
   * a conflict, to be reverted by hand.
   */
  async revert(
    project: string,
    pipeline: string,
    editor: PipelineEditor,
    request: { commit: string },
  ): Promise<SavedCommit> {
    const git = await this.gitOf(project);
    const target = await this.commitNamed(git, request.commit, 'commit');
    const [reverted] = await git.log(target, { limit: 1 });
    const parentOfTarget = reverted.parents[0];
    if (!parentOfTarget) {
      throw new InputError(
        `commit: ${target.slice(
          0,
          7,
        )} is the repository's first commit; there is nothing before it to go back to`,
      );
    }
    const branch = editorBranch(editor.userEntityRef, pipeline);
    const head = await git.branchHead(branch);
    const parent = head ?? (await this.headOf(git, await git.defaultBranch()));
    const sources = (await git.changedPaths(target)).filter(
      p => !isGeneratedProjectPath(p),
    );
    const restored = new Map<string, string | null>();
    for (const path of sources) {
      const [now, then, before] = await Promise.all([
        git.readFile(parent, path),
        git.readFile(target, path),
        git.readFile(parentOfTarget, path),
      ]);
      if (now !== then) {
        throw new PipelineConflictError(
          `${path} changed again after ${target.slice(
            0,
            7,
          )}; revert it by hand`,
          {
            path,
            base: { commit: target, text: then ?? null },
            theirs: { commit: parent, text: now ?? null },
            yours: { text: before ?? null },
          },
        );
      }
      restored.set(path, before ?? null);
    }
    const changes = await this.changesWith(
      git,
      parent,
      restored,
      `Reverting ${target.slice(
        0,
        7,
      )} leaves the project with errors; nothing was committed`,
    );
    if (changes.length === 0) {
      throw new InputError(
        `commit: ${target.slice(0, 7)} changed nothing that is still there`,
      );
    }
    const subject = reverted.message.split('\n')[0];
    const commit = await git
      .commit({
        branch,
        expectedHead: head ?? null,
        parent,
        changes,
        author: editor.author,
        message: `Revert "${subject}"\n\nThis reverts commit ${target}.`,
      })
      .catch(error => {
        if (error instanceof StaleBranchError) {
          throw new PipelineConflictError(
            `${branch} moved while reverting; open the pipeline again`,
            {
              path: pipelinePath(pipeline),
              base: { commit: parent, text: null },
              theirs: { commit: parent, text: null },
              yours: { text: null },
            },
          );
        }
        throw error;
      });
    await this.committed(project, pipeline, editor.userEntityRef);
    return { commit, branch, parent, changedPaths: changes.map(c => c.path) };
  }

  async draft(
    project: string,
    pipeline: string,
    userEntityRef: string,
  ): Promise<PipelineDraft | undefined> {
    await this.gitOf(project);
    return this.options.drafts.get({
      project,
      pipeline,
      author: userEntityRef,
    });
  }

  async saveDraft(
    project: string,
    pipeline: string,
    userEntityRef: string,
    draft: { text: string; baseCommit: string },
  ): Promise<PipelineDraft> {
    const git = await this.gitOf(project);
    const baseCommit = await this.commitNamed(
      git,
      draft.baseCommit,
      'baseCommit',
    );
    return this.options.drafts.put({
      project,
      pipeline,
      author: userEntityRef,
      baseCommit,
      text: draft.text,
    });
  }

  async discardDraft(
    project: string,
    pipeline: string,
    userEntityRef: string,
  ): Promise<boolean> {
    await this.gitOf(project);
    return this.options.drafts.delete({
      project,
      pipeline,
      author: userEntityRef,
    });
  }

  /**
   * The files to commit on top of `parent` for the edited source files:
   * those, and the generated files that change or go with them, sorted by
   * path. A {@link ProjectDiagnosticsError} when the project would have
   * errors.
   */
  private async changesWith(
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
    const compiled = compileProject(sources);
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

  private async committed(
    project: string,
    pipeline: string,
    userEntityRef: string,
  ): Promise<void> {
    await this.options.drafts.delete({
      project,
      pipeline,
      author: userEntityRef,
    });
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

  private async gitOf(project: string): Promise<ProjectGit> {
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

  private async headOf(git: ProjectGit, branch: string): Promise<string> {
    const head = await git.branchHead(branch);
    if (!head) throw new Error(`The branch '${branch}' has no commit`);
    return head;
  }

  /** The commit an id names; a 400 naming the field otherwise. */
  private async commitNamed(
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
function commitMessage(message: string): string {
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
