import { NotFoundError } from '@backstage/errors';
import {
  compileProject,
  JobFile,
  parseProjectFile,
  ProjectCompilerDiagnostic,
  projectFileKinds,
} from '@meshwork/data-mesh-common';
import { ProjectPullRequest } from '@meshwork/data-mesh-node';
import type {
  PipelineEditor,
  PullRequestRequest,
} from './PipelineEditorService';
import {
  editorBranch,
  FileForEditing,
  ProjectFileCommits,
  ProjectFileCommitsOptions,
  SavedCommit,
} from './ProjectFileCommits';

/** A job file as the jobs view opens it for editing. */
export interface JobSource extends FileForEditing {
  readonly project: string;
  readonly job: string;
  /** The file's path in the project. */
  readonly path: string;
  /** The branch the edits go to: `meshwork/<user>/<job>.job`. */
  readonly branch: string;
  /** The file's content; null when it does not parse (see `diagnostics`). */
  readonly value: JobFile | null;
  /** The problems of the project at `commit` that are in this file. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
  /** The names of the project's pipelines at `commit`: what a task may run. */
  readonly pipelines: readonly string[];
}

/** `jobs/<name>.job.yaml`. */
export function jobPath(job: string): string {
  return `jobs/${job}${projectFileKinds.job.suffix}`;
}

/**
 * The branch a user's edits of a job are committed to. `<job>.job` beside
 * the pipelines' `meshwork/<user>/<pipeline>`: file names have no dots, so
 * a job's branch never is a pipeline's, nor a folder of one (git cannot
 * have both `a/jobs` and `a/jobs/x`).
 */
export function jobEditorBranch(userEntityRef: string, job: string): string {
  return editorBranch(userEntityRef, `${job}.job`);
}

/**
 * The jobs view's git side: opens a job file at the user's branch, and
 * commits an edit of its tasks, schedule or alerts there with the bundle
 * and manifest regenerated, as the pipeline editor does for pipelines.
 */
export class JobEditorService {
  private readonly commits: ProjectFileCommits;

  constructor(private readonly options: ProjectFileCommitsOptions) {
    this.commits = new ProjectFileCommits(options);
  }

  /** The job file at the user's branch, else at the default branch. */
  async open(
    project: string,
    job: string,
    userEntityRef: string,
  ): Promise<JobSource> {
    const git = await this.commits.gitOf(project);
    const path = jobPath(job);
    const branch = jobEditorBranch(userEntityRef, job);
    const read = await this.commits.readForEditing(git, { path, branch });
    if (read.text === null) {
      throw new NotFoundError(
        `The data project '${project}' has no job '${job}'`,
      );
    }
    const sources = await git.readFiles(read.commit, { sourcesOnly: true });
    const compiled = compileProject(
      sources,
      await this.options.projects.compileOptions(sources),
    );
    const pipelineFile = /^pipelines\/([^/]+)\.pipeline\.yaml$/;
    return {
      ...read,
      project,
      job,
      path,
      branch,
      value: parseProjectFile('job', path, read.text).value ?? null,
      diagnostics: compiled.diagnostics.filter(d => d.file === path),
      pipelines: sources
        .map(f => pipelineFile.exec(f.path)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort(),
    };
  }

  /**
   * Commits the edited job file, with the bundle and manifest it changes,
   * to the user's branch: refused for a project with errors, and with the
   * three versions when the file changed on the branch since `baseCommit`.
   */
  async save(
    project: string,
    job: string,
    editor: PipelineEditor,
    request: { text: string; baseCommit: string; message: string },
  ): Promise<SavedCommit> {
    const git = await this.commits.gitOf(project);
    const saved = await this.commits.commitFile(git, {
      ...request,
      path: jobPath(job),
      branch: jobEditorBranch(editor.userEntityRef, job),
      author: editor.author,
    });
    await this.commits.announce(project);
    return saved;
  }

  /** Opens a pull request of the user's branch of the job (GitHub). */
  async openPullRequest(
    project: string,
    job: string,
    userEntityRef: string,
    request: PullRequestRequest,
  ): Promise<ProjectPullRequest> {
    const git = await this.commits.gitOf(project);
    return this.commits.openPullRequest(git, {
      branch: jobEditorBranch(userEntityRef, job),
      title: request.title,
      body:
        request.body ??
        `Edits of the job \`${job}\` of the data project \`${project}\`, committed with the Meshwork jobs view.`,
    });
  }
}
