import { InputError, NotFoundError } from '@backstage/errors';
import {
  checkProjectPipeline,
  isGeneratedProjectPath,
  loadProject,
  LoadProjectOptions,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import {
  ProjectCommit,
  ProjectCommitAuthor,
  ProjectGit,
  ProjectPullRequest,
  StaleBranchError,
} from '@meshwork/data-mesh-node';
import { PipelineConflictError } from './editorErrors';
import type { PipelineDraft, PipelineDraftStore } from './PipelineDraftStore';
import {
  editorBranch,
  FileForEditing,
  ProjectFileCommits,
  ProjectFileCommitsOptions,
  SavedCommit,
} from './ProjectFileCommits';

/** Who edits: the user entity ref, and the name git records. */
export interface PipelineEditor {
  readonly userEntityRef: string;
  readonly author: ProjectCommitAuthor;
}

/** A pipeline file as the editor opens it. */
export interface PipelineSource extends FileForEditing {
  readonly project: string;
  readonly pipeline: string;
  /** The file's path in the project. */
  readonly path: string;
  /** The branch the editor's saves go to: `meshwork/<user>/<pipeline>`. */
  readonly branch: string;
  /** The problems of the project at `commit` that are in this file. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
  /**
   * The project's source files at `commit`, this one included, so that the
   * browser compiles the edited pipeline with the rest of its project.
   */
  readonly projectFiles: readonly ProjectSourceFile[];
  /**
   * The files of the standards library version the project pins at
   * `commit` (paths relative to the version's folder), so that the browser
   * compiles with the library as the server does; absent when it pins none
   * the backend knows.
   */
  readonly standards?: {
    readonly version: string;
    readonly files: readonly ProjectSourceFile[];
  };
}

/** What a user says of a pull request they open. */
export interface PullRequestRequest {
  readonly title: string;
  /** The description; a sentence naming the edited file when absent. */
  readonly body?: string;
}

/** A commit in a pipeline's history. */
export interface PipelineHistoryEntry extends ProjectCommit {
  /** The project paths it changed. */
  readonly changedPaths: readonly string[];
  /** Whether the default branch has it, or only the editor's branch. */
  readonly onDefaultBranch: boolean;
}

/**
 * The problems of one pipeline file, as the editor checks it: loading and
 * checking only, without writing the code of every pipeline (a commit
 * compiles everything, and refuses what only code generation finds).
 */
function fileDiagnostics(
  files: readonly ProjectSourceFile[],
  path: string,
  options: LoadProjectOptions,
): ProjectCompilerDiagnostic[] {
  const loaded = loadProject(files, options);
  const file = [...loaded.pipelines.values()].find(f => f.path === path);
  if (!file) return loaded.diagnostics.filter(d => d.file === path);
  return checkProjectPipeline(loaded, file.value.name).diagnostics.filter(
    d => d.file === path,
  );
}

/** How many checked pipeline files at a commit {@link PipelineEditorService} keeps. */
const CHECKED_FILES_KEPT = 32;

/** The history a pipeline's page shows. */
const HISTORY_LENGTH = 50;

/** `pipelines/<name>.pipeline.yaml`. */
export function pipelinePath(pipeline: string): string {
  return `pipelines/${pipeline}.pipeline.yaml`;
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
  private readonly commits: ProjectFileCommits;
  private readonly checkedFiles = new Map<
    string,
    Promise<Pick<PipelineSource, 'diagnostics' | 'projectFiles' | 'standards'>>
  >();

  constructor(
    private readonly options: ProjectFileCommitsOptions & {
      drafts: PipelineDraftStore;
    },
  ) {
    this.commits = new ProjectFileCommits(options);
  }

  /** The pipeline file at the user's branch, else at the default branch. */
  async open(
    project: string,
    pipeline: string,
    userEntityRef: string,
    at?: string,
  ): Promise<PipelineSource> {
    const git = await this.commits.gitOf(project);
    const path = pipelinePath(pipeline);
    const branch = editorBranch(userEntityRef, pipeline);
    const read = await this.commits.readForEditing(git, { path, branch, at });
    if (read.text === null && at === undefined) {
      throw new NotFoundError(
        `The data project '${project}' has no pipeline '${pipeline}'`,
      );
    }
    const checked = await this.checkedAt(git, read.commit, path);
    return { ...read, project, pipeline, path, branch, ...checked };
  }

  /**
   * The project's sources at a commit and the problems of one file there.
   * A commit never changes, so the last few are kept: reopening a large
   * pipeline no longer reads and checks its project again.
   */
  private checkedAt(
    git: ProjectGit,
    commit: string,
    path: string,
  ): Promise<
    Pick<PipelineSource, 'diagnostics' | 'projectFiles' | 'standards'>
  > {
    const key = `${git.location}\n${commit}\n${path}`;
    let checked = this.checkedFiles.get(key);
    if (!checked) {
      const { projects } = this.options;
      checked = git
        .readFiles(commit, { sourcesOnly: true })
        .then(async files => {
          const standards = await projects.standardsFiles(files);
          return {
            diagnostics: fileDiagnostics(
              files,
              path,
              await projects.compileOptions(files),
            ),
            projectFiles: files.map(f => ({ path: f.path, text: f.text })),
            ...(standards && {
              standards: {
                version: standards.version,
                files: standards.files.map(f => ({
                  path: f.path,
                  text: f.text,
                })),
              },
            }),
          };
        });
      checked.catch(() => this.checkedFiles.delete(key));
      this.checkedFiles.set(key, checked);
      for (const oldest of this.checkedFiles.keys()) {
        if (this.checkedFiles.size <= CHECKED_FILES_KEPT) break;
        this.checkedFiles.delete(oldest);
      }
    }
    return checked;
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
    const git = await this.commits.gitOf(project);
    const saved = await this.commits.commitFile(git, {
      ...request,
      path: pipelinePath(pipeline),
      branch: editorBranch(editor.userEntityRef, pipeline),
      author: editor.author,
    });
    await this.committed(project, pipeline, editor.userEntityRef);
    return saved;
  }

  /** Opens a pull request of the user's branch of the pipeline (GitHub). */
  async openPullRequest(
    project: string,
    pipeline: string,
    userEntityRef: string,
    request: PullRequestRequest,
  ): Promise<ProjectPullRequest> {
    const git = await this.commits.gitOf(project);
    return this.commits.openPullRequest(git, {
      branch: editorBranch(userEntityRef, pipeline),
      title: request.title,
      body:
        request.body ??
        `Edits of the pipeline \`${pipeline}\` of the data project \`${project}\`, committed with the Meshwork pipeline editor.`,
    });
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
    const git = await this.commits.gitOf(project);
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
    const git = await this.commits.gitOf(project);
    const target = await this.commits.commitNamed(
      git,
      request.commit,
      'commit',
    );
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
    const parent =
      head ?? (await this.commits.headOf(git, await git.defaultBranch()));
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
    const changes = await this.commits.changesWith(
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
    await this.commits.gitOf(project);
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
    const git = await this.commits.gitOf(project);
    const baseCommit = await this.commits.commitNamed(
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
    await this.commits.gitOf(project);
    return this.options.drafts.delete({
      project,
      pipeline,
      author: userEntityRef,
    });
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
    await this.commits.announce(project);
  }
}
