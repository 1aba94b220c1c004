import { ConflictError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { ProjectSourceFile } from '@meshwork/data-mesh-common';
import { Octokit } from '@octokit/rest';
import parseGitUrl from 'git-url-parse';
import pLimit from 'p-limit';
import { isProjectFilePath, MAX_PROJECT_FILE_BYTES } from '../projectPaths';
import { GitRefError } from '../readProjectAtGitRef';
import {
  ProjectCommit,
  ProjectCommitRequest,
  ProjectGit,
  ProjectPullRequest,
  StaleBranchError,
} from './ProjectGit';

/**
 * How {@link GithubProjectGit} reaches its repository.
 *
 * @public
 */
export interface GithubProjectGitOptions {
  /** The project folder's URL, for messages. */
  readonly location: string;
  readonly owner: string;
  readonly repo: string;
  /** The project folder in the repository: `''` (its root) or `a/b`. */
  readonly folder: string;
  /**
   * An Octokit authenticated for the repository, asked for before each
   * request: credentials of GitHub Apps expire, so it may be a new one.
   */
  readonly octokit: () => Promise<Octokit>;
  /** How many items a page of a list asks for; GitHub allows up to 100. */
  readonly pageSize?: number;
}

/** How many blobs are downloaded at once when reading a project. */
const BLOB_CONCURRENCY = 8;
const USER_AGENT = 'meshwork-data-mesh';

type Mode = '100644' | '100755' | '040000' | '160000' | '120000';

/** A file of a project's tree at a commit, by its project path. */
interface TreeFile {
  readonly path: string;
  readonly sha: string;
  readonly mode: Mode;
  readonly size: number | undefined;
}

/** The error Octokit throws for an HTTP status (its `RequestError`). */
interface GithubRequestError extends Error {
  readonly status: number;
  /** Absent when GitHub never answered (a network failure). */
  readonly response?: {
    readonly data?: unknown;
    readonly headers?: Readonly<Record<string, string | number | undefined>>;
  };
}

function isRequestError(error: unknown): error is GithubRequestError {
  return (
    error instanceof Error &&
    error.name === 'HttpError' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

function statusOf(error: unknown): number | undefined {
  return isRequestError(error) ? error.status : undefined;
}

/** What GitHub said: its message and those of its validation errors. */
function githubMessage(error: GithubRequestError): string {
  const data = error.response?.data as
    | { message?: unknown; errors?: Array<{ message?: unknown }> }
    | undefined;
  const messages = [
    data?.message,
    ...(Array.isArray(data?.errors) ? data.errors.map(e => e?.message) : []),
  ].filter((m): m is string => typeof m === 'string' && m !== '');
  return messages.length > 0 ? messages.join(': ') : error.message;
}

function isRateLimited(error: GithubRequestError): boolean {
  const remaining = error.response?.headers?.['x-ratelimit-remaining'];
  return (
    (error.status === 403 || error.status === 429) &&
    (String(remaining) === '0' || /rate limit/i.test(githubMessage(error)))
  );
}

/** A git signature's date as an ISO 8601 timestamp. */
function isoDate(date: string | undefined): string {
  const time = date ? Date.parse(date) : NaN;
  return new Date(Number.isNaN(time) ? 0 : time).toISOString();
}

/** Whether a `Link` header names a next page. */
function hasNextPage(link: string | undefined): boolean {
  return /rel="next"/.test(link ?? '');
}

/** One credentials provider per integrations: it caches GitHub App tokens. */
const credentialsProviders = new WeakMap<
  ScmIntegrationRegistry,
  GithubCredentialsProvider
>();

function credentialsProviderOf(
  integrations: ScmIntegrationRegistry,
): GithubCredentialsProvider {
  let provider = credentialsProviders.get(integrations);
  if (!provider) {
    provider = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    credentialsProviders.set(integrations, provider);
  }
  return provider;
}

/**
 * A data project's repository on GitHub (or GitHub Enterprise), read and
 * written through the REST API: the git data endpoints write blobs, trees
 * and commits, and the branch is moved to the new commit, so nothing is
 * cloned. The project folder may be any folder of the repository; paths
 * are project paths, as with `LocalProjectGit`.
 *
 * GitHub has no compare-and-swap of refs: a commit checks that the branch
 * is at `expectedHead`, then moves it to the new commit by a fast-forward
 * only update (a new branch by creating the ref, which fails when it
 * exists). A commit pushed meanwhile makes the update fail, a
 * {@link StaleBranchError}, and is never lost; the objects written for the
 * refused commit are left for GitHub to collect. So the new commit's
 * `parent` must be the branch's head (or a commit after it).
 *
 * The repository's URL names a branch too (`tree/<branch>/<folder>`), but
 * history and commits use the repository's default branch, and a branch
 * whose name holds slashes cannot be told from the folder in such a URL:
 * only the owner, the repository and the folder are taken from it.
 *
 * @public
 */
export class GithubProjectGit implements ProjectGit {
  readonly location: string;
  readonly owner: string;
  readonly repo: string;
  /** The project folder in the repository: `''` (its root) or `a/b`. */
  readonly folder: string;
  private readonly octokit: () => Promise<Octokit>;
  private readonly pageSize: number;

  /**
   * The project folder of a URL on one of the GitHub integrations, e.g.
   * `https://github.com/acme/sales/tree/main/projects/hello-world`, with
   * the integration's credentials (a token, or a GitHub App's installation
   * tokens, renewed as they expire). Undefined for a URL that is not on a
   * GitHub integration with an API, or that names no repository folder.
   */
  static fromUrl(
    url: string,
    options: {
      integrations: ScmIntegrationRegistry;
      credentialsProvider?: GithubCredentialsProvider;
    },
  ): GithubProjectGit | undefined {
    const integration = options.integrations.github.byUrl(url);
    const apiBaseUrl = integration?.config.apiBaseUrl;
    if (!apiBaseUrl) return undefined;
    let parsed: parseGitUrl.GitUrl;
    try {
      parsed = parseGitUrl(url);
    } catch {
      return undefined;
    }
    const { owner, name: repo, filepath, filepathtype } = parsed;
    if (!owner || !repo || (filepathtype && filepathtype !== 'tree')) {
      return undefined;
    }
    const credentials =
      options.credentialsProvider ??
      credentialsProviderOf(options.integrations);
    let current: { token: string | undefined; octokit: Octokit } | undefined;
    const octokit = async () => {
      let token;
      try {
        ({ token } = await credentials.getCredentials({ url }));
      } catch (error) {
        throw new Error(
          `Could not get credentials for ${owner}/${repo} from the GitHub integration for ${integration.config.host}: ${error}`,
          { cause: error },
        );
      }
      if (!current || current.token !== token) {
        current = {
          token,
          octokit: new Octokit({
            baseUrl: apiBaseUrl,
            auth: token,
            userAgent: USER_AGENT,
          }),
        };
      }
      return current.octokit;
    };
    return new GithubProjectGit({
      location: url,
      owner,
      repo,
      folder: filepath.split('/').filter(Boolean).join('/'),
      octokit,
    });
  }

  constructor(options: GithubProjectGitOptions) {
    this.location = options.location;
    this.owner = options.owner;
    this.repo = options.repo;
    this.folder = options.folder.split('/').filter(Boolean).join('/');
    this.octokit = options.octokit;
    this.pageSize = options.pageSize ?? 100;
  }

  async defaultBranch(): Promise<string> {
    const { data } = await this.send('read the default branch', octokit =>
      octokit.rest.repos.get({ owner: this.owner, repo: this.repo }),
    );
    return data.default_branch;
  }

  async branchHead(branch: string): Promise<string | undefined> {
    // 409: an empty repository has no branches.
    const response = await this.sendOrAbsent(
      `read the branch '${branch}'`,
      octokit =>
        octokit.rest.git.getRef({
          owner: this.owner,
          repo: this.repo,
          ref: `heads/${branch}`,
        }),
      [404, 409],
    );
    return response?.data.object.sha;
  }

  async resolveCommit(commit: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{4,40}$/i.test(commit)) return undefined;
    // The commits endpoint takes abbreviated ids; one file of the diff
    // keeps the answer small.
    const response = await this.sendOrAbsent(
      `read the commit ${commit}`,
      octokit =>
        octokit.rest.repos.getCommit({
          owner: this.owner,
          repo: this.repo,
          ref: commit,
          per_page: 1,
        }),
      [404, 409, 422],
    );
    return response?.data.sha;
  }

  async readFiles(
    commit: string,
    options: { sourcesOnly?: boolean } = {},
  ): Promise<ProjectSourceFile[]> {
    const sourcesOnly = options.sourcesOnly ?? false;
    const what = `read the project at ${commit}`;
    const files = await this.projectFiles(commit, what);
    if (!files) throw this.noCommit(commit);
    const wanted = files.filter(
      file =>
        isProjectFilePath(file.path, sourcesOnly) &&
        (file.size ?? 0) <= MAX_PROJECT_FILE_BYTES,
    );
    const limit = pLimit(BLOB_CONCURRENCY);
    const read = await Promise.all(
      wanted.map(file =>
        limit(async () => {
          const blob = await this.blob(file.sha, what);
          return blob.byteLength > MAX_PROJECT_FILE_BYTES
            ? undefined
            : { path: file.path, text: blob.toString('utf8') };
        }),
      ),
    );
    return read
      .filter((file): file is ProjectSourceFile => file !== undefined)
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async readFile(commit: string, path: string): Promise<string | undefined> {
    const segments = path.split('/');
    if (segments.some(s => s === '' || s === '.' || s === '..')) {
      return undefined;
    }
    const what = `read ${path} at ${commit}`;
    const response = await this.sendOrAbsent(
      what,
      octokit =>
        octokit.rest.repos.getContent({
          owner: this.owner,
          repo: this.repo,
          path: this.repositoryPath(path),
          ref: commit,
        }),
      [404, 409, 422],
    );
    const data = response?.data;
    if (!data || Array.isArray(data) || data.type !== 'file') return undefined;
    if ('encoding' in data && data.encoding === 'base64') {
      return Buffer.from(data.content, 'base64').toString('utf8');
    }
    // The contents API leaves out files over 1 MB (`encoding: 'none'`).
    return (await this.blob(data.sha, what)).toString('utf8');
  }

  async commit(request: ProjectCommitRequest): Promise<string> {
    const { branch } = request;
    const what = `commit to the branch '${branch}'`;
    const head = (await this.branchHead(branch)) ?? null;
    if (head !== request.expectedHead) {
      throw new StaleBranchError(
        `The branch '${branch}' moved to ${head ?? 'nothing'} meanwhile`,
      );
    }
    const parent = await this.sendOrAbsent(
      what,
      octokit =>
        octokit.rest.git.getCommit({
          owner: this.owner,
          repo: this.repo,
          commit_sha: request.parent,
        }),
      [404, 422],
    );
    if (!parent) throw this.noCommit(request.parent);
    const baseTree = parent.data.tree.sha;

    // GitHub refuses to remove what is not there: remove only what is.
    const existing = new Map(
      ((await this.projectFiles(baseTree, what)) ?? []).map(
        file => [file.path, file] as const,
      ),
    );
    const entries: Array<{
      path: string;
      mode: Mode;
      type: 'blob';
      sha?: null;
      content?: string;
    }> = [];
    for (const { path, content } of request.changes) {
      const file = existing.get(path);
      if (content === null) {
        if (!file) continue;
        entries.push({
          path: this.repositoryPath(path),
          mode: file.mode,
          type: 'blob',
          sha: null,
        });
      } else {
        entries.push({
          path: this.repositoryPath(path),
          mode: file?.mode === '100755' ? file.mode : '100644',
          type: 'blob',
          content,
        });
      }
    }
    const tree =
      entries.length === 0
        ? baseTree
        : (
            await this.send(what, octokit =>
              octokit.rest.git.createTree({
                owner: this.owner,
                repo: this.repo,
                base_tree: baseTree,
                tree: entries,
              }),
            )
          ).data.sha;
    const { data: created } = await this.send(what, octokit =>
      octokit.rest.git.createCommit({
        owner: this.owner,
        repo: this.repo,
        message: request.message,
        tree,
        parents: [request.parent],
        author: { ...request.author, date: new Date().toISOString() },
      }),
    );
    await this.moveBranch(branch, request.expectedHead, created.sha, what);
    return created.sha;
  }

  async log(
    ref: string,
    options: { path?: string; limit?: number } = {},
  ): Promise<ProjectCommit[]> {
    const limit = options.limit ?? 100;
    if (limit <= 0) return [];
    const what = `read the history of ${ref}`;
    const commits: ProjectCommit[] = [];
    await this.send(what, async octokit => {
      // By route: Octokit's own packages disagree on the types of
      // `octokit.rest.repos.listCommits` as a paginated request.
      const pages = octokit.paginate.iterator(
        'GET /repos/{owner}/{repo}/commits',
        {
          owner: this.owner,
          repo: this.repo,
          sha: ref,
          path:
            options.path === undefined
              ? undefined
              : this.repositoryPath(options.path),
          per_page: Math.min(limit, this.pageSize),
        },
      );
      try {
        for await (const { data } of pages) {
          for (const item of data.slice(0, limit - commits.length)) {
            commits.push({
              commit: item.sha,
              parents: item.parents.map(p => p.sha),
              message: item.commit.message.trimEnd(),
              author: {
                name: item.commit.author?.name ?? '',
                email: item.commit.author?.email ?? '',
              },
              authoredAt: isoDate(
                item.commit.author?.date ?? item.commit.committer?.date,
              ),
            });
          }
          if (commits.length >= limit) break;
        }
      } catch (error) {
        // An empty repository has no history.
        if (statusOf(error) === 409) return;
        if (statusOf(error) === 404 || statusOf(error) === 422) {
          throw new GitRefError(
            `'${ref}' names no branch or commit of ${this.owner}/${this.repo}`,
          );
        }
        throw error;
      }
    });
    return commits;
  }

  async changedPaths(commit: string): Promise<string[]> {
    const what = `read the files commit ${commit} changed`;
    const paths = new Set<string>();
    // The files of a large commit come in pages (GitHub lists 3000 at most).
    for (let page = 1; ; page++) {
      const response = await this.sendOrAbsent(
        what,
        octokit =>
          octokit.rest.repos.getCommit({
            owner: this.owner,
            repo: this.repo,
            ref: commit,
            per_page: this.pageSize,
            page,
          }),
        [404, 409, 422],
      );
      if (!response) throw this.noCommit(commit);
      for (const file of response.data.files ?? []) {
        for (const name of [file.filename, file.previous_filename]) {
          const path = name === undefined ? undefined : this.projectPath(name);
          if (path !== undefined) paths.add(path);
        }
      }
      if (!hasNextPage(response.headers.link)) break;
    }
    return [...paths].sort();
  }

  async openPullRequest(request: {
    branch: string;
    title: string;
    body: string;
  }): Promise<ProjectPullRequest> {
    const base = await this.defaultBranch();
    const what = `open a pull request of the branch '${request.branch}'`;
    return this.send(what, async octokit => {
      try {
        const { data } = await octokit.rest.pulls.create({
          owner: this.owner,
          repo: this.repo,
          head: request.branch,
          base,
          title: request.title,
          body: request.body,
        });
        return { number: data.number, url: data.html_url, created: true };
      } catch (error) {
        if (!isRequestError(error) || error.status !== 422) throw error;
        const said = githubMessage(error);
        if (!/pull request already exists/i.test(said)) {
          // E.g. no commits between the branches: the user's to mend.
          throw new ConflictError(
            `GitHub refuses a pull request of the branch '${request.branch}' into ${base} of ${this.owner}/${this.repo}: ${said}`,
          );
        }
      }
      const { data: open } = await octokit.rest.pulls.list({
        owner: this.owner,
        repo: this.repo,
        head: `${this.owner}:${request.branch}`,
        base,
        state: 'open',
        per_page: 1,
      });
      if (open.length === 0) {
        throw new Error(
          `GitHub says a pull request of the branch '${request.branch}' into ${base} exists in ${this.owner}/${this.repo}, but lists no open one`,
        );
      }
      return { number: open[0].number, url: open[0].html_url, created: false };
    });
  }

  /** Moves the branch to a commit: creates it, or fast-forwards it. */
  private async moveBranch(
    branch: string,
    expectedHead: string | null,
    sha: string,
    what: string,
  ): Promise<void> {
    await this.send(what, async octokit => {
      try {
        if (expectedHead === null) {
          await octokit.rest.git.createRef({
            owner: this.owner,
            repo: this.repo,
            ref: `refs/heads/${branch}`,
            sha,
          });
        } else {
          await octokit.rest.git.updateRef({
            owner: this.owner,
            repo: this.repo,
            ref: `heads/${branch}`,
            sha,
            force: false,
          });
        }
      } catch (error) {
        if (
          isRequestError(error) &&
          error.status === 422 &&
          /reference already exists|not a fast forward|reference does not exist/i.test(
            githubMessage(error),
          )
        ) {
          throw new StaleBranchError(
            `The branch '${branch}' moved meanwhile (${githubMessage(error)})`,
          );
        }
        throw error;
      }
    });
  }

  /**
   * The files of the project folder at a commit (or in a tree): the
   * folder's tree is found level by level and only it is listed
   * recursively, so a large repository around it does not count against
   * GitHub's limit of one listing. None when the folder is missing;
   * undefined when the commit is.
   */
  private async projectFiles(
    commitOrTree: string,
    what: string,
  ): Promise<TreeFile[] | undefined> {
    let tree = commitOrTree;
    for (const name of this.folder ? this.folder.split('/') : []) {
      const entries = await this.treeEntries(tree, false, what);
      if (!entries) return tree === commitOrTree ? undefined : [];
      const folder = entries.find(e => e.path === name && e.type === 'tree');
      if (!folder?.sha) return [];
      tree = folder.sha;
    }
    const entries = await this.treeEntries(tree, true, what);
    if (!entries) return tree === commitOrTree ? undefined : [];
    return entries.flatMap(entry =>
      entry.type === 'blob' && entry.path && entry.sha
        ? [
            {
              path: entry.path,
              sha: entry.sha,
              mode: (entry.mode ?? '100644') as Mode,
              size: entry.size,
            },
          ]
        : [],
    );
  }

  private async treeEntries(sha: string, recursive: boolean, what: string) {
    const response = await this.sendOrAbsent(
      what,
      octokit =>
        octokit.rest.git.getTree({
          owner: this.owner,
          repo: this.repo,
          tree_sha: sha,
          ...(recursive && { recursive: '1' }),
        }),
      [404, 409, 422],
    );
    if (response?.data.truncated) {
      throw new Error(
        `Could not ${what} of ${this.owner}/${this.repo}: the project folder '${this.folder}' holds more files than GitHub lists at once`,
      );
    }
    return response?.data.tree;
  }

  private async blob(sha: string, what: string): Promise<Buffer> {
    const { data } = await this.send(what, octokit =>
      octokit.rest.git.getBlob({
        owner: this.owner,
        repo: this.repo,
        file_sha: sha,
      }),
    );
    return Buffer.from(
      data.content,
      data.encoding === 'utf-8' ? 'utf8' : 'base64',
    );
  }

  /** A project path's path in the repository. */
  private repositoryPath(path: string): string {
    return [this.folder, path].filter(Boolean).join('/');
  }

  /** A repository path's path in the project; undefined outside it. */
  private projectPath(path: string): string | undefined {
    if (!this.folder) return path;
    const prefix = `${this.folder}/`;
    return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
  }

  private noCommit(commit: string): GitRefError {
    return new GitRefError(
      `no commit '${commit}' in ${this.owner}/${this.repo}`,
    );
  }

  /** Sends requests with an Octokit, its failures told in plain words. */
  private async send<T>(
    what: string,
    request: (octokit: Octokit) => Promise<T>,
  ): Promise<T> {
    const octokit = await this.octokit();
    try {
      return await request(octokit);
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  /** Like `send`, undefined where GitHub answers one of `absent`. */
  private sendOrAbsent<T>(
    what: string,
    request: (octokit: Octokit) => Promise<T>,
    absent: readonly number[],
  ): Promise<T | undefined> {
    return this.send(what, async octokit => {
      try {
        return await request(octokit);
      } catch (error) {
        if (absent.includes(statusOf(error) ?? 0)) return undefined;
        throw error;
      }
    });
  }

  /** An Octokit error in plain words, naming the repository; others as they are. */
  private failure(what: string, error: unknown): unknown {
    if (!isRequestError(error)) return error;
    const repository = `${this.owner}/${this.repo}`;
    const said = githubMessage(error);
    if (!error.response) {
      // Octokit reports a request that got no answer as a 500.
      return new Error(
        `Could not reach GitHub to ${what} of ${repository}: ${error.message}`,
        { cause: error },
      );
    }
    if (isRateLimited(error)) {
      const reset = Number(error.response.headers?.['x-ratelimit-reset']);
      return new Error(
        `Could not ${what} of ${repository}: the GitHub integration's rate limit is used up${
          reset ? ` until ${new Date(reset * 1000).toISOString()}` : ''
        } (${said})`,
        { cause: error },
      );
    }
    if (error.status === 401 || error.status === 403) {
      return new Error(
        `GitHub refused to ${what} of ${repository} (${error.status} ${said}): the GitHub integration's credentials could not be used for it; check the token or GitHub App configured for the repository's host in integrations.github, and that it may read and write the repository's contents and pull requests`,
        { cause: error },
      );
    }
    if (error.status === 404) {
      return new Error(
        `Could not ${what} of ${repository}: GitHub found nothing (404 ${said}); the repository does not exist, or the GitHub integration's credentials cannot see it`,
        { cause: error },
      );
    }
    return new Error(
      `Could not ${what} of ${repository} on GitHub (${error.status} ${said})`,
      { cause: error },
    );
  }
}
